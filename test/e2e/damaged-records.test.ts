import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { releaseDataFolder } from '../../main/core/data-folder';
import { listBackups } from '../../main/core/db/recovery';
import { closedSession, damageAPage, fillPages, roomOn } from '../support/damaged-room';
import { startHostProcess, tempDataDir } from '../support/host-process';
import { chromiumWithHosts } from '../support/room-page';

const { hosts, openRoom } = chromiumWithHosts();

describe('damaged records in the browser room', () => {
  it("says what happened, where the damaged file is kept, and restores the latest backup at the admin's click", async () => {
    const dataDir = tempDataDir('room-damaged-ui-');
    const before = roomOn(dataDir);
    const sessionId = await closedSession(before, 'DU-1');
    for (let i = 0; i < 200 && listBackups(dataDir).length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(listBackups(dataDir)).toHaveLength(1);
    fillPages(before);
    before.room.db.close();
    releaseDataFolder(dataDir);
    damageAPage(path.join(dataDir, 'session-room.db'));

    const host = await startHostProcess(dataDir);
    hosts.push(host);
    const page = await openRoom(host);
    const notice = page.getByRole('alert').filter({ hasText: 'records were damaged' });
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(
      /kept at .*damaged.*The room shows its latest backup .* read-only: nothing can be recorded until the clinic admin restores it\./,
    );
    // The backup's session reads; recording is refused with the same sentence.
    expect((await host.value('getSession', { sessionId })).session.patientRef).toBe('DU-1');
    await page.getByRole('button', { name: 'Restore the backup' }).click();
    await page.getByRole('alert').filter({ hasText: 'The backup is restored' }).waitFor();
    await host.stop();

    // Started again, the room works on the restored records, with nothing to say about damage.
    const again = await startHostProcess(dataDir);
    hosts.push(again);
    expect(await again.value('getRecovery', {})).toBeNull();
    expect((await again.value('getSession', { sessionId })).session.patientRef).toBe('DU-1');
    expect(fs.readdirSync(path.join(dataDir, 'damaged')).some((f) => f.endsWith('.db'))).toBe(true);
    const page2 = await openRoom(again, { fakeClock: false });
    await page2.getByLabel('Patient reference').waitFor();
    // The page came with the room's answer about damage (none) in it, and has drawn it.
    expect(await (await fetch(again.url)).text()).toContain('"recovery":null');
    await page2.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
    expect(await page2.getByRole('alert').filter({ hasText: 'damaged' }).count()).toBe(0);
  });
});
