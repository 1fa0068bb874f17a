import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { BOARD_LOGIN, createBoardRole, migrateClinic } from '../core/sync/clinic-migrations';
import { writeSecretFile } from '../core/sync/secret-file';
import { clinicClientConfig } from '../core/sync/tls';
import { ensureCertificates, LOOPBACK_NAMES, SERVER_CERT_FILE, SERVER_KEY_FILE } from './certificates';

const run = promisify(execFile);

/** PostgreSQL refuses to run as root: where this runs as root, the cluster belongs to this system user. */
export const CLUSTER_USER = 'sessionroom-pg';
/** The superuser initdb makes: clinic-db's maintenance login only (migrations, logins), accepted from this machine only. */
export const SUPERUSER = 'clinic';
export const DATABASE = 'clinic';
export const SUPERUSER_PASSWORD_FILE = 'maintenance.password';
/** Where a version before the board had its own login kept the superuser's password. */
const OLD_SUPERUSER_PASSWORD_FILE = 'owner.password';
export const BOARD_PASSWORD_FILE = 'board.password';
const SETTINGS_FILE = 'session-room.conf';
const HBA_FILE = 'pg_hba.conf';

export interface LocalCluster {
  dir: string;
  port: number;
  /** The name rooms and the board reach it by: the first --host, else 127.0.0.1. */
  host: string;
  /** postgres://<host>:<port>/clinic: the address a room's admin enters. */
  roomAddress: string;
  /** The board's read-only login, with its address and password file. */
  boardAddress: string;
  boardPasswordFile: string;
  /** The clinic's CA certificate: its file, its PEM and its SHA-256 fingerprint, as rooms compare it. */
  caFile: string;
  ca: string;
  caFingerprint: string;
  superuserPasswordFile: string;
  /** A connection as the superuser over verified TLS, for maintenance only: migrations and logins. Never given to the board. */
  maintenance(database?: string): Promise<pg.Client>;
  /** Where the password of a room's login is written. */
  roomPasswordFile(role: string): string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Debian's server binaries (/usr/lib/postgresql/<n>/bin), newest first; a sentence when there are none. */
export function postgresBinDir(base = '/usr/lib/postgresql'): string {
  const versions = fs.existsSync(base)
    ? fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
    : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) {
    throw new Error(
      'The PostgreSQL server is not installed on this machine (no initdb under /usr/lib/postgresql). Install it with: apt-get install -y postgresql',
    );
  }
  return path.join(base, versions[0], 'bin');
}

const asRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

async function ensureClusterUser(): Promise<{ uid: number; gid: number }> {
  try {
    await run('id', ['-u', CLUSTER_USER]);
  } catch {
    await run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', CLUSTER_USER]);
  }
  const uid = Number((await run('id', ['-u', CLUSTER_USER])).stdout.trim());
  const gid = Number((await run('id', ['-g', CLUSTER_USER])).stdout.trim());
  return { uid, gid };
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
 * The folder clinic-db keeps the clinic's passwords and keys in must be its own: a folder (not a link) owned by the
 * user running it (or, as root, by root or the cluster's user), holding nothing anyone else made. It is then made
 * private (0700) before its contents are looked at, so nothing can be slipped in after the look.
 */
export function checkFolder(dir: string, owners: ReadonlySet<number>): void {
  const st = fs.lstatSync(dir);
  if (st.isSymbolicLink() || !st.isDirectory()) {
    throw new Error(`${dir} is not a folder (it is a link or a file). Give clinic-db a folder of its own with --dir.`);
  }
  if (!owners.has(st.uid)) {
    throw new Error(
      `The folder ${dir} belongs to another user (uid ${st.uid}). clinic-db keeps the clinic's passwords and keys there, so it uses only a folder of its own user: choose another with --dir.`,
    );
  }
  if ((st.mode & 0o777) !== 0o700) fs.chmodSync(dir, 0o700);
  for (const name of fs.readdirSync(dir)) {
    const entry = fs.lstatSync(path.join(dir, name));
    if (!owners.has(entry.uid)) {
      throw new Error(
        `The folder ${dir} holds "${name}", which belongs to another user (uid ${entry.uid}). clinic-db writes the clinic's passwords and keys only where no one else has put anything: remove it, or choose another folder with --dir.`,
      );
    }
  }
}

/** A value for a line of postgresql.conf. */
const confString = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * A PostgreSQL cluster in `dir`: created (initdb) when the folder has none, its CA and certificate made, TLS turned on
 * and only TLS with scram-sha-256 passwords accepted, started on loopback (and on every address when `hosts` names
 * one beyond it), the clinic database created and migrated, and the board's read-only login made. Every password
 * and key is a 0600 file in the folder.
 */
export async function openLocalCluster(options: {
  dir: string;
  port?: number;
  hosts?: string[];
}): Promise<LocalCluster> {
  const dir = path.resolve(options.dir);
  const data = path.join(dir, 'data');
  const file = (name: string) => path.join(dir, name);
  const superuserPasswordFile = file(SUPERUSER_PASSWORD_FILE);
  const boardPasswordFile = file(BOARD_PASSWORD_FILE);

  // Whose folder: the running user's, and as root the cluster's user's too (PostgreSQL writes its files there).
  const clusterUser = asRoot() ? await ensureClusterUser() : null;
  const owners = new Set([process.getuid?.() ?? -1, ...(clusterUser ? [clusterUser.uid] : [])]);
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.mkdirSync(dir, { mode: 0o700 });
  }
  checkFolder(dir, owners);
  if (clusterUser) {
    fs.chownSync(dir, clusterUser.uid, clusterUser.gid);
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
    writeSecretFile(superuserPasswordFile, `${password}\n`);
    const pwfile = file(`.initdb-${process.pid}`);
    writeSecretFile(pwfile, `${password}\n`, clusterUser ? { owner: clusterUser } : {});
    try {
      await pgRun('initdb', [
        '-D',
        data,
        '-U',
        SUPERUSER,
        `--pwfile=${pwfile}`,
        '--auth-local=scram-sha-256',
        '--auth-host=scram-sha-256',
        '-E',
        'UTF8',
        '--locale=C',
      ]);
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  } else if (!fs.existsSync(superuserPasswordFile)) {
    if (!fs.existsSync(file(OLD_SUPERUSER_PASSWORD_FILE))) {
      throw new Error(
        `The superuser's password file ${superuserPasswordFile} is missing, so the clinic database in ${dir} cannot be opened.`,
      );
    }
    fs.renameSync(file(OLD_SUPERUSER_PASSWORD_FILE), superuserPasswordFile);
  }
  const superuserPassword = fs.readFileSync(superuserPasswordFile, 'utf8').trim();

  // The certificate names loopback and every --host; the first --host is the name rooms are given.
  const hosts = options.hosts ?? [];
  const tls = await ensureCertificates(dir, [...new Set([...LOOPBACK_NAMES, ...hosts])], clusterUser ?? undefined);
  const beyondLoopback = hosts.some((h) => !LOOPBACK_NAMES.includes(h));
  const host = hosts[0] ?? '127.0.0.1';

  // Settings: one file of ours, included last by postgresql.conf, rewritten each time; the server restarts when it changes.
  const confFile = path.join(data, 'postgresql.conf');
  const settingsFile = file(SETTINGS_FILE);
  const lastPort = (): number => {
    const from = (f: string) =>
      fs.existsSync(f) ? Number([...fs.readFileSync(f, 'utf8').matchAll(/^port = (\d+)$/gm)].at(-1)?.[1] ?? 0) : 0;
    return from(settingsFile) || from(confFile);
  };
  const previousPort = lastPort();
  const chosen = !options.port && !previousPort;
  let port = options.port || previousPort || (await freePort());
  // A listen address given before (--host), kept when this run names none.
  const previousListen =
    fs.existsSync(settingsFile) && /^listen_addresses = '\*'$/m.test(fs.readFileSync(settingsFile, 'utf8'));
  const listenEverywhere = beyondLoopback || (hosts.length === 0 && previousListen);
  const include = `include = ${confString(settingsFile)}`;
  const conf = fs.readFileSync(confFile, 'utf8');
  if (!conf.split('\n').includes(include))
    fs.appendFileSync(
      confFile,
      `\n# Session Room's settings (clinic-db rewrites that file each time it starts the clinic database).\n${include}\n`,
    );
  let configChanged = tls.changed;
  const writeSettings = (p: number) => {
    const settings = [
      '# Written by clinic-db each time it starts the clinic database: a change made here is replaced.',
      `listen_addresses = ${listenEverywhere ? "'*'" : "'127.0.0.1'"}`,
      `port = ${p}`,
      "unix_socket_directories = ''",
      `hba_file = ${confString(file(HBA_FILE))}`,
      'ssl = on',
      `ssl_cert_file = ${confString(file(SERVER_CERT_FILE))}`,
      `ssl_key_file = ${confString(file(SERVER_KEY_FILE))}`,
      "ssl_min_protocol_version = 'TLSv1.2'",
      "password_encryption = 'scram-sha-256'",
      '',
    ].join('\n');
    // Only TLS, only scram-sha-256 passwords; the superuser only from this machine. Anything else matches no line: refused.
    const hba = [
      '# Written by clinic-db: TLS only (hostssl), passwords as scram-sha-256, the superuser from this machine only.',
      `hostssl all ${SUPERUSER} 127.0.0.1/32 scram-sha-256`,
      `hostssl all ${SUPERUSER} ::1/128 scram-sha-256`,
      `hostssl all ${SUPERUSER} all reject`,
      'hostssl all all 127.0.0.1/32 scram-sha-256',
      'hostssl all all ::1/128 scram-sha-256',
      ...(listenEverywhere ? ['hostssl all all 0.0.0.0/0 scram-sha-256', 'hostssl all all ::/0 scram-sha-256'] : []),
      '',
    ].join('\n');
    for (const [name, text] of [
      [settingsFile, settings],
      [file(HBA_FILE), hba],
    ] as const) {
      const before = fs.existsSync(name) ? fs.readFileSync(name, 'utf8') : null;
      if (before === text) continue;
      writeSecretFile(name, text, { mode: 0o644 });
      configChanged = true;
    }
    port = p;
  };
  writeSettings(port);

  const log = file('postgres.log');
  if (clusterUser && !fs.existsSync(log)) writeSecretFile(log, '', { owner: clusterUser });
  const running = () =>
    pgRun('pg_ctl', ['-D', data, 'status']).then(
      () => true,
      () => false,
    );
  const start = async () => {
    // Already running from an earlier `clinic-db` with this folder: restarted only when its settings changed.
    if (!(await running())) await pgRun('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', 'start']);
    else if (configChanged) await pgRun('pg_ctl', ['-D', data, '-l', log, '-m', 'fast', '-w', '-t', '60', 'restart']);
    configChanged = false;
  };
  // A port this function chose can still be taken before PostgreSQL binds it: then another one.
  for (let attempt = 1; ; attempt++) {
    try {
      await start();
      break;
    } catch (err) {
      if (!chosen || attempt >= 5) throw err;
      writeSettings(await freePort());
    }
  }

  const bracketed = net.isIPv6(host) ? `[${host}]` : host;
  // Maintenance is always on this machine: 127.0.0.1, which the certificate names.
  const maintenance = async (database = DATABASE) => {
    const client = new pg.Client({
      ...clinicClientConfig(
        `postgres://127.0.0.1:${port}/${database}`,
        { user: SUPERUSER, password: superuserPassword },
        tls.ca,
      ),
      application_name: 'session-room clinic-db',
    });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  const cluster: LocalCluster = {
    dir,
    port,
    host,
    roomAddress: `postgres://${bracketed}:${port}/${DATABASE}`,
    boardAddress: `postgres://${BOARD_LOGIN}@${bracketed}:${port}/${DATABASE}`,
    boardPasswordFile,
    caFile: tls.caFile,
    ca: tls.ca,
    caFingerprint: tls.caFingerprint,
    superuserPasswordFile,
    maintenance,
    roomPasswordFile: (role) => file(`${role}.password`),
    start,
    stop: async () => {
      await pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
    },
  };
  const admin = await maintenance('postgres');
  try {
    const has = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!has.rowCount) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  const client = await maintenance();
  try {
    await migrateClinic(client);
    // The board's read-only login: its password made once and kept in its 0600 file.
    if (!fs.existsSync(boardPasswordFile))
      writeSecretFile(boardPasswordFile, `${crypto.randomBytes(18).toString('base64url')}\n`);
    await createBoardRole(client, fs.readFileSync(boardPasswordFile, 'utf8').trim());
  } finally {
    await client.end();
  }
  return cluster;
}

/** Stops the cluster in `dir` (as its user), waiting until it is down. */
export async function stopLocalCluster(dir: string): Promise<void> {
  await pgRun('pg_ctl', ['-D', path.join(path.resolve(dir), 'data'), '-m', 'fast', '-w', '-t', '60', 'stop']);
}
