import pg from 'pg';
import type { StoredEvent } from '../core/session/events';
import { BOARD_LOGIN, clinicFormat, clinicFormatSentence } from '../core/sync/clinic-migrations';
import { BOARD_PASSWORD_FILE } from './cluster';

interface EventRow {
  room: string;
  session_id: string;
  seq: number;
  kind: string;
  occurred_at: string;
  recorded_at: string;
  author: string;
  author_role: string | null;
  payload: unknown;
  arrival: string;
}

/** The board was given a login that can change the clinic's record: it refuses it, in a sentence. */
export class WritableLoginRefused extends Error {}

/** How far back the board looks for sessions when it starts: a session is at most a day's work. */
const LOOK_BACK_MS = 24 * 60 * 60_000;
/** And for discharged sessions whose next-day follow-up call it counts: a week (older calls still due are in the room's history). */
const FOLLOW_UP_LOOK_BACK_MS = 8 * 24 * 60 * 60_000;

/**
 * The board's read of the clinic database: every room's recent sessions kept in memory, topped up with the
 * events that arrived since (by arrival order) whenever PostgreSQL notifies an insert.
 */
export class ClinicFeed {
  /** room -> session -> events in seq order. */
  readonly sessions = new Map<string, Map<string, StoredEvent[]>>();
  readonly rooms = new Map<string, { lastReportAt: number | null }>();
  private lastArrival = '0';
  private listener: pg.Client | null = null;
  private fetching: Promise<void> | null = null;
  private again = false;
  private started = false;
  private stopped = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly onChange: (rooms: Set<string>) => void,
  ) {}

  /**
   * Loads, then listens. Refuses a clinic database from a newer Session Room with its sentence, and a login that could
   * change the clinic's record: the board reads with its read-only login only.
   */
  async start(config: pg.ClientConfig): Promise<void> {
    const client = await this.pool.connect();
    try {
      const unusable = clinicFormatSentence(await clinicFormat(client), 'clinic');
      if (unusable) throw new Error(unusable);
      const { rows } = await client.query<{ login: string; mighty: boolean; writes: boolean }>(
        `SELECT current_user AS login, rolsuper OR rolbypassrls OR rolcreaterole AS mighty,
           has_table_privilege('public.events', 'INSERT, UPDATE, DELETE, TRUNCATE') OR has_table_privilege('public.room_reports', 'INSERT, UPDATE, DELETE, TRUNCATE') AS writes
         FROM pg_roles WHERE rolname = current_user`,
      );
      const role = rows[0];
      if (!role || role.mighty || role.writes) {
        throw new WritableLoginRefused(
          `The board reads the clinic database with its read-only login (${BOARD_LOGIN}, its password in ${BOARD_PASSWORD_FILE} in clinic-db's folder); ` +
            `the login "${role?.login ?? '?'}" can change the clinic's record, so the board does not use it.`,
        );
      }
    } finally {
      client.release();
    }
    await this.loadRecent();
    await this.refreshRooms();
    await this.listen(config);
  }

  /** LISTEN on its own connection; what arrived before it listened is fetched at once. Listens again after a drop. */
  private async listen(config: pg.ClientConfig): Promise<void> {
    const listener = new pg.Client({ ...config, application_name: 'session-room board (listening)' });
    this.listener = listener;
    let dropped = false;
    const again = () => {
      if (dropped || this.stopped) return;
      dropped = true;
      const timer = setTimeout(() => void this.listen(config).catch(again), 1_000);
      timer.unref?.();
    };
    listener.on('error', again);
    listener.on('end', again);
    listener.on('notification', () => this.refresh());
    try {
      await listener.connect();
      await listener.query('LISTEN clinic_events');
    } catch (err) {
      dropped = true; // this client is finished with; its 'end' must not schedule a second retry
      await listener.end().catch(() => undefined);
      if (!this.started) throw err;
      dropped = false;
      again();
      return;
    }
    this.started = true;
    this.refresh();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.fetching;
    await this.listener?.end().catch(() => undefined);
  }

  private async loadRecent(): Promise<void> {
    const since = Date.now() - LOOK_BACK_MS;
    const max =
      (await this.pool.query<{ a: string | null }>('SELECT max(arrival)::text AS a FROM events')).rows[0]?.a ?? '0';
    const { rows } = await this.pool.query<EventRow>(
      `SELECT e.room, e.session_id, e.seq, e.kind, e.occurred_at, e.recorded_at, e.author, e.author_role, e.payload, e.arrival
       FROM events e JOIN (SELECT DISTINCT room, session_id FROM events WHERE recorded_at > $1 OR (kind = 'follow_up_due' AND recorded_at > $3)) s USING (room, session_id)
       WHERE e.arrival <= $2 ORDER BY e.arrival`,
      [since, max, Date.now() - FOLLOW_UP_LOOK_BACK_MS],
    );
    this.take(rows);
    this.lastArrival = max;
  }

  /** Fetches what arrived since the last fetch; one fetch at a time, and once more if notified meanwhile. */
  refresh(): void {
    if (this.fetching) {
      this.again = true;
      return;
    }
    this.fetching = (async () => {
      do {
        this.again = false;
        try {
          const { rows } = await this.pool.query<EventRow>(
            'SELECT room, session_id, seq, kind, occurred_at, recorded_at, author, author_role, payload, arrival FROM events WHERE arrival > $1 ORDER BY arrival',
            [this.lastArrival],
          );
          const changed = this.take(rows);
          await this.refreshRooms();
          for (const room of this.rooms.keys()) changed.add(room);
          if (changed.size) this.onChange(changed);
        } catch {
          // The next notification or the periodic refresh tries again; the board shows the last good tiles.
        }
      } while (this.again);
      this.fetching = null;
    })();
  }

  /** Rooms and when each last reported (an event or a report). */
  async refreshRooms(): Promise<void> {
    const { rows } = await this.pool.query<{ room: string; last: Date | null }>(
      'SELECT room, greatest(last_report_at, last_event_at) AS last FROM clinic_room_status ORDER BY room',
    );
    for (const row of rows) this.rooms.set(row.room, { lastReportAt: row.last ? row.last.getTime() : null });
  }

  private take(rows: EventRow[]): Set<string> {
    const changed = new Set<string>();
    for (const row of rows) {
      let room = this.sessions.get(row.room);
      if (!room) this.sessions.set(row.room, (room = new Map<string, StoredEvent[]>()));
      let events = room.get(row.session_id);
      if (!events) room.set(row.session_id, (events = []));
      const event = {
        sessionId: row.session_id,
        seq: row.seq,
        kind: row.kind,
        occurredAt: Number(row.occurred_at),
        recordedAt: Number(row.recorded_at),
        author: row.author,
        ...(row.author_role ? { authorRole: row.author_role } : {}),
        payload: row.payload,
      } as StoredEvent;
      if (events.length === 0 || events[events.length - 1]!.seq < event.seq) events.push(event);
      else if (!events.some((e) => e.seq === event.seq)) {
        events.push(event);
        events.sort((a, b) => a.seq - b.seq);
      }
      changed.add(row.room);
      if (BigInt(row.arrival) > BigInt(this.lastArrival)) this.lastArrival = row.arrival;
    }
    return changed;
  }

  /** The room's session to show: the newest one not closed, else none. */
  currentSession(room: string): StoredEvent[] | null {
    const sessions = [...(this.sessions.get(room)?.values() ?? [])].filter(
      (events) => events[0]?.kind === 'session_started',
    );
    const open = sessions.filter((events) => !events.some((e) => e.kind === 'session_closed'));
    open.sort((a, b) => b[0]!.occurredAt - a[0]!.occurredAt);
    return open[0] ?? null;
  }
}
