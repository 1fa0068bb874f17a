import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFiles, LoudnessPool, type TrackLoudness, type TrackOutcome } from '../../main/core/loudness';
import {
  ANALYZE_CLI,
  concat,
  dbToAmp,
  encode,
  ffmpegIntegratedLufs,
  hasTool,
  LOUDNESS_WORKER,
  pinkNoise,
  sine,
  tempDir,
  writeWav,
} from './loudness-fixtures';

const run = promisify(execFile);
const FFMPEG = hasTool('ffmpeg');
const NO_FFMPEG = 'ffmpeg is not installed (apt-get install ffmpeg): the comparison with its ebur128 filter cannot run';

const measured = (o: TrackOutcome | undefined): TrackLoudness => {
  if (!o?.ok) throw new Error(`expected a measurement, got ${JSON.stringify(o)}`);
  return o;
};

let dir: string;
let pool: LoudnessPool;
beforeAll(() => {
  dir = tempDir();
  pool = new LoudnessPool({ workerUrl: LOUDNESS_WORKER });
});
afterAll(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** 30 s of independent stereo pink noise with a quieter middle, and a stereo sine whose channels are identical. */
function references(): { noise: string; sine: string } {
  const r = 44100;
  const left = concat(
    pinkNoise(dbToAmp(-22), 10, r, 21),
    pinkNoise(dbToAmp(-34), 10, r, 22),
    pinkNoise(dbToAmp(-24), 10, r, 23),
  );
  const right = concat(
    pinkNoise(dbToAmp(-23), 10, r, 24),
    pinkNoise(dbToAmp(-35), 10, r, 25),
    pinkNoise(dbToAmp(-25), 10, r, 26),
  );
  const tone = sine(997, -18, 20, 48000);
  return {
    noise: writeWav(path.join(dir, 'noise.wav'), [left, right], r, 'pcm16'),
    sine: writeWav(path.join(dir, 'sine.wav'), [tone, tone.slice()], 48000, 'pcm16'),
  };
}

describe('measuring files in the worker threads', () => {
  it('reads WAV files (16-bit and float) at their known levels: a -23 dBFS stereo sine is -23.0 LUFS', async () => {
    const tone = sine(997, -23, 12, 48000);
    const files = [
      writeWav(path.join(dir, 'tone16.wav'), [tone, tone.slice()], 48000, 'pcm16'),
      writeWav(path.join(dir, 'tone32.wav'), [tone, tone.slice()], 48000, 'float32'),
    ];
    const outcomes = await analyzeFiles(files, { pool });
    for (const o of outcomes.map(measured)) {
      expect(Math.abs(o.integratedLufs + 23)).toBeLessThan(0.1);
      expect(o.durationSec).toBe(12);
      expect(o.channels).toBe(2);
      // -23 LUFS to the -20 target: +3 dB, well under the true-peak ceiling.
      expect(o.gainDb).toBeCloseTo(3, 1);
      expect(o.riseFlagged).toBe(false);
    }
  });

  it('runs on both cores: the pool starts one worker per core, up to two', () => {
    expect(pool.size).toBe(Math.min(2, os.availableParallelism()));
  });

  it('matches ffmpeg ebur128 within 0.1 LU over WAV, FLAC, MP3 and OGG (true peak within 0.5 dB)', async (ctx) => {
    if (!FFMPEG) {
      console.log(`skipped: ${NO_FFMPEG}`);
      ctx.skip(NO_FFMPEG);
      return;
    }
    const { noise, sine: tone } = references();
    const files = [noise, tone];
    for (const src of [noise, tone]) {
      const base = src.replace(/\.wav$/, '');
      files.push(encode(src, `${base}.flac`), encode(src, `${base}.mp3`), encode(src, `${base}.ogg`));
    }
    const outcomes = (await analyzeFiles(files, { pool })).map(measured);
    for (const [i, file] of files.entries()) {
      const theirs = ffmpegIntegratedLufs(file);
      const ours = outcomes[i]!;
      expect(
        Math.abs(ours.integratedLufs - theirs),
        `${path.basename(file)}: ours ${ours.integratedLufs}, ffmpeg ${theirs}`,
      ).toBeLessThan(0.1);
      const { stderr } = await run('ffmpeg', [
        '-nostats',
        '-hide_banner',
        '-nostdin',
        '-i',
        file,
        '-af',
        'ebur128=peak=true',
        '-f',
        'null',
        '-',
      ]);
      const peak = Number(/Peak:\s+(-?[\d.]+) dBFS/.exec(stderr.slice(stderr.lastIndexOf('Summary:')))![1]);
      expect(
        Math.abs(ours.truePeakDbtp - peak),
        `${path.basename(file)} true peak: ours ${ours.truePeakDbtp}, ffmpeg ${peak}`,
      ).toBeLessThan(0.5);
    }
  });

  it('flags a quiet track that suddenly gets loud, and not a steady one', async () => {
    const r = 44100;
    const stepped = concat(pinkNoise(dbToAmp(-42), 20, r, 31), pinkNoise(dbToAmp(-22), 15, r, 32));
    const steady = pinkNoise(dbToAmp(-25), 35, r, 33);
    const [jolt, calm] = (
      await analyzeFiles(
        [
          writeWav(path.join(dir, 'jolt.wav'), [stepped, stepped.slice()], r),
          writeWav(path.join(dir, 'calm.wav'), [steady, steady.slice()], r),
        ],
        { pool },
      )
    ).map(measured);
    expect(jolt!.maxShortTermRiseLu).toBeGreaterThan(19);
    expect(jolt!.riseFlagged).toBe(true);
    expect(calm!.maxShortTermRiseLu).toBeLessThan(1);
    expect(calm!.riseFlagged).toBe(false);
  });

  it('applies the gain rule with the target setting: to the target, but never past -1 dBTP', async () => {
    const r = 48000;
    // A -30 dBFS sine: -30 LUFS, true peak -30 dBTP, so +7 dB reaches -23 and +10 dB reaches -20.
    const quiet = sine(997, -30, 6, r);
    // A -6 dBFS sine: -6 LUFS, so -14 dB reaches -20; a crest of 20 dB (a click) in a -40 dBFS bed: the ceiling limits the gain.
    const loud = sine(997, -6, 6, r);
    const bed = sine(997, -40, 6, r);
    bed[r * 3] = dbToAmp(-3);
    const files = [
      writeWav(path.join(dir, 'quiet.wav'), [quiet, quiet.slice()], r),
      writeWav(path.join(dir, 'loud.wav'), [loud, loud.slice()], r),
      writeWav(path.join(dir, 'click.wav'), [bed, bed.slice()], r),
    ];
    const atDefault = (await analyzeFiles(files, { pool })).map(measured);
    expect(atDefault[0]!.gainDb).toBeCloseTo(10, 1);
    expect(atDefault[1]!.gainDb).toBeCloseTo(-14, 1);
    const click = atDefault[2]!;
    expect(click.gainDb).toBeCloseTo(-1 - click.truePeakDbtp, 6);
    expect(click.gainDb).toBeLessThan(-20 - click.integratedLufs);
    const atMinus23 = (await analyzeFiles(files.slice(0, 1), { pool, targetLufs: -23 })).map(measured);
    expect(atMinus23[0]!.gainDb).toBeCloseTo(7, 1);
  });

  it('gives a sentence, not a crash, for missing, empty, undecodable and truncated files; the others are still measured', async () => {
    const good = writeWav(path.join(dir, 'good.wav'), [sine(440, -20, 4, 44100)], 44100);
    const empty = path.join(dir, 'empty.mp3');
    fs.writeFileSync(empty, '');
    const junk = path.join(dir, 'notes.mp3');
    fs.writeFileSync(junk, 'These are the session notes, not music.\n'.repeat(200));
    const truncated = path.join(dir, 'cut.wav');
    fs.writeFileSync(truncated, fs.readFileSync(good).subarray(0, 30));
    const folder = path.join(dir, 'a-folder.wav');
    fs.mkdirSync(folder);
    const missing = path.join(dir, 'gone.ogg');
    const outcomes = await analyzeFiles([missing, empty, junk, good, truncated, folder], {
      pool,
      cacheDir: path.join(dir, 'cache-bad'),
    });
    expect(outcomes.map((o) => o.ok)).toEqual([false, false, false, true, false, false]);
    for (const o of outcomes) {
      if (o.ok) continue;
      expect(o.error).toMatch(/^[A-Z].*\.$/);
      expect(o.error).toContain(path.basename(o.file));
    }
    expect(outcomes[0]!.ok || outcomes[0]!.error).toBe(
      'This file could not be found: gone.ogg. Check it is still in its folder.',
    );
    expect(outcomes[2]!.ok || outcomes[2]!.error).toMatch(/could not be decoded as audio: notes\.mp3/);
  });
});

describe('the loudness cache (by content hash)', () => {
  it('measures once, then answers from the cache, also for a copy under another name', async () => {
    const cacheDir = path.join(dir, 'cache-a');
    const x = pinkNoise(dbToAmp(-28), 8, 44100, 41);
    const file = writeWav(path.join(dir, 'cached.wav'), [x, x.slice()], 44100);
    const first = measured((await analyzeFiles([file], { pool, cacheDir }))[0]);
    expect(first.fromCache).toBe(false);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.readdirSync(cacheDir)).toEqual([`${first.hash}.json`]);

    const second = measured((await analyzeFiles([file], { pool, cacheDir }))[0]);
    expect(second.fromCache).toBe(true);
    expect(second.integratedLufs).toBe(first.integratedLufs);
    expect(second.truePeakDbtp).toBe(first.truePeakDbtp);
    expect(second.gainDb).toBe(first.gainDb);

    const copy = path.join(dir, 'renamed.wav');
    fs.copyFileSync(file, copy);
    expect(measured((await analyzeFiles([copy], { pool, cacheDir }))[0]).fromCache).toBe(true);
  });

  it('measures a changed file again', async () => {
    const cacheDir = path.join(dir, 'cache-b');
    const file = path.join(dir, 'changing.wav');
    const x = pinkNoise(dbToAmp(-30), 8, 44100, 42);
    writeWav(file, [x, x.slice()], 44100);
    const before = measured((await analyzeFiles([file], { pool, cacheDir }))[0]);
    // The same file, 6 dB louder.
    for (let i = 0; i < x.length; i++) x[i]! *= 2;
    writeWav(file, [x, x.slice()], 44100);
    const after = measured((await analyzeFiles([file], { pool, cacheDir }))[0]);
    expect(after.fromCache).toBe(false);
    expect(after.hash).not.toBe(before.hash);
    expect(after.integratedLufs - before.integratedLufs).toBeCloseTo(6.02, 1);
  });

  it('measures again when the cached record is damaged', async () => {
    const cacheDir = path.join(dir, 'cache-c');
    const file = writeWav(path.join(dir, 'damaged.wav'), [sine(440, -25, 5, 44100)], 44100);
    const first = measured((await analyzeFiles([file], { pool, cacheDir }))[0]);
    fs.writeFileSync(path.join(cacheDir, `${first.hash}.json`), '{"version":1,"integratedLufs":');
    const again = measured((await analyzeFiles([file], { pool, cacheDir }))[0]);
    expect(again.fromCache).toBe(false);
    expect(again.integratedLufs).toBe(first.integratedLufs);
  });

  it('reports progress for each file, for the admin import', async () => {
    const files = [0, 1, 2].map((i) =>
      writeWav(path.join(dir, `p${i}.wav`), [sine(440 + i * 100, -20 - i, 3, 44100)], 44100),
    );
    const seen: [number, number, string][] = [];
    await analyzeFiles(files, {
      pool,
      onProgress: ({ done, total, outcome }) => seen.push([done, total, path.basename(outcome.file)]),
    });
    expect(seen.map(([done, total]) => [done, total])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(seen.map(([, , f]) => f).sort()).toEqual(['p0.wav', 'p1.wav', 'p2.wav']);
  });
});

describe('npm run analyze', () => {
  const cli = (args: string[]) =>
    run(process.execPath, [ANALYZE_CLI, ...args]).then(
      ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
      (err: { code: number; stdout: string; stderr: string }) => ({
        code: err.code,
        stdout: err.stdout,
        stderr: err.stderr,
      }),
    );

  it('prints one JSON line per file, in the order given, with the five figures', async () => {
    const a = writeWav(path.join(dir, 'cli-a.wav'), [sine(997, -23, 6, 48000), sine(997, -23, 6, 48000)], 48000);
    const b = writeWav(path.join(dir, 'cli-b.wav'), [sine(997, -12, 4, 44100)], 44100);
    const silent = writeWav(path.join(dir, 'cli-silent.wav'), [new Float32Array(44100 * 2)], 44100);
    const { code, stdout } = await cli([a, b, silent]);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => Object.keys(l))).toEqual(
      Array(3).fill(['file', 'integratedLufs', 'truePeakDbtp', 'maxShortTermRiseLu', 'durationSec', 'gainDb']),
    );
    expect(lines.map((l) => l.file)).toEqual([a, b, silent]);
    expect(lines[0]).toMatchObject({ integratedLufs: -23, durationSec: 6, gainDb: 3, maxShortTermRiseLu: 0 });
    // Mono -12 dBFS: -15 LUFS (one channel), so -5 dB to reach -20.
    expect(lines[1]!.integratedLufs).toBeCloseTo(-15, 1);
    expect(lines[1]!.gainDb).toBeCloseTo(-5, 1);
    expect(lines[2]).toMatchObject({ integratedLufs: null, truePeakDbtp: null, gainDb: 0, durationSec: 2 });
  });

  it('takes --target, prints a sentence for a bad file, and exits 1 when any file failed', async () => {
    const a = writeWav(path.join(dir, 'cli-c.wav'), [sine(997, -30, 5, 48000), sine(997, -30, 5, 48000)], 48000);
    const { code, stdout } = await cli(['--target', '-24', a, path.join(dir, 'nowhere.flac')]);
    expect(code).toBe(1);
    const [good, bad] = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(good!.gainDb).toBeCloseTo(6, 1);
    expect(bad).toEqual({
      file: path.join(dir, 'nowhere.flac'),
      error: 'This file could not be found: nowhere.flac. Check it is still in its folder.',
    });
  });

  it('answers a call without files with what to type', async () => {
    const { code, stderr } = await cli([]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'Name at least one audio file. Usage: npm run analyze -- [--cache <folder>] [--target <LUFS>] FILE...',
    );
  });
});
