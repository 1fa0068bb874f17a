import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { analyzeFiles } from '../../main/core/loudness/pool';
import { openAdminPage } from '../support/admin';
import { launchChromium } from '../support/browser';
import { startHostProcess, tempDataDir } from '../support/host-process';
import { round, type Figure } from './figures';
import { size } from './size';

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const TRACKS = size(200, 4);

/** 200 generated 30-second MP3s (22 kHz mono; 4 in the smoke run), each a different tone, made two at a time with sox. */
async function makeTracks(dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const one = (i: number) =>
    run('sox', ['-n', '-r', '22050', '-c', '1', '--comment', `Title=Bench ${i}`, path.join(dir, `bench-${String(i).padStart(3, '0')}.mp3`), 'synth', '30', 'pinknoise', 'vol', String(0.05 + (i % 10) / 40)]);
  for (let i = 0; i < TRACKS; i += 2) await Promise.all([one(i), one(i + 1)]);
}

/** Peak resident memory of a process, from /proc (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/**
 * Importing 200 tracks through the browser host as an admin does: time to the end, the host's peak memory,
 * and the longest main-thread task in the renderer meanwhile (Chromium's longtask entries). The reference
 * is the loudness analysis alone of the same files, measured in the same run.
 */
export async function benchImport(): Promise<Figure[]> {
  const audio = path.join(tempDataDir('room-bench-audio-'), 'tracks');
  console.error(`bench: making ${TRACKS} tracks...`);
  await makeTracks(audio);
  const files = fs.readdirSync(audio).map((n) => path.join(audio, n));

  const t0 = performance.now();
  const outcomes = await analyzeFiles(files, { workerUrl: path.join(root, 'dist/loudness/loudness-worker.js') });
  const referenceS = (performance.now() - t0) / 1000;
  if (outcomes.some((o) => !o.ok)) throw new Error('the reference analysis failed on a generated track');

  const host = await startHostProcess(tempDataDir('room-bench-'), { testClock: false });
  const browser = await launchChromium();
  try {
    const page = await openAdminPage(browser, host, {
      tab: 'Music sets',
      before: (p) =>
        p.addInitScript(() => {
          const w = window as unknown as { __longest: number };
          w.__longest = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
          }).observe({ type: 'longtask', buffered: true });
          // Headless Chromium may not report longtask entries: a 10 ms timer's lateness is the main thread's longest busy stretch too.
          let last = window.performance.now();
          const tick = () => {
            const now = window.performance.now();
            w.__longest = Math.max(w.__longest, now - last - 10);
            last = now;
            setTimeout(tick, 10);
          };
          setTimeout(tick, 10);
        }),
    });
    await page.getByLabel('Audio file or folder on this computer').fill(audio);
    await page.evaluate(() => ((window as unknown as { __longest: number }).__longest = 0));
    const started = performance.now();
    await page.getByRole('button', { name: 'Import audio' }).click();
    await page.getByText(`Imported ${TRACKS} files.`).waitFor({ timeout: 15 * 60_000 });
    const importS = (performance.now() - started) / 1000;
    const longest = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
    // Calibration: a 150 ms busy task must show up, or the figure above would mean nothing.
    const calibration = await page.evaluate(async () => {
      const w = window as unknown as { __longest: number };
      w.__longest = 0;
      // window.performance: the bundler renames a bare `performance` in this file.
      const until = window.performance.now() + 150;
      while (window.performance.now() < until);
      await new Promise((r) => setTimeout(r, 200));
      return w.__longest;
    });
    const rss = peakRssMb(host.child.pid!);
    return [
      { name: 'import_200_tracks_s', value: round(importS, 1), unit: 's', goal: 'report' },
      { name: 'reference_analyze_200_tracks_s', value: round(referenceS, 1), unit: 's', goal: 'reference' },
      { name: 'import_overhead_ratio', value: round(importS / referenceS, 2), unit: 'x analysis alone', goal: '<= 1.3' },
      { name: 'import_peak_rss_mb', value: round(rss, 0), unit: 'MB (host process)', goal: 'report' },
      { name: 'import_longest_task_ms', value: round(longest, 0), unit: 'ms', goal: '<= 100' },
      { name: 'reference_busy_150ms_task_ms', value: round(calibration, 0), unit: 'ms (observer check)', goal: 'reference' },
    ];
  } finally {
    await browser.close();
    await host.stop();
  }
}
