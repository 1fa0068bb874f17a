// Where the Electron runtime binary is, without triggering its download; null when this machine has none.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function electronBinary() {
  let dir;
  try {
    dir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(dir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const bin = override
    ? path.join(override, relative)
    : fs.existsSync(pathFile)
      ? path.join(dir, 'dist', relative)
      : null;
  return bin && fs.existsSync(bin) ? bin : null;
}

/** Tries the Electron package's own one-time download (needs the internet); true when the runtime is then present. */
export async function tryInstallElectron(timeoutMs = 120_000) {
  const { spawnSync } = await import('node:child_process');
  let dir;
  try {
    dir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return false;
  }
  spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'ignore', timeout: timeoutMs });
  return electronBinary() !== null;
}
