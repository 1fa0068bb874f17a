import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import pg from 'pg';
import { BOARD_PASSWORD_FILE, openLocalCluster, type LocalCluster } from '../../main/board/cluster';
import { BOARD_LOGIN, createRoomRole, OWNER_ROLE } from '../../main/core/sync/clinic-migrations';
import { filePasswordStore, writeConnection } from '../../main/core/sync/connection';
import { clinicClientConfig } from '../../main/core/sync/tls';

export interface ThrowawayCluster extends LocalCluster {
  /** The board's read-only address and its password file, as `npm run board` takes them (--db, --password-file). */
  ownerAddress: string;
  passwordFile: string;
  /** The board's address with its password, for startBoard in a test. */
  boardUrl: string;
  /** `npm run board`'s arguments for this clinic database: --db, --password-file and --ca. */
  boardArgs: string[];
  /** A client as the cluster's superuser (clinic-db's maintenance login): the tests look at and stage rows with it. */
  owner(): Promise<pg.Client>;
  /** A client acting as the role that owns the tables (no login of its own, no superuser): the superuser's SET ROLE. */
  asTableOwner(): Promise<pg.Client>;
  /** A client as the board's read-only login. */
  asBoard(): Promise<pg.Client>;
  addRoom(room: string): Promise<{ room: string; login: string; password: string }>;
  /** A client logged in as a room's role (to the clinic database, or another database of the cluster). */
  asRoom(login: string, password: string, database?: string): Promise<pg.Client>;
  /** A room's data folder set up to send to this clinic database from its first start (a new login for `room`). */
  connectRoomFolder(dataDir: string, room: string): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * A real PostgreSQL cluster of its own in a temp folder, on a free loopback port (as an unprivileged user
 * where the tests run as root), TLS only with its own CA, as clinic-db makes it. Fails with the install sentence
 * when the server package is missing.
 */
export async function throwawayCluster(): Promise<ThrowawayCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-db-'));
  const cluster = await openLocalCluster({ dir });
  const clients: pg.Client[] = [];
  const track = async (client: pg.Client) => {
    client.on('error', () => undefined);
    await client.connect();
    clients.push(client);
    return client;
  };
  const as = (user: string, password: string, database = 'clinic') =>
    track(
      new pg.Client(
        clinicClientConfig(cluster.roomAddress.replace(/\/clinic$/, `/${database}`), { user, password }, cluster.ca),
      ),
    );
  const superuser = async (database?: string) => {
    const client = await cluster.maintenance(database);
    clients.push(client);
    return client;
  };
  const boardPassword = fs.readFileSync(cluster.boardPasswordFile, 'utf8').trim();
  const addRoom = async (room: string) => {
    const password = crypto.randomBytes(12).toString('hex');
    const client = await superuser();
    const { role } = await createRoomRole(client, room, password);
    return { room, login: role, password };
  };
  return {
    ...cluster,
    maintenance: superuser,
    ownerAddress: cluster.boardAddress,
    passwordFile: path.join(dir, BOARD_PASSWORD_FILE),
    boardUrl: cluster.boardAddress.replace(`${BOARD_LOGIN}@`, `${BOARD_LOGIN}:${encodeURIComponent(boardPassword)}@`),
    boardArgs: ['--db', cluster.boardAddress, '--password-file', cluster.boardPasswordFile, '--ca', cluster.caFile],
    owner: superuser,
    async asTableOwner() {
      const client = await superuser();
      await client.query(`SET ROLE ${OWNER_ROLE}`);
      return client;
    },
    asBoard: () => as(BOARD_LOGIN, boardPassword),
    addRoom,
    asRoom: (login, password, database) => as(login, password, database),
    async connectRoomFolder(dataDir, room) {
      const login = await addRoom(room);
      writeConnection(dataDir, { address: cluster.roomAddress, room, login: login.login, ca: cluster.ca });
      filePasswordStore(dataDir).write(login.password);
    },
    async destroy() {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      await cluster.stop().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a listener posing as the clinic database received. */
export interface FakeClinicServer {
  port: number;
  /** SSLRequests received (a client asking for TLS first). */
  sslRequests: number;
  /** Startup messages received (a client going on to log in), and the passwords it sent when asked in clear text. */
  startups: number;
  passwords: string[];
  close(): Promise<void>;
}

/**
 * A listener on loopback that speaks the start of PostgreSQL's protocol, to see what a client gives away: it answers
 * an SSLRequest with 'N' (no TLS), or with 'S' and a TLS handshake with `tls` when given, then asks for the password in
 * clear text and keeps whatever comes.
 */
export async function fakeClinicServer(
  options: { tls?: { key: string; cert: string } } = {},
): Promise<FakeClinicServer> {
  const sockets = new Set<net.Socket>();
  const state = { sslRequests: 0, startups: 0, passwords: [] as string[] };
  const speak = (stream: net.Socket, onSslRequest: (rest: Buffer) => void) => {
    let buf = Buffer.alloc(0);
    let started = false;
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (!started) {
          if (buf.length < 8) return;
          const length = buf.readInt32BE(0);
          if (buf.length < length) return;
          const code = buf.readInt32BE(4);
          buf = buf.subarray(length);
          if (code === 80877103) {
            state.sslRequests++;
            stream.off('data', onData);
            onSslRequest(buf);
            return;
          }
          started = true;
          state.startups++;
          stream.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3])); // AuthenticationCleartextPassword
        } else {
          if (buf.length < 5) return;
          const length = buf.readInt32BE(1);
          if (buf.length < 1 + length) return;
          const type = buf[0];
          const body = buf.subarray(5, 1 + length);
          buf = buf.subarray(1 + length);
          if (type === 0x70) state.passwords.push(body.toString('utf8').replace(/\0$/, ''));
        }
      }
    };
    stream.on('data', onData);
    stream.on('error', () => undefined);
  };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    speak(socket, () => {
      if (!options.tls) {
        socket.write('N');
        speak(socket, () => socket.destroy());
        return;
      }
      socket.write('S');
      const secure = new tls.TLSSocket(socket, { isServer: true, key: options.tls.key, cert: options.tls.cert });
      speak(secure, () => secure.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    get sslRequests() {
      return state.sslRequests;
    },
    get startups() {
      return state.startups;
    },
    passwords: state.passwords,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
