import type Database from 'better-sqlite3';
import { RoomError } from '../pure/errors';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export function latestVersion(list: readonly Migration[]): number {
  return list.reduce((max, m) => Math.max(max, m.version), 0);
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Refuses a database written by a newer app, before anything writes to it. */
export function assertNotNewer(db: Database.Database, list: readonly Migration[]): void {
  const found = schemaVersion(db);
  const known = latestVersion(list);
  if (found > known) {
    throw new RoomError(
      'database_too_new',
      `This room's records were written by a newer version of Session Room (record format ${found}; this version reads up to ${known}). ` +
        'Install the newer version on this machine to open them; nothing was changed.',
    );
  }
}

/** Applies every pending migration in one transaction: all of them, or none. */
export function migrate(db: Database.Database, list: readonly Migration[]): { from: number; to: number } {
  assertNotNewer(db, list);
  const from = schemaVersion(db);
  const pending = [...list].filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return { from, to: from };
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
  return { from, to: schemaVersion(db) };
}
