import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { RoomError } from '../pure/errors';
import { assertNotNewer, migrate, type Migration } from './migrate';
import { migrations as allMigrations } from './migrations';

export const DATABASE_FILE = 'session-room.db';

/**
 * Opens (or creates) the room's database in `dataDir`: refuses one from a newer app untouched,
 * then WAL, synchronous=FULL (every acknowledged event is on disk), foreign keys, migrations.
 */
export function openDatabase(dataDir: string, list: readonly Migration[] = allMigrations): Database.Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE);
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (err) {
    throw new RoomError(
      'database_unreadable',
      `The room's records at ${file} could not be opened (${(err as Error).message}). Check the folder is readable and writable, then start again.`,
    );
  }
  try {
    // Checked before any pragma that writes (journal_mode does), so a newer database stays byte-identical.
    assertNotNewer(db, list);
    assertIntact(db, file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, list);
    return db;
  } catch (err) {
    db.close();
    throw isDamage(err) ? damaged(file) : err;
  }
}

const isDamage = (err: unknown) =>
  /^SQLITE_(CORRUPT|NOTADB)/.test(String((err as { code?: string } | null)?.code ?? ''));
const damaged = (file: string) =>
  new RoomError(
    'database_damaged',
    `The room's records at ${file} are damaged and cannot be read safely. They are kept aside; the room offers its latest backup.`,
  );

/** SQLite's quick_check over every page: a damaged file is found at open, not in the middle of a session. */
function assertIntact(db: Database.Database, file: string): void {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  if (rows.length !== 1 || rows[0]?.quick_check !== 'ok') throw damaged(file);
}
