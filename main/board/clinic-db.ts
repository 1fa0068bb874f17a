import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { createRoomRole } from '../core/sync/clinic-migrations';
import { DATABASE, openLocalCluster } from './cluster';

const USAGE = 'Usage: npm run clinic-db -- --dir <folder> [--port <number>] [--room <name>]';

function fail(sentence: string): never {
  console.error(sentence);
  process.exit(2);
}

function parseArgs(argv: string[]): { dir: string; port: number; rooms: string[] } {
  let dir: string | undefined;
  let port = 0;
  const rooms: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dir') dir = argv[++i];
    else if (arg === '--port') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1 || value > 65535) fail(`The port must be a whole number from 1 to 65535. ${USAGE}`);
      port = value;
    } else if (arg === '--room') {
      const room = (argv[++i] ?? '').trim();
      if (!room || room.length > 60) fail(`Give the room's name after --room (1 to 60 characters), as the room's admin settings will name it. ${USAGE}`);
      rooms.push(room);
    } else fail(`"${arg}" is not an option clinic-db knows. ${USAGE}`);
  }
  if (!dir) fail(`Say where the clinic database keeps its files with --dir <folder>. ${USAGE}`);
  return { dir: path.resolve(dir), port, rooms };
}

/** A local clinic database in one command: initdb (first time), start on loopback, migrate, a role per named room. */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let cluster;
  try {
    cluster = await openLocalCluster({ dir: args.dir, port: args.port });
  } catch (err) {
    fail(`The clinic database could not start: ${(err as Error).message.trim()}`);
  }
  console.log(`Clinic database running at ${cluster.ownerAddress} (files in ${cluster.dir}; the owner's password is in ${cluster.passwordFile}).`);
  console.log(`Open the chair board: npm run board -- --db ${cluster.ownerAddress} --password-file ${cluster.passwordFile}`);
  const client = new pg.Client({ connectionString: cluster.ownerUrl });
  await client.connect();
  try {
    for (const room of args.rooms) {
      const password = crypto.randomBytes(18).toString('base64url');
      const { role } = await createRoomRole(client, room, password);
      console.log(
        `Room "${room}": in the room's admin settings enter address postgres://127.0.0.1:${cluster.port}/${DATABASE}, room name "${room}", login ${role}, password ${password} (shown once; run again with --room to set a new one).`,
      );
    }
  } finally {
    await client.end();
  }
  console.log(`Stop it with: pg_ctl -D ${path.join(cluster.dir, 'data')} stop (as the cluster's user).`);
}

void main();
