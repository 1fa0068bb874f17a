// `npm run bench`: bundles test/bench (TypeScript) with esbuild and runs it on this node.
// The bundle sits beside the sources (so its packages resolve from node_modules), named by this process, so two runs
// at once (a bench and the smoke run of `npm test`) do not overwrite each other's.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, `test/bench/.bench-${process.pid}.mjs`);
let status;
try {
  await build({
    entryPoints: [path.join(root, 'test/bench/index.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    define: { 'import.meta.dirname': JSON.stringify(path.join(root, 'test/bench')) },
    logLevel: 'warning',
  });
  const run = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  if (run.signal) console.error(`bench: ended by ${run.signal}`);
  status = run.status ?? 1;
} finally {
  fs.rmSync(out, { force: true });
}
process.exit(status);
