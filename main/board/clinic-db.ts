import crypto from 'node:crypto';
import path from 'node:path';
import { chainReport, checkClinicChains } from '../core/sync/chain-check';
import { createRoomRole } from '../core/sync/clinic-migrations';
import { writeSecretFile } from '../core/sync/secret-file';
import { isHostName } from './certificates';
import { openLocalCluster, type LocalCluster } from './cluster';

const USAGE =
  'Usage: npm run clinic-db -- --dir <folder> [--port <number>] [--host <name or address>]... [--room <name>]... | --dir <folder> --verify';

function fail(sentence: string): never {
  console.error(sentence);
  process.exit(2);
}

function parseArgs(argv: string[]): { dir: string; port: number; hosts: string[]; rooms: string[]; verify: boolean } {
  let dir: string | undefined;
  let verify = false;
  let port = 0;
  const hosts: string[] = [];
  const rooms: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dir') dir = argv[++i];
    else if (arg === '--port') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1 || value > 65535)
        fail(`The port must be a whole number from 1 to 65535. ${USAGE}`);
      port = value;
    } else if (arg === '--host') {
      const host = (argv[++i] ?? '')
        .trim()
        .replace(/^\[|\]$/g, '')
        .toLowerCase();
      if (!isHostName(host)) {
        fail(
          `Give the name or address the rooms reach the clinic database by after --host, like clinic-db.local or 192.168.1.20. ${USAGE}`,
        );
      }
      hosts.push(host);
    } else if (arg === '--room') {
      const room = (argv[++i] ?? '').trim();
      if (!room || room.length > 60)
        fail(
          `Give the room's name after --room (1 to 60 characters), as the room's admin settings will name it. ${USAGE}`,
        );
      rooms.push(room);
    } else if (arg === '--verify') verify = true;
    else fail(`"${arg}" is not an option clinic-db knows. ${USAGE}`);
  }
  if (!dir) fail(`Say where the clinic database keeps its files with --dir <folder>. ${USAGE}`);
  if (verify && rooms.length > 0) fail(`--verify only checks the clinic record: run it without --room. ${USAGE}`);
  return { dir: path.resolve(dir), port, hosts, rooms, verify };
}

/**
 * A clinic database in one command: initdb (first time), the clinic's CA and the server's certificate, TLS only,
 * started, migrated, the board's read-only login, and a login per named room. Passwords go to 0600 files, never
 * to the screen; the superuser is kept for this maintenance.
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let cluster: LocalCluster;
  try {
    cluster = await openLocalCluster({ dir: args.dir, port: args.port, hosts: args.hosts });
  } catch (err) {
    fail(`The clinic database could not start: ${(err as Error).message.trim()}`);
  }
  if (args.verify) await verify(cluster);
  console.log(`Clinic database running at ${cluster.roomAddress}, over TLS only (files in ${cluster.dir}).`);
  console.log(
    `The clinic's CA certificate is ${cluster.caFile}, SHA-256 fingerprint ${cluster.caFingerprint}: every room and the board verify the clinic database with it.`,
  );
  console.log(
    `Open the chair board (read-only login): npm run board -- --db ${cluster.boardAddress} --password-file ${cluster.boardPasswordFile} --ca ${cluster.caFile}`,
  );
  const client = await cluster.maintenance();
  try {
    for (const room of args.rooms) {
      const password = crypto.randomBytes(18).toString('base64url');
      const { role } = await createRoomRole(client, room, password);
      const passwordFile = cluster.roomPasswordFile(role);
      writeSecretFile(passwordFile, `${password}\n`);
      console.log(
        `Room "${room}": in the room's admin settings enter address ${cluster.roomAddress}, room name "${room}", login ${role}, ` +
          `the password in ${passwordFile} (0600; run again with --room "${room}" for a new one), ` +
          `and the CA certificate ${cluster.caFile} (fingerprint ${cluster.caFingerprint}).`,
      );
    }
  } finally {
    await client.end();
  }
  console.log(
    `The superuser login (password in ${cluster.superuserPasswordFile}) is for clinic-db's maintenance only, from this machine.`,
  );
  console.log(`Stop it with: pg_ctl -D ${path.join(cluster.dir, 'data')} stop (as the cluster's user).`);
}

/**
 * Walks every room's hash chain in the clinic database and prints the first broken link of each room (the room, the
 * event and what is wrong), exiting 1; or that every chain is intact, exiting 0.
 */
async function verify(cluster: LocalCluster): Promise<never> {
  let report: { intact: boolean; lines: string[] };
  const client = await cluster.maintenance();
  try {
    report = chainReport(await checkClinicChains(client));
  } catch (err) {
    fail(`The clinic record could not be checked: ${(err as Error).message.trim()}`);
  } finally {
    await client.end();
  }
  for (const line of report.lines) (report.intact ? console.log : console.error)(line);
  process.exit(report.intact ? 0 : 1);
}

void main();
