import type { Migration } from '../migrate';

/**
 * The room's heartbeat: the computer's time, written while a session is open. On opening an active session the room
 * compares the clock with it (and with the last event) to know whether it can trust the time it reads.
 */
export const migration009: Migration = {
  version: 9,
  name: 'heartbeat',
  up(db) {
    db.exec(`
      CREATE TABLE heartbeat (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        wall INTEGER NOT NULL,
        session_id TEXT
      ) STRICT;
    `);
  },
};
