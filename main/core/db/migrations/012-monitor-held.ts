import type { Migration } from '../migrate';

/**
 * A monitor's readings answered "accepted" while they wait for the person recording to confirm the monitor is on the
 * session's patient: written here before the answer goes out, so a restart loses none. On confirmation they go into the
 * session's log and leave this table in the same transaction; readings never confirmed never reach the record.
 */
export const migration012: Migration = {
  version: 12,
  name: 'monitor held readings',
  up(db) {
    db.exec(`
      CREATE TABLE monitor_held (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL,
        device TEXT NOT NULL,
        control_id TEXT NOT NULL,
        reading TEXT NOT NULL CHECK (json_valid(reading)),
        device_time INTEGER NOT NULL,
        received_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX monitor_held_by_session ON monitor_held (session_id, device, id);
    `);
  },
};
