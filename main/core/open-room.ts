import type Database from 'better-sqlite3';
import type { Clock } from './clock';
import { lockDataFolder, makePrivate } from './data-folder';
import { RoomError } from './pure/errors';
import { openDatabase } from './db/open';
import { backupDatabase, keepDamagedAside, listBackups, openBackupReadOnly, recoverySentence } from './db/recovery';
import { refuseWritesWhileReadOnly } from './db/recovery-handlers';
import type { RecoveryState } from './db/recovery';
import { roomMusic } from './music/room-music';
import { HEARTBEAT_MS, Room } from './room';
import { RoomSettings, type SettingsBackend, type SettingsFiles } from './settings/store';
import { clinicSyncOf } from './sync/handlers';

/** Each open room's backups in progress, one after another: the room closes only after the last one is written. */
const backups = new WeakMap<Room, Promise<void>>();
/** Each open room's hold on its data folder, let go when the room closes. */
const holds = new WeakMap<Room, () => void>();
/** Each open room's heartbeat timer, stopped when the room closes. */
const heartbeats = new WeakMap<Room, NodeJS.Timeout>();

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
  log?: (line: string) => void;
}): Room {
  const log = options.log ?? ((line: string) => console.error(line));
  makePrivate(options.dataDir);
  const release = lockDataFolder(options.dataDir, options.holder ?? 'another Session Room');
  try {
    let recovery: RecoveryState | null = null;
    let db: Database.Database;
    try {
      db = openDatabase(options.dataDir);
    } catch (err) {
      if (!(err instanceof RoomError) || err.code !== 'database_damaged') throw err;
      // Damaged records are kept aside untouched; the room shows the latest backup read-only until the admin restores it.
      const keptAt = keepDamagedAside(options.dataDir);
      const backup = listBackups(options.dataDir)[0] ?? null;
      db = backup ? openBackupReadOnly(backup) : openDatabase(options.dataDir);
      recovery = {
        dataDir: options.dataDir,
        view: { damagedKeptAt: keptAt, backup, restored: false, message: recoverySentence(keptAt, backup) },
      };
      log(`room: ${recovery.view.message}`);
    }
    const room = new Room(
      db,
      options.clock,
      new RoomSettings(options.settingsBackend),
      roomMusic(options.dataDir, options.music),
    );
    if (recovery) {
      room.recovery = recovery;
      if (recovery.view.backup) refuseWritesWhileReadOnly(room);
    } else {
      // A backup at every session close: SQLite's online backup, the last ten kept.
      room.onPush((channel, payload) => {
        if (channel !== 'session-event' || (payload as { event: { kind: string } }).event.kind !== 'session_closed')
          return;
        const previous = backups.get(room) ?? Promise.resolve();
        backups.set(
          room,
          previous
            .then(() => backupDatabase(db, options.dataDir))
            .then(
              () => undefined,
              (err: unknown) => log(`room: the backup after a session close failed: ${(err as Error).message}`),
            ),
        );
      });
    }
    holds.set(room, release);
    // The heartbeat goes on while nothing is recorded (a quiet hour of the session), so a reopening can tell a restart from a gap.
    const timer = setInterval(() => {
      try {
        room.beat();
      } catch (err) {
        log(`room: the heartbeat could not be written: ${(err as Error).message}`);
      }
    }, HEARTBEAT_MS);
    timer.unref();
    heartbeats.set(room, timer);
    return room;
  } catch (err) {
    release();
    throw err;
  }
}

const closing = new WeakMap<Room, Promise<void>>();

/**
 * Closes the room: the clinic sync finishes its batch (what it had not sent stays queued for the next start), the
 * backup of a session just closed is written, the database closes and the data folder is let go. The one way the
 * app and the host stop; asked twice (a second signal, a second quit), it is the same close.
 */
export function closeRoom(room: Room): Promise<void> {
  let done = closing.get(room);
  if (!done) {
    done = (async () => {
      clearInterval(heartbeats.get(room));
      await clinicSyncOf(room)?.stop();
      await backups.get(room);
      room.db.close();
      holds.get(room)?.();
    })();
    closing.set(room, done);
  }
  return done;
}
