import fs from 'node:fs';
import { releaseDataFolder } from '../../main/core/data-folder';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { openRoom } from '../../main/core/open-room';
import { filePasswordStore, readConnection, writeConnection } from '../../main/core/sync/connection';
import type { NewEvent } from '../../main/core/session/events';
import { openAdminPage } from '../support/admin';
import { seriousAxeProblems } from '../support/axe';
import { throwawayCluster, type ThrowawayCluster } from '../support/clinic-db';
import { clinicEvents, inOrderOncePerSession } from '../support/clinic-room';
import { startHostProcess, tempDataDir } from '../support/host-process';
import { chromiumWithHosts, startSessionInPage } from '../support/room-page';

const { browser, hosts } = chromiumWithHosts();
let cluster: ThrowawayCluster;
let owner: pg.Client;

beforeAll(async () => {
  cluster = await throwawayCluster();
  owner = await cluster.owner();
}, 120_000);
afterAll(async () => {
  await cluster?.destroy();
});

const clinicCount = async (room: string) =>
  (await owner.query('SELECT count(*)::int AS n FROM events WHERE room = $1', [room])).rows[0].n as number;

describe('the room host sends its record to the clinic database', () => {
  it('killed (kill -9) mid-push: after a restart nothing is lost or sent twice', async () => {
    const login = await cluster.addRoom('Kill Room');
    const dataDir = tempDataDir('room-clinic-kill-');
    // A long session already on disk, queued for the clinic: 20,000 entries.
    const room = openRoom({ dataDir, clock: new ManualClock(Date.now()), settingsBackend: null });
    const started = room.sessions.createSession({
      kind: 'session_started',
      occurredAt: Date.now(),
      author: 'Dr Kim',
      payload: {
        patientRef: 'KL-9',
        presetId: 'im',
        preset: room.settings.get().presets.im,
        plannedDoseMg: 60,
        therapist: 'Dr Kim',
        sitter: 'Sam',
      },
    });
    const notes: NewEvent[] = Array.from({ length: 20_000 }, (_, i) => ({
      kind: 'check_in',
      occurredAt: Date.now(),
      author: 'Sam',
      payload: { note: `check ${i}` },
    }));
    room.sessions.appendAll(started.sessionId, notes);
    room.db.close();
    releaseDataFolder(dataDir); // the host below opens the folder next
    const total = 20_001;
    writeConnection(dataDir, { address: cluster.roomAddress, room: 'Kill Room', login: login.login, ca: cluster.ca });
    filePasswordStore(dataDir).write(login.password);

    const first = await startHostProcess(dataDir);
    await expect.poll(() => clinicCount('Kill Room'), { timeout: 30_000, interval: 10 }).toBeGreaterThan(0);
    await first.kill9();
    const atKill = await clinicCount('Kill Room');
    expect(atKill).toBeLessThan(total); // killed with the push under way

    const second = await startHostProcess(dataDir);
    hosts.push(second);
    await expect.poll(() => clinicCount('Kill Room'), { timeout: 60_000 }).toBe(total);
    const rows = await clinicEvents(owner, 'Kill Room');
    expect(rows).toHaveLength(total);
    expect(inOrderOncePerSession(rows)).toBe(true);
    const kept = await second.value('getSession', { sessionId: started.sessionId });
    expect(kept.events).toHaveLength(total);

    // And the room goes on: a new entry is sent too.
    await second.value('recordCheckIn', { sessionId: started.sessionId, author: 'Sam' });
    await expect.poll(() => clinicCount('Kill Room'), { timeout: 20_000 }).toBe(total + 1);
  });

  it('what the admin types is what is saved, even when the saved connection is slow to load', async () => {
    const dataDir = tempDataDir('room-clinic-slow-');
    const host = await startHostProcess(dataDir);
    hosts.push(host);
    // The room answers the saved connection late, as a busy machine does.
    const page = await openAdminPage(browser(), host, {
      before: (p) =>
        p.route('**/api/call/getClinicConnection', async (route) => {
          await new Promise((resolve) => setTimeout(resolve, 1_500));
          await route.continue();
        }),
    });
    const answered = page.waitForResponse('**/api/call/getClinicConnection');
    await page.getByRole('tab', { name: 'Clinic database' }).click();
    const form = page.getByRole('region', { name: 'Clinic database' });
    await form.getByLabel('Clinic database address').fill('127.0.0.1:1/clinic');
    await form.getByLabel('Room name at the clinic').fill('Slow Room');
    await form.getByLabel('Room login').fill('room_slow_room');
    await form.getByLabel('Clinic CA certificate').fill(cluster.ca);
    // The saved connection has now arrived and is shown; only then does the admin press Save.
    await answered;
    await form.getByRole('status', { name: 'Clinic connection state' }).waitFor();
    await form.getByRole('button', { name: 'Save clinic connection' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(readConnection(dataDir)).toEqual({
      address: 'postgres://127.0.0.1:1/clinic',
      room: 'Slow Room',
      login: 'room_slow_room',
      ca: cluster.ca,
    });
    expect(await form.getByLabel('Clinic database address').inputValue()).toBe('postgres://127.0.0.1:1/clinic');
  });

  it('the admin connects the room in the app; the room shows one quiet sync line; a wrong password is a sentence there', async () => {
    const login = await cluster.addRoom('Garden Room');
    const host = await startHostProcess(tempDataDir('room-clinic-ui-'));
    hosts.push(host);
    const page = await openAdminPage(browser(), host);
    await page.getByRole('tab', { name: 'Clinic database' }).click();
    const form = page.getByRole('region', { name: 'Clinic database' });
    await form.getByLabel('Clinic database address').fill(cluster.roomAddress);
    await form.getByLabel('Room name at the clinic').fill('Garden Room');
    await form.getByLabel('Room login').fill(login.login);
    await form.getByLabel('Room password').fill('wrong-password');
    // The admin picks ca.crt, as clinic-db made it.
    await form.getByLabel('Read the CA certificate from a file').setInputFiles(cluster.caFile);
    await expect
      .poll(() => form.getByLabel('Clinic CA certificate').inputValue())
      .toBe(fs.readFileSync(cluster.caFile, 'utf8'));
    await form.getByRole('button', { name: 'Save clinic connection' }).click();
    const state = form.getByRole('status', { name: 'Clinic connection state' });
    await expect
      .poll(() => state.textContent(), { timeout: 20_000 })
      .toMatch(/refused the login "room_garden_room" or its password/);

    await form.getByLabel('Room password').fill(login.password);
    await form.getByRole('button', { name: 'Save clinic connection' }).click();
    await expect.poll(() => state.textContent(), { timeout: 20_000 }).toBe('Clinic record: synced.');
    // The password is never shown again: the field is empty and says one is saved.
    expect(await form.getByLabel(/Room password \(saved/).inputValue()).toBe('');
    // The CA certificate is kept with the connection, and its fingerprint is shown to compare with what clinic-db printed.
    expect(await form.getByLabel('Clinic CA certificate').inputValue()).toBe(cluster.ca);
    await form.getByText(cluster.caFingerprint).waitFor();
    expect(await seriousAxeProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'Lock and close admin' }).click();
    await startSessionInPage(page, { patientRef: 'GR-7' });
    await expect
      .poll(() => page.getByRole('status', { name: 'Clinic record' }).textContent(), { timeout: 20_000 })
      .toBe('Clinic record: synced.');
    await expect.poll(() => clinicCount('Garden Room'), { timeout: 20_000 }).toBeGreaterThan(0);
    const sessions = await owner.query("SELECT patient_ref FROM clinic_sessions WHERE room = 'Garden Room'");
    expect(sessions.rows).toEqual([{ patient_ref: 'GR-7' }]);

    // The clinic database goes away mid-session: the room's line says so in a sentence, and the room records on.
    const line = page.getByRole('status', { name: 'Clinic record' });
    await cluster.stop();
    try {
      const { activeSessionId } = await host.value('getRoom', {});
      await host.value('recordCheckIn', { sessionId: activeSessionId!, note: 'settled', author: 'Sam' });
      await expect
        .poll(() => line.textContent(), { timeout: 20_000 })
        .toMatch(/^Clinic record: The clinic database at 127\.0\.0\.1:\d+ is not answering\. The room keeps recording/);
    } finally {
      await cluster.start();
    }
    owner = await cluster.owner(); // the stop ended the test's own connection too
    await expect.poll(() => line.textContent(), { timeout: 30_000 }).toBe('Clinic record: synced.');
  });
});
