import type Database from 'better-sqlite3';
import pg from 'pg';
import type { RoomApi } from '../room-api';
import type { ChainedEventRow } from '../session/store';
import { clockText } from '../pure/time-text';
import { clinicFormat, clinicFormatSentence } from './clinic-migrations';
import { readConnection, type ClinicConnection, type PasswordStore } from './connection';
import { ClinicProblem, describeClinicProblem } from './problems';
import { clinicClientConfig } from './tls';
import type { SyncState, SyncStatus } from './view';

export interface SyncOptions {
  /** First wait after a failure; doubled on each failure up to retryMaxMs. */
  retryMinMs?: number;
  retryMaxMs?: number;
  batchSize?: number;
  /** How often a quiet room reports in, so the board can tell quiet from gone. */
  reportEveryMs?: number;
  connectTimeoutMs?: number;
  /** Events younger than this are "sending", not "waiting": the line stays "synced" in normal running. */
  waitingAfterMs?: number;
  log?: (line: string) => void;
}

type OutboxRow = ChainedEventRow & { id: number };

/**
 * In the room's order (the clinic checks each event's link to the one before it as it arrives): the payload as JSON for
 * the clinic to read, and its text exactly as written, which the event's digest covers.
 */
const INSERT_EVENTS = `
  INSERT INTO events (room, session_id, seq, kind, occurred_at, recorded_at, author, author_role, payload, payload_text, prev_digest, digest)
  SELECT $1, s, q, k, o, r, a, ar, p::jsonb, p, pd, d
  FROM unnest($2::text[], $3::integer[], $4::text[], $5::bigint[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
    WITH ORDINALITY AS t (s, q, k, o, r, a, ar, p, pd, d, n)
  ORDER BY n
  ON CONFLICT (room, session_id, seq) DO NOTHING`;

/**
 * Sends the room's outbox to the clinic database, in batches, off the append path: an append only wakes
 * it. Each batch is inserted with ON CONFLICT DO NOTHING on (room, session, seq) and leaves the outbox
 * only after the clinic database committed it, so a retry or a crash mid-push never loses or doubles an
 * event. On failure it waits (doubling, capped) and tries again, forever; the room never waits for it.
 */
export class ClinicSync {
  private client: pg.Client | null = null;
  private clientFor = '';
  private stopped = true;
  private wake: (() => void) | null = null;
  private retryWake: (() => void) | null = null;
  private kicked = false;
  private refresher: ReturnType<typeof setInterval> | null = null;
  private running: Promise<void> | null = null;
  private retryMs: number;
  private lastReportAt = 0;
  private current: SyncState = { status: 'off', waiting: 0, waitingSince: null, problem: null, line: '' };
  private lastLogged = '';
  private readonly opts: Required<SyncOptions>;
  private readonly selectBatch: Database.Statement;
  private readonly deleteSent: Database.Statement;
  private readonly countWaiting: Database.Statement;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly room: RoomApi,
    readonly dataDir: string,
    readonly passwords: PasswordStore,
    options: SyncOptions = {},
  ) {
    this.opts = {
      retryMinMs: options.retryMinMs ?? 500,
      retryMaxMs: options.retryMaxMs ?? 5_000,
      batchSize: options.batchSize ?? 1_000,
      reportEveryMs: options.reportEveryMs ?? 30_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
      waitingAfterMs: options.waitingAfterMs ?? 10_000,
      log: options.log ?? ((line) => console.error(line)),
    };
    this.retryMs = this.opts.retryMinMs;
    const db = room.db;
    this.selectBatch = db.prepare(
      'SELECT o.id, e.session_id, e.seq, e.kind, e.occurred_at, e.recorded_at, e.author, e.author_role, e.payload, e.prev_digest, e.digest FROM outbox o JOIN events e ON e.session_id = o.session_id AND e.seq = o.seq ORDER BY o.id LIMIT ?',
    );
    this.deleteSent = db.prepare('DELETE FROM outbox WHERE id <= ?');
    this.countWaiting = db.prepare(
      'SELECT COUNT(*) AS n, MIN(e.recorded_at) AS since FROM outbox o JOIN events e ON e.session_id = o.session_id AND e.seq = o.seq',
    );
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribe = this.room.onPush((channel) => {
      if (channel === 'session-event') this.kick();
    });
    this.running = this.loop();
    // The line keeps up while a push hangs (a stalled server answers nothing): what waits, since when.
    this.refresher = setInterval(() => this.setState(this.current.problem), 2_000);
    this.refresher.unref?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.refresher) clearInterval(this.refresher);
    this.unsubscribe?.();
    this.interrupt();
    await this.running;
    await this.disconnect();
  }

  /** Wakes the worker now (an append happened); remembered when it is busy, so no entry waits for a timer. */
  kick(): void {
    this.kicked = true;
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** Also ends a back-off wait: the connection changed, or the worker stops. */
  private interrupt(): void {
    this.kick();
    const wake = this.retryWake;
    this.retryWake = null;
    wake?.();
  }

  /** The connection changed: drop the old one and try the new one at once. */
  reconnect(): void {
    this.retryMs = this.opts.retryMinMs;
    void this.disconnect().then(() => this.interrupt());
  }

  state(): SyncState {
    return this.current;
  }

  connection(): ClinicConnection | null {
    return readConnection(this.dataDir);
  }

  /** Waits until the timer or an append; returns at once when an append came while the worker was busy. */
  private sleep(ms: number): Promise<void> {
    if (this.kicked) {
      this.kicked = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        this.kicked = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref?.();
      this.wake = done;
    });
  }

  /** The back-off after a failure: appends do not shorten it (the room records on regardless); a new connection does. */
  private sleepRetry(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.retryWake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref?.();
      this.retryWake = done;
    });
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const connection = this.connection();
      if (!connection) {
        this.setState(null);
        await this.disconnect();
        await this.sleep(this.opts.reportEveryMs);
        continue;
      }
      try {
        const client = await this.connect(connection);
        const sent = await this.pushBatch(client, connection);
        if (this.clock() - this.lastReportAt >= this.opts.reportEveryMs) await this.report(client, connection);
        this.retryMs = this.opts.retryMinMs;
        this.setState(null);
        if (!sent) await this.sleep(Math.max(50, this.opts.reportEveryMs - (this.clock() - this.lastReportAt)));
      } catch (err) {
        const problem = describeClinicProblem(err, connection);
        await this.disconnect();
        this.setState(problem);
        if (problem !== this.lastLogged) this.opts.log(`clinic sync: ${problem}`);
        this.lastLogged = problem;
        await this.sleepRetry(this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, this.opts.retryMaxMs);
      }
    }
    this.setState(null);
  }

  private clock(): number {
    return Date.now();
  }

  private async connect(connection: ClinicConnection): Promise<pg.Client> {
    const key = JSON.stringify(connection);
    if (this.client && this.clientFor === key) return this.client;
    await this.disconnect();
    // Where the password cannot be kept safely (no real keychain), nothing is sent: the admin is told what to do.
    const unsafe = this.passwords.problem();
    if (unsafe) throw new ClinicProblem(unsafe);
    if (!connection.ca) {
      throw new ClinicProblem(
        "This room has no clinic CA certificate saved, so it cannot verify the clinic database and sends it nothing. Paste the clinic's CA certificate (ca.crt, made by clinic-db) in the admin settings, tab Clinic database; the room keeps recording.",
      );
    }
    // TLS verified against the clinic's CA, by the address's name, before the login or the password is sent.
    const client = new pg.Client({
      ...clinicClientConfig(
        connection.address,
        { user: connection.login, password: this.passwords.read() ?? '' },
        connection.ca,
      ),
      connectionTimeoutMillis: this.opts.connectTimeoutMs,
      // A server that takes the connection but never answers: the statement is given up (and retried), never waited on forever.
      statement_timeout: 30_000,
      query_timeout: 35_000,
      application_name: `session-room ${connection.room}`.slice(0, 63),
    });
    // A connection that drops between batches is noticed at the next query; never an unhandled error.
    client.on('error', () => undefined);
    try {
      await client.connect();
      const unusable = clinicFormatSentence(await clinicFormat(client), 'room');
      if (unusable) throw new ClinicProblem(unusable);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    this.client = client;
    this.clientFor = key;
    if (this.lastLogged) this.opts.log(`clinic sync: connected to ${connection.address} as room "${connection.room}".`);
    this.lastLogged = '';
    return client;
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.clientFor = '';
    await client?.end().catch(() => undefined);
  }

  /** One batch, oldest first; removed from the outbox only once the clinic database committed it. */
  private async pushBatch(client: pg.Client, connection: ClinicConnection): Promise<boolean> {
    const rows = this.selectBatch.all(this.opts.batchSize) as OutboxRow[];
    if (rows.length === 0) return false;
    await client.query(INSERT_EVENTS, [
      connection.room,
      rows.map((r) => r.session_id),
      rows.map((r) => r.seq),
      rows.map((r) => r.kind),
      rows.map((r) => r.occurred_at),
      rows.map((r) => r.recorded_at),
      rows.map((r) => r.author),
      rows.map((r) => r.author_role),
      rows.map((r) => r.payload),
      rows.map((r) => r.prev_digest),
      rows.map((r) => r.digest),
    ]);
    this.deleteSent.run(rows[rows.length - 1]!.id);
    this.lastReportAt = this.clock();
    return true;
  }

  /** A quiet room says it is still here. */
  private async report(client: pg.Client, connection: ClinicConnection): Promise<void> {
    const { n } = this.countWaiting.get() as { n: number };
    await client.query('INSERT INTO room_reports (room, waiting) VALUES ($1, $2)', [connection.room, n]);
    this.lastReportAt = this.clock();
  }

  private setState(problem: string | null): void {
    const connected = this.connection() !== null;
    const { n, since } = this.countWaiting.get() as { n: number; since: number | null };
    const waitingLong = n > 0 && since !== null && this.room.clock.now() - since >= this.opts.waitingAfterMs;
    const status: SyncStatus = !connected ? 'off' : problem ? 'problem' : waitingLong ? 'waiting' : 'synced';
    const waitingText =
      n > 0 && since !== null ? `${n} waiting since ${clockText(since, this.room.settings.get().clinicTimeZone)}` : '';
    const line =
      status === 'off'
        ? ''
        : status === 'problem'
          ? `Clinic record: ${problem}${waitingText ? ` ${waitingText}.` : ''}`
          : status === 'waiting'
            ? `Clinic record: ${waitingText}.`
            : 'Clinic record: synced.';
    const next: SyncState = {
      status,
      waiting: n,
      waitingSince: n > 0 ? since : null,
      problem: status === 'problem' ? problem : null,
      line,
    };
    const changed = next.line !== this.current.line || next.status !== this.current.status;
    this.current = next;
    if (changed) this.room.push('sync-state', next);
  }
}
