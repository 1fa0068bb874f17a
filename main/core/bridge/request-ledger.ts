import type Database from 'better-sqlite3';
import type { Envelope } from '../../../preload/contract';

/** Where answers outlive the process: the database's bridge_requests table (migration 005). */
export interface AnswerStore {
  get(requestId: string): { method: string; answer: Envelope<unknown> } | undefined;
  put(requestId: string, method: string, answer: Envelope<unknown>): void;
}

const KEEP_STORED = 2000;

/** The room's answers on disk; a read-only database (a backup being shown) keeps them in memory only. */
export function storedAnswers(db: Database.Database): AnswerStore | null {
  let select: Database.Statement;
  try {
    select = db.prepare('SELECT method, answer FROM bridge_requests WHERE request_id = ?');
  } catch {
    // A backup from before the table existed, shown read-only: answers stay in memory.
    return null;
  }
  return {
    get(requestId) {
      const row = select.get(requestId) as { method: string; answer: string } | undefined;
      return row ? { method: row.method, answer: JSON.parse(row.answer) as Envelope<unknown> } : undefined;
    },
    put(requestId, method, answer) {
      if (db.readonly) return;
      db.prepare('INSERT OR IGNORE INTO bridge_requests (request_id, method, answer, answered_at) VALUES (?, ?, ?, ?)').run(requestId, method, JSON.stringify(answer), Date.now());
      db.prepare('DELETE FROM bridge_requests WHERE rowid <= (SELECT MAX(rowid) FROM bridge_requests) - ?').run(KEEP_STORED);
    },
  };
}

/**
 * Remembers the answer to each recent call by the caller's request id, so a call sent again (the renderer's
 * "Try again" after the room did not answer in time) gets the first call's answer instead of being done twice:
 * an entry is never written twice because its first answer was lost. In memory while the call runs and after
 * (bounded: the oldest ids are forgotten); a done call's answer is also kept on disk, so a retry after the room
 * restarted is answered the same way.
 */
export class RequestLedger {
  private readonly answers = new Map<string, { method: string; answer: Promise<Envelope<unknown>> }>();

  constructor(
    private readonly store: AnswerStore | null = null,
    private readonly keep = 1000,
  ) {}

  static readonly ID_PATTERN = /^[A-Za-z0-9-]{8,64}$/;

  run(requestId: string | undefined, method: string, work: () => Promise<Envelope<unknown>>): Promise<Envelope<unknown>> {
    if (!requestId || !RequestLedger.ID_PATTERN.test(requestId)) return work();
    const reused = (): Promise<Envelope<unknown>> =>
      Promise.resolve({ ok: false, error: { code: 'request_reused', message: 'This request was already used for something else. Reload the page and try again.' } });
    const known = this.answers.get(requestId);
    if (known) return known.method === method ? known.answer : reused();
    const stored = this.safely(() => this.store?.get(requestId));
    if (stored) return stored.method === method ? Promise.resolve(stored.answer) : reused();
    const answer = work().then((envelope) => {
      // What was done is kept; a refusal (nothing written) may be tried again as new.
      if (envelope.ok) this.safely(() => this.store?.put(requestId, method, envelope));
      return envelope;
    });
    this.answers.set(requestId, { method, answer });
    while (this.answers.size > this.keep) this.answers.delete(this.answers.keys().next().value!);
    return answer;
  }

  /** The store is a help, never a new way to fail: the answer stands whatever happens to it. */
  private safely<T>(step: () => T): T | undefined {
    try {
      return step();
    } catch {
      return undefined;
    }
  }
}
