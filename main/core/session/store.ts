import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { RoomError } from '../pure/errors';
import { eventDigest } from './chain';
import { payloadSchemas, type EventKind, type NewEvent, type StoredEvent } from './events';
import type { SessionRow } from './row';

/** An event as the room's database holds it (the clinic sync reads the same columns). */
export interface EventRow {
  session_id: string;
  seq: number;
  kind: string;
  occurred_at: number;
  recorded_at: number;
  author: string;
  author_role: string | null;
  payload: string;
}

/** An event with its place in the room's hash chain (session/chain.ts), as the clinic sync sends it. */
export interface ChainedEventRow extends EventRow {
  prev_digest: string | null;
  digest: string;
}

/** The session log on disk: sessions plus their append-only events. */
export class SessionStore {
  private readonly insertEvent: Database.Statement;
  private readonly chainHead: Database.Statement;
  private readonly nextSeq: Database.Statement;
  private readonly selectEvents: Database.Statement;
  private readonly selectSession: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.insertEvent = db.prepare(
      'INSERT INTO events (session_id, seq, kind, occurred_at, recorded_at, author, author_role, payload, chain_pos, prev_digest, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.chainHead = db.prepare('SELECT chain_pos, digest FROM events ORDER BY chain_pos DESC LIMIT 1');
    this.nextSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM events WHERE session_id = ?').pluck();
    this.selectEvents = db.prepare('SELECT * FROM events WHERE session_id = ? ORDER BY seq');
    this.selectSession = db.prepare('SELECT * FROM sessions WHERE id = ?');
  }

  /** Creates the session and its first event in one durable transaction. */
  createSession(first: NewEvent<'session_started'>): StoredEvent {
    const id = randomUUID();
    return this.db
      .transaction(() => {
        this.db
          .prepare('INSERT INTO sessions (id, created_at, patient_ref, preset_id) VALUES (?, ?, ?, ?)')
          .run(id, first.occurredAt, first.payload.patientRef, first.payload.presetId);
        return this.write(id, first);
      })
      .immediate();
  }

  /** Validates the payload for its kind, then appends durably. Returns the event as stored. */
  append<K extends EventKind>(sessionId: string, event: NewEvent<K>): StoredEvent {
    try {
      return this.db.transaction(() => this.write(sessionId, event)).immediate();
    } catch (err) {
      // The events table's foreign key refuses an event for a session that does not exist.
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
        throw new RoomError(
          'no_such_session',
          'That session does not exist on this machine. Open it from the session list.',
        );
      }
      throw err;
    }
  }

  /** Appends several events, and whatever must land with them, in one durable transaction: all or none. */
  appendAll(sessionId: string, events: NewEvent[], alsoInTransaction?: () => void): StoredEvent[] {
    return this.db
      .transaction(() => {
        const stored = events.map((event) => this.write(sessionId, event));
        alsoInTransaction?.();
        return stored;
      })
      .immediate();
  }

  /** Marks the session closed with its outcome, for the history list; the log's own session_closed event is the record. */
  markClosed(sessionId: string, closedAt: number, outcome: string): void {
    this.db.prepare('UPDATE sessions SET closed_at = ?, outcome = ? WHERE id = ?').run(closedAt, outcome, sessionId);
  }

  private write(sessionId: string, event: NewEvent): StoredEvent {
    const schema = payloadSchemas[event.kind];
    const parsed = schema.safeParse(event.payload);
    if (!parsed.success) {
      throw new RoomError(
        'invalid_event',
        `This ${event.kind.replace('_', ' ')} could not be saved: ${parsed.error.issues[0]?.message ?? 'its details are not valid'}.`,
      );
    }
    const seq = this.nextSeq.get(sessionId) as number;
    const recordedAt = this.clock.now();
    const payload = JSON.stringify(parsed.data);
    const authorRole = event.authorRole ?? null;
    // The room's chain: this event's digest covers the last one's (inside the write's transaction, so nothing comes between).
    const head = this.chainHead.get() as { chain_pos: number; digest: string } | undefined;
    const prev = head?.digest ?? null;
    const digest = eventDigest(prev, {
      session_id: sessionId,
      seq,
      kind: event.kind,
      occurred_at: event.occurredAt,
      recorded_at: recordedAt,
      author: event.author,
      author_role: authorRole,
      payload,
    });
    this.insertEvent.run(
      sessionId,
      seq,
      event.kind,
      event.occurredAt,
      recordedAt,
      event.author,
      authorRole,
      payload,
      (head?.chain_pos ?? 0) + 1,
      prev,
      digest,
    );
    return {
      sessionId,
      seq,
      kind: event.kind,
      occurredAt: event.occurredAt,
      recordedAt,
      author: event.author,
      ...(event.authorRole ? { authorRole: event.authorRole } : {}),
      payload: parsed.data,
    } as StoredEvent;
  }

  events(sessionId: string): StoredEvent[] {
    return (this.selectEvents.all(sessionId) as EventRow[]).map(toEvent);
  }

  session(sessionId: string): SessionRow | null {
    const row = this.selectSession.get(sessionId) as Record<string, unknown> | undefined;
    return row ? toSessionRow(row) : null;
  }

  /** Sessions not yet closed, newest first. */
  openSessions(): SessionRow[] {
    return (
      this.db.prepare('SELECT * FROM sessions WHERE closed_at IS NULL ORDER BY created_at DESC').all() as Record<
        string,
        unknown
      >[]
    ).map(toSessionRow);
  }

  /** Sessions started at or after a time, newest first (the REMS forms still to file). */
  sessionsSince(since: number, limit = 2000): SessionRow[] {
    return (
      this.db
        .prepare('SELECT * FROM sessions WHERE created_at >= ? ORDER BY created_at DESC LIMIT ?')
        .all(since, limit) as Record<string, unknown>[]
    ).map(toSessionRow);
  }

  listSessions(query: { patientRef?: string; limit: number }): SessionRow[] {
    const rows = query.patientRef
      ? this.db
          .prepare(
            "SELECT * FROM sessions WHERE patient_ref LIKE ? ESCAPE '\\' COLLATE NOCASE ORDER BY created_at DESC LIMIT ?",
          )
          .all(`%${query.patientRef.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, query.limit)
      : this.db.prepare('SELECT * FROM sessions ORDER BY created_at DESC LIMIT ?').all(query.limit);
    return (rows as Record<string, unknown>[]).map(toSessionRow);
  }
}

function toEvent(row: EventRow): StoredEvent {
  return {
    sessionId: row.session_id,
    seq: row.seq,
    kind: row.kind as EventKind,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    author: row.author,
    ...(row.author_role ? { authorRole: row.author_role } : {}),
    payload: JSON.parse(row.payload) as never,
  } as StoredEvent;
}

function toSessionRow(row: Record<string, unknown>): SessionRow {
  return {
    id: row.id as string,
    createdAt: row.created_at as number,
    patientRef: row.patient_ref as string,
    presetId: row.preset_id as string,
    closedAt: (row.closed_at as number | null) ?? null,
    outcome: (row.outcome as string | null) ?? null,
  };
}
