import type { Migration } from '../migrate';
import { eventDigest } from '../../session/chain';

interface Row {
  rowid: number;
  session_id: string;
  seq: number;
  kind: string;
  occurred_at: number;
  recorded_at: number;
  author: string;
  author_role: string | null;
  payload: string;
}

/**
 * Tamper evidence: each event joins the room's hash chain when it is written (its place, the digest of the event before
 * it and its own digest, session/chain.ts), and is sent to the clinic with it. The events already here get their chain
 * now, in the order the clinic receives them: those already sent first, in the order they were written, then those still
 * queued, in queue order, so the clinic can check every link of what it has yet to receive. From now on the database
 * refuses an event that does not take the next place with the last digest before it.
 */
export const migration010: Migration = {
  version: 10,
  name: 'event hash chain',
  up(db) {
    db.exec(`
      ALTER TABLE events ADD COLUMN chain_pos INTEGER;
      ALTER TABLE events ADD COLUMN prev_digest TEXT;
      ALTER TABLE events ADD COLUMN digest TEXT;
      -- The only change ever made to an event: its chain, once, here.
      DROP TRIGGER events_no_update;
    `);
    const rows = db
      .prepare(
        `SELECT e.rowid AS rowid, e.session_id, e.seq, e.kind, e.occurred_at, e.recorded_at, e.author, e.author_role, e.payload
         FROM events e LEFT JOIN outbox o ON o.session_id = e.session_id AND o.seq = e.seq
         ORDER BY o.id IS NOT NULL, o.id, e.rowid`,
      )
      .all() as Row[];
    const set = db.prepare('UPDATE events SET chain_pos = ?, prev_digest = ?, digest = ? WHERE rowid = ?');
    let prev: string | null = null;
    rows.forEach((row, i) => {
      const digest = eventDigest(prev, row);
      set.run(i + 1, prev, digest, row.rowid);
      prev = digest;
    });
    db.exec(`
      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE UNIQUE INDEX events_by_chain ON events (chain_pos);
      CREATE TRIGGER events_in_chain BEFORE INSERT ON events
      WHEN NEW.digest IS NULL
        OR NEW.chain_pos IS NOT (SELECT COALESCE(MAX(chain_pos), 0) + 1 FROM events)
        OR NEW.prev_digest IS NOT (SELECT digest FROM events ORDER BY chain_pos DESC LIMIT 1)
      BEGIN SELECT RAISE(ABORT, 'an event joins the room''s chain: the next place, the digest of the event before it, and its own'); END;
    `);
  },
};
