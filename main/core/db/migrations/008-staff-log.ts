import type { Migration } from '../migrate';

/**
 * Every change to the staff and their PINs, with who made it and when: people added, renamed, given another role or
 * removed, a PIN set, reset or changed, a person locked after wrong PINs. Append-only, like the session log.
 */
export const migration008: Migration = {
  version: 8,
  name: 'staff log',
  up(db) {
    db.exec(`
      CREATE TABLE staff_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        detail TEXT
      ) STRICT;
      CREATE TRIGGER staff_log_no_update BEFORE UPDATE ON staff_log
      BEGIN SELECT RAISE(ABORT, 'the staff log is append-only'); END;
      CREATE TRIGGER staff_log_no_delete BEFORE DELETE ON staff_log
      BEGIN SELECT RAISE(ABORT, 'the staff log is append-only'); END;
    `);
  },
};
