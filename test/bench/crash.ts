import { performance } from 'node:perf_hooks';
import { answerDayOfChecklist } from '../support/checklist';
import { launchChromium } from '../support/browser';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { sign } from '../support/staff';
import { percentile, round, type Figure } from './figures';
import { size } from './size';

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

/**
 * Crash to clock: the host is killed with SIGKILL mid-session and started again, and the page opened at its new address;
 * the time from the new process's start to the right T+ on screen. The reference, in the same rounds: the same page's
 * load once the room is already running (no process start), from navigation to the same T+.
 */
export async function benchCrashToClock(): Promise<Figure[]> {
  const dataDir = tempDataDir('room-bench-crash-');
  let host = await startHostProcess(dataDir, { testClock: false });
  await dosedSession(host);
  const browser = await launchChromium();
  const crash: number[] = [];
  const warm: number[] = [];
  const clockShown = async (url: string) => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByRole('timer', { name: 'Time since first dose' }).filter({ hasText: /^T\+0:4\d:\d\d$/ }).waitFor();
    await page.close();
  };
  try {
    for (let i = 0; i < ROUNDS; i++) {
      await host.kill9();
      const t0 = performance.now();
      host = await startHostProcess(dataDir, { testClock: false });
      await clockShown(host.url);
      crash.push(performance.now() - t0);
      const t1 = performance.now();
      await clockShown(host.url);
      warm.push(performance.now() - t1);
    }
  } finally {
    await browser.close();
    await host.stop();
  }
  return [
    { name: 'crash_to_clock_visible_ms', value: round(percentile(crash, 50), 0), unit: 'ms (new process to T+)', goal: 'report' },
    { name: 'reference_room_page_load_ms', value: round(percentile(warm, 50), 0), unit: 'ms (running room, load to T+)', goal: 'reference' },
  ];
}
