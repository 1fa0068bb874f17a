import type pg from 'pg';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { dispatch } from '../../main/core/bridge/dispatch';
import { ManualClock } from '../../main/core/clock';
import { closeRoom, openRoom } from '../../main/core/open-room';
import type { Room } from '../../main/core/room';
import { filePasswordStore } from '../../main/core/sync/connection';
import { startClinicSync } from '../../main/core/sync/handlers';
import type { EventRow } from '../../main/core/session/store';
import type { ClinicSync, SyncOptions } from '../../main/core/sync/worker';
import type { MethodName } from '../../main/core/contract/channels';
import type { ArgsOf, Envelope, ResultOf } from '../../main/core/contract/contract';
import { tempDataDir } from './host-process';
import { throwawayCluster, type ThrowawayCluster } from './clinic-db';

/** A room on a temp folder with its clinic sync worker running (quick retries), driven through the bridge's dispatch. */
export function clinicRoom(options: SyncOptions = {}) {
  const clock = new ManualClock(Date.now());
  const dataDir = tempDataDir('room-clinic-');
  const room: Room = openRoom({ dataDir, clock, settingsBackend: null });
  const logs: string[] = [];
  const sync: ClinicSync = startClinicSync(room, dataDir, filePasswordStore(dataDir), {
    retryMinMs: 100,
    retryMaxMs: 400,
    log: (l) => logs.push(l),
    ...options,
  });
  const call = <M extends MethodName>(method: M, args: ArgsOf<M>) =>
    dispatch(room.handlers, method, args, () => {}) as Promise<Envelope<ResultOf<M>>>;
  async function ok<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
    const env = await call(method, args);
    if (!env.ok) throw new Error(`${method}: ${env.error.message}`);
    return env.value;
  }
  let adminKey = '';
  const admin = async () => (adminKey ||= (await ok('setAdminPin', { pin: '2580' })).adminKey);
  return {
    clock,
    dataDir,
    room,
    sync,
    logs,
    call,
    ok,
    admin,
    /** The admin's form: the address, the room's name and login, its password and the clinic's CA certificate (PEM). */
    async connect(c: { address: string; room: string; login: string; password?: string; ca?: string }) {
      return ok('setClinicConnection', { adminKey: await admin(), ...c });
    },
    async session(patientRef = 'JD-1024'): Promise<string> {
      const view = await ok('startSession', {
        patientRef,
        presetId: 'sublingual',
        plannedDoseMg: 150,
        therapist: 'Dr Kim',
        sitter: 'Sam',
      });
      return view.session.id;
    },
    async note(sessionId: string, text: string) {
      return ok('recordObservation', { sessionId, content: { text, tags: [] }, author: 'Sam' });
    },
    eventCount: () => (room.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n,
    /** The room's own record, as the clinic copy is compared with it. */
    events: (): RecordRow[] =>
      (
        room.db
          .prepare(
            'SELECT session_id, seq, kind, occurred_at, recorded_at, author, author_role, payload FROM events ORDER BY session_id, seq',
          )
          .all() as EventRow[]
      ).map((r) => ({ ...r, payload: JSON.parse(r.payload) })),
    outboxCount: () => (room.db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n,
    /** As the app closes a room: the sync's batch, the heartbeat and the database, in that order. */
    async close() {
      await sync.stop();
      await closeRoom(room);
    },
  };
}

/** An event as both copies are compared: the room's database row, with its payload read. */
export type RecordRow = Omit<EventRow, 'payload'> & { payload: unknown };

/** The clinic's copy of a room's events, in arrival order. */
export async function clinicEvents(owner: pg.Client, room: string): Promise<RecordRow[]> {
  const { rows } = await owner.query(
    'SELECT session_id, seq, kind, occurred_at, recorded_at, author, author_role, payload FROM events WHERE room = $1 ORDER BY arrival',
    [room],
  );
  return rows.map((r) => ({ ...r, occurred_at: Number(r.occurred_at), recorded_at: Number(r.recorded_at) }));
}

/** Every session's events arrived once each, 1..n with no gap, in the order they were recorded. */
export function inOrderOncePerSession(rows: { session_id: string; seq: number }[]): boolean {
  const next = new Map<string, number>();
  for (const row of rows) {
    const expected = (next.get(row.session_id) ?? 0) + 1;
    if (row.seq !== expected) return false;
    next.set(row.session_id, expected);
  }
  return true;
}

/**
 * A test file's clinic database: one throwaway PostgreSQL cluster started before its tests and destroyed after them, its
 * owner's connection, and the rooms each test opens (closed after each test).
 */
export function clinicFixture() {
  const held: { cluster?: ThrowawayCluster; owner?: pg.Client } = {};
  const open: ReturnType<typeof clinicRoom>[] = [];
  beforeAll(async () => {
    held.cluster = await throwawayCluster();
    held.owner = await held.cluster.owner();
  }, 120_000);
  afterEach(async () => {
    await Promise.all(open.splice(0).map((r) => r.close()));
  });
  afterAll(async () => {
    await held.cluster?.destroy();
  });
  return {
    get cluster(): ThrowawayCluster {
      return held.cluster!;
    },
    get owner(): pg.Client {
      return held.owner!;
    },
    /** A new owner's connection, after a test stopped and started the cluster. */
    set owner(client: pg.Client) {
      held.owner = client;
    },
    newRoom(options?: SyncOptions) {
      const r = clinicRoom(options);
      open.push(r);
      return r;
    },
  };
}
