import type { Migration } from '../migrate';

/**
 * Each kept answer is bound to what was asked: a digest of the method and its arguments (without PINs or passwords),
 * so a request id sent again with other arguments is refused instead of answered with the first call's answer. Answers
 * kept before have no digest and are told apart by method, as before. Answers that are secrets (the admin key from
 * unlocking or setting the admin PIN) are no longer kept, and those already on disk are deleted.
 */
export const migration007: Migration = {
  version: 7,
  name: 'bridge request digests',
  up(db) {
    db.exec(`
      ALTER TABLE bridge_requests ADD COLUMN digest TEXT;
      DELETE FROM bridge_requests WHERE method IN ('unlockAdmin', 'setAdminPin');
    `);
  },
};
