import type { Migration } from '../migrate';

/**
 * The answers to recent bridge calls by their request id, so a call sent again after the room restarted (the
 * page's "Try again" after a crash mid-call) gets its first answer instead of being recorded twice.
 */
export const migration005: Migration = {
  version: 5,
  name: 'bridge request answers',
  up(db) {
    db.exec(`
      CREATE TABLE bridge_requests (
        request_id TEXT PRIMARY KEY,
        method TEXT NOT NULL,
        answer TEXT NOT NULL,
        answered_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
