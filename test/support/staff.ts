import { randomBytes, scryptSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PinRecord } from '../../main/core/admin/pin';
import { dispatch } from '../../main/core/bridge/dispatch';
import type { Room } from '../../main/core/room';
import type { Envelope } from '../../main/core/contract/contract';

/**
 * The test rooms' staff, each with a personal PIN. Their PIN hashes are made here at scrypt's lowest cost the room
 * accepts (N = 1024), so hundreds of signatures stay quick; the room's own hashing (N = 2^15) is tested where PINs are set.
 */
export const STAFF = [
  { id: 'staff-kim', name: 'Dr Kim', role: 'clinician' as const },
  { id: 'staff-park', name: 'Jo Park', role: 'therapist' as const },
  { id: 'staff-sam', name: 'Sam', role: 'sitter' as const },
];
export const PINS: Record<string, string> = {
  'Dr Kim': '135790',
  'Jo Park': '246802',
  Sam: '112233',
  'Dr Lee': '975310',
};
export const ADMIN_PIN = '2580';

export function quickPinRecord(pin: string): PinRecord {
  const salt = randomBytes(16);
  const params = { N: 1024, r: 8, p: 1 };
  return {
    algorithm: 'scrypt',
    ...params,
    salt: salt.toString('hex'),
    hash: scryptSync(pin.normalize('NFKC'), salt, 32, params).toString('hex'),
  };
}

/** The settings file's private block of PINs for these people. */
export function staffPinsBlock(
  staff: readonly { id: string; name: string }[] = STAFF,
): Record<string, { pin: PinRecord; failedAttempts: number; lockedUntil: number }> {
  return Object.fromEntries(
    staff.map((s) => [s.id, { pin: quickPinRecord(PINS[s.name] ?? '000000'), failedAttempts: 0, lockedUntil: 0 }]),
  );
}

/** A signature as a call carries it: the person's name and their PIN. */
export const sign = (name: string) => ({ signer: name, pin: PINS[name] ?? '000000' });

/**
 * A data folder whose settings name the test staff with their PINs and who is recording (the sitter, unless told),
 * as a room set up through its first run would have them; the admin PIN stays unset unless `adminPin` is given.
 */
export function seedStaffSettings(
  dataDir: string,
  options: { recorder?: string; staff?: typeof STAFF; extra?: Record<string, unknown> } = {},
): void {
  const staff = options.staff ?? STAFF;
  const recorder = staff.find((s) => s.name === (options.recorder ?? 'Sam')) ?? staff[0];
  const file = path.join(dataDir, 'settings.json');
  const existing = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const settings = {
    ...existing,
    version: 2,
    staff,
    staffPins: staffPinsBlock(staff),
    recorder: recorder ? { staffId: recorder.id, since: 0 } : null,
    ...options.extra,
  };
  fs.writeFileSync(file, JSON.stringify(settings, null, 2), { mode: 0o600 });
}

/** Puts the test staff, with their PINs, on an open room's settings (as the first-run setup and the admin would); Sam is recording. */
export function seedStaff(room: Room, staff: readonly { id: string; name: string; role: string }[] = STAFF): void {
  room.settings.update({ staff: staff as typeof STAFF });
  room.settings.updatePrivate('staffPins', staffPinsBlock(staff));
  const sitter = staff.find((s) => s.name === 'Sam') ?? staff[0];
  if (sitter) room.settings.updatePrivate('recorder', { staffId: sitter.id, since: 0 });
}

/**
 * The room's own dispatch, where a call naming its `author` is made by that person: when someone else is recording, they
 * switch in first with their PIN, as a person does with Alt+S. A name not on the staff list is sent as it is.
 */
export function dispatchAsAuthor(room: Room): (method: string, args: unknown) => Promise<Envelope<unknown>> {
  const raw = (method: string, args: unknown) => dispatch(room.handlers, method, args, () => {});
  return async (method, args) => {
    const author = (args as { author?: unknown } | undefined)?.author;
    if (typeof author === 'string' && method !== 'switchRecorder' && room.settings.get().staff.length) {
      const same = (a: string) => a.trim().toLowerCase() === author.trim().toLowerCase();
      const name = Object.keys(PINS).find(same);
      if (name && room.staff.find(name) && !(room.staff.recorder() && same(room.staff.recorder()!.name))) {
        const env = await raw('switchRecorder', { name, pin: PINS[name] });
        if (!env.ok) throw new Error(`switchRecorder ${name}: ${env.error.message}`);
      }
    }
    return raw(method, args);
  };
}
