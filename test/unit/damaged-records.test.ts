import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKUPS_KEPT, backupDatabase, listBackups } from '../../main/core/db/recovery';
import { closeRoom } from '../../main/core/open-room';
import { LOCK_FILE } from '../../main/core/data-folder';
import { closedSession, damageAPage, fillPages, roomOn } from '../support/damaged-room';
import { tempDataDir } from '../support/host-process';

const DB = 'session-room.db';

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(check()).toBe(true);
};

describe('a damaged database', () => {
  it('is found at open, kept aside, and the latest backup is shown read-only, then restored when the admin says so', async () => {
    const dataDir = tempDataDir('room-damaged-');
    const first = roomOn(dataDir);
    const sessionId = await closedSession(first, 'DM-1');
    // A backup is taken at the session's close.
    await waitFor(() => listBackups(dataDir).length === 1);
    // Work after the backup: a second session, begun but not closed, that the backup does not have.
    await first.ok('startSession', {
      patientRef: 'DM-2',
      presetId: 'sublingual',
      plannedDoseMg: 150,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });
    fillPages(first);
    first.room.db.close();
    damageAPage(path.join(dataDir, DB));
    const damagedBytes = fs.readFileSync(path.join(dataDir, DB));

    const second = roomOn(dataDir);
    const recovery = await second.ok('getRecovery', {});
    expect(recovery).not.toBeNull();
    expect(recovery!.message).toMatch(/records were damaged and could not be read; they were kept at .*damaged/);
    expect(recovery!.message).toMatch(
      /latest backup .* read-only: nothing can be recorded until the clinic admin restores it/,
    );
    // The damaged file is kept byte for byte, never deleted.
    expect(fs.readFileSync(recovery!.damagedKeptAt).equals(damagedBytes)).toBe(true);
    // The backup is open read-only: its session reads, recording is refused with the sentence.
    expect((await second.ok('getSession', { sessionId })).events.some((e) => e.kind === 'session_closed')).toBe(true);
    const refused = await second.call('startSession', {
      patientRef: 'DM-3',
      presetId: 'sublingual',
      plannedDoseMg: 150,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toBe(recovery!.message);
    expect(() => second.room.db.exec("UPDATE sessions SET patient_ref = 'X'")).toThrow(/readonly/);

    const restored = await second.ok('restoreBackup', {});
    expect(restored.restored).toBe(true);
    expect(restored.message).toMatch(/Start the room again/);
    second.room.db.close();

    // Started again, the room records as usual on the restored records.
    const third = roomOn(dataDir);
    expect(await third.ok('getRecovery', {})).toBeNull();
    expect((await third.ok('getSession', { sessionId })).session.patientRef).toBe('DM-1');
    expect(
      (
        await third.ok('startSession', {
          patientRef: 'DM-4',
          presetId: 'sublingual',
          plannedDoseMg: 150,
          therapist: 'Dr Kim',
          sitter: 'Sam',
        })
      ).session.patientRef,
    ).toBe('DM-4');
    third.room.db.close();
  });

  it('with an admin PIN set, only the admin restores the backup: refused without the PIN, restored once unlocked', async () => {
    const dataDir = tempDataDir('room-damaged-pin-');
    const settings = { store: {} as Record<string, unknown> };
    const first = roomOn(dataDir, settings);
    await first.ok('setAdminPin', { pin: '2580' });
    const sessionId = await closedSession(first, 'DP-1');
    await closeRoom(first.room);
    damageAPage(path.join(dataDir, DB));

    const second = roomOn(dataDir, settings);
    expect((await second.ok('getAdminStatus', {})).pinSet).toBe(true);
    const refused = await second.call('restoreBackup', {});
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toBe('The admin area is locked. Enter the admin PIN to continue.');
    expect((await second.ok('getRecovery', {}))!.restored).toBe(false);
    const { adminKey } = await second.ok('unlockAdmin', { pin: '2580' });
    expect((await second.ok('restoreBackup', { adminKey })).restored).toBe(true);
    await closeRoom(second.room);

    const third = roomOn(dataDir, settings);
    expect(await third.ok('getRecovery', {})).toBeNull();
    expect((await third.ok('getSession', { sessionId })).session.patientRef).toBe('DP-1');
    await closeRoom(third.room);
  });

  it('with no backup, is kept aside and the room starts new records, saying so', async () => {
    const dataDir = tempDataDir('room-damaged-');
    const first = roomOn(dataDir);
    fillPages(first);
    first.room.db.close();
    damageAPage(path.join(dataDir, DB));
    const second = roomOn(dataDir);
    const recovery = await second.ok('getRecovery', {});
    expect(recovery!.backup).toBeNull();
    expect(recovery!.message).toMatch(/there is no backup: the room started new records/);
    expect(fs.existsSync(recovery!.damagedKeptAt)).toBe(true);
    expect(
      (
        await second.ok('startSession', {
          patientRef: 'NB',
          presetId: 'sublingual',
          plannedDoseMg: 150,
          therapist: 'Dr Kim',
          sitter: 'Sam',
        })
      ).session.patientRef,
    ).toBe('NB');
    second.room.db.close();
  });

  it('sound records are opened as they are: no recovery, nothing restored', async () => {
    const dataDir = tempDataDir('room-damaged-');
    const t = roomOn(dataDir);
    expect(await t.ok('getRecovery', {})).toBeNull();
    const refused = await t.call('restoreBackup', {});
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/no backup to restore/);
    t.room.db.close();
  });

  it("a room closed the moment a session closes still writes that session's backup, whole", async () => {
    const dataDir = tempDataDir('room-backup-at-close-');
    const t = roomOn(dataDir);
    const sessionId = await closedSession(t, 'BC-1');
    await Promise.all([closeRoom(t.room), closeRoom(t.room)]); // a second stop while stopping is the same stop
    const kept = listBackups(dataDir);
    expect(kept).toHaveLength(1);
    expect(fs.readdirSync(path.join(dataDir, 'backups')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const copy = new Database(kept[0]!.file, { readonly: true });
    expect(
      copy.prepare("SELECT COUNT(*) AS n FROM events WHERE session_id = ? AND kind = 'session_closed'").get(sessionId),
    ).toEqual({ n: 1 });
    copy.close();
    // The folder is let go: no lock left for another process to find.
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('keeps the last ten backups, each a readable copy', async () => {
    const dataDir = tempDataDir('room-backups-');
    const t = roomOn(dataDir);
    for (let i = 0; i < BACKUPS_KEPT + 3; i++) await backupDatabase(t.room.db, dataDir);
    const kept = listBackups(dataDir);
    expect(kept).toHaveLength(BACKUPS_KEPT);
    const copy = new Database(kept[0]!.file, { readonly: true });
    expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    copy.close();
    t.room.db.close();
  });
});
