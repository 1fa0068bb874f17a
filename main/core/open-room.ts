import type { Clock } from './clock';
import { lockDataFolder, makePrivate } from './data-folder';
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
  /** What this process is, named to a second process refused the same folder ("the browser room", "the Session Room app"). */
  holder?: string;
}): Room {
  makePrivate(options.dataDir);
  const release = lockDataFolder(options.dataDir, options.holder ?? 'another Session Room');
  try {
    const db = openDatabase(options.dataDir);
    return new Room(db, options.clock, new RoomSettings(options.settingsBackend), roomMusic(options.dataDir, options.music));
  } catch (err) {
    release();
    throw err;
  }
}
