import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresBinDir, stopLocalCluster } from '../../main/board/cluster';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const cli = (args: string[]) => run(process.execPath, [path.join(root, 'dist/board/clinic-db.js'), ...args], { cwd: root });

describe('npm run clinic-db', () => {
  it('creates and starts a clinic database on loopback, migrates it, makes a room login, and prints what to enter', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-cli-'));
    try {
      const { stdout } = await cli(['--dir', dir, '--room', 'Room 9']);
      const address = /Clinic database running at (postgres:\/\/clinic@127\.0\.0\.1:(\d+)\/clinic)/.exec(stdout);
      expect(address).not.toBeNull();
      expect(stdout).toMatch(/npm run board -- --db postgres:\/\/clinic@127\.0\.0\.1:\d+\/clinic --password-file /);
      const room = /Room "Room 9": in the room's admin settings enter address (postgres:\/\/127\.0\.0\.1:\d+\/clinic), room name "Room 9", login (room_room_9), password (\S+) \(shown once/.exec(stdout);
      expect(room).not.toBeNull();
      const ownerPassword = fs.readFileSync(path.join(dir, 'owner.password'), 'utf8').trim();
      expect(stdout).not.toContain(ownerPassword);
      expect(fs.statSync(path.join(dir, 'owner.password')).mode & 0o777).toBe(0o600);

      // The printed login works, and can write only as Room 9.
      const asRoom = new pg.Client({ host: '127.0.0.1', port: Number(address![2]), database: 'clinic', user: room![2], password: room![3] });
      await asRoom.connect();
      await asRoom.query("INSERT INTO events (room, session_id, seq, kind, occurred_at, recorded_at, author, payload) VALUES ('Room 9', 's', 1, 'check_in', 1, 1, 'Sam', '{}')");
      await expect(asRoom.query("INSERT INTO events (room, session_id, seq, kind, occurred_at, recorded_at, author, payload) VALUES ('Room 1', 's', 1, 'check_in', 1, 1, 'Sam', '{}')")).rejects.toThrow();
      await asRoom.end();
      // Run again on the same folder (still running): the same database, the same address, one more room.
      const again = await cli(['--dir', dir, '--room', 'Room 10']);
      expect(again.stdout).toContain(`Clinic database running at ${address![1]}`);
      expect(again.stdout).toMatch(/Room "Room 10": .* login room_room_10, password \S+ \(shown once/);
      expect(fs.readFileSync(path.join(dir, 'data', 'postgresql.conf'), 'utf8')).toMatch(/listen_addresses = '127\.0\.0\.1'\s*$/m);
    } finally {
      await stopLocalCluster(dir).catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says how to install PostgreSQL when its server is missing, instead of failing obscurely', () => {
    expect(() => postgresBinDir(fs.mkdtempSync(path.join(os.tmpdir(), 'no-postgres-')))).toThrow(
      'The PostgreSQL server is not installed on this machine (no initdb under /usr/lib/postgresql). Install it with: apt-get install -y postgresql',
    );
  });

  it('answers a missing folder or a bad port with a sentence', async () => {
    await expect(cli([])).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/^Say where the clinic database keeps its files with --dir <folder>\./) });
    await expect(cli(['--dir', '/tmp/x', '--port', 'abc'])).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/^The port must be a whole number from 1 to 65535\./) });
  });

  it('npm run board answers a missing address, a bad patient choice or an unreachable database with a sentence', async () => {
    const board = (args: string[]) => run(process.execPath, [path.join(root, 'dist/board/cli.js'), ...args], { cwd: root });
    await expect(board([])).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/^Say which clinic database to show with --db/) });
    await expect(board(['--db', 'postgres://clinic@127.0.0.1:1/clinic', '--patient', 'name'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^Show the patient as "initials" or as the "chart" ID\./),
    });
    await expect(board(['--db', 'postgres://clinic@127.0.0.1:1/clinic'])).rejects.toMatchObject({
      code: 2,
      stderr: 'The clinic database at 127.0.0.1:1/clinic is not answering. Start it, or check the address.\n',
    });
  });
});
