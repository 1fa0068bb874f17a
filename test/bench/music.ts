import { launchChromium } from '../support/browser';
import { startHostProcess, tempDataDir } from '../support/host-process';
import { writeMusicRoom } from '../support/music-room';
import { round, type Figure } from './figures';
import { answerDayOfChecklist } from '../support/checklist';
import { sign } from '../support/staff';

const MIN = 60_000;
const TRACK_SEC = 6;

interface Mark {
  name: string;
  startTime: number;
  detail: { voiceId?: number; at: number };
}

/**
 * The player in Chromium through the host, in real time: settling plays short tracks back to back, then the
 * dose and a "returning" mark put phase boundaries a few seconds ahead. From the player's own performance
 * marks: the largest silence between consecutive tracks, and each boundary to the start of its crossfade.
 */
export async function benchMusic(): Promise<Figure[]> {
  const dataDir = tempDataDir('room-bench-music-');
  const tones = (phase: string, n: number, sec: number) =>
    Array.from({ length: n }, (_, i) => ({ name: `${phase}-${i + 1}.wav`, title: `${phase} ${i + 1}`, durationSec: sec, frequencyHz: 180 + 20 * i }));
  writeMusicRoom(
    dataDir,
    { settling: tones('settling', 5, TRACK_SEC), onset: tones('onset', 1, 120), peak: tones('peak', 1, 120), return: tones('return', 1, 120), after: tones('after', 1, 120) },
    { crossfadeSec: 3, endMarginSec: 2, trackOverlapSec: 1, quietFadeSec: 2, volume: 0.8 },
  );
  const host = await startHostProcess(dataDir, { testClock: false });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(host.url);
    await page.getByLabel('Patient reference').fill('BENCH');
    await page.getByLabel('Route').selectOption({ label: 'Sublingual lozenge / troche' });
    await page.getByLabel('Planned dose (mg)').fill('150');
    await page.getByLabel('Therapist').fill('Bench');
    await page.getByRole('button', { name: 'Start session' }).click();
    // Five 6 s tracks overlapping by 1 s: about 26 s of settling music, four track changes.
    await page.waitForTimeout(5 * (TRACK_SEC - 1) * 1000 + 3000);

    const { activeSessionId } = await host.value('getRoom', {});
    const sessionId = activeSessionId!;
    await answerDayOfChecklist((method, args) => host.value(method, args), sessionId, 'sublingual', 'Sam');
    await host.value('recordVitals', { sessionId, values: { systolic: 120, diastolic: 80 }, author: 'Sam' }); // the pre-dose BP the dose needs
    // The dose dated so the peak (40 min after a sublingual dose) begins 6 s from now.
    const peakAt = Date.now() + 6000;
    await host.value('recordDose', { sessionId, mg: 150, booster: false, occurredAt: peakAt - 40 * MIN, ...sign('Dr Kim') });
    await page.waitForTimeout(12_000);
    // The therapist marks the return 5 s ahead (within the minute the room accepts).
    const returnAt = Date.now() + 5000;
    await host.value('addMark', { sessionId, mark: 'returning', occurredAt: returnAt, author: 'Sam' });
    await page.waitForTimeout(10_000);

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
