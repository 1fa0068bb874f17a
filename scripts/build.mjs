// Builds the renderer (vite) and the node parts (esbuild): host, shell, preload, workers; makes the shipped music if missing.
// `--if-needed` skips the build when nothing under the sources changed since the last one.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeMusic } from './make-music.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.built');
const sources = ['main', 'preload', 'renderer', 'scripts/build.mjs', 'vite.config.ts', 'package.json'];

function newestMtime(p) {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), stat.mtimeMs);
}

// The shipped sets' audio is generated, not committed: made here once when missing (a moment when present).
await makeMusic().catch((err) =>
  console.warn(`${err.message} The room runs; the shipped sets' tracks show as missing until it is made.`),
);

if (process.argv.includes('--if-needed') && fs.existsSync(stamp)) {
  const built = fs.statSync(stamp).mtimeMs;
  if (sources.every((s) => newestMtime(path.join(root, s)) <= built)) process.exit(0);
}

// Always the build that ships: the test runner starts this with NODE_ENV=test, which would give Vite React's development build.
process.env.NODE_ENV = 'production';
await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
await viteBuild({ configFile: path.join(root, 'vite.config.ts'), mode: 'board', logLevel: 'warn' });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: 'linked',
  packages: 'external',
  logLevel: 'warning',
  absWorkingDir: root,
  // The page's @core/... imports (tsconfig.base.json paths), should a node bundle reach one.
  alias: { '@core': './main/core' },
};
const optional = (entry) => (fs.existsSync(path.join(root, entry)) ? [entry] : []);
await esbuild({
  ...common,
  format: 'esm',
  entryPoints: {
    'host/cli': 'main/host/cli.ts',
    'host/monitor-sim': 'main/host/monitor-sim.ts',
    // The loudness command and its worker, in their own folder beside the other bundles (see loudness/pool.ts).
    'loudness/analyze': 'main/core/loudness/analyze.ts',
    'loudness/loudness-worker': 'main/core/loudness/worker.ts',
    'shell/main': 'main/shell/main.ts',
    ...Object.fromEntries(optional('main/board/cli.ts').map((e) => ['board/cli', e])),
    'board/clinic-db': 'main/board/clinic-db.ts',
  },
  outdir: 'dist',
  banner: {
    js: "import { createRequire as __roomRequire } from 'node:module'; const require = __roomRequire(import.meta.url);",
  },
});
// A sandboxed preload must be one CommonJS file that requires nothing but 'electron'.
await esbuild({
  ...common,
  packages: undefined,
  external: ['electron'],
  format: 'cjs',
  entryPoints: { 'preload/index': 'preload/index.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
});
fs.writeFileSync(stamp, new Date().toISOString());
