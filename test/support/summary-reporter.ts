import fs from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints the closing line CI reads, "N passed, N failed, N skipped", and each skipped test with its reason.
 * Also writes the counts to SUMMARY_FILE when set, so `npm test` can add the typecheck to the sum.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const reasons: string[] = [];
    for (const mod of modules) {
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
    for (const line of reasons) console.log(line);
    if (process.env.SUMMARY_FILE) fs.writeFileSync(process.env.SUMMARY_FILE, JSON.stringify({ passed, failed, skipped }));
    else console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
