import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CA_CERT_FILE } from '../../main/board/certificates';
import { spawnAndReadAddress } from './host-process';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Starts the real chair board (dist/board/cli.js) as `npm run board` does; resolves with its printed address.
 * Without --ca, the clinic's CA certificate is taken from beside --password-file, where clinic-db keeps both.
 */
export async function startBoardProcess(
  args: string[],
): Promise<{ url: string; origin: string; token: string; child: ChildProcess; stop(): Promise<void> }> {
  const passwordFile = args[args.indexOf('--password-file') + 1];
  const ca =
    passwordFile && args.includes('--password-file') ? path.join(path.dirname(passwordFile), CA_CERT_FILE) : null;
  const withCa = args.includes('--ca') || !ca || !fs.existsSync(ca) ? args : [...args, '--ca', ca];
  const { child, url } = await spawnAndReadAddress('board', [path.join(root, 'dist/board/cli.js'), ...withCa]);
  const exited = new Promise<void>((resolve) =>
    child.exitCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
  return {
    url,
    origin: new URL(url).origin,
    token: url.split('token=')[1]!,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
