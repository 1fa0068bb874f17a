import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileDurably } from '../durable-file';
import { RoomError } from '../pure/errors';
import { connectionInput } from './connection-input';
import { fileSecretStore, type SecretStore } from './secret-store';
import { addressOptionsProblem, readClinicCa } from './tls';

/** Where the room sends its record: the clinic database's address, this room's name there, its login and the clinic's CA. No password. */
export interface ClinicConnection {
  /** postgres://host:port/database, without the password; '' when the room is not connected to a clinic. */
  address: string;
  room: string;
  login: string;
  /**
   * The clinic's CA certificate (PEM): the room sends only to a server whose certificate it signed, for the address's name.
   * '' in a connection saved by a version before TLS: the room then sends nothing and says the CA is missing.
   */
  ca: string;
}

export const CONNECTION_FILE = 'clinic-connection.json';
export const PASSWORD_FILE = 'clinic-password';

/** Keeps the room's clinic password: a 0600 file in the host's data folder, the OS keychain in the app (secret-store.ts). */
export type PasswordStore = SecretStore;

/** The browser host's password store: a file only the room's user can read, in its data folder. */
export function filePasswordStore(dataDir: string): PasswordStore {
  return fileSecretStore(path.join(dataDir, PASSWORD_FILE));
}

const fileSchema = z.object({ address: z.string(), room: z.string(), login: z.string(), ca: z.string().default('') });

export function readConnection(dataDir: string): ClinicConnection | null {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dataDir, CONNECTION_FILE), 'utf8')));
    return parsed.success && parsed.data.address ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Saves the connection; one given without a CA is saved as a connection the room cannot use until the admin gives it. */
export function writeConnection(dataDir: string, connection: Omit<ClinicConnection, 'ca'> & { ca?: string }): void {
  const saved: ClinicConnection = { ...connection, ca: connection.ca ?? '' };
  writeFileDurably(path.join(dataDir, CONNECTION_FILE), `${JSON.stringify(saved, null, 2)}\n`);
}

/** Checks what the admin typed; '' as the address disconnects the room from the clinic. */
export function normaliseConnection(input: z.output<typeof connectionInput>): ClinicConnection {
  if (!input.address) return { address: '', room: '', login: '', ca: '' };
  const withScheme = /^[a-z]+:\/\//i.test(input.address) ? input.address : `postgres://${input.address}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new RoomError(
      'invalid_clinic_address',
      'The clinic database address is not valid. Write it like postgres://clinic-db:5432/clinic.',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new RoomError(
      'invalid_clinic_address',
      'The clinic database address starts with postgres://, like postgres://clinic-db:5432/clinic.',
    );
  }
  if (url.password)
    throw new RoomError(
      'invalid_clinic_address',
      'Put the password in its own field, not in the address: the address is shown on screen.',
    );
  const options = addressOptionsProblem(url, 'in its own field, Clinic CA certificate');
  if (options) throw new RoomError('invalid_clinic_address', options);
  const database = url.pathname.replace(/^\//, '');
  if (!url.hostname || !database)
    throw new RoomError(
      'invalid_clinic_address',
      'The address needs the database server and the database name, like postgres://clinic-db:5432/clinic.',
    );
  const login = input.login || decodeURIComponent(url.username);
  if (!input.room)
    throw new RoomError('invalid_clinic_room', "Enter this room's name as the clinic database knows it.");
  if (!login) throw new RoomError('invalid_clinic_login', "Enter this room's login for the clinic database.");
  if (!input.ca.trim()) {
    throw new RoomError(
      'invalid_clinic_ca',
      "Paste the clinic's CA certificate (ca.crt, made by clinic-db): the room sends its record only to a clinic database it can verify with it.",
    );
  }
  const ca = readClinicCa(input.ca);
  if ('problem' in ca) throw new RoomError('invalid_clinic_ca', ca.problem);
  return { address: `postgres://${url.host}/${database}`, room: input.room, login, ca: ca.pem };
}
