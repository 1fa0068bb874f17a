import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase } from '../../main/core/db/open';
import { latestVersion } from '../../main/core/db/migrate';
import { migrations } from '../../main/core/db/migrations';
import { eventDigest } from '../../main/core/session/chain';
import { tempDataDir } from '../support/host-process';

const hash = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('database migrations', () => {
  it('creates a fresh database at the latest version, in WAL with synchronous=FULL and STRICT tables', () => {
    const db = openDatabase(tempDataDir());
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    const tables = db
      .prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name IN ('sessions', 'events')")
      .all() as { name: string; strict: number }[];
    expect(tables).toHaveLength(2);
    expect(tables.every((t) => t.strict === 1)).toBe(true);
    db.close();
  });

  it('upgrades a version-1 database in place, keeping its sessions and events', () => {
    const dir = tempDataDir();
    const v1 = openDatabase(dir, migrations.slice(0, 1));
    expect(v1.pragma('user_version', { simple: true })).toBe(1);
    v1.prepare("INSERT INTO sessions (id, created_at, patient_ref, preset_id) VALUES ('s1', 1, 'AB', 'im')").run();
    v1.prepare("INSERT INTO events VALUES ('s1', 1, 'dose', 5, 6, 'Dr K', '{\"mg\":50,\"booster\":false}')").run();
    v1.close();

    const db = openDatabase(dir);
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion(migrations));
    // An event written before roles were kept reads with no role.
    expect(db.prepare('SELECT author, author_role FROM events').get()).toEqual({ author: 'Dr K', author_role: null });
    expect(db.prepare('SELECT patient_ref, closed_at FROM sessions').get()).toEqual({
      patient_ref: 'AB',
      closed_at: null,
    });
    expect(db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 1 });
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'sessions_by_patient'")
      .all();
    expect(indexes).toHaveLength(1);
    db.close();
  });

  it('applies pending migrations all or nothing: a failing one leaves the database at its old version', () => {
    const dir = tempDataDir();
    openDatabase(dir, migrations.slice(0, 1)).close();
    const broken = [
      ...migrations,
      {
        version: 3,
        name: 'broken',
        up: (d: Database.Database) => d.exec('CREATE TABLE nope (x TEXT) STRICT; SELECT * FROM missing_table;'),
      },
    ];
    expect(() => openDatabase(dir, broken)).toThrow();
    const db = new Database(path.join(dir, DATABASE_FILE));
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(
      db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name IN ('nope', 'sessions_by_patient')").get(),
    ).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database from a newer app with a clear sentence and leaves the file byte-identical', () => {
    const dir = tempDataDir();
    const file = path.join(dir, DATABASE_FILE);
    const newer = new Database(file);
    newer.exec('CREATE TABLE future (x INTEGER) STRICT');
    newer.pragma('user_version = 99');
    newer.close();
    const before = hash(file);
    expect(() => openDatabase(dir)).toThrow(
      new RegExp(
        `newer version of Session Room \\(record format 99; this version reads up to ${latestVersion(migrations)}\\).*nothing was changed`,
      ),
    );
    expect(hash(file)).toBe(before);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('version 7 binds kept answers to a digest (none for answers kept before) and deletes the admin keys kept on disk', () => {
    const dir = tempDataDir();
    const v6 = openDatabase(
      dir,
      migrations.filter((m) => m.version <= 6),
    );
    expect(v6.pragma('user_version', { simple: true })).toBe(6);
    const keep = v6.prepare(
      'INSERT INTO bridge_requests (request_id, method, answer, answered_at) VALUES (?, ?, ?, 1)',
    );
    keep.run('request-check-in', 'recordCheckIn', '{"ok":true,"value":{"seq":3}}');
    keep.run('request-unlock', 'unlockAdmin', `{"ok":true,"value":{"adminKey":"${'ab'.repeat(24)}"}}`);
    keep.run('request-set-pin', 'setAdminPin', `{"ok":true,"value":{"adminKey":"${'cd'.repeat(24)}"}}`);
    v6.close();

    const db = openDatabase(dir);
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion(migrations));
    expect(db.prepare("SELECT type FROM pragma_table_info('bridge_requests') WHERE name = 'digest'").get()).toEqual({
      type: 'TEXT',
    });
    expect(db.prepare('SELECT request_id, method, digest, answer FROM bridge_requests').all()).toEqual([
      {
        request_id: 'request-check-in',
        method: 'recordCheckIn',
        digest: null,
        answer: '{"ok":true,"value":{"seq":3}}',
      },
    ]);
    db.close();
  });

  it('version 10 gives the events already written their hash chain, in the order the clinic receives them', () => {
    const dir = tempDataDir();
    const v9 = openDatabase(
      dir,
      migrations.filter((m) => m.version <= 9),
    );
    v9.prepare("INSERT INTO sessions (id, created_at, patient_ref, preset_id) VALUES ('s1', 1, 'AB', 'im')").run();
    const add = v9.prepare(
      "INSERT INTO events (session_id, seq, kind, occurred_at, recorded_at, author, author_role, payload) VALUES ('s1', ?, 'check_in', 5, ?, 'Sam', ?, '{}')",
    );
    add.run(1, 9, null);
    add.run(2, 8, 'sitter');
    add.run(3, 7, null);
    // The first one already sent: it comes first; the queued ones follow in queue order.
    v9.prepare('DELETE FROM outbox WHERE seq = 1').run();
    v9.close();
    const db = openDatabase(dir);
    const rows = db
      .prepare(
        'SELECT chain_pos, session_id, seq, kind, occurred_at, recorded_at, author, author_role, payload, prev_digest, digest FROM events ORDER BY chain_pos',
      )
      .all() as {
      chain_pos: number;
      seq: number;
      prev_digest: string | null;
      digest: string;
    }[];
    expect(rows.map((r) => [r.chain_pos, r.seq])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    let prev: string | null = null;
    for (const row of rows) {
      expect(row.prev_digest).toBe(prev);
      expect(row.digest).toBe(eventDigest(prev, row as never));
      prev = row.digest;
    }
    // Still append-only afterwards.
    expect(() => db.prepare("UPDATE events SET digest = 'x'").run()).toThrow(/append-only/);
    db.close();
  });

  it('refuses to change or delete an event, even from SQL', () => {
    const db = openDatabase(tempDataDir());
    db.prepare("INSERT INTO sessions (id, created_at, patient_ref, preset_id) VALUES ('s1', 1, 'AB', 'im')").run();
    const digest = eventDigest(null, {
      session_id: 's1',
      seq: 1,
      kind: 'dose',
      occurred_at: 5,
      recorded_at: 6,
      author: 'Dr K',
      author_role: null,
      payload: '{}',
    });
    db.prepare(
      "INSERT INTO events (session_id, seq, kind, occurred_at, recorded_at, author, payload, chain_pos, digest) VALUES ('s1', 1, 'dose', 5, 6, 'Dr K', '{}', 1, ?)",
    ).run(digest);
    expect(() => db.prepare("UPDATE events SET author = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE events SET digest = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    db.close();
  });
});
