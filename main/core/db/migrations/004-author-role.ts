import type { Migration } from '../migrate';

/** Each event keeps the role its author had on the staff list when it was written (clinician, therapist, sitter). */
export const migration004: Migration = {
  version: 4,
  name: 'author role',
  up(db) {
    db.exec('ALTER TABLE events ADD COLUMN author_role TEXT;');
  },
};
