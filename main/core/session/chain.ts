import { createHash } from 'node:crypto';

/**
 * The room's hash chain: every event's digest covers the digest of the room's event before it and the event's own
 * fields as the clinic database receives them. Change, remove or slip in one event anywhere in the room's record and
 * every digest after it stops matching, in the room's copy and in the clinic's.
 *
 * The encoding is what the clinic database's trigger recomputes in SQL (clinic format 4, `clinic_event_digest`), so it
 * stays simple enough to write the same in both: a label, then each field as `<bytes in UTF-8>:<text>`, or `~` for
 * none, concatenated; SHA-256 over that, in lowercase hex. Numbers are their decimal text; the payload is the JSON text
 * exactly as the room wrote it.
 */
export const CHAIN_LABEL = 'session-room-event-v1';

/** An event's fields as the chain covers them, named as the room's and the clinic's tables name them. */
export interface ChainFields {
  session_id: string;
  seq: number | string;
  kind: string;
  occurred_at: number | string;
  recorded_at: number | string;
  author: string;
  author_role: string | null;
  /** The payload's JSON text, as written. */
  payload: string;
}

const field = (value: string | null): string => (value === null ? '~' : `${Buffer.byteLength(value, 'utf8')}:${value}`);

/** The event's digest, given the digest of the room's event before it (null for the room's first). */
export function eventDigest(prev: string | null, e: ChainFields): string {
  const text =
    CHAIN_LABEL +
    [
      prev,
      e.session_id,
      String(e.seq),
      e.kind,
      String(e.occurred_at),
      String(e.recorded_at),
      e.author,
      e.author_role,
      e.payload,
    ]
      .map(field)
      .join('');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export const isDigest = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
