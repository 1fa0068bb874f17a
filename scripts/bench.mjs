// `npm run bench`: bundles test/bench (TypeScript) with esbuild and runs it on this node.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'room-bench-build-'));
const out = path.join(root, 'test/bench/.bench.mjs');
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
const status = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' }).status;
fs.rmSync(out, { force: true });
fs.rmSync(outDir, { recursive: true, force: true });
process.exit(status ?? 1);
