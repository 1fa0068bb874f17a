import type { Migration } from '../migrate';

/**
 * The clinic outbox: every event appended to the log is queued for the clinic database in the same
 * transaction (a trigger, so no append can skip it), and leaves the queue only once the clinic has it.
 * Events already in the log are queued too, so a room that joins a clinic sends its history.
 */
export const migration006: Migration = {
  version: 6,
  name: 'clinic outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        UNIQUE (session_id, seq)
      ) STRICT;

      INSERT INTO outbox (session_id, seq) SELECT session_id, seq FROM events ORDER BY recorded_at, session_id, seq;

      CREATE TRIGGER events_to_outbox AFTER INSERT ON events
      BEGIN INSERT INTO outbox (session_id, seq) VALUES (NEW.session_id, NEW.seq); END;
    `);
  },
};
