import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { answerDayOfChecklist } from '../support/checklist';
import { launchChromium } from '../support/browser';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { sign } from '../support/staff';
import { percentile, round, type Figure } from './figures';
import { size } from './size';
import { serveBlankPage } from './renderer-start';
import { writeMusicRoom } from '../support/music-room';
import { seedStaffSettings } from '../support/staff';

const MIN = 60_000;
const ROUNDS = size(5, 1);

/** A session 40 minutes after its dose (entered with its real time), as a crash finds it. */
async function dosedSession(host: HostProcess): Promise<void> {
  const now = (await host.value('getRoom', {})).now;
  const { session } = await host.value('startSession', {
    patientRef: 'CR-1',
    presetId: 'sublingual',
    plannedDoseMg: 150,
    therapist: 'Dr Kim',
    sitter: 'Sam',
  });
  await answerDayOfChecklist((method, args) => host.value(method, args), session.id, 'sublingual');
  await host.value('recordVitals', {
    sessionId: session.id,
    values: { systolic: 120, diastolic: 80, heartRate: 70 },
    occurredAt: now - 45 * MIN,
    author: 'Sam',
  });
  await host.value('recordDose', {
    sessionId: session.id,
    mg: 150,
    booster: false,
    occurredAt: now - 40 * MIN,
    ...sign('Dr Kim'),
  });
}

/** A room whose every phase plays one long tone (longer than the bench), so music is due whenever the room is open. */
function musicDataDir(): string {
  const dataDir = tempDataDir('room-bench-crash-');
  const tone = (phase: string) => [{ name: `${phase}.wav`, title: `${phase} tone`, durationSec: 600, frequencyHz: 220 }];
  writeMusicRoom(
    dataDir,
    { settling: tone('settling'), onset: tone('onset'), peak: tone('peak'), return: tone('return'), after: tone('after') },
    { crossfadeSec: 3, endMarginSec: 2, trackOverlapSec: 1, quietFadeSec: 2, volume: 0.8 },
  );
  seedStaffSettings(dataDir);
  return dataDir;
}

/**
 * Crash to clock, and to music: the host is killed with SIGKILL mid-session (music playing) and started again, and the
 * page opened at its new address; from the new process's start to the right T+ on screen, and to the player heard
 * again (a tone's level meter above zero). A new page: the browser host gives each start a new access key, so the page
 * that was open cannot be the one that comes back. References, in the same rounds: the same page's load once the room
 * is running, and a blank React page's load (both to their first screen).
 */
export async function benchCrashToClock(): Promise<Figure[]> {
  const dataDir = musicDataDir();
  let host = await startHostProcess(dataDir, { testClock: false });
  await dosedSession(host);
  const blankPage = await serveBlankPage();
  const browser = await launchChromium();
  const crash: number[] = [];
  const music: number[] = [];
  const warm: number[] = [];
  const blank: number[] = [];
  const playing = (page: Page) =>
    page.waitForFunction(() =>
      [...document.querySelectorAll('[role="meter"]')].some(
        (m) => m.getAttribute('aria-label')?.startsWith('Level of') && Number(m.getAttribute('aria-valuenow')) > 0,
      ),
    );
  const clockShown = (page: Page) =>
    page.getByRole('timer', { name: 'Time since first dose' }).filter({ hasText: /^T\+0:4\d:\d\d$/ }).waitFor();
  try {
    for (let i = 0; i < ROUNDS; i++) {
      // Music playing in the room when it is killed.
      const before = await browser.newPage();
      await before.goto(host.url);
      await playing(before);
      await host.kill9();
      await before.close();
      const t0 = performance.now();
      host = await startHostProcess(dataDir, { testClock: false });
      const page = await browser.newPage();
      await page.goto(host.url);
      await clockShown(page);
      crash.push(performance.now() - t0);
      await playing(page);
      music.push((performance.now() - t0) / 1000);
      await page.close();

      const t1 = performance.now();
      const again = await browser.newPage();
      await again.goto(host.url);
      await clockShown(again);
      warm.push(performance.now() - t1);
      await again.close();

      const t2 = performance.now();
      const reference = await browser.newPage();
      await reference.goto(blankPage.url);
      await reference.waitForSelector('[data-ready="true"]');
      blank.push(performance.now() - t2);
      await reference.close();
    }
  } finally {
    await browser.close();
    await host.stop();
    blankPage.close();
  }
  const blankMs = percentile(blank, 50);
  return [
    { name: 'crash_to_clock_visible_ms', value: round(percentile(crash, 50), 0), unit: 'ms (new process to T+)', goal: 'report' },
    { name: 'crash_to_music_resumed_s', value: round(percentile(music, 50), 2), unit: 's (new process to music heard)', goal: 'report' },
    { name: 'reference_room_page_load_ms', value: round(percentile(warm, 50), 0), unit: 'ms (running room, load to T+)', goal: 'reference' },
    { name: 'reference_blank_page_load_ms', value: round(blankMs, 0), unit: 'ms (blank React page, load to drawn)', goal: 'reference' },
    { name: 'crash_to_clock_ratio', value: round(percentile(crash, 50) / blankMs, 1), unit: 'x blank page load', goal: 'report' },
  ];
}
