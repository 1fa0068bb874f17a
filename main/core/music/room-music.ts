import { encodeLibraryPath } from './library-path';
import { musicLibraryPlaces, type MusicLibraryPlaces } from './library';

/** What the room knows of its music: where the sets and files are, and how the renderer addresses a file. */
export interface RoomMusic {
  places: MusicLibraryPlaces;
  /** The address the renderer plays a library file from; given by whoever starts the room (host or shell). */
  mediaUrl: (libraryPath: string) => string;
}

/**
 * The room's music from its data folder. `appDir` holds the shipped playlists/ and assets/music/ (null: none);
 * without a `mediaUrl`, tracks are addressed as the browser host's /media/ route.
 */
export function roomMusic(
  dataDir: string,
  options: { appDir?: string | null; mediaUrl?: (libraryPath: string) => string } = {},
): RoomMusic {
  return {
    places: musicLibraryPlaces(dataDir, options.appDir ?? null),
    mediaUrl: options.mediaUrl ?? ((libraryPath) => `/media/${encodeLibraryPath(libraryPath)}`),
  };
}
