import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The browser tests run the built renderer and host: build once, only when sources changed. */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-needed'], {
    cwd: root,
    stdio: 'inherit',
  });
}
