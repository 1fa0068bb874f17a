import type Database from 'better-sqlite3';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Envelope } from '../contract/contract';

/** Methods whose answer is a secret (an admin key): never kept, in memory or on disk, so each call is checked anew. */
export const SECRET_RESULT_METHODS: readonly string[] = ['unlockAdmin', 'setAdminPin'];

/** Argument fields that are secrets (PINs, passwords), at any depth: nothing derived from them is written to disk. */
export const SECRET_ARGUMENT_FIELDS: readonly string[] = [
  'pin',
  'pinAgain',
  'newPin',
  'newPinAgain',
  'adminPin',
  'clinicianPin',
  'clinicianPinAgain',
  'password',
];

const SECRET_FIELDS = new Set(SECRET_ARGUMENT_FIELDS);

/**
 * Methods that only read: a retry reads again, so their answers (a long session's log is about half a megabyte)
 * are neither kept in memory nor written to disk.
 */
export const READ_METHODS: readonly string[] = ['getSession', 'listSessions'];

/**
 * JSON with every object's keys sorted, at any depth, so the same arguments read the same whatever order they were
 * sent in; `omit` leaves out fields by name. Throws on what JSON cannot say (a loop, a bigint).
 */
export function canonicalJson(value: unknown, omit: ReadonlySet<string> = new Set(), within: unknown[] = []): string {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function')
    value = (value as { toJSON: () => unknown }).toJSON();
  if (value === null || typeof value !== 'object') {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return 'null';
    return JSON.stringify(value);
  }
  if (within.includes(value)) throw new TypeError('The arguments refer to themselves.');
  const inside = [...within, value];
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item, omit, inside)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter(
      (key) =>
        !omit.has(key) &&
        record[key] !== undefined &&
        typeof record[key] !== 'function' &&
        typeof record[key] !== 'symbol',
    )
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key], omit, inside)}`).join(',')}}`;
}

/** What a call was, as kept on disk: SHA-256 over the method and its arguments without their secret fields. */
export function storedDigest(method: string, args: unknown): string {
  return createHash('sha256')
    .update(canonicalJson({ method, args: args ?? {} }, SECRET_FIELDS))
    .digest('hex');
}

/** Where answers outlive the process: the database's bridge_requests table (migration 005; the digest since 007). */
export interface AnswerStore {
  /** `digest` is null for an answer kept before calls were told apart by their arguments. */
  get(requestId: string): { method: string; digest: string | null; answer: Envelope<unknown> } | undefined;
  put(requestId: string, method: string, digest: string, answer: Envelope<unknown>): void;
}

const KEEP_STORED = 2000;

/** The room's answers on disk; a read-only database (a backup being shown) keeps them in memory only. */
export function storedAnswers(db: Database.Database): AnswerStore | null {
  let select: Database.Statement;
  try {
    select = db.prepare('SELECT method, digest, answer FROM bridge_requests WHERE request_id = ?');
  } catch {
    try {
      // A backup from before the digest column (migration 007), shown read-only: its answers are told apart by method.
      select = db.prepare('SELECT method, NULL AS digest, answer FROM bridge_requests WHERE request_id = ?');
    } catch {
      // A backup from before the table existed, shown read-only: answers stay in memory.
      return null;
    }
  }
  return {
    get(requestId) {
      const row = select.get(requestId) as { method: string; digest: string | null; answer: string } | undefined;
      // An admin key kept by an older version (a read-only backup from before migration 007) is never given out.
      if (!row || SECRET_RESULT_METHODS.includes(row.method)) return undefined;
      return { method: row.method, digest: row.digest, answer: JSON.parse(row.answer) as Envelope<unknown> };
    },
    put(requestId, method, digest, answer) {
      if (db.readonly || SECRET_RESULT_METHODS.includes(method)) return;
      db.prepare(
        'INSERT OR IGNORE INTO bridge_requests (request_id, method, digest, answer, answered_at) VALUES (?, ?, ?, ?, ?)',
      ).run(requestId, method, digest, JSON.stringify(answer), Date.now());
      db.prepare('DELETE FROM bridge_requests WHERE rowid <= (SELECT MAX(rowid) FROM bridge_requests) - ?').run(
        KEEP_STORED,
      );
    },
  };
}

const reused = (): Promise<Envelope<unknown>> =>
  Promise.resolve({
    ok: false,
    error: {
      code: 'request_reused',
      message: 'This request was already used for something else. Reload the page and try again.',
    },
  });

/**
 * Remembers the answer to each recent call by the caller's request id, so a call sent again (the renderer's
 * "Try again" after the room did not answer in time) gets the first call's answer instead of being done twice:
 * an entry is never written twice because its first answer was lost. In memory while the call runs and after
 * (bounded: the oldest ids are forgotten); a done call's answer is also kept on disk, so a retry after the room
 * restarted is answered the same way. An id is bound to its method and arguments: the same id with anything else
 * is refused, never answered with another call's answer. A method whose answer is a secret is never kept.
 */
export class RequestLedger {
  private readonly answers = new Map<string, { digest: string; answer: Promise<Envelope<unknown>> }>();
  // Secret fields count only in memory (HMAC, per-process key): another PIN is refused until a restart, then the rest is compared.
  private readonly processKey = randomBytes(32);

  constructor(
    private readonly store: AnswerStore | null = null,
    private readonly keep = 1000,
  ) {}

  static readonly ID_PATTERN = /^[A-Za-z0-9-]{8,64}$/;

  run(
    requestId: string | undefined,
    method: string,
    args: unknown,
    work: () => Promise<Envelope<unknown>>,
  ): Promise<Envelope<unknown>> {
    if (!requestId || !RequestLedger.ID_PATTERN.test(requestId)) return work();
    let inMemory: string;
    let onDisk: string;
    try {
      inMemory = createHmac('sha256', this.processKey)
        .update(canonicalJson({ method, args: args ?? {} }))
        .digest('hex');
      onDisk = storedDigest(method, args);
    } catch {
      // Arguments JSON cannot say are not the contract's: the call is refused by its own checks, and nothing is kept.
      return work();
    }
    const known = this.answers.get(requestId);
    if (known) return known.digest === inMemory ? known.answer : reused();
    const stored = this.safely(() => this.store?.get(requestId));
    if (stored)
      return stored.method === method && (stored.digest === null || stored.digest === onDisk)
        ? Promise.resolve(stored.answer)
        : reused();
    // An admin key is never kept: the call runs every time, and its own check (the PIN) answers it.
    if (SECRET_RESULT_METHODS.includes(method) || READ_METHODS.includes(method)) return work();
    const answer = work().then((envelope) => {
      // What was done is kept; a refusal (nothing written) may be tried again as new.
      if (envelope.ok) this.safely(() => this.store?.put(requestId, method, onDisk, envelope));
      return envelope;
    });
    this.answers.set(requestId, { digest: inMemory, answer });
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
