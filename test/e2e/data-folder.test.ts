import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';

const root = path.resolve(import.meta.dirname, '../..');
const hosts: HostProcess[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stop()));
});

/** Runs the host expecting it to refuse to start: its exit code and what it said. */
function refusedHost(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; said: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'dist/host/cli.js'), ...args], {
      cwd: root,
      env: { ...process.env, SESSION_ROOM_TEST_CLOCK: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let said = '';
    child.stdout.on('data', (d: Buffer) => (said += d.toString()));
    child.stderr.on('data', (d: Buffer) => (said += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, said });
    });
  });
}

const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe('one room per data folder', () => {
  it('refuses a second host on the same folder, naming the process that has it, and the first keeps working', async () => {
    const dataDir = tempDataDir('room-lock-');
    const first = await startHostProcess(dataDir, { testClock: false });
    hosts.push(first);
    await first.value('startSession', { patientRef: 'LK', presetId: 'im', plannedDoseMg: 50, therapist: 'Dr Kim' });
    const second = await refusedHost(['--data', dataDir]);
    expect(second.code).toBe(2);
    expect(second.said).toContain(`already open in the browser room (process ${first.child.pid}`);
    expect(second.said).toMatch(/close it before opening this one/);
    expect(second.said).not.toMatch(/at .*\.js:\d+/);
    // The first room still answers, and still has its session.
    expect((await first.value('getRoom', {})).activeSessionId).not.toBeNull();
  });

  it('lets the folder go when the room stops, and after a crash a new room opens it at once', async () => {
    const dataDir = tempDataDir('room-lock-');
    const first = await startHostProcess(dataDir, { testClock: false });
    await first.stop();
    const second = await startHostProcess(dataDir, { testClock: false });
    await second.kill9();
    const third = await startHostProcess(dataDir, { testClock: false });
    hosts.push(third);
    expect((await third.call('getRoom', {})).ok).toBe(true);
  });
});

describe('private records', () => {
  it('creates the data folder 0700 and its files 0600', async () => {
    const dataDir = path.join(tempDataDir('room-private-'), 'records');
    const host = await startHostProcess(dataDir, { testClock: false, fresh: true }); // a room on a folder that does not exist yet, as on a new machine
    hosts.push(host);
    await host.value('startSession', { patientRef: 'PV', presetId: 'im', plannedDoseMg: 50, therapist: 'Dr Ames' });
    expect(mode(dataDir)).toBe(0o700);
    const files = fs.readdirSync(dataDir, { withFileTypes: true }).filter((e) => e.isFile());
    expect(files.map((f) => f.name)).toContain('session-room.db');
    for (const f of files) expect([f.name, mode(path.join(dataDir, f.name))]).toEqual([f.name, 0o600]);
  });

  it('corrects a folder and files left readable by others when the room opens', async () => {
    const dataDir = tempDataDir('room-private-');
    const first = await startHostProcess(dataDir, { testClock: false });
    await first.stop();
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(path.join(dataDir, 'session-room.db'), 0o644);
    fs.mkdirSync(path.join(dataDir, 'music'), { recursive: true, mode: 0o755 });
    fs.writeFileSync(path.join(dataDir, 'music', 'note.txt'), 'x', { mode: 0o644 });
    const host = await startHostProcess(dataDir, { testClock: false });
    hosts.push(host);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'session-room.db'))).toBe(0o600);
    expect(mode(path.join(dataDir, 'music'))).toBe(0o700);
    expect(mode(path.join(dataDir, 'music', 'note.txt'))).toBe(0o600);
  });
});

describe('the test clock', () => {
  it('is refused with a sentence unless the environment asks for it too', async () => {
    const refused = await refusedHost(['--data', tempDataDir(), '--test-clock']);
    expect(refused.code).toBe(2);
    expect(refused.said).toMatch(/--test-clock is for automated tests only and is refused here/);
    // With SESSION_ROOM_TEST_CLOCK=1 (as the tests set it) the clock moves.
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const before = (await host.value('getRoom', {})).now;
    expect(await host.advanceClock(3_600_000)).toBeGreaterThanOrEqual(before + 3_600_000);
  });
});
