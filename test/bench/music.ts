import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startHostProcess, tempDataDir } from '../support/host-process';
import { writeMusicRoom } from '../support/music-room';
import { round, type Figure } from './figures';
import { answerDayOfChecklist } from '../support/checklist';
import { seedStaffSettings, sign } from '../support/staff';
import { size } from './size';

const MIN = 60_000;
const TRACK_SEC = 6;
/**
 * Settling: five 6 s tracks overlapping by 1 s, about 26 s of music and four track changes, all heard before the dose (the
 * smoke run: two tracks, heard to the first change). Then how far ahead of its call each phase boundary is put, and how
 * long the player is heard past it (at least until its crossfade has begun).
 */
const SETTLING_TRACKS = size(5, 2);
const SETTLING_MS = size(SETTLING_TRACKS * (TRACK_SEC - 1) * 1000 + 3000, (TRACK_SEC - 1) * 1000 + 1000);
const LEAD_MS = size({ peak: 6000, returning: 5000 }, { peak: 3000, returning: 3000 });
const AFTER_MS = size({ peak: 6000, returning: 5000 }, { peak: 1000, returning: 1000 });
/** The later phases' one track each: longer than the run. */
const PHASE_TRACK_SEC = size(120, 30);

interface Mark {
  name: string;
  startTime: number;
  detail: { voiceId?: number; at: number };
}

/**
 * The player in Chromium through the host, in real time: settling plays short tracks back to back, then the
 * dose and a "returning" mark put phase boundaries a few seconds ahead. From the player's own performance
 * marks: the largest silence between consecutive tracks, and each boundary to the start of its crossfade. The session is
 * started and dosed through the bridge, as the start form is not what this measures.
 */
export async function benchMusic(): Promise<Figure[]> {
  const dataDir = tempDataDir('room-bench-music-');
  const tones = (phase: string, n: number, sec: number) =>
    Array.from({ length: n }, (_, i) => ({ name: `${phase}-${i + 1}.wav`, title: `${phase} ${i + 1}`, durationSec: sec, frequencyHz: 180 + 20 * i }));
  writeMusicRoom(
    dataDir,
    { settling: tones('settling', SETTLING_TRACKS, TRACK_SEC), onset: tones('onset', 1, PHASE_TRACK_SEC), peak: tones('peak', 1, PHASE_TRACK_SEC), return: tones('return', 1, PHASE_TRACK_SEC), after: tones('after', 1, PHASE_TRACK_SEC) },
    { crossfadeSec: 3, endMarginSec: 2, trackOverlapSec: 1, quietFadeSec: 2, volume: 0.8 },
  );
  seedStaffSettings(dataDir); // its staff with their PINs, beside the music settings
  const host = await startHostProcess(dataDir, { testClock: false });
  const browser = await launchChromium();
  try {
    const { session } = await host.value('startSession', { patientRef: 'BENCH', presetId: 'sublingual', plannedDoseMg: 150, therapist: 'Dr Kim', sitter: 'Sam' });
    const sessionId = session.id;
    // The room opened on the session just started: its settling music begins.
    const page = await browser.newPage();
    await page.goto(host.url);
    await page.waitForSelector('[data-ready="true"]');
    await page.waitForTimeout(SETTLING_MS);

    await answerDayOfChecklist((method, args) => host.value(method, args), sessionId, 'sublingual', 'Sam');
    // The dose dated so the peak (40 min after a sublingual dose) begins 6 s from now; the pre-dose BP it needs, a minute before it.
    const peakAt = Date.now() + LEAD_MS.peak;
    const doseAt = peakAt - 40 * MIN;
    await host.value('recordVitals', { sessionId, values: { systolic: 120, diastolic: 80 }, occurredAt: doseAt - MIN, author: 'Sam' });
    await host.value('recordDose', { sessionId, mg: 150, booster: false, occurredAt: doseAt, ...sign('Dr Kim') });
    await heardPast(page, peakAt, AFTER_MS.peak);
    // The therapist marks the return 5 s ahead (within the minute the room accepts).
    const returnAt = Date.now() + LEAD_MS.returning;
    await host.value('addMark', { sessionId, mark: 'returning', occurredAt: returnAt, author: 'Sam' });
    await heardPast(page, returnAt, AFTER_MS.returning);

    const marks = await page.evaluate(() =>
      performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('music-'))
        .map((m) => ({ name: m.name, startTime: m.startTime, detail: (m as PerformanceMark).detail as { voiceId?: number; at: number } })),
    );
    const sounds = marks.filter((m) => m.name === 'music-voice-start').length;
    console.error(`bench: music player: ${sounds} sounds heard, ${marks.filter((m) => m.name === 'music-crossfade-start').length} phase crossfades`);
    return [
      { name: 'track_gap_ms', value: round(largestGapMs(marks), 1), unit: 'ms of silence', goal: '0' },
      { name: 'phase_crossfade_delay_s', value: round(crossfadeDelaySec(marks, [peakAt, returnAt]), 3), unit: 's', goal: '<= 1' },
    ];
  } finally {
    await browser.close();
    await host.stop();
  }
}

/** Waits until the player has marked a crossfade at or after `boundary` (up to 15 s past it), and `afterMs` past it. */
async function heardPast(page: Page, boundary: number, afterMs: number): Promise<void> {
  await page
    .waitForFunction(
      (b) => performance.getEntriesByName('music-crossfade-start').some((m) => ((m as PerformanceMark).detail as { at: number }).at >= b - 50),
      boundary,
      { timeout: Math.max(1000, boundary + 15_000 - Date.now()), polling: 100 },
    )
    .catch(() => undefined); // none: crossfadeDelaySec says so
  await page.waitForTimeout(Math.max(0, boundary + afterMs - Date.now()));
}

/** The largest stretch, between the first sound's start and the last one's, when no sound was playing. */
export function largestGapMs(marks: Mark[]): number {
  const spans = new Map<number, { start: number; end: number }>();
  for (const m of marks) {
    const id = m.detail.voiceId;
    if (id === undefined) continue;
    const span = spans.get(id) ?? { start: Infinity, end: Infinity };
    if (m.name === 'music-voice-start') span.start = m.startTime;
    if (m.name === 'music-voice-end') span.end = m.startTime;
    spans.set(id, span);
  }
  const sorted = [...spans.values()].filter((s) => Number.isFinite(s.start)).sort((a, b) => a.start - b.start);
  if (sorted.length < 2) throw new Error('The player played fewer than two tracks: no gap to measure.');
  let coveredUntil = sorted[0]!.end;
  let largest = 0;
  for (const span of sorted.slice(1)) {
    largest = Math.max(largest, span.start - coveredUntil);
    coveredUntil = Math.max(coveredUntil, span.end);
  }
  return Math.max(0, largest);
}

/** For each boundary, the first crossfade heard after it; the largest delay in seconds. */
function crossfadeDelaySec(marks: Mark[], boundaries: number[]): number {
  const starts = marks.filter((m) => m.name === 'music-crossfade-start').map((m) => m.detail.at);
  const delays = boundaries.map((b) => {
    const first = starts.filter((at) => at >= b - 50).sort((x, y) => x - y)[0];
    if (first === undefined) throw new Error(`No crossfade followed the phase boundary at ${new Date(b).toISOString()}.`);
    return (first - b) / 1000;
  });
  return Math.max(...delays);
}
