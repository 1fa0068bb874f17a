import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openLocalCluster, type LocalCluster } from '../../main/board/cluster';
import { createRoomRole } from '../../main/core/sync/clinic-migrations';

export interface ThrowawayCluster extends LocalCluster {
  /** The clinic database address a room's admin enters (no password). */
  roomAddress: string;
  owner(): Promise<pg.Client>;
  addRoom(room: string): Promise<{ room: string; login: string; password: string }>;
  /** A client logged in as a room's role. */
  asRoom(login: string, password: string): Promise<pg.Client>;
  destroy(): Promise<void>;
}

/**
 * A real PostgreSQL cluster of its own in a temp folder, on a free loopback port (as an unprivileged user
 * where the tests run as root). Fails with the install sentence when the server package is missing.
 */
export async function throwawayCluster(): Promise<ThrowawayCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-db-'));
  const cluster = await openLocalCluster({ dir });
  const clients: pg.Client[] = [];
  const connect = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    await client.connect();
    clients.push(client);
    return client;
  };
  return {
    ...cluster,
    roomAddress: `postgres://127.0.0.1:${cluster.port}/clinic`,
    owner: () => connect(cluster.ownerUrl),
    async addRoom(room) {
      const password = crypto.randomBytes(12).toString('hex');
      const client = await connect(cluster.ownerUrl);
      const { role } = await createRoomRole(client, room, password);
      return { room, login: role, password };
    },
    asRoom: (login, password) => connect(`postgres://${login}:${password}@127.0.0.1:${cluster.port}/clinic`),
    async destroy() {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      await cluster.stop().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
