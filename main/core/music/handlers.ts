import type { Handlers, RoomApi } from '../room-api';
import { listMusicLibrary } from './library';

/** The music library methods: the sets the player and the admin choose from. */
export function musicLibraryHandlers(room: RoomApi): Pick<Handlers, 'listMusicSets'> {
  return {
    listMusicSets: () => listMusicLibrary(room.music.places, room.music.mediaUrl, room.settings.get().music.targetLufs),
  };
}
