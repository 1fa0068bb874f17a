import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { CLINIC_SCHEMA_VERSION, clinicFormat, migrateClinic } from '../../main/core/sync/clinic-migrations';
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
const INSERT = 'INSERT INTO events (room, session_id, seq, kind, occurred_at, recorded_at, author, payload) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)';

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

  it('refuses to change or remove an event, even for the clinic owner', async () => {
    await expect(owner.query("UPDATE events SET author = 'someone else' WHERE room = 'Room A'")).rejects.toThrow(/append-only: UPDATE/);
    await expect(owner.query("DELETE FROM events WHERE room = 'Room A'")).rejects.toThrow(/append-only: DELETE/);
    await expect(owner.query('TRUNCATE events')).rejects.toThrow(/append-only: TRUNCATE/);
    expect((await owner.query('SELECT author FROM events WHERE room = $1', ['Room A'])).rows).toEqual([{ author: 'Sam' }]);
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
    // The clinic owner (the board) sees every room.
    const everyone = await owner.query('SELECT room, patient_ref FROM clinic_sessions ORDER BY room');
    expect(everyone.rows).toEqual([
      { room: 'Room A', patient_ref: 'AA-100' },
      { room: 'Room B', patient_ref: 'BB-200' },
    ]);
  });

  it('the same event sent twice is kept once (ON CONFLICT DO NOTHING on room, session, seq)', async () => {
    const sql = `${INSERT} ON CONFLICT (room, session_id, seq) DO NOTHING`;
    await roomB.query(sql, event('Room B', 's-b', 2));
    await roomB.query(sql, event('Room B', 's-b', 2));
    expect((await owner.query("SELECT count(*)::int AS n FROM events WHERE room = 'Room B' AND seq = 2")).rows[0]).toEqual({ n: 1 });
  });

  it('tells a listener which room wrote, on every insert', async () => {
    const listener = await cluster.owner();
    await listener.query('LISTEN clinic_events');
    const heard = new Promise<string | undefined>((resolve) => listener.once('notification', (n) => resolve(n.payload)));
    await roomB.query(INSERT, event('Room B', 's-b', 3));
    expect(await heard).toBe('Room B');
  });
});
