/**
 * The admin PIN: kept only as a salted scrypt hash (node's crypto.scrypt), and guarded by a
 * growing wait after wrong attempts. Both live in the settings file's `admin` block.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';

/** scrypt cost: 2^15 x 8 x 1 takes ~50-100 ms here, slow enough to make guessing every PIN offline costly. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

export const PIN_PATTERN = /^\d{4,12}$/;
export const PIN_RULE = 'The admin PIN is 4 to 12 digits.';
/** The refusal of a PIN with letters, spaces or the wrong length: what a PIN is made of, and what to type. */
export const PIN_REFUSED = `${PIN_RULE} Type a new one of the digits 0 to 9 only, with no letters or spaces.`;

const hex = z.string().regex(/^[0-9a-f]+$/);
export const pinRecordSchema = z.object({
  algorithm: z.literal('scrypt'),
  N: z.number().int().min(1024),
  r: z.number().int().min(1),
  p: z.number().int().min(1),
  salt: hex,
  hash: hex,
});
export type PinRecord = z.infer<typeof pinRecordSchema>;

/** The admin block of the settings file: the PIN's hash and the record of wrong attempts. */
export const adminStateSchema = z.object({
  pin: pinRecordSchema.nullable().default(null),
  /** Wrong attempts since the last right one. */
  failedAttempts: z.number().int().min(0).default(0),
  /** No attempt is checked before this time (epoch ms). */
  lockedUntil: z.number().min(0).default(0),
});
export type AdminState = z.infer<typeof adminStateSchema>;
export const NO_ADMIN: AdminState = { pin: null, failedAttempts: 0, lockedUntil: 0 };

function derive(pin: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scrypt(pin.normalize('NFKC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPin(pin: string): Promise<PinRecord> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(pin, salt, SCRYPT);
  return { algorithm: 'scrypt', ...SCRYPT, salt: salt.toString('hex'), hash: key.toString('hex') };
}

export async function verifyPin(pin: string, record: PinRecord): Promise<boolean> {
  const expected = Buffer.from(record.hash, 'hex');
  const key = await derive(pin, Buffer.from(record.salt, 'hex'), record);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Wrong attempts allowed before the first wait. */
export const FREE_ATTEMPTS = 3;
const FIRST_WAIT_MS = 5_000;
const LONGEST_WAIT_MS = 15 * 60_000;

/** The wait after the n-th wrong attempt in a row: none for the first three, then 5 s, 10 s, 20 s ... up to 15 min. */
export function waitAfterFailures(failedAttempts: number): number {
  if (failedAttempts < FREE_ATTEMPTS) return 0;
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (failedAttempts - FREE_ATTEMPTS));
}

/** "12 seconds", "3 minutes". */
export function spokenWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
