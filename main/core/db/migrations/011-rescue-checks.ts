import type { Migration } from '../migrate';

/**
 * The room's rescue check before the first patient of the day (oxygen, suction, bag-valve mask, monitor alarms, pulse
 * oximeter): one row per check, for the clinic's day it holds, with who signed it. It belongs to the room, not to a session;
 * each session it bears on carries a copy in its own log. Append-only, like the session log: a later check of the same day
 * stands beside the earlier one.
 */
export const migration011: Migration = {
  version: 11,
  name: 'rescue checks',
  up(db) {
    db.exec(`
      CREATE TABLE rescue_checks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        checked_at INTEGER NOT NULL,
        valid_until INTEGER NOT NULL,
        checked_by TEXT NOT NULL,
        checked_by_role TEXT NOT NULL,
        items TEXT NOT NULL,
        note TEXT,
        signature TEXT NOT NULL
      ) STRICT;
      CREATE INDEX rescue_checks_by_day ON rescue_checks (day, id);
      CREATE TRIGGER rescue_checks_no_update BEFORE UPDATE ON rescue_checks
      BEGIN SELECT RAISE(ABORT, 'the rescue checks are append-only'); END;
      CREATE TRIGGER rescue_checks_no_delete BEFORE DELETE ON rescue_checks
      BEGIN SELECT RAISE(ABORT, 'the rescue checks are append-only'); END;
    `);
  },
};
