import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../main/core/clock';
import { openRoom } from '../../main/core/open-room';
import { startHost, type RunningHost } from '../../main/host/server';
import type { StoredEvent } from '../../main/core/session/events';
import type { Envelope, ParsedArgsOf } from '../../main/core/contract/contract';
import { answerDayOfChecklist } from '../support/checklist';
import { launchChromium } from '../support/browser';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { seedStaff, sign } from '../support/staff';
import { chooseOrType } from '../support/room-page';

/** A room that stops answering: the page says so, offers to try again, and the retried call is written once. */

const root = path.resolve(import.meta.dirname, '../..');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

describe('a bridge call the room does not answer in time', () => {
  let host: RunningHost | undefined;
  afterAll(async () => host?.close());

  it('says "The room is not answering", offers to try again, and the retry is recorded once', async () => {
    const room = openRoom({
      dataDir: tempDataDir('room-stall-'),
      clock: systemClock,
      settingsBackend: null,
      music: { appDir: root },
      log: () => {},
    });
    // Its staff with their PINs, as a room set up through its first run has them.
    seedStaff(room);
    // The room stalls on the first start (a busy disk, a paused process), then finishes it after the page has given up.
    let release!: () => void;
    const stalled = new Promise<void>((resolve) => (release = resolve));
    let firstCall = true;
    const start = room.handlers.startSession;
    room.handlers.startSession = async (args: ParsedArgsOf<'startSession'>) => {
      if (firstCall) {
        firstCall = false;
        await stalled;
      }
      return start(args);
    };
    host = await startHost({ room, rendererDir: path.join(root, 'dist/renderer'), port: 0, log: () => {} });
    const sessionsStarted = () =>
      room.db.prepare("SELECT COUNT(*) FROM events WHERE kind = 'session_started'").pluck().get() as number;

    const page = await browser.newPage();
    // The page's time limit, 10 s in the room, made short here.
    await page.addInitScript(() => Object.assign(globalThis, { __SESSION_ROOM_CALL_TIMEOUT_MS__: 400 }));
    await page.goto(host.url);
    await page.getByLabel('Patient reference').fill('ST-1');
    await page.getByLabel('Route').selectOption({ label: 'IM injection' });
    await page.getByLabel('Planned dose (mg)').fill('60');
    await chooseOrType(page, 'Therapist', 'Dr Kim');
    await page.getByRole('button', { name: 'Start session' }).click();

    const notice = page.getByRole('alert').filter({ hasText: 'The room is not answering' });
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/^The room is not answering\. What you entered is kept/);
    // "Try again" while the room is still busy with the first request: the same request, so the room answers it once.
    await page.getByRole('button', { name: 'Try again' }).click();
    expect(sessionsStarted()).toBe(0);
    release();
    await expect.poll(sessionsStarted).toBe(1);
    await page.getByRole('timer', { name: 'Time since first dose' }).waitFor();
    await expect.poll(() => notice.count()).toBe(0);
    // Once, not twice; and no "a session is already in progress" for the retry.
    expect(sessionsStarted()).toBe(1);
    expect(await page.getByText('already in progress').count()).toBe(0);
    await page.close();
  });
});

describe('a call sent again after the room restarted', () => {
  it('gets the first answer, and the entry is recorded once', async () => {
    const dataDir = tempDataDir('room-retry-');
    let host = await startHostProcess(dataDir);
    const started = await host.value('startSession', {
      patientRef: 'RT-1',
      presetId: 'sublingual',
      plannedDoseMg: 150,
      therapist: 'Dr Kim',
    });
    const sessionId = started.session.id;
    await answerDayOfChecklist((method, args) => host.value(method, args), sessionId, 'sublingual');
    await host.value('recordVitals', {
      sessionId,
      values: { systolic: 120, diastolic: 80, heartRate: 70 },
      author: 'Sam',
    });
    await host.value('recordDose', { sessionId, mg: 150, booster: false, ...sign('Dr Kim') });
    const send = (h: HostProcess) =>
      fetch(`${h.origin}/api/call/recordCheckIn`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Room-Token': h.token,
          'X-Room-Request': '6f1c2a9e-0d4b-4f7a-9c3e-2b8d5e7a1f00',
        },
        body: JSON.stringify({ sessionId, note: 'Calm, eyes closed', author: 'Sam' }),
      }).then((r) => r.json() as Promise<Envelope<StoredEvent>>);
    const first = await send(host);
    expect(first.ok).toBe(true);
    // The room stops hard after writing (its answer lost on the way), and starts again.
    await host.kill9();
    host = await startHostProcess(dataDir);
    try {
      const again = await send(host);
      expect(again).toEqual(first);
      const checkIns = (await host.value('getSession', { sessionId })).events.filter((e) => e.kind === 'check_in');
      expect(checkIns).toHaveLength(1);
    } finally {
      await host.stop();
    }
  });
});
