/**
 * `npm run analyze -- [--cache <folder>] [--target <LUFS>] FILE...`
 * Prints one JSON line per file, in the order given:
 *   {"file","integratedLufs","truePeakDbtp","maxShortTermRiseLu","durationSec","gainDb"}
 * or {"file","error"} for a file that could not be measured (exit code 1 if any).
 * Silence has no loudness: its levels print as null.
 */
import path from 'node:path';
import { RoomError } from '../pure/errors';
import { analyzeFiles, DEFAULT_TARGET_LUFS, type TrackOutcome } from './index';

const USAGE = 'Usage: npm run analyze -- [--cache <folder>] [--target <LUFS>] FILE...';

function fail(sentence: string): never {
  console.error(sentence);
  process.exit(2);
}

function parseArgs(argv: string[]): { files: string[]; cacheDir?: string; targetLufs: number } {
  const files: string[] = [];
  let cacheDir: string | undefined;
  let targetLufs = DEFAULT_TARGET_LUFS;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--cache') {
      const dir = argv[++i];
      if (!dir) fail(`Say which folder keeps the results after --cache. ${USAGE}`);
      cacheDir = path.resolve(dir);
    } else if (arg === '--target') {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value) || value > 0 || value < -60)
        fail(`The target must be a loudness from -60 to 0 LUFS, such as -20. ${USAGE}`);
      targetLufs = value;
    } else if (arg.startsWith('--')) fail(`"${arg}" is not an option the analysis knows. ${USAGE}`);
    else files.push(arg);
  }
  if (files.length === 0) fail(`Name at least one audio file. ${USAGE}`);
  return { files, ...(cacheDir ? { cacheDir } : {}), targetLufs };
}

const round = (v: number): number | null => (Number.isFinite(v) ? Math.round(v * 100) / 100 : null);

export function outcomeLine(o: TrackOutcome): string {
  if (!o.ok) return JSON.stringify({ file: o.file, error: o.error });
  return JSON.stringify({
    file: o.file,
    integratedLufs: round(o.integratedLufs),
    truePeakDbtp: round(o.truePeakDbtp),
    maxShortTermRiseLu: round(o.maxShortTermRiseLu),
    durationSec: round(o.durationSec),
    gainDb: round(o.gainDb),
  });
}

async function main(): Promise<void> {
  const { files, cacheDir, targetLufs } = parseArgs(process.argv.slice(2));
  // Lines go out in the order given, each as soon as it and those before it are ready.
  const ready = new Map<number, TrackOutcome>();
  const indexOf = new Map<string, number[]>();
  files.forEach((f, i) => indexOf.set(f, [...(indexOf.get(f) ?? []), i]));
  let printed = 0;
  const outcomes = await analyzeFiles(files, {
    ...(cacheDir ? { cacheDir } : {}),
    targetLufs,
    onProgress: ({ outcome }) => {
      const slot = indexOf.get(outcome.file)!.shift()!;
      ready.set(slot, outcome);
      while (ready.has(printed)) {
        process.stdout.write(`${outcomeLine(ready.get(printed)!)}\n`);
        ready.delete(printed++);
      }
    },
  });
  process.exitCode = outcomes.some((o) => !o.ok) ? 1 : 0;
}

main().catch((err: unknown) =>
  fail(err instanceof RoomError ? err.message : `The analysis could not run: ${String(err)}`),
);
