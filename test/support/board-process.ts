import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { spawnAndReadAddress } from './host-process';

const root = path.resolve(import.meta.dirname, '../..');

/** Starts the real chair board (dist/board/cli.js) as `npm run board` does; resolves with its printed address. */
export async function startBoardProcess(args: string[]): Promise<{ url: string; origin: string; token: string; child: ChildProcess; stop(): Promise<void> }> {
  const { child, url } = await spawnAndReadAddress('board', [path.join(root, 'dist/board/cli.js'), ...args]);
  const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
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
