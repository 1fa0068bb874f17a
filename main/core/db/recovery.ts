/**
 * A damaged database and the way back: the room backs its records up with SQLite's online backup at every
 * session close (the last 10 kept, in <data>/backups). A file that fails its check at open is kept aside in
 * <data>/damaged, never deleted; the room then shows the latest backup read-only, and restores it when the
 * admin says so.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { copyFileDurably } from '../durable-file';
import { RoomError } from '../pure/errors';
import { DATABASE_FILE } from './open';
import type { BackupFile, RecoveryView } from './recovery-view';

export const BACKUP_FOLDER = 'backups';
export const DAMAGED_FOLDER = 'damaged';
export const BACKUPS_KEPT = 10;

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace('.', '');
const SQLITE_SIDE_FILES = ['', '-wal', '-shm'];

/** The room's backups, newest first. */
export function listBackups(dataDir: string): BackupFile[] {
  const dir = path.join(dataDir, BACKUP_FOLDER);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => /^session-room-\d{8}T\d{9}Z\.db$/.test(name))
    .sort()
    .reverse()
    .map((name) => ({ file: path.join(dir, name), takenAt: fs.statSync(path.join(dir, name)).mtimeMs }));
}

/** Copies the open database to a new backup with SQLite's online backup, then keeps only the newest ten. */
export async function backupDatabase(db: Database.Database, dataDir: string): Promise<BackupFile> {
  const dir = path.join(dataDir, BACKUP_FOLDER);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  let name = `session-room-${stamp(Date.now())}.db`;
  for (let n = 1; fs.existsSync(path.join(dir, name)); n++) name = `session-room-${stamp(Date.now() + n)}.db`;
  const target = path.join(dir, name);
  const temp = `${target}.tmp`;
  await db.backup(temp);
  fs.chmodSync(temp, 0o600);
  const fd = fs.openSync(temp, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, target);
  for (const old of listBackups(dataDir).slice(BACKUPS_KEPT)) fs.rmSync(old.file, { force: true });
  return { file: target, takenAt: fs.statSync(target).mtimeMs };
}

/** Moves the damaged database (and its journal files) into <data>/damaged, untouched; returns where. */
export function keepDamagedAside(dataDir: string, now = Date.now()): string {
  const dir = path.join(dataDir, DAMAGED_FOLDER);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const base = path.join(dir, `session-room-${stamp(now)}.db`);
  for (const side of SQLITE_SIDE_FILES) {
    const from = path.join(dataDir, `${DATABASE_FILE}${side}`);
    if (fs.existsSync(from)) fs.renameSync(from, `${base}${side}`);
  }
  return base;
}

/** Opens a backup so nothing can change it: the room shows it before the admin decides. */
export function openBackupReadOnly(backup: BackupFile): Database.Database {
  const db = new Database(backup.file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Copies the backup back as the room's records (durably); the damaged file stays where it was kept. */
export function restoreBackup(dataDir: string, backup: BackupFile): void {
  const target = path.join(dataDir, DATABASE_FILE);
  if (fs.existsSync(target)) {
    // Records begun since (a fresh file after damage with no backup) are kept aside too, never overwritten.
    keepDamagedAside(dataDir);
  }
  try {
    copyFileDurably(backup.file, target);
  } catch (err) {
    throw new RoomError(
      'restore_failed',
      `The backup could not be copied back (${(err as NodeJS.ErrnoException).code ?? 'error'}). Check there is space on the disk, then try again.`,
    );
  }
}

export function recoverySentence(keptAt: string, backup: BackupFile | null): string {
  if (!backup) {
    return `The room's records were damaged and could not be read. They were kept at ${keptAt}, and there is no backup: the room started new records. Tell the clinic admin.`;
  }
  return (
    `The room's records were damaged and could not be read; they were kept at ${keptAt}. ` +
    `The room shows its latest backup (${new Date(backup.takenAt).toLocaleString()}) read-only: nothing can be recorded until the clinic admin restores it.`
  );
}

/** The room after damaged records were found: where they went, and the backup it shows. Set by openRoom. */
export interface RecoveryState {
  dataDir: string;
  view: RecoveryView;
}
