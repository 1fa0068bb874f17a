import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { migrateClinic } from '../core/sync/clinic-migrations';

const run = promisify(execFile);

/** PostgreSQL refuses to run as root: where this runs as root, the cluster belongs to this system user. */
export const CLUSTER_USER = 'sessionroom-pg';
export const OWNER = 'clinic';
export const DATABASE = 'clinic';
const OWNER_PASSWORD_FILE = 'owner.password';

export interface LocalCluster {
  dir: string;
  port: number;
  /** The owner's address, with its password: for the board and for setting up rooms. Never logged. */
  ownerUrl: string;
  /** The owner's address without the password, to print. */
  ownerAddress: string;
  passwordFile: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Debian's server binaries (/usr/lib/postgresql/<n>/bin), newest first; a sentence when there are none. */
export function postgresBinDir(base = '/usr/lib/postgresql'): string {
  const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) {
    throw new Error('The PostgreSQL server is not installed on this machine (no initdb under /usr/lib/postgresql). Install it with: apt-get install -y postgresql');
  }
  return path.join(base, versions[0], 'bin');
}

const asRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

async function ensureClusterUser(): Promise<void> {
  try {
    await run('id', ['-u', CLUSTER_USER]);
  } catch {
    await run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', CLUSTER_USER]);
  }
}

/** Runs a PostgreSQL binary as the cluster's user (itself when not root). */
async function pgRun(bin: string, args: string[]): Promise<string> {
  const file = path.join(postgresBinDir(), bin);
  const { stdout } = asRoot() ? await run('runuser', ['-u', CLUSTER_USER, '--', file, ...args]) : await run(file, args);
  return stdout;
}

/** Is this loopback port free now? */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A free loopback port below the ephemeral range (where outgoing connections take their local ports),
 * so another program is unlikely to take it between this check and PostgreSQL's start.
 */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 20_000 + crypto.randomInt(12_000);
    if (await portIsFree(port)) return port;
  }
  throw new Error('No free port was found between 20000 and 32000 on 127.0.0.1. Choose one with --port.');
}

/**
 * A PostgreSQL cluster in `dir` on loopback: created (initdb) when the folder has none, started, the clinic
 * database created and migrated. The owner's password is kept in a 0600 file in the folder.
 */
export async function openLocalCluster(options: { dir: string; port?: number }): Promise<LocalCluster> {
  const dir = path.resolve(options.dir);
  const data = path.join(dir, 'data');
  const passwordFile = path.join(dir, OWNER_PASSWORD_FILE);
  // Started again on the same folder: the same port unless told otherwise.
  const confFile = path.join(data, 'postgresql.conf');
  const confPort = () => (fs.existsSync(confFile) ? Number([...fs.readFileSync(confFile, 'utf8').matchAll(/^port = (\d+)$/gm)].at(-1)?.[1] ?? 0) : 0);
  const lastPort = confPort();
  const chosen = !options.port && !lastPort;
  let port = options.port || lastPort || (await freePort());
  fs.mkdirSync(dir, { recursive: true });
  if (asRoot()) {
    await ensureClusterUser();
    await run('chown', [CLUSTER_USER, dir]);
    try {
      await run('runuser', ['-u', CLUSTER_USER, '--', 'test', '-w', dir]);
    } catch {
      throw new Error(
        `The folder ${dir} cannot be reached by the system user ${CLUSTER_USER} that runs PostgreSQL (a folder above it is private). Choose a folder under /srv, /var/lib or /tmp.`,
      );
    }
  }
  const fresh = !fs.existsSync(path.join(data, 'PG_VERSION'));
  if (fresh) {
    const password = crypto.randomBytes(24).toString('hex');
    fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    const pwfile = path.join(dir, `.initdb-${process.pid}`);
    fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (asRoot()) await run('chown', [CLUSTER_USER, pwfile]);
    try {
      await pgRun('initdb', ['-D', data, '-U', OWNER, `--pwfile=${pwfile}`, '--auth-local=scram-sha-256', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C']);
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  } else if (!fs.existsSync(passwordFile)) {
    throw new Error(`The owner's password file ${passwordFile} is missing, so the clinic database in ${dir} cannot be opened.`);
  }
  const usePort = (p: number) => {
    // Last setting wins: loopback only, this port, no socket file outside the folder.
    if (p !== confPort()) fs.appendFileSync(confFile, `\nlisten_addresses = '127.0.0.1'\nport = ${p}\nunix_socket_directories = ''\n`);
    port = p;
  };
  usePort(port);
  const password = fs.readFileSync(passwordFile, 'utf8').trim();
  const log = path.join(dir, 'postgres.log');
  if (asRoot() && !fs.existsSync(log)) {
    fs.writeFileSync(log, '');
    await run('chown', [CLUSTER_USER, log]);
  }
  const start = async () => {
    // Already running from an earlier `clinic-db` with this folder: nothing to start.
    const running = await pgRun('pg_ctl', ['-D', data, 'status']).then(
      () => true,
      () => false,
    );
    if (!running) await pgRun('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', 'start']);
  };
  // A port this function chose can still be taken before PostgreSQL binds it: then another one.
  for (let attempt = 1; ; attempt++) {
    try {
      await start();
      break;
    } catch (err) {
      if (!chosen || attempt >= 5) throw err;
      usePort(await freePort());
    }
  }
  const ownerAddress = `postgres://${OWNER}@127.0.0.1:${port}/${DATABASE}`;
  const ownerUrl = `postgres://${OWNER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;

  const cluster: LocalCluster = {
    dir,
    port,
    ownerUrl,
    ownerAddress,
    passwordFile,
    start,
    stop: async () => {
      await pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
    },
  };
  const admin = new pg.Client({ connectionString: `postgres://${OWNER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres` });
  await admin.connect();
  try {
    const has = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!has.rowCount) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await migrateClinic(client);
  } finally {
    await client.end();
  }
  return cluster;
}

/** Stops the cluster in `dir` (as its user), waiting until it is down. */
export async function stopLocalCluster(dir: string): Promise<void> {
  await pgRun('pg_ctl', ['-D', path.join(path.resolve(dir), 'data'), '-m', 'fast', '-w', '-t', '60', 'stop']);
}
