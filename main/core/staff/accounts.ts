/**
 * Staff accounts: each person on the staff list with a personal PIN, kept only as a salted scrypt hash in the settings
 * file's private `staffPins` block (never in Settings, so never sent to the screen, an export, a backup of the records
 * or the clinic database). Who is recording, and every clinician's signature, is proved with that PIN at the moment.
 * Five wrong PINs in a row lock that person for 5 minutes. Every change is written to the staff log with who and when.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { hashPin, pinRecordSchema, verifyPin } from '../admin/pin';
import type { Clock } from '../clock';
import { RoomError } from '../pure/errors';
import { clockText } from '../pure/time-text';
import { PERMISSIONS, permitSigner, sameName, type Action } from '../pure/staff/permissions';
import type { StaffEntry } from '../settings/schema';
import type { RoomSettings } from '../settings/store';
import type { StaffLog } from './log';
import type { Signature, StaffView } from './view';

export const STAFF_PIN_PATTERN = /^\d{6,12}$/;
export const STAFF_PIN_RULE = 'A personal PIN is 6 to 12 digits.';
export const WRONG_PINS_BEFORE_LOCK = 5;
export const STAFF_LOCK_MS = 5 * 60_000;

const credentialSchema = z.object({
  pin: pinRecordSchema.nullable().default(null),
  failedAttempts: z.number().int().min(0).default(0),
  lockedUntil: z.number().min(0).default(0),
});
type Credential = z.infer<typeof credentialSchema>;
const credentialsSchema = z.record(z.string(), credentialSchema);
const NO_CREDENTIAL: Credential = { pin: null, failedAttempts: 0, lockedUntil: 0 };

const recorderSchema = z.object({ staffId: z.string(), since: z.number() }).nullable();

export const newStaffId = () => `staff-${randomBytes(4).toString('hex')}`;

/** What a signature proves: a name on the staff list and that person's PIN, given now. */
export interface SignatureRequest {
  signer: string;
  pin: string;
  /** Only for a person who has no PIN yet (a room upgraded from before PINs): the PIN typed twice becomes theirs. */
  pinAgain?: string | undefined;
}

export class StaffAccounts {
  /** PIN checks run one at a time, so parallel guesses cannot slip past the lock. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly settings: RoomSettings,
    private readonly clock: Clock,
    private readonly log: StaffLog,
  ) {}

  staff(): StaffEntry[] {
    return this.settings.get().staff;
  }

  hasClinician(): boolean {
    return this.staff().some((s) => s.role === 'clinician');
  }

  find(name: string): StaffEntry | undefined {
    return this.staff().find((s) => sameName(s.name, name));
  }

  views(): StaffView[] {
    const creds = this.credentials();
    const now = this.clock.now();
    return this.staff().map((s) => ({
      id: s.id,
      name: s.name,
      role: s.role,
      hasPin: !!creds[s.id]?.pin,
      lockedUntil: Math.max(0, (creds[s.id]?.lockedUntil ?? 0) > now ? creds[s.id]!.lockedUntil : 0),
    }));
  }

  /** The person recording now, when the staff list has people and someone has switched in with their PIN. */
  recorder(): StaffEntry | null {
    const parsed = recorderSchema.safeParse(this.settings.privateBlock('recorder') ?? null);
    const id = parsed.success ? parsed.data?.staffId : undefined;
    return (id && this.staff().find((s) => s.id === id)) || null;
  }

  /** When the person recording switched in (0 when nobody has). */
  recorderSince(): number {
    const parsed = recorderSchema.safeParse(this.settings.privateBlock('recorder') ?? null);
    return parsed.success ? (parsed.data?.since ?? 0) : 0;
  }

  /** Switching who records takes that person's PIN (a change of sitter is the common case). */
  async switchRecorder(request: SignatureRequest): Promise<StaffEntry> {
    const person = await this.verify(request);
    this.settings.updatePrivate('recorder', { staffId: person.id, since: this.clock.now() });
    return person;
  }

  /** The signer proved by their PIN, allowed by the permission table; the signature to keep with the act. */
  async sign(request: SignatureRequest, action: Action, meaning: string): Promise<Signature> {
    // Who may sign is told before any PIN is checked: a sitter's own right PIN does not make them a clinician.
    permitSigner(this.staff(), action, request.signer);
    const person = await this.verify(request);
    permitSigner(this.staff(), action, person.name);
    return { name: person.name, role: person.role, meaning };
  }

  /** The PIN proves the name; the answer never says which of the two was wrong. */
  verify({ signer, pin, pinAgain }: SignatureRequest): Promise<StaffEntry> {
    return this.serial(async () => {
      const person = this.find(signer);
      if (!person) throw new RoomError('wrong_pin', 'That name and PIN do not match. Try again.');
      const cred = this.credential(person.id);
      const now = this.clock.now();
      if (cred.lockedUntil > now) throw this.lockedError(person, cred.lockedUntil);
      if (!cred.pin) return this.firstPin(person, pin, pinAgain);
      if (await verifyPin(pin, cred.pin)) {
        if (cred.failedAttempts) this.setCredential(person.id, { ...cred, failedAttempts: 0, lockedUntil: 0 });
        return person;
      }
      const failedAttempts = cred.failedAttempts + 1;
      if (failedAttempts >= WRONG_PINS_BEFORE_LOCK) {
        const lockedUntil = now + STAFF_LOCK_MS;
        this.setCredential(person.id, { ...cred, failedAttempts: 0, lockedUntil });
        this.log.write({
          actor: 'Session Room',
          action: 'locked',
          subject: person.name,
          detail: `${WRONG_PINS_BEFORE_LOCK} wrong PINs in a row: locked for 5 minutes`,
        });
        throw this.lockedError(person, lockedUntil);
      }
      this.setCredential(person.id, { ...cred, failedAttempts });
      throw new RoomError('wrong_pin', 'That name and PIN do not match. Try again.');
    });
  }

  /** A person changes their own PIN, proving the one they have. */
  async changeOwnPin(name: string, pin: string, newPin: string): Promise<void> {
    checkNewPin(newPin);
    const person = await this.verify({ signer: name, pin });
    await this.storePin(person, newPin);
    this.log.write({
      actor: person.name,
      action: 'pin_changed',
      subject: person.name,
      detail: 'changed their own PIN',
    });
  }

  /** The admin sets a new person's first PIN, or resets a forgotten one (the lock lifts with it). */
  async setPinByAdmin(person: StaffEntry, newPin: string, by: string): Promise<void> {
    checkNewPin(newPin);
    const had = !!this.credential(person.id).pin;
    await this.storePin(person, newPin);
    this.log.write({
      actor: by,
      action: had ? 'pin_reset' : 'pin_set',
      subject: person.name,
      detail: had ? 'PIN reset by an admin' : 'first PIN set by an admin',
    });
  }

  /** A person taken off the list loses their PIN with them. */
  forget(person: StaffEntry): void {
    const creds = { ...this.credentials() };
    delete creds[person.id];
    this.settings.updatePrivate('staffPins', creds);
    if (this.recorder()?.id === person.id) this.settings.updatePrivate('recorder', null);
  }

  private async firstPin(person: StaffEntry, pin: string, pinAgain: string | undefined): Promise<StaffEntry> {
    if (pinAgain === undefined) {
      throw new RoomError(
        'pin_not_set',
        `${person.name} has no personal PIN yet: choose one (${STAFF_PIN_RULE.replace(/^A personal PIN is /, '').replace(/\.$/, '')}) and type it twice.`,
      );
    }
    checkNewPin(pin);
    if (pin !== pinAgain) throw new RoomError('pin_mismatch', 'The two PINs are not the same. Type the new PIN twice.');
    await this.storePin(person, pin);
    this.log.write({
      actor: person.name,
      action: 'pin_set',
      subject: person.name,
      detail: 'set their own PIN at their first act',
    });
    return person;
  }

  private async storePin(person: StaffEntry, pin: string): Promise<void> {
    const record = await hashPin(pin);
    this.setCredential(person.id, { pin: record, failedAttempts: 0, lockedUntil: 0 });
  }

  private lockedError(person: StaffEntry, until: number): RoomError {
    return new RoomError(
      'staff_locked',
      `Too many wrong PINs: ${person.name} is locked until ${clockText(until, this.settings.get().clinicTimeZone)} (5 minutes). Try again then, or ask an admin to reset the PIN.`,
    );
  }

  private credentials(): Record<string, Credential> {
    const parsed = credentialsSchema.safeParse(this.settings.privateBlock('staffPins') ?? {});
    return parsed.success ? parsed.data : {};
  }

  private credential(id: string): Credential {
    return this.credentials()[id] ?? NO_CREDENTIAL;
  }

  private setCredential(id: string, cred: Credential): void {
    this.settings.updatePrivate('staffPins', { ...this.credentials(), [id]: cred });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function checkNewPin(pin: string): void {
  if (!STAFF_PIN_PATTERN.test(pin))
    throw new RoomError('invalid_pin', `${STAFF_PIN_RULE} Type digits only, at least 6.`);
}

/** Every act a signature can carry, for the screens' words. */
export const SIGNED_ACTS = Object.keys(PERMISSIONS) as Action[];
