import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { chromiumWithHosts, openRoomPage, startSessionInPage } from '../support/room-page';
import { seedStaffSettings } from '../support/staff';
import { seriousAxeProblems } from '../support/axe';
import { openAdminPage } from '../support/admin';
import { frame } from '../../main/core/monitor/mllp';
import { MllpClient, pcd01Message, runScenario, type Scenario } from '../../main/core/monitor/simulator';

const root = path.resolve(import.meta.dirname, '../..');
const PATIENT = 'AB-1024';
const { browser, hosts } = chromiumWithHosts();

/** A room with the monitor listener on (a free port on loopback, only 127.0.0.1 allowed) and a session for AB-1024. */
async function monitoredRoom(): Promise<{ host: HostProcess; page: Page; to: { host: string; port: number } }> {
  const dataDir = tempDataDir();
  seedStaffSettings(dataDir, {
    extra: {
      monitor: { enabled: true, name: 'Bedside monitor', address: '127.0.0.1', port: 0, allowlist: ['127.0.0.1'] },
    },
  });
  const host = await startHostProcess(dataDir);
  hosts.push(host);
  const monitor = await host.value('getMonitor', {});
  expect(monitor.listening).toMatch(/^127\.0\.0\.1:\d+$/);
  const page = await openRoomPage(browser(), host);
  await startSessionInPage(page, { patientRef: PATIENT });
  const port = Number(monitor.listening!.split(':')[1]);
  return { host, page, to: { host: '127.0.0.1', port } };
}

const monitorPanel = (page: Page) => page.getByRole('group', { name: 'Monitor Bedside monitor' });
const entryList = (page: Page) => page.getByRole('list', { name: 'Entry list' });
let clock = Date.now();
/** Each run its own stretch of the monitor's time (its messages' control ids follow it). */
const play = (to: { host: string; port: number }, scenario: Scenario, seconds: number) => {
  clock += 10 * 60_000;
  return runScenario({ to, scenario, seconds, realTime: false, startTime: clock });
};

async function sessionEvents(host: HostProcess) {
  const { activeSessionId } = await host.value('getRoom', {});
  return (await host.value('getSession', { sessionId: activeSessionId! })).events;
}

/** Sends one reading and confirms the monitor on screen, as the person recording does at its first reading. */
async function confirmed(page: Page, to: { host: string; port: number }) {
  await play(to, 'normal', 1);
  await monitorPanel(page)
    .getByRole('button', { name: `This monitor is on ${PATIENT}` })
    .click();
  await expect.poll(() => monitorPanel(page).getByRole('button').count()).toBe(0);
}

describe('the room reads its monitor (PCD-01 over MLLP on loopback, from the simulator)', () => {
  it('holds the first readings until the person recording confirms the monitor is on the patient, then records them with their source', async () => {
    const { host, page, to } = await monitoredRoom();
    await expect
      .poll(() => monitorPanel(page).getByRole('status', { name: 'Monitor state' }).textContent())
      .toBe('Bedside monitor: waiting for readings');

    // The simulator as a person runs it: npm run monitor-sim -- --to address:port --scenario normal.
    const sentFrom = Date.now();
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          path.join(root, 'dist/host/monitor-sim.js'),
          '--to',
          `${to.host}:${to.port}`,
          '--scenario',
          'normal',
          '--seconds',
          '3',
          '--fast',
        ],
        { cwd: root },
      );
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.once('exit', (code) =>
        code === 0 ? resolve(text) : reject(new Error(`monitor-sim exited ${code}: ${text}`)),
      );
    });
    // Answered AA: held, not lost; shown, and said not to be recorded yet.
    expect(out).toMatch(/^Sent: 4 AA$/m);
    const panel = monitorPanel(page);
    await expect
      .poll(() => panel.getByRole('status', { name: 'Monitor state' }).textContent())
      .toBe('Bedside monitor: connected');
    await expect.poll(() => panel.getByLabel('Monitor last reading').textContent()).toContain('(not recorded yet)');
    await expect.poll(() => panel.textContent()).toContain(`4 readings waiting: is Bedside monitor on ${PATIENT}?`);
    expect((await sessionEvents(host)).filter((e) => e.kind === 'vitals')).toHaveLength(0);
    await expect.poll(() => entryList(page).textContent()).not.toContain('Bedside monitor');

    await panel.getByRole('button', { name: `This monitor is on ${PATIENT}` }).click();
    // The cuff's reading is an entry of its own, marked as the monitor's.
    await expect
      .poll(() =>
        entryList(page).getByRole('listitem').filter({ hasText: 'Vitals (Bedside monitor): BP 124/78' }).count(),
      )
      .toBe(1);
    const events = await sessionEvents(host);
    const confirmation = events.find((e) => e.kind === 'monitor_confirmed');
    expect(confirmation).toMatchObject({ author: 'Sam', payload: { device: 'Bedside monitor', patientRef: PATIENT } });
    const reading = events.find((e) => e.kind === 'vitals');
    expect(reading).toMatchObject({
      author: 'Bedside monitor',
      payload: { values: { systolic: 124, diastolic: 78 }, source: { device: 'Bedside monitor', kind: 'reading' } },
    });
    if (reading?.kind !== 'vitals') throw new Error('no vitals');
    expect(reading.payload.source!.receivedAt).toBe(reading.occurredAt);
    // The monitor's own time of the reading (the simulator's clock as it sent it), beside the room's.
    expect(reading.payload.source!.deviceTime).toBeGreaterThanOrEqual(Math.floor(sentFrom / 1000) * 1000);
    expect(reading.payload.source!.deviceTime).toBeLessThanOrEqual(Date.now());

    // A minute of 1 Hz SpO2 and pulse: once recorded, a minute's summary (median, lowest) in the entries and the chart.
    await play(to, 'normal', 70);
    await expect
      .poll(() =>
        entryList(page)
          .getByRole('listitem')
          .filter({ hasText: /Monitor minute \(Bedside monitor\): median HR \d+, SpO2 9\d%; lowest HR \d+, SpO2 9\d%/ })
          .count(),
      )
      .toBeGreaterThan(0);
    const summaries = (await sessionEvents(host)).filter(
      (e) => e.kind === 'vitals' && e.payload.source?.kind === 'minute',
    );
    expect(summaries.length).toBeGreaterThanOrEqual(1);
    await expect.poll(() => panel.getByLabel('Monitor last reading').textContent()).not.toContain('not recorded');
  });

  it('a desaturation raises one alert for the episode, and records its depth and length', async () => {
    const { host, page, to } = await monitoredRoom();
    await confirmed(page, to);
    await play(to, 'desaturation', 70);
    await expect
      .poll(() =>
        entryList(page)
          .getByRole('listitem')
          .filter({ hasText: /^.*Desaturation \(Bedside monitor\): SpO2 down to 86% below 92% for 29 s, ended/ })
          .count(),
      )
      .toBe(1);
    const alerts = page.getByRole('region', { name: 'Alerts' }).getByRole('listitem');
    await expect.poll(() => alerts.filter({ hasText: 'SpO2' }).count()).toBe(1);
    await expect.poll(() => alerts.filter({ hasText: 'SpO2' }).textContent()).toContain('SpO2 86% is below 90%.');
    const events = await sessionEvents(host);
    const spo2Alerts = events.flatMap((e) =>
      e.kind === 'vitals' ? e.payload.alerts.filter((a) => a.signal === 'spo2') : [],
    );
    expect(spo2Alerts).toEqual([
      expect.objectContaining({ level: 'urgent', message: expect.stringMatching(/^SpO2 86% is below 90%\.$/) }),
    ]);
    // The safe case beside it: the minutes around it were recorded and raised no SpO2 alert of their own.
    expect(events.some((e) => e.kind === 'vitals' && e.payload.source?.kind === 'minute')).toBe(true);
  });

  it('a monitor that goes silent for 30 s raises "SpO2 signal lost" as an alert, closed by itself when the signal is back', async () => {
    const { host, page, to } = await monitoredRoom();
    await confirmed(page, to);
    await play(to, 'signal-loss', 20);
    const state = monitorPanel(page).getByRole('status', { name: 'Monitor state' });
    await expect.poll(() => state.textContent()).toBe('Bedside monitor: connected');
    await host.advanceClock(31_000);
    await expect.poll(() => state.textContent()).toBe('Bedside monitor: SpO2 signal lost');
    await expect
      .poll(() => monitorPanel(page).getByLabel('Monitor alert').textContent())
      .toContain('SpO2 signal lost since');
    // The urgent line is visual, on the clinician's screen, and legible in both palettes.
    for (const palette of ['dim', 'night'] as const) {
      await page.evaluate((p) => (document.documentElement.dataset.palette = p), palette);
      expect(await seriousAxeProblems(page)).toEqual([]);
    }
    await page.evaluate(() => (document.documentElement.dataset.palette = 'dim'));
    await expect
      .poll(() => entryList(page).textContent())
      .toContain('SpO2 signal lost: no reading from Bedside monitor for 3');
    // It is an alert like the others: in the room's Alerts list, a warning.
    const alerts = page.getByRole('region', { name: 'Alerts' });
    const acknowledge = alerts.getByRole('button', { name: /^Acknowledge: SpO2 signal lost: no reading from Bedside/ });
    await expect.poll(() => acknowledge.count()).toBe(1);
    expect(await alerts.getByRole('listitem').filter({ hasText: 'SpO2 signal lost' }).textContent()).toMatch(
      /^warning SpO2 signal lost: no reading from Bedside monitor/,
    );
    // The signal back: the state follows, the alert closes by itself, and the record says so.
    await play(to, 'normal', 2);
    await expect.poll(() => state.textContent()).toBe('Bedside monitor: connected');
    await expect
      .poll(() => entryList(page).textContent())
      .toContain('SpO2 signal back from Bedside monitor: the "SpO2 signal lost" alert closed by itself.');
    await expect.poll(() => acknowledge.count()).toBe(0);
  });

  it('answers malformed and hostile messages with AE or AR and the reason, records nothing from them, and keeps running', async () => {
    const { host, page, to } = await monitoredRoom();
    await confirmed(page, to);
    const before = (await sessionEvents(host)).length;
    const client = await MllpClient.connect(to);
    const t = Date.now();
    expect(await client.send('not hl7 at all')).toMatchObject({
      code: 'AR',
      text: expect.stringMatching(/^Not an HL7 v2 message/),
    });
    expect(
      await client.send(pcd01Message({ controlId: 'BAD1', time: t, values: { spo2: 97 } }).replace('|97|', '|ninety|')),
    ).toMatchObject({
      code: 'AE',
      controlId: 'BAD1',
      text: expect.stringMatching(/is not a number: nothing in the message was recorded\.$/),
    });
    expect(
      await client.send(
        pcd01Message({ controlId: 'BAD2', time: t, values: { spo2: 97 } }).replace(
          '262688^MDC_DIM_PERCENT',
          '266016^MDC_DIM_MMHG',
        ),
      ),
    ).toMatchObject({
      code: 'AE',
      text: expect.stringMatching(/^SpO2 came in "266016 MDC_DIM_MMHG", not %: the reading was not recorded\.$/),
    });
    expect(await client.send(pcd01Message({ controlId: 'BAD3', time: t, values: { spo2: 140 } }))).toMatchObject({
      code: 'AE',
      text: expect.stringMatching(/^SpO2 140 % is not a possible reading/),
    });
    expect(
      await client.send(
        pcd01Message({ controlId: 'BAD4', time: t, values: { spo2: 97 } }).replace(
          'ORU^R01^ORU_R01',
          'ADT^A01^ADT_A01',
        ),
      ),
    ).toMatchObject({
      code: 'AR',
      text: expect.stringMatching(/not ADT A01\.$/),
    });
    expect(
      await client.send(pcd01Message({ controlId: 'BAD5', time: t, values: { spo2: 97 }, patientId: 'ZZ-9' })),
    ).toMatchObject({
      code: 'AR',
      text: expect.stringMatching(/^The monitor names patient ZZ-9/),
    });
    // Bytes outside any frame are skipped; a valid message after all of it is still recorded.
    expect(
      await client.send(
        Buffer.concat([
          Buffer.from([0, 1, 2, 0x1c, 0x0d, 0xff]),
          frame(pcd01Message({ controlId: 'OK1', time: t, values: { systolic: 130, diastolic: 80 } })),
        ]),
      ),
    ).toMatchObject({ code: 'AA', controlId: 'OK1' });
    client.close();
    // A frame that never ends is cut off at the size limit: answered AR and the connection closed.
    const flood = await MllpClient.connect(to);
    expect(await flood.send(Buffer.concat([Buffer.from([0x0b]), Buffer.alloc(300 * 1024, 0x41)]))).toMatchObject({
      code: 'AR',
    });
    flood.close();

    const events = await sessionEvents(host);
    expect(
      events
        .slice(before)
        .filter((e) => e.kind === 'vitals')
        .map((e) => e.kind === 'vitals' && e.payload.values),
    ).toEqual([{ systolic: 130, diastolic: 80 }]);
    await expect.poll(() => monitorPanel(page).getByLabel('Monitor messages').textContent()).toContain('Last refused:');
    // The room is still running: the page still records.
    expect((await host.value('getRoom', {})).activeSessionId).toBeTruthy();
    expect(host.child.exitCode).toBeNull();
  });

  it('refuses a connection from an address not on the allowlist, before reading anything it sends', async () => {
    const { host, page, to } = await monitoredRoom();
    const stranger = await MllpClient.connect(to, '127.0.0.2');
    expect((await stranger.send(pcd01Message({ controlId: 'X1', time: Date.now(), values: { spo2: 97 } }))).code).toBe(
      'closed',
    );
    await expect
      .poll(() => monitorPanel(page).getByLabel('Monitor messages').textContent())
      .toContain('A connection from 127.0.0.2 was refused: that address is not on the monitor allowlist.');
    expect((await host.value('getMonitor', {})).counts.refusedConnections).toBe(1);
    // The safe case: the allowed address is heard.
    expect((await play(to, 'normal', 1))[0]!.code).toBe('AA');
  });

  it('the admin turns the listener on under Admin, Monitor: it listens at once; an address that is not one is refused with a sentence', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    expect(await host.value('getMonitor', {})).toMatchObject({ enabled: false, listening: null, state: 'off' });
    const page = await openAdminPage(browser(), host);
    const section = page.getByRole('group', { name: 'Monitor' });
    await section.getByLabel('Allowed sending addresses').fill('127.0.0.1, 10.0.0.x');
    await section.getByRole('button', { name: 'Save monitor' }).click();
    await expect
      .poll(() => section.getByRole('alert').textContent())
      .toMatch(/Enter an IP address, such as 127\.0\.0\.1 or 192\.168\.1\.20\./);
    expect((await host.value('getMonitor', {})).listening).toBeNull();
    await section.getByLabel('Listen for the monitor (PCD-01 over MLLP)').check();
    await section.getByLabel('Port', { exact: true }).fill('0');
    await section.getByLabel('Allowed sending addresses').fill('127.0.0.1');
    await section.getByRole('button', { name: 'Save monitor' }).click();
    await expect.poll(() => section.getByRole('status').textContent()).toBe('Monitor: saved.');
    await expect.poll(async () => (await host.value('getMonitor', {})).listening).toMatch(/^127\.0\.0\.1:\d+$/);
  });
});
