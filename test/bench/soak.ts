import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { answerDayOfChecklist } from '../support/checklist';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { writeMusicRoom } from '../support/music-room';
import { moveClocks, openRoomPage } from '../support/room-page';
import { round, type Figure } from './figures';
import { seedStaffSettings, sign } from '../support/staff';
import { size } from './size';

const MIN = 60_000;
/**
 * Three hours of session at 60x: one simulated minute a second, 180 steps, about three minutes of real time; at which
 * minutes the memory baseline is taken, vitals, check-ins, the marks, music moves and the T+ checks come. The smoke run
 * goes through the same steps in 4 simulated minutes.
 */
const RUN = size(
  { minutes: 180, baselineAt: 10, vitalsEvery: 5, checkInEvery: 15, peakAt: 45, returningAt: 90, musicEvery: 20, musicAt: 7, driftEvery: 30 },
  { minutes: 4, baselineAt: 1, vitalsEvery: 2, checkInEvery: 3, peakAt: 2, returningAt: 3, musicEvery: 2, musicAt: 1, driftEvery: 2 },
);
const SIMULATED_MINUTES = RUN.minutes;
const STEP_REAL_MS = 1000;

const hostRssMb = (host: HostProcess): number => {
  const status = fs.readFileSync(`/proc/${host.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
};

/** The renderer's JS heap after a full collection, in MB (Chromium's own count, through CDP). */
async function rendererHeapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usedSize / 1024 ** 2;
  } finally {
    await cdp.detach();
  }
}

/**
 * How far the T+ on screen is from the time since the dose by the clock the screen runs on, in ms, at the
 * screen's one-second grain (0: on time). In the room the page and the core share the machine's clock; here the
 * page's clock is Playwright's, moved with the host's test clock, and the gap between those two is the harness's
 * own, reported beside it (not the room's drift).
 */
async function clockDrift(page: Page, host: HostProcess, doseAt: number): Promise<{ driftMs: number; harnessGapMs: number }> {
  let best = Infinity;
  let harnessGapMs = 0;
  for (let i = 0; i < 8 && best > 0; i++) {
    const shown = (await page.getByRole('timer', { name: 'Time since first dose' }).textContent()) ?? '';
    const pageNow = await page.evaluate(() => Date.now());
    harnessGapMs = pageNow - (await host.value('getRoom', {})).now;
    const m = /T\+(\d+):(\d\d):(\d\d)/.exec(shown);
    if (m) {
      const shownSec = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
      const trueSec = Math.floor((pageNow - doseAt) / 1000);
      // The screen redraws once a second: a reading one second behind is the redraw, not drift.
      best = Math.min(best, Math.max(0, Math.abs(trueSec - shownSec) - 1) * 1000);
    }
    if (best > 0) await page.waitForTimeout(250);
  }
  return { driftMs: best, harnessGapMs };
}

/**
 * A three-hour session at a simulated 60x clock: the host's test clock and the page's clock move a minute each
 * second, with vitals every 5 minutes, a check-in every 15, the marks of the arc, and music moves (skip, quiet,
 * pause and play) through the page's own buttons, while the phases cross with their crossfades. Host RSS and
 * renderer heap are measured after a warm-up and at the end; the T+ on screen is checked against the true time.
 */
export async function benchSoak(): Promise<Figure[]> {
  const dataDir = tempDataDir('room-bench-soak-');
  const tones = (phase: string, n: number) => Array.from({ length: n }, (_, i) => ({ name: `${phase}-${i + 1}.wav`, title: `${phase} ${i + 1}`, durationSec: 20, frequencyHz: 180 + 20 * i }));
  writeMusicRoom(
    dataDir,
    { settling: tones('settling', 3), onset: tones('onset', 3), peak: tones('peak', 3), return: tones('return', 3), after: tones('after', 3) },
    { crossfadeSec: 3, endMarginSec: 1, trackOverlapSec: 1, quietFadeSec: 1, volume: 0.8 },
  );
  seedStaffSettings(dataDir); // its staff with their PINs, beside the music settings
  const host = await startHostProcess(dataDir);
  const browser = await launchChromium();
  try {
    const started = await host.value('startSession', { patientRef: 'SOAK', presetId: 'sublingual', plannedDoseMg: 150, therapist: 'Dr Kim', sitter: 'Sam' });
    const sessionId = started.session.id;
    await answerDayOfChecklist((method, args) => host.value(method, args), sessionId, 'sublingual', 'Sam');
    await host.value('recordVitals', { sessionId, values: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 }, author: 'Sam' });
    const dose = await host.value('recordDose', { sessionId, mg: 150, booster: false, ...sign('Dr Kim') });
    const page = await openRoomPage(browser, host);
    await page.getByRole('timer', { name: 'Time since first dose' }).waitFor();
    // One click on the page, as the therapist's first touch: the browser then lets the music play.
    await page.getByRole('button', { name: /Pause music|Play music/ }).click();
    await page.getByRole('button', { name: /Pause music|Play music/ }).click();

    let baseline: { rss: number; heap: number } | null = null;
    let drift = 0;
    let harnessGap = 0;
    let entries = 0;
    let moves = 0;
    for (let minute = 1; minute <= SIMULATED_MINUTES; minute++) {
      const stepStart = Date.now();
      await moveClocks(host, page, MIN);
      if (minute % RUN.vitalsEvery === 0) {
        await host.value('recordVitals', { sessionId, values: { systolic: 118 + (minute % 7), diastolic: 78, heartRate: 68 + (minute % 5), spo2: 98, respiratoryRate: 14 }, author: 'Sam' });
        entries++;
      }
      if (minute % RUN.checkInEvery === 0) {
        await host.value('recordCheckIn', { sessionId, note: `Check-in at ${minute} minutes: settled.`, author: 'Sam' });
        entries++;
      }
      if (minute === RUN.peakAt) await host.value('addMark', { sessionId, mark: 'peak_reached', author: 'Sam' });
      if (minute === RUN.returningAt) await host.value('addMark', { sessionId, mark: 'returning', author: 'Sam' });
      if (minute % RUN.musicEvery === RUN.musicAt) {
        const move = ['Skip track', 'Quiet', 'Resume after quiet', 'Pause music', 'Play music'][moves % 5]!;
        const button = page.getByRole('button', { name: new RegExp(`^${move}`) });
        if ((await button.count()) === 1 && (await button.isEnabled())) {
          await button.click();
          moves++;
        } else moves++;
      }
      if (minute === RUN.baselineAt) baseline = { rss: hostRssMb(host), heap: await rendererHeapMb(page) };
      if (minute % RUN.driftEvery === 0) {
        const reading = await clockDrift(page, host, dose.occurredAt);
        drift = Math.max(drift, reading.driftMs);
        harnessGap = reading.harnessGapMs;
      }
      const rest = STEP_REAL_MS - (Date.now() - stepStart);
      if (rest > 0) await page.waitForTimeout(rest);
    }
    const end = { rss: hostRssMb(host), heap: await rendererHeapMb(page) };
    const events = (await host.value('getSession', { sessionId })).events;
    console.error(`bench: soak: ${SIMULATED_MINUTES} simulated minutes, ${entries} entries, ${moves} music moves, ${events.filter((e) => e.kind === 'music').length} music events, ${events.length} events in all; the page's test clock ended ${harnessGap} ms from the host's`);
    return [
      { name: 'soak_host_rss_growth_mb', value: round(end.rss - baseline!.rss, 1), unit: 'MB over 3 h at 60x', goal: '<= 10' },
      { name: 'soak_renderer_heap_growth_mb', value: round(end.heap - baseline!.heap, 1), unit: 'MB over 3 h at 60x', goal: '<= 10' },
      { name: 'soak_clock_drift_ms', value: drift, unit: 'ms (T+ vs true)', goal: '0' },
    ];
  } finally {
    await browser.close();
    await host.stop();
  }
}
