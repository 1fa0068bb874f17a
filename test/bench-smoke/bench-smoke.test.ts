import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUITE_NAMES } from '../bench/suites';

/**
 * `npm run bench` is not run by `npm test`: a rule change could break a bench suite unnoticed. Here every suite runs once
 * at its smallest size (BENCH_SMOKE=1, see test/bench/size.ts), each in a process of its own, as `npm run bench -- <name>`
 * runs it (the build is the one this test run's global setup made). No figure is held to its goal (a smoke run measures
 * nothing): each suite completes and gives its figures, every one a finite number.
 */
const root = path.resolve(import.meta.dirname, '../..');
/** A suite takes 2-25 s here at its smallest; a machine busy with the other test files may take several times that. */
const SUITE_LIMIT_MS = 150_000;

interface Results {
  smoke: boolean;
  suites: { name: string; seconds: number; ok: boolean; error?: string }[];
  figures: { suite: string; name: string; value: unknown; unit: string; goal: string }[];
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  results: Results | null;
  timedOut: boolean;
}

/** Runs one suite at its smallest size; its figures go to a temp file. */
function runSuite(name: string): Promise<Run> {
  const resultsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'room-bench-smoke-')), 'results.json');
  // As `npm run bench` runs: not in the test runner's mode (a build made under NODE_ENV=test would be React's development one).
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => key !== 'NODE_ENV' && !key.startsWith('VITEST')),
  );
  // Its own process group, so that at the time limit the suite's host processes and browser end with it.
  const child = spawn(process.execPath, [path.join(root, 'scripts/bench.mjs'), name], {
    cwd: root,
    env: { ...env, BENCH_SMOKE: '1', BENCH_RESULTS: resultsFile },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  let timedOut = false;
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
  }, SUITE_LIMIT_MS);
  // The test process ending (the run interrupted) takes the suite's processes with it.
  process.once('exit', stop);
  return new Promise((resolve) => {
    let done = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      process.off('exit', stop);
      // A run ended at the limit leaves its bundle behind (scripts/bench.mjs names it by its process id).
      if (timedOut) fs.rmSync(path.join(root, `test/bench/.bench-${child.pid}.mjs`), { force: true });
      const results = fs.existsSync(resultsFile) ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as Results) : null;
      fs.rmSync(path.dirname(resultsFile), { recursive: true, force: true });
      resolve({ code, signal, output, results, timedOut });
    };
    child.once('close', finish);
    // Its output is whole once the pipes close; a process it left running with them open must not hold the test.
    child.once('exit', (code, signal) => setTimeout(() => finish(code, signal), 2000));
  });
}

/** The end of what the bench printed, for the failure's message. */
function tail(output: string, lines = 40): string {
  return output.trimEnd().split('\n').slice(-lines).join('\n').slice(-6000);
}

describe('every bench suite runs at its smallest size', () => {
  for (const name of SUITE_NAMES) {
    it(
      `the ${name} bench completes and gives finite figures`,
      async () => {
        const run = await runSuite(name);
        const said = `the ${name} bench ${run.timedOut ? `was stopped after ${SUITE_LIMIT_MS / 1000} s` : `ended with exit code ${run.code}${run.signal ? ` (${run.signal})` : ''}`}; the end of its output:\n${tail(run.output)}`;
        expect(run.code, said).toBe(0);
        expect(run.results, `the ${name} bench wrote no results file. ${said}`).not.toBeNull();
        const results = run.results!;
        expect(results.smoke, said).toBe(true);
        expect(
          results.suites.map((s) => `${s.name}: ${s.ok ? 'ok' : s.error}`),
          said,
        ).toEqual([`${name}: ok`]);
        const figures = results.figures.filter((f) => f.suite === name);
        expect(figures.length, `the ${name} bench gave no figures. ${said}`).toBeGreaterThan(0);
        // JSON writes NaN and Infinity as null: a figure that is not a finite number is one the suite failed to measure.
        const notFinite = figures
          .filter((f) => typeof f.value !== 'number' || !Number.isFinite(f.value))
          .map((f) => `${f.name} = ${String(f.value)}`);
        expect(notFinite, `figures of the ${name} bench that are not finite numbers. ${said}`).toEqual([]);
      },
      SUITE_LIMIT_MS + 20_000,
    );
  }
});
