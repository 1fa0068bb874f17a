import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { goalMet, type Figure } from './figures';
import { benchMusic } from './music';
import { benchImport } from './import';
import { benchLoudness } from './loudness';
import { benchRendererStart } from './renderer-start';
import { benchReport } from './report';
import { benchRawInsert, benchSessionLog } from './session-log';
import { benchKeypressVisible, benchKill9 } from './observations';
import { benchClinic } from './clinic';
import { benchCrashToClock } from './crash';
import { benchSoak } from './soak';
import { benchMonitor } from './monitor';
import { SMOKE } from './size';
import { SUITE_NAMES, type SuiteName } from './suites';

/**
 * `npm run bench`: every figure the issues name, written to bench/results.json and printed as a table.
 * `npm run bench -- <name>...` runs the suites whose name contains one of the names. With BENCH_SMOKE=1 each suite runs
 * at its smallest size (see size.ts) and the figures go to BENCH_RESULTS, or a temp file, never to bench/results.json.
 * A suite that throws is reported and the others still run; the exit code is then 1.
 */
const root = path.resolve(import.meta.dirname, '../..');
const suites: Record<SuiteName, () => Promise<Figure[]>> = {
  'session log': async () => [...(await benchRawInsert()), ...(await benchSessionLog())],
  'renderer start': benchRendererStart,
  report: benchReport,
  'music player': benchMusic,
  'observations keypress': benchKeypressVisible,
  'observations kill9': benchKill9,
  'crash to clock': benchCrashToClock,
  'music import': benchImport,
  loudness: () => benchLoudness(),
  'clinic sync and board': benchClinic,
  soak: benchSoak,
  monitor: benchMonitor,
};

const only = process.argv.slice(2);
const chosen = SUITE_NAMES.filter((name) => !only.length || only.some((o) => name.includes(o)));
if (!chosen.length) {
  console.error(`bench: no suite is named like ${only.join(', ')}; the suites: ${SUITE_NAMES.join(', ')}`);
  process.exit(2);
}
const resultsFile = process.env.BENCH_RESULTS
  ? path.resolve(process.env.BENCH_RESULTS)
  : SMOKE
    ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'room-bench-smoke-')), 'results.json')
    : path.join(root, 'bench/results.json');

/** This process's child processes (Linux: from /proc), by process id. */
function childProcesses(): number[] {
  const ids: number[] = [];
  for (const entry of fs.existsSync('/proc') ? fs.readdirSync('/proc') : []) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent's id is the second field after the command's name, which is in parentheses and may hold spaces.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid) ids.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return ids;
}

/** A suite that threw may have left a host process, a board or a browser running: they end before the next suite starts. */
async function endLeftovers(): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    for (const id of childProcesses()) {
      try {
        process.kill(id, sig);
      } catch {
        // ended meanwhile
      }
    }
  };
  signal('SIGTERM');
  for (let i = 0; i < 30 && childProcesses().length; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  signal('SIGKILL');
}

const figures: (Figure & { suite: SuiteName })[] = [];
const ran: { name: SuiteName; seconds: number; ok: boolean; error?: string }[] = [];
for (const name of chosen) {
  console.error(`bench: ${name}${SMOKE ? ' (smoke size)' : ''}...`);
  const t0 = performance.now();
  try {
    const got = await suites[name]();
    figures.push(...got.map((f) => ({ suite: name, ...f })));
    ran.push({ name, seconds: Math.round(performance.now() - t0) / 1000, ok: true });
  } catch (err) {
    console.error(`bench: ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    ran.push({ name, seconds: Math.round(performance.now() - t0) / 1000, ok: false, error: err instanceof Error ? err.message : String(err) });
    await endLeftovers();
  }
}
fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
fs.writeFileSync(resultsFile, `${JSON.stringify({ smoke: SMOKE, suites: ran, figures }, null, 2)}\n`);
const width = Math.max(0, ...figures.map((f) => f.name.length));
for (const f of figures) {
  const met = goalMet(f);
  const verdict = met === null ? '' : met ? ' (met)' : ' (NOT met)';
  console.log(`${f.name.padEnd(width)}  ${String(f.value).padStart(10)} ${f.unit.padEnd(18)} goal ${f.goal}${verdict}`);
}
for (const s of ran) console.log(`${s.ok ? 'done' : 'FAILED'}: ${s.name} in ${s.seconds} s`);
console.log(`written to ${path.relative(root, resultsFile).startsWith('..') ? resultsFile : path.relative(root, resultsFile)}${SMOKE ? ' (a smoke run: its figures measure nothing)' : ''}`);
process.exit(ran.every((s) => s.ok) ? 0 : 1);
