import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import {
  CLINIC_SCHEMA_VERSION,
  clinicFormat,
  clinicMigrations,
  createRoomRole,
  migrateClinic,
  OWNER_ROLE,
} from '../../main/core/sync/clinic-migrations';
import { throwawayCluster, type ThrowawayCluster } from '../support/clinic-db';

let cluster: ThrowawayCluster;
let owner: pg.Client;
let roomA: pg.Client;
let roomB: pg.Client;

const event = (room: string, session: string, seq: number, patientRef = 'JD-1') => [
  room,
  session,
  seq,
  seq === 1 ? 'session_started' : 'check_in',
  1_000 + seq,
  1_000 + seq,
  'Sam',
  JSON.stringify(seq === 1 ? { patientRef } : {}),
];
const INSERT =
  'INSERT INTO events (room, session_id, seq, kind, occurred_at, recorded_at, author, payload) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)';

beforeAll(async () => {
  cluster = await throwawayCluster();
  owner = await cluster.owner();
  const a = await cluster.addRoom('Room A');
  const b = await cluster.addRoom('Room B');
  roomA = await cluster.asRoom(a.login, a.password);
  roomB = await cluster.asRoom(b.login, b.password);
  await roomA.query(INSERT, event('Room A', 's-a', 1, 'AA-100'));
  await roomB.query(INSERT, event('Room B', 's-b', 1, 'BB-200'));
}, 120_000);

afterAll(async () => {
  await cluster?.destroy();
});

describe('the clinic database', () => {
  it('is at the latest clinic migration, and migrating again changes nothing', async () => {
    expect(await clinicFormat(owner)).toEqual({ version: CLINIC_SCHEMA_VERSION, usableFrom: 1 });
    expect(await migrateClinic(owner)).toEqual({ from: CLINIC_SCHEMA_VERSION, to: CLINIC_SCHEMA_VERSION });
  });

  it('refuses to change or remove an event, even for the superuser', async () => {
    await expect(owner.query("UPDATE events SET author = 'someone else' WHERE room = 'Room A'")).rejects.toThrow(
      /append-only: UPDATE/,
    );
    await expect(owner.query("DELETE FROM events WHERE room = 'Room A'")).rejects.toThrow(/append-only: DELETE/);
    await expect(owner.query('TRUNCATE events')).rejects.toThrow(/append-only: TRUNCATE/);
    expect((await owner.query('SELECT author FROM events WHERE room = $1', ['Room A'])).rows).toEqual([
      { author: 'Sam' },
    ]);
  });

  it("a room's login can add its own events but cannot change, remove or write another room's", async () => {
    await expect(roomA.query("UPDATE events SET author = 'x'")).rejects.toThrow();
    await expect(roomA.query('DELETE FROM events')).rejects.toThrow();
    await expect(roomA.query(INSERT, event('Room B', 's-b', 2))).rejects.toThrow(/row-level security/);
    await roomA.query(INSERT, event('Room A', 's-a', 2));
    const all = await owner.query('SELECT room, session_id, seq FROM events ORDER BY room, seq');
    expect(all.rows).toEqual([
      { room: 'Room A', session_id: 's-a', seq: 1 },
      { room: 'Room A', session_id: 's-a', seq: 2 },
      { room: 'Room B', session_id: 's-b', seq: 1 },
    ]);
  });

  it("a room's login cannot read another room's patients, neither in the events nor in the sessions view", async () => {
    const events = await roomA.query('SELECT room, payload FROM events');
    expect(events.rows.every((r) => r.room === 'Room A')).toBe(true);
    const sessions = await roomA.query('SELECT room, patient_ref FROM clinic_sessions');
    expect(sessions.rows).toEqual([{ room: 'Room A', patient_ref: 'AA-100' }]);
    await expect(roomA.query('SELECT * FROM clinic_rooms')).rejects.toThrow(/permission denied/);
    // The board's read-only login sees every room.
    const board = await cluster.asBoard();
    const everyone = await board.query('SELECT room, patient_ref FROM clinic_sessions ORDER BY room');
    expect(everyone.rows).toEqual([
      { room: 'Room A', patient_ref: 'AA-100' },
      { room: 'Room B', patient_ref: 'BB-200' },
    ]);
  });

  it('the same event sent twice is kept once (ON CONFLICT DO NOTHING on room, session, seq)', async () => {
    const sql = `${INSERT} ON CONFLICT (room, session_id, seq) DO NOTHING`;
    await roomB.query(sql, event('Room B', 's-b', 2));
    await roomB.query(sql, event('Room B', 's-b', 2));
    expect(
      (await owner.query("SELECT count(*)::int AS n FROM events WHERE room = 'Room B' AND seq = 2")).rows[0],
    ).toEqual({ n: 1 });
  });

  it('tells a listener that something arrived, on every insert, without naming the room', async () => {
    const listener = await cluster.asBoard();
    await listener.query('LISTEN clinic_events');
    const heard = new Promise<string | undefined>((resolve) =>
      listener.once('notification', (n) => resolve(n.payload)),
    );
    await roomB.query(INSERT, event('Room B', 's-b', 3));
    expect(await heard).toBe('');
  });
});

describe("a room's login inserts only the columns it owns", () => {
  it("the arrival order and the received time are the server's: a room cannot set them, and its events still go in", async () => {
    await expect(
      roomA.query(
        "INSERT INTO events (room, session_id, seq, kind, occurred_at, recorded_at, author, payload, arrival) OVERRIDING SYSTEM VALUE VALUES ('Room A', 's-a', 50, 'check_in', 1, 1, 'Sam', '{}', 9223372036854775000)",
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      roomA.query(
        "INSERT INTO events (room, session_id, seq, kind, occurred_at, recorded_at, author, payload, received_at) VALUES ('Room A', 's-a', 51, 'check_in', 1, 1, 'Sam', '{}', '2999-01-01')",
      ),
    ).rejects.toThrow(/permission denied/);
    // Beside it, the room's own columns still go in, numbered and dated by the server.
    await roomA.query(INSERT, event('Room A', 's-a', 52));
    const { rows } = await owner.query(
      "SELECT max(arrival) < 1000000 AS small, bool_and(received_at <= now() + interval '1 minute') AS now FROM events",
    );
    expect(rows[0]).toEqual({ small: true, now: true });
  });

  it('a report is dated by the server: one dated 2999 is refused, and a report still goes in', async () => {
    await expect(roomA.query("INSERT INTO room_reports (room, at) VALUES ('Room A', '2999-01-01')")).rejects.toThrow(
      /permission denied/,
    );
    await roomA.query("INSERT INTO room_reports (room, waiting) VALUES ('Room A', 3)");
    await expect(roomA.query("INSERT INTO room_reports (room) VALUES ('Room B')")).rejects.toThrow(
      /row-level security/,
    );
    const { rows } = await owner.query(
      "SELECT room, waiting, at <= now() AS past FROM room_reports WHERE room = 'Room A'",
    );
    expect(rows).toEqual([{ room: 'Room A', waiting: 3, past: true }]);
    // Reports are append-only like the events, whoever asks.
    await expect(owner.query('UPDATE room_reports SET waiting = 0')).rejects.toThrow(/append-only: UPDATE/);
    await expect(owner.query('DELETE FROM room_reports')).rejects.toThrow(/append-only: DELETE/);
    await expect(owner.query('TRUNCATE room_reports')).rejects.toThrow(/append-only: TRUNCATE/);
  });
});

describe('the tables belong to a role no one logs in as, and the board only reads', () => {
  it('the owner role is no superuser and has no login; it cannot lift the append-only rule, run a program or change the structure', async () => {
    const { rows } = await owner.query('SELECT rolsuper, rolcanlogin, rolbypassrls FROM pg_roles WHERE rolname = $1', [
      OWNER_ROLE,
    ]);
    expect(rows).toEqual([{ rolsuper: false, rolcanlogin: false, rolbypassrls: false }]);
    const tables = await owner.query("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'");
    expect(tables.rows).toEqual([{ tableowner: OWNER_ROLE }]);
    const asOwner = await cluster.asTableOwner();
    await expect(asOwner.query('SET session_replication_role = replica')).rejects.toThrow(
      /permission denied to set parameter/,
    );
    await expect(asOwner.query('ALTER TABLE events DISABLE TRIGGER events_no_update_or_delete')).rejects.toThrow(
      /structure changes only through its maintenance/,
    );
    await expect(asOwner.query('ALTER TABLE room_reports DISABLE TRIGGER ALL')).rejects.toThrow(
      /structure changes only through its maintenance/,
    );
    await expect(asOwner.query('DROP TRIGGER events_no_update_or_delete ON events')).rejects.toThrow(
      /structure changes only through its maintenance/,
    );
    await expect(asOwner.query('ALTER TABLE events DISABLE ROW LEVEL SECURITY')).rejects.toThrow(
      /structure changes only through its maintenance/,
    );
    await expect(asOwner.query("COPY events TO PROGRAM 'id'")).rejects.toThrow(/pg_execute_server_program/);
    await expect(asOwner.query("DELETE FROM events WHERE room = 'Room A'")).rejects.toThrow(/append-only: DELETE/);
    await asOwner.query('RESET ROLE');
    // Beside it, maintenance (the superuser, as clinic-db) still migrates, and every event is still there.
    expect(await migrateClinic(owner)).toEqual({ from: CLINIC_SCHEMA_VERSION, to: CLINIC_SCHEMA_VERSION });
    expect(
      (await owner.query("SELECT count(*)::int AS n FROM events WHERE room = 'Room A' AND seq = 1")).rows[0],
    ).toEqual({ n: 1 });
  });

  it("the board's login reads every room and writes nothing", async () => {
    const board = await cluster.asBoard();
    expect((await board.query('SELECT DISTINCT room FROM events ORDER BY room')).rows).toEqual([
      { room: 'Room A' },
      { room: 'Room B' },
    ]);
    expect((await board.query('SELECT room FROM clinic_room_status ORDER BY room')).rows).toEqual([
      { room: 'Room A' },
      { room: 'Room B' },
    ]);
    await expect(board.query(INSERT, event('Room A', 's-a', 90))).rejects.toThrow(/permission denied/);
    await expect(board.query("INSERT INTO room_reports (room) VALUES ('Room A')")).rejects.toThrow(/permission denied/);
    await expect(board.query("UPDATE events SET author = 'x'")).rejects.toThrow(/permission denied/);
    await expect(board.query('CREATE TEMP TABLE t (a int)')).rejects.toThrow(
      /structure changes only through its maintenance/,
    );
    await expect(board.query("COPY events TO PROGRAM 'id'")).rejects.toThrow(/pg_execute_server_program/);
  });

  it('a clinic database of the previous format is updated in place, and a room of that version still sends to it', async () => {
    await owner.query('CREATE DATABASE clinic_previous');
    const maintenance = await cluster.maintenance('clinic_previous');
    try {
      await migrateClinic(
        maintenance,
        clinicMigrations.filter((m) => m.version <= 2),
      );
      const room = await createRoomRole(maintenance, 'Room P', 'previous-password');
      const asRoom = await cluster.asRoom(room.role, 'previous-password', 'clinic_previous');
      const sent = (seq: number) =>
        asRoom.query(`${INSERT} ON CONFLICT (room, session_id, seq) DO NOTHING`, event('Room P', 's-p', seq));
      await sent(1);
      expect(await migrateClinic(maintenance)).toEqual({ from: 2, to: CLINIC_SCHEMA_VERSION });
      expect(await clinicFormat(maintenance)).toEqual({ version: CLINIC_SCHEMA_VERSION, usableFrom: 1 });
      // The same statement the previous version's room sends still works; what it never sent is now refused.
      await sent(2);
      await expect(
        asRoom.query(
          "INSERT INTO events (room, session_id, seq, kind, occurred_at, recorded_at, author, payload, arrival) OVERRIDING SYSTEM VALUE VALUES ('Room P', 's-p', 3, 'check_in', 1, 1, 'Sam', '{}', 5)",
        ),
      ).rejects.toThrow(/permission denied/);
      expect((await maintenance.query('SELECT seq FROM events ORDER BY seq')).rows).toEqual([{ seq: 1 }, { seq: 2 }]);
    } finally {
      await maintenance.end();
    }
  });
});
