import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { makeCa } from '../../main/board/certificates';
import { postgresBinDir, stopLocalCluster } from '../../main/board/cluster';
import { eventDigest } from '../../main/core/session/chain';
import { clinicTls } from '../../main/core/sync/tls';
import { startBoardProcess } from '../support/board-process';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const cli = (args: string[]) =>
  run(process.execPath, [path.join(root, 'dist/board/clinic-db.js'), ...args], { cwd: root });
const asRoot = process.getuid?.() === 0;
const board = (args: string[]) => run(process.execPath, [path.join(root, 'dist/board/cli.js'), ...args], { cwd: root });
const INSERT =
  "INSERT INTO events (room, session_id, seq, kind, occurred_at, recorded_at, author, payload) VALUES ($1, 's', 1, 'check_in', 1, 1, 'Sam', '{}')";

describe('npm run clinic-db', () => {
  it('creates a clinic database that takes only TLS, prints the CA fingerprint and where each password is (never a password), and rooms connect with verify-full', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-cli-'));
    try {
      const { stdout } = await cli(['--dir', dir, '--room', 'Room 9']);
      const address = /Clinic database running at (postgres:\/\/127\.0\.0\.1:(\d+)\/clinic), over TLS only/.exec(
        stdout,
      );
      expect(address).not.toBeNull();
      const port = Number(address![2]);
      // The fingerprint printed is the CA certificate's, as openssl itself reads it.
      const caFile = path.join(dir, 'ca.crt');
      const printed = new RegExp(
        `The clinic's CA certificate is ${caFile}, SHA-256 fingerprint ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})`,
      ).exec(stdout);
      expect(printed).not.toBeNull();
      const { stdout: openssl } = await run('openssl', ['x509', '-in', caFile, '-noout', '-fingerprint', '-sha256']);
      expect(openssl.trim().split('=')[1]).toBe(printed![1]);
      expect(stdout).toContain(
        `npm run board -- --db postgres://clinic_board@127.0.0.1:${port}/clinic --password-file ${path.join(dir, 'board.password')} --ca ${caFile}`,
      );
      const passwordFile = path.join(dir, 'room_room_9.password');
      expect(stdout).toContain(
        `Room "Room 9": in the room's admin settings enter address ${address![1]}, room name "Room 9", login room_room_9, the password in ${passwordFile} (0600;`,
      );
      // Every secret is a 0600 file, none is printed.
      for (const secret of ['maintenance.password', 'board.password', 'room_room_9.password', 'ca.key', 'server.key']) {
        const file = path.join(dir, secret);
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        expect(stdout).not.toContain(fs.readFileSync(file, 'utf8').trim().split('\n')[0]!.slice(0, 40));
      }
      const settings = fs.readFileSync(path.join(dir, 'session-room.conf'), 'utf8');
      expect(settings).toMatch(/^ssl = on$/m);
      expect(settings).toMatch(/^listen_addresses = '127\.0\.0\.1'$/m);
      expect(
        fs
          .readFileSync(path.join(dir, 'pg_hba.conf'), 'utf8')
          .split('\n')
          .filter((l) => l && !l.startsWith('#'))
          .every((l) => l.startsWith('hostssl ')),
      ).toBe(true);

      // The printed login works over verify-full TLS, and can write only as Room 9.
      const ca = fs.readFileSync(caFile, 'utf8');
      const roomPassword = fs.readFileSync(passwordFile, 'utf8').trim();
      const asRoom = new pg.Client({
        host: '127.0.0.1',
        port,
        database: 'clinic',
        user: 'room_room_9',
        password: roomPassword,
        ssl: clinicTls('127.0.0.1', ca),
      });
      await asRoom.connect();
      await asRoom.query(INSERT, ['Room 9']);
      await expect(asRoom.query(INSERT, ['Room 1'])).rejects.toThrow();
      await asRoom.end();
      // Without TLS the server lets no one in.
      const plain = new pg.Client({
        host: '127.0.0.1',
        port,
        database: 'clinic',
        user: 'room_room_9',
        password: roomPassword,
        ssl: false,
      });
      await expect(plain.connect()).rejects.toThrow(/no encryption/);

      // The board command as printed opens the board; given the superuser's login, or another CA, the board refuses.
      const printedBoard = /npm run board -- (.*)$/m.exec(stdout)![1]!.split(' ');
      const opened = await startBoardProcess(printedBoard);
      try {
        expect(await (await fetch(`${opened.origin}/health`)).json()).toEqual({ ok: true });
      } finally {
        await opened.stop();
      }
      await expect(
        board([
          '--db',
          `postgres://clinic@127.0.0.1:${port}/clinic`,
          '--password-file',
          path.join(dir, 'maintenance.password'),
          '--ca',
          caFile,
        ]),
      ).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringMatching(
          /^The board reads the clinic database with its read-only login \(clinic_board, .*the login "clinic" can change the clinic's record, so the board does not use it\.\n$/,
        ),
      });
      const otherCa = path.join(dir, 'other-ca.crt');
      fs.writeFileSync(otherCa, (await makeCa()).cert);
      await expect(board([...printedBoard.slice(0, 4), '--ca', otherCa])).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringMatching(
          /^The server at 127\.0\.0\.1:\d+ showed a certificate that the clinic's CA certificate did not sign: the board sent it nothing, not even its password\. Check --ca/,
        ),
      });
      fs.rmSync(otherCa);

      // Run again on the same folder (still running), with a name the rooms reach it by: the same CA, a certificate for that name too.
      const again = await cli(['--dir', dir, '--room', 'Room 10', '--host', 'clinic-db.test']);
      expect(again.stdout).toContain(
        `Clinic database running at postgres://clinic-db.test:${port}/clinic, over TLS only`,
      );
      expect(again.stdout).toContain(`SHA-256 fingerprint ${printed![1]}`);
      expect(again.stdout).toMatch(
        /Room "Room 10": .* login room_room_10, the password in \S+room_room_10\.password \(0600;/,
      );
      const server = new crypto.X509Certificate(fs.readFileSync(path.join(dir, 'server.crt')));
      expect([server.checkHost('clinic-db.test'), server.checkHost('localhost'), server.checkIP('127.0.0.1')]).toEqual([
        'clinic-db.test',
        'localhost',
        '127.0.0.1',
      ]);
      // A room that reaches it as clinic-db.test verifies that name (here through loopback).
      const byName = new pg.Client({
        host: '127.0.0.1',
        port,
        database: 'clinic',
        user: 'room_room_10',
        password: fs.readFileSync(path.join(dir, 'room_room_10.password'), 'utf8').trim(),
        ssl: { ...clinicTls('127.0.0.1', ca), servername: 'clinic-db.test' },
      });
      await byName.connect();
      await byName.end();
    } finally {
      await stopLocalCluster(dir).catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--verify walks every room\'s hash chain: "every chain intact" and 0, or the first broken link of each room in a sentence and 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-verify-'));
    try {
      const { stdout } = await cli(['--dir', dir, '--room', 'Room 1', '--room', 'Room 2']);
      const port = Number(/Clinic database running at postgres:\/\/127\.0\.0\.1:(\d+)\/clinic/.exec(stdout)![1]);
      const ca = fs.readFileSync(path.join(dir, 'ca.crt'), 'utf8');
      const connect = async (user: string, passwordFile: string) => {
        const client = new pg.Client({
          host: '127.0.0.1',
          port,
          database: 'clinic',
          user,
          password: fs.readFileSync(path.join(dir, passwordFile), 'utf8').trim(),
          ssl: clinicTls('127.0.0.1', ca),
        });
        client.on('error', () => undefined);
        await client.connect();
        return client;
      };
      // Each room sends a short chain, as its sync worker does.
      for (const [room, login] of [
        ['Room 1', 'room_room_1'],
        ['Room 2', 'room_room_2'],
      ] as const) {
        const client = await connect(login, `${login}.password`);
        let prev: string | null = null;
        for (let seq = 1; seq <= 4; seq++) {
          const payload = JSON.stringify({ note: `${room} ${seq}` });
          const digest = eventDigest(prev, {
            session_id: 's-1',
            seq,
            kind: 'check_in',
            occurred_at: seq,
            recorded_at: seq,
            author: 'Sam',
            author_role: 'sitter',
            payload,
          });
          await client.query(
            "INSERT INTO events (room, session_id, seq, kind, occurred_at, recorded_at, author, author_role, payload, payload_text, prev_digest, digest) VALUES ($1, 's-1', $2, 'check_in', $3, $3, 'Sam', 'sitter', $4::jsonb, $5, $6, $7)",
            [room, seq, seq, payload, payload, prev, digest],
          );
          prev = digest;
        }
        await client.end();
      }
      const intact = await cli(['--dir', dir, '--verify']);
      expect(intact.stdout).toBe('Every chain intact: 2 rooms, 8 events checked.\n');

      // The superuser, with the triggers turned off, changes what Room 2's third event says.
      const superuser = await connect('clinic', 'maintenance.password');
      await superuser.query('SET session_replication_role = replica');
      await superuser.query(
        `UPDATE events SET payload = '{"note": "Room 2 nothing happened"}' WHERE room = 'Room 2' AND seq = 3`,
      );
      await superuser.end();
      await expect(cli(['--dir', dir, '--verify'])).rejects.toMatchObject({
        code: 1,
        stdout: '',
        stderr:
          'Room "Room 2": event 3 (check_in) of session s-1 was changed after it arrived: its payload is no longer the one its digest covers.\n' +
          "1 of 2 rooms with a broken chain: the clinic's copy of that room was changed after it arrived. Compare it with the room's own record.\n",
      });
      await expect(cli(['--dir', dir, '--verify', '--room', 'Room 3'])).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/^--verify only checks the clinic record: run it without --room\./),
      });
    } finally {
      await stopLocalCluster(dir).catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!asRoot)(
    "refuses a folder of another user, or one holding another user's file, and writes nothing into it",
    async () => {
      const nobody = Number((await run('id', ['-u', 'nobody'])).stdout.trim());
      const theirs = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-theirs-'));
      const mixed = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-mixed-'));
      try {
        fs.chownSync(theirs, nobody, nobody);
        await expect(cli(['--dir', theirs])).rejects.toMatchObject({
          code: 2,
          stderr: expect.stringMatching(
            new RegExp(
              `^The clinic database could not start: The folder ${theirs} belongs to another user \\(uid ${nobody}\\)\\.`,
            ),
          ),
        });
        expect(fs.readdirSync(theirs)).toEqual([]);
        // Another user's world-readable file, where clinic-db would keep the superuser's password.
        const planted = path.join(mixed, 'maintenance.password');
        fs.writeFileSync(planted, '', { mode: 0o644 });
        fs.chownSync(planted, nobody, nobody);
        await expect(cli(['--dir', mixed])).rejects.toMatchObject({
          code: 2,
          stderr: expect.stringMatching(/holds "maintenance\.password", which belongs to another user/),
        });
        expect(fs.readFileSync(planted, 'utf8')).toBe('');
        expect(fs.readdirSync(mixed)).toEqual(['maintenance.password']);
      } finally {
        fs.rmSync(theirs, { recursive: true, force: true });
        fs.rmSync(mixed, { recursive: true, force: true });
      }
    },
  );

  it('says how to install PostgreSQL when its server is missing, instead of failing obscurely', () => {
    expect(() => postgresBinDir(fs.mkdtempSync(path.join(os.tmpdir(), 'no-postgres-')))).toThrow(
      'The PostgreSQL server is not installed on this machine (no initdb under /usr/lib/postgresql). Install it with: apt-get install -y postgresql',
    );
  });

  it('answers a missing folder, a bad port or a bad host with a sentence', async () => {
    await expect(cli([])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^Say where the clinic database keeps its files with --dir <folder>\./),
    });
    await expect(cli(['--dir', '/tmp/x', '--port', 'abc'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^The port must be a whole number from 1 to 65535\./),
    });
    await expect(cli(['--dir', '/tmp/x', '--host', "db'; ssl = off"])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^Give the name or address the rooms reach the clinic database by after --host/),
    });
  });

  it('npm run board answers a missing address or CA, a weaker sslmode, a bad patient choice or an unreachable database with a sentence', async () => {
    const caDir = fs.mkdtempSync(path.join(os.tmpdir(), 'board-ca-'));
    const caFile = path.join(caDir, 'ca.crt');
    fs.writeFileSync(caFile, (await makeCa()).cert);
    try {
      await expect(board([])).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/^Say which clinic database to show with --db/),
      });
      await expect(
        board(['--db', 'postgres://clinic_board@127.0.0.1:1/clinic', '--ca', caFile, '--patient', 'name']),
      ).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/^Show the patient as "initials" or as the "chart" ID\./),
      });
      await expect(board(['--db', 'postgres://clinic_board@127.0.0.1:1/clinic'])).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringMatching(
          /^Give the clinic's CA certificate with --ca <file> \(ca\.crt in clinic-db's folder\)/,
        ),
      });
      await expect(
        board(['--db', 'postgres://clinic_board@127.0.0.1:1/clinic?sslmode=prefer', '--ca', caFile]),
      ).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringMatching(
          /^The clinic database address asks for sslmode=prefer, but Session Room connects to the clinic database only over TLS/,
        ),
      });
      await expect(
        board(['--db', 'postgres://clinic_board@127.0.0.1:1/clinic?sslmode=verify-full', '--ca', caFile]),
      ).rejects.toMatchObject({
        code: 2,
        stderr: 'The clinic database at 127.0.0.1:1/clinic is not answering. Start it, or check the address.\n',
      });
    } finally {
      fs.rmSync(caDir, { recursive: true, force: true });
    }
  });
});
