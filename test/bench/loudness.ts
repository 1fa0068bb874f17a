/**
 * Loudness benchmark: our worker pool against ffmpeg's ebur128 filter over the same
 * 20 generated tracks (3-10 minutes; WAV, MP3, OGG, FLAC), ffmpeg run one process
 * per file in sequence, as a clinic machine would. Needs sox and ffmpeg on PATH.
 * The smoke run takes 4 tracks of 20-30 seconds, one of each format.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { analyzeFiles } from '../../main/core/loudness';
import { ffmpegIntegratedLufs } from '../unit/loudness-fixtures';
import { round, type Figure } from './figures';
import { size } from './size';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

const FORMATS = ['wav', 'mp3', 'ogg', 'flac'] as const;
/** Sound recipes for sox's synth, from quiet and tonal to loud and limited; every format gets each. */
const STYLES: Record<string, (sec: number) => string[]> = {
  ambient: (s) => `synth ${s} sine 220 sine 277 synth ${s} pinknoise mix tremolo 0.1 50 vol 0.15`.split(' '),
  loud: (s) => `synth ${s} pinknoise vol 0.9 compand 0.005,0.05 -60,-60,-20,-6,0,-1`.split(' '),
  swell: (s) => `synth ${s} brownnoise synth ${s} sine mix 440 tremolo 0.03 90 vol 0.5`.split(' '),
  sweep: (s) => `synth ${s} sine 110/880 synth ${s} pinknoise mix vol 0.4`.split(' '),
};

interface TrackSpec {
  name: string;
  format: (typeof FORMATS)[number];
  style: string;
  seconds: number;
  rate: number;
}

export function benchTracks(): TrackSpec[] {
  const styles = Object.keys(STYLES);
  return Array.from({ length: size(20, 4) }, (_, i) => {
    const format = FORMATS[i % 4]!;
    const style = styles[size(Math.floor(i / 4), i) % styles.length]!;
    const seconds = size(180 + ((i * 131) % 421), 20 + ((i * 7) % 11));
    const rate = i % 3 === 0 ? 48000 : 44100;
    return { name: `track-${String(i + 1).padStart(2, '0')}-${style}-${seconds}s-${rate}.${format}`, format, style, seconds, rate };
  });
}

async function generate(dir: string, t: TrackSpec): Promise<string> {
  const file = path.join(dir, t.name);
  if (fs.existsSync(file)) return file;
  const direct = t.format === 'wav' || t.format === 'flac';
  const temp = path.join(dir, `.${t.name}.${direct ? t.format : 'wav'}`);
  await run('sox', ['-V1', '-R', '-r', String(t.rate), '-c', '2', '-n', '-b', '16', temp, ...STYLES[t.style]!(t.seconds)]);
  if (!direct) {
    const codec = t.format === 'mp3' ? ['-c:a', 'libmp3lame', '-b:a', '192k'] : ['-c:a', 'libvorbis', '-q:a', '5'];
    const encoded = path.join(dir, `.${t.name}`);
    await run('ffmpeg', ['-v', 'error', '-nostdin', '-y', '-i', temp, ...codec, '-map_metadata', '-1', '-fflags', '+bitexact', encoded]);
    fs.rmSync(temp);
    fs.renameSync(encoded, file);
  } else fs.renameSync(temp, file);
  return file;
}

/** Runs `tasks` two at a time. */
async function twoAtATime<T>(tasks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]!();
    }
  };
  await Promise.all([lane(), lane()]);
  return out;
}

/** ffmpeg's integrated loudness for `file` (and the time it took), as a clinic script would run it. */
async function ffmpegLoudness(file: string, filter: string): Promise<{ lufs: number; sec: number }> {
  const start = performance.now();
  const { stderr } = await run('ffmpeg', ['-nostats', '-hide_banner', '-nostdin', '-i', file, '-vn', '-af', filter, '-f', 'null', '-'], { maxBuffer: 1 << 26 });
  const sec = (performance.now() - start) / 1000;
  const match = /I:\s+(-?[\d.]+|-inf) LUFS/.exec(stderr.slice(stderr.lastIndexOf('Summary:')));
  return { lufs: match ? Number(match[1]) : NaN, sec };
}

/**
 * Peak resident memory of this process while `work` runs. Worker threads live in this
 * process, so this includes both workers. Linux's high-water mark (VmHWM) is reset first
 * through /proc/self/clear_refs; elsewhere VmRSS is sampled every 20 ms.
 */
async function peakRssMb<T>(work: () => Promise<T>): Promise<{ result: T; mb: number }> {
  const status = (key: string) => {
    try {
      const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync('/proc/self/status', 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    } catch {
      return NaN;
    }
  };
  let resetWorked = false;
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    resetWorked = true;
  } catch {
    // Not Linux, or not allowed: fall back to sampling.
  }
  let sampled = process.memoryUsage().rss / 2 ** 20;
  const timer = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage().rss / 2 ** 20);
  }, 20);
  try {
    const result = await work();
    const hwm = resetWorked ? status('VmHWM') : NaN;
    return { result, mb: Number.isFinite(hwm) ? Math.max(hwm, sampled) : sampled };
  } finally {
    clearInterval(timer);
  }
}

/**
 * The generated tracks stay in the temp folder between runs (about 0.7 GB), so only the
 * first run pays for sox and the encoders.
 */
export async function benchLoudness(workDir = path.join(os.tmpdir(), size('room-bench-loudness', 'room-bench-loudness-smoke'))): Promise<Figure[]> {
  const log = (line: string) => console.error(line);
  for (const tool of ['sox', 'ffmpeg']) {
    await run(tool, [tool === 'sox' ? '--version' : '-version']).catch(() => {
      throw new Error(`The loudness benchmark needs ${tool}. Install it with: apt-get install -y sox libsox-fmt-all ffmpeg`);
    });
  }
  const trackDir = path.join(workDir, 'tracks');
  fs.mkdirSync(trackDir, { recursive: true });
  const specs = benchTracks();
  log(`loudness bench: preparing ${specs.length} tracks in ${trackDir}`);
  const files = await twoAtATime(specs.map((t) => () => generate(trackDir, t)));

  // Ours: the production path, a fresh cache (so every track is measured), both workers.
  const cacheDir = fs.mkdtempSync(path.join(workDir, 'cache-'));
  const workerUrl = path.join(root, 'dist/loudness/loudness-worker.js');
  const start = performance.now();
  const { result: outcomes, mb } = await peakRssMb(() => analyzeFiles(files, { workerUrl, cacheDir }));
  const oursSec = (performance.now() - start) / 1000;
  fs.rmSync(cacheDir, { recursive: true, force: true });
  const failed = outcomes.find((o) => !o.ok);
  if (failed && !failed.ok) throw new Error(`the bench track ${failed.file} failed: ${failed.error}`);
  log(`loudness bench: ours ${oursSec.toFixed(2)} s, peak RSS ${mb.toFixed(0)} MB`);

  // ffmpeg, one file after another: the same measurement (integrated + true peak), then integrated only.
  let ffmpegSec = 0;
  let ffmpegIntegratedOnlySec = 0;
  for (const file of files) ffmpegSec += (await ffmpegLoudness(file, 'ebur128=peak=true')).sec;
  for (const file of files) ffmpegIntegratedOnlySec += (await ffmpegLoudness(file, 'ebur128')).sec;
  log(`loudness bench: ffmpeg ebur128 with true peak ${ffmpegSec.toFixed(2)} s, integrated only ${ffmpegIntegratedOnlySec.toFixed(2)} s`);

  // Accuracy, untimed: ffmpeg's figure to 3 decimals.
  let maxDiff = 0;
  for (let i = 0; i < files.length; i++) {
    const theirs = ffmpegIntegratedLufs(files[i]!);
    const o = outcomes[i]!;
    const diff = o.ok ? Math.abs(o.integratedLufs - theirs) : NaN;
    log(`  ${path.basename(files[i]!)}: ours ${o.ok ? o.integratedLufs.toFixed(3) : '-'} LUFS, ffmpeg ${theirs.toFixed(3)} LUFS`);
    maxDiff = Number.isNaN(diff) ? NaN : Math.max(maxDiff, diff);
  }

  return [
    { name: 'loudness_throughput_vs_ffmpeg', value: round(ffmpegSec / oursSec, 2), unit: 'x', goal: '>= 2' },
    { name: 'loudness_throughput_vs_ffmpeg_integrated_only', value: round(ffmpegIntegratedOnlySec / oursSec, 2), unit: 'x', goal: 'report' },
    { name: 'loudness_max_diff_lu', value: round(maxDiff, 3), unit: 'LU', goal: '<= 0.1' },
    { name: 'loudness_peak_rss_mb', value: round(mb, 0), unit: 'MB', goal: 'report' },
  ];
}
