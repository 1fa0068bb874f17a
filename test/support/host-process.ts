import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MethodName } from '../../main/core/contract/channels';
import type { ArgsOf, Envelope, ResultOf } from '../../main/core/contract/contract';
import { PINS, seedStaffSettings } from './staff';

const root = path.resolve(import.meta.dirname, '../..');

export function tempDataDir(prefix = 'room-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface HostProcess {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
  /** What the host has written to stderr so far. */
  stderr(): string;
  call<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<Envelope<ResultOf<M>>>;
  /** Unwraps the envelope; throws with the room's sentence. */
  value<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>>;
  advanceClock(ms: number): Promise<number>;
  stop(): Promise<void>;
  kill9(): Promise<void>;
}

/** Starts `node args...` from the project root and resolves once it prints its loopback address with the token. */
export async function spawnAndReadAddress(
  what: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start: ${stderr}`)), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/[?#]token=[0-9a-f]+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}: ${stderr}`));
    });
  });
  return { child, url, stderr: () => stderr };
}

/**
 * Starts the real browser host (dist/host/cli.js) as a child process, as a person would with `npm run room`. A new data
 * folder gets the test staff with their PINs first (as the first-run setup leaves a room; `fresh: true` keeps it empty).
 * A call naming its `author` is made by that person: when someone else is recording, they switch in with their PIN first.
 */
export async function startHostProcess(
  dataDir: string,
  options: { testClock?: boolean; env?: NodeJS.ProcessEnv; fresh?: boolean } = {},
): Promise<HostProcess> {
  if (!options.fresh && fs.existsSync(dataDir) && !fs.existsSync(path.join(dataDir, 'settings.json')))
    seedStaffSettings(dataDir);
  const args = [
    path.join(root, 'dist/host/cli.js'),
    '--data',
    dataDir,
    ...(options.testClock === false ? [] : ['--test-clock']),
  ];
  const { child, url, stderr } = await spawnAndReadAddress('host', args, {
    ...process.env,
    SESSION_ROOM_TEST_CLOCK: '1',
    ...options.env,
  });
  const origin = new URL(url).origin;
  const token = url.split('token=')[1]!;
  const post = async (p: string, body: unknown) => {
    const res = await fetch(`${origin}${p}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Room-Token': token },
      body: JSON.stringify(body),
    });
    return res.json() as Promise<Envelope<never>>;
  };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const host: HostProcess = {
    url,
    origin,
    token,
    child,
    stderr,
    async call(method, args) {
      const author = (args as { author?: unknown }).author;
      const name =
        typeof author === 'string'
          ? Object.keys(PINS).find((n) => n.toLowerCase() === author.trim().toLowerCase())
          : undefined;
      if (name && method !== 'switchRecorder') {
        const room = (await post('/api/call/getRoom', {})) as Envelope<{
          staff: { name: string }[];
          recorder: { name: string } | null;
        }>;
        if (room.ok && room.value.staff.some((s) => s.name === name) && room.value.recorder?.name !== name) {
          const switched = await post('/api/call/switchRecorder', { name, pin: PINS[name] });
          if (!switched.ok) throw new Error(`switchRecorder ${name}: ${switched.error.message}`);
        }
      }
      return post(`/api/call/${method}`, args);
    },
    async value(method, args) {
      const env = await host.call(method, args);
      if (!env.ok) throw new Error(env.error.message);
      return env.value;
    },
    async advanceClock(ms) {
      const env = (await post('/api/test/clock', { advanceMs: ms })) as Envelope<{ now: number }>;
      if (!env.ok) throw new Error(env.error.message);
      return env.value.now;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill9() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  return host;
}
