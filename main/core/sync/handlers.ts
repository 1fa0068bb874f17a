import { RoomError } from '../pure/errors';
import type { Handlers, RoomApi } from '../room-api';
import { normaliseConnection, writeConnection, type PasswordStore } from './connection';
import { caFingerprint } from './tls';
import type { ClinicConnectionView, SyncState } from './view';
import { ClinicSync, type SyncOptions } from './worker';

const workers = new WeakMap<RoomApi, ClinicSync>();

/** Starts the room's clinic sync worker (the shell and the host each call this once, with their password store). */
export function startClinicSync(
  room: RoomApi,
  dataDir: string,
  passwords: PasswordStore,
  options: SyncOptions = {},
): ClinicSync {
  const existing = workers.get(room);
  if (existing) return existing;
  const worker = new ClinicSync(room, dataDir, passwords, options);
  workers.set(room, worker);
  worker.start();
  return worker;
}

export function clinicSyncOf(room: RoomApi): ClinicSync | null {
  return workers.get(room) ?? null;
}

const OFF: SyncState = { status: 'off', waiting: 0, waitingSince: null, problem: null, line: '' };

type SyncMethods = 'getSyncState' | 'getClinicConnection' | 'setClinicConnection';

export function syncHandlers(room: RoomApi): Pick<Handlers, SyncMethods> {
  const view = (worker: ClinicSync): ClinicConnectionView => {
    const connection = worker.connection();
    return {
      address: connection?.address ?? '',
      room: connection?.room ?? '',
      login: connection?.login ?? '',
      ca: connection?.ca ?? '',
      caFingerprint: connection?.ca ? caFingerprint(connection.ca) : null,
      passwordSaved: worker.passwords.read() !== null,
      state: worker.state(),
    };
  };
  const workerOrRefuse = (): ClinicSync => {
    const worker = clinicSyncOf(room);
    if (!worker)
      throw new RoomError('clinic_sync_unavailable', 'This room cannot send its record to a clinic database here.');
    return worker;
  };
  return {
    getSyncState: () => clinicSyncOf(room)?.state() ?? OFF,
    getClinicConnection: ({ adminKey }) => {
      room.admin.require(adminKey);
      return view(workerOrRefuse());
    },
    setClinicConnection: ({ adminKey, password, ...input }) => {
      room.admin.require(adminKey);
      const worker = workerOrRefuse();
      const connection = normaliseConnection({ ...input, ...(password !== undefined ? { password } : {}) });
      if (password) worker.passwords.write(password);
      writeConnection(worker.dataDir, connection);
      worker.reconnect();
      return view(worker);
    },
  };
}
