import type { Migration } from '../migrate';

/** Session history: find sessions by patient reference and date, and know which are closed. */
export const migration002: Migration = {
  version: 2,
  name: 'session history',
  up(db) {
    db.exec(`
      ALTER TABLE sessions ADD COLUMN closed_at INTEGER;
      ALTER TABLE sessions ADD COLUMN outcome TEXT;
      CREATE INDEX sessions_by_patient ON sessions (patient_ref COLLATE NOCASE, created_at);
      CREATE INDEX sessions_open ON sessions (closed_at, created_at);
    `);
  },
};
