import type { Clock } from './clock';
import { openDatabase } from './db/open';
import { roomMusic } from './music/handlers';
import { Room } from './room';
import { RoomSettings, type SettingsBackend, type SettingsFiles } from './settings/store';

/** Opens the room on a data folder: the one way both the Electron shell and the browser host start the core. */
export function openRoom(options: {
  dataDir: string;
  clock: Clock;
  /** The settings file (and its last-good copy); null keeps settings in memory (tests, bench). */
  settingsBackend: SettingsBackend | SettingsFiles | null;
  /** Where the shipped playlists/ and assets/music/ are, and how the renderer addresses a music file. */
  music?: { appDir?: string | null; mediaUrl?: (libraryPath: string) => string };
}): Room {
  const db = openDatabase(options.dataDir);
  return new Room(db, options.clock, new RoomSettings(options.settingsBackend), roomMusic(options.dataDir, options.music));
}
