// `npm start`: the room in Electron; where this machine has no Electron runtime, the same room in the browser.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary, tryInstallElectron } from './electron-runtime.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let bin = electronBinary();
if (!bin && (await tryInstallElectron())) bin = electronBinary();

const run = (cmd, args) => {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
};

if (bin) {
  run(bin, [path.join(root, 'dist/shell/main.js')]);
} else {
  const dataDir = process.env.SESSION_ROOM_DATA ?? path.join(os.homedir(), '.session-room');
  console.log(
    `The Electron runtime is not installed on this machine and could not be downloaded, so the room runs in your browser instead (records in ${dataDir}).`,
  );
  run(process.execPath, [path.join(root, 'dist/host/cli.js'), '--data', dataDir]);
}
