// `npm test`: build, typecheck, then every vitest suite (unit, browser, Electron); ends with the one summed line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;
const run = (args, env = {}) =>
  spawnSync(node, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status;

let passed = 0;
let failed = 0;
let skipped = 0;

if (run([path.join(root, 'scripts/build.mjs')]) !== 0) {
  console.log('The build failed; see above.');
  failed++;
} else {
  console.log('typecheck: tsc -b over one project per runtime (node: main and preload; web: renderer; test)');
  if (run([path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.json']) === 0) passed++;
  else {
    console.log('typecheck failed');
    failed++;
  }
  // Style kept by tools: the lint (typescript-eslint's type-checked rules, React's hooks rules, the route-table rule) and Prettier.
  const step = (what, args, fix) => {
    console.log(what);
    if (run(args) === 0) passed++;
    else {
      console.log(`${what.split(':')[0]} failed: ${fix}`);
      failed++;
    }
  };
  step(
    'lint: eslint over main, preload, renderer, test and scripts',
    [path.join(root, 'node_modules/eslint/bin/eslint.js'), '.'],
    'fix what it names (npm run lint -- --fix fixes some)',
  );
  step(
    'format: prettier --check (print width 120)',
    [path.join(root, 'node_modules/prettier/bin/prettier.cjs'), '--check', '.', '--log-level', 'warn'],
    'run npm run format',
  );
  const summaryFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'room-summary-')), 'summary.json');
  const status = run([path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...process.argv.slice(2)], {
    SUMMARY_FILE: summaryFile,
  });
  if (fs.existsSync(summaryFile)) {
    const s = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
    passed += s.passed;
    failed += s.failed;
    skipped += s.skipped;
    if (status !== 0 && s.failed === 0) failed++;
  } else {
    console.log(`vitest ended without a summary (exit ${status})`);
    failed++;
  }
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
