import fs from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/** Which part of the suite a test file belongs to, for the durations line: the clinic tests start PostgreSQL clusters. */
function partOf(moduleId: string): string {
  const file = moduleId.split('/').pop() ?? '';
  if (/clinic|board/.test(file)) return 'clinic';
  if (moduleId.includes('/test/e2e/')) return 'browser';
  if (moduleId.includes('/test/electron/')) return 'electron';
  return 'unit';
}

/**
 * Prints the closing line CI reads, "N passed, N failed, N skipped", and each skipped test with its reason, after a
 * line with each part's test time (unit, browser, clinic, electron: summed over its files, which run side by side)
 * and its slowest file, so the slowest part is visible. Also writes the counts to SUMMARY_FILE when set, so
 * `npm test` can add the typecheck to the sum.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const reasons: string[] = [];
    const parts = new Map<string, { ms: number; files: number; slowest: { file: string; ms: number } }>();
    for (const mod of modules) {
      const ms = mod.diagnostic().duration;
      const part = parts.get(partOf(mod.moduleId)) ?? { ms: 0, files: 0, slowest: { file: '', ms: -1 } };
      part.ms += ms;
      part.files++;
      if (ms > part.slowest.ms) part.slowest = { file: mod.relativeModuleId, ms };
      parts.set(partOf(mod.moduleId), part);
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failed++;
      for (const test of mod.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') passed++;
        else if (result.state === 'failed') failed++;
        else {
          skipped++;
          const note = 'note' in result ? result.note : undefined;
          reasons.push(`skipped: ${test.fullName}${note ? ` (${note})` : ''}`);
        }
      }
    }
    failed += errors.length;
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    for (const [name, p] of parts)
      console.log(
        `test time, ${name}: ${seconds(p.ms)} over ${p.files} files (slowest ${p.slowest.file}, ${seconds(p.slowest.ms)})`,
      );
    for (const line of reasons) console.log(line);
    if (process.env.SUMMARY_FILE)
      fs.writeFileSync(process.env.SUMMARY_FILE, JSON.stringify({ passed, failed, skipped }));
    else console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
