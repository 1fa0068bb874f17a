/**
 * The door to the admin areas. The PIN is set on first run; a right PIN opens an admin session (a random
 * key the renderer holds, ending after 15 minutes without use); wrong attempts wait longer each time.
 * Therapists and sitters never meet it: nothing a session needs is behind it.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import { RoomError } from '../pure/errors';
import type { RoomSettings } from '../settings/store';
import { hashPin, PIN_PATTERN, PIN_REFUSED, spokenWait, verifyPin, waitAfterFailures } from './pin';
import type { AdminStatus, AdminUnlock } from './view';

export const ADMIN_IDLE_MS = 15 * 60_000;

export class AdminLock {
  private readonly sessions = new Map<string, number>();
  /** Attempts are checked one at a time, so parallel guesses cannot slip past the wait. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly settings: RoomSettings,
    private readonly clock: Clock,
  ) {}

  status(): AdminStatus {
    const admin = this.settings.admin();
    return { pinSet: admin.pin !== null, waitMs: Math.max(0, admin.lockedUntil - this.clock.now()) };
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** First run: sets the PIN when there is none. Later: changes it, from inside an admin session. */
  setPin(pin: string, adminKey?: string): Promise<AdminUnlock> {
    return this.serial(async () => {
      if (!PIN_PATTERN.test(pin)) throw new RoomError('invalid_pin', PIN_REFUSED);
      if (this.settings.admin().pin !== null) this.require(adminKey);
      this.settings.updateAdmin({ pin: await hashPin(pin), failedAttempts: 0, lockedUntil: 0 });
      return this.open();
    });
  }

  unlock(pin: string): Promise<AdminUnlock> {
    return this.serial(async () => {
      const admin = this.settings.admin();
      if (!admin.pin) throw new RoomError('no_admin_pin', 'No admin PIN is set yet. Set one first.');
      const now = this.clock.now();
      if (admin.lockedUntil > now) {
        throw new RoomError(
          'admin_wait',
          `Too many wrong PINs. Wait ${spokenWait(admin.lockedUntil - now)} before trying again.`,
        );
      }
      if (await verifyPin(pin, admin.pin)) {
        this.settings.updateAdmin({ ...admin, failedAttempts: 0, lockedUntil: 0 });
        return this.open();
      }
      const failedAttempts = admin.failedAttempts + 1;
      const wait = waitAfterFailures(failedAttempts);
      this.settings.updateAdmin({ ...admin, failedAttempts, lockedUntil: wait ? now + wait : 0 });
      throw new RoomError(
        'wrong_pin',
        wait
          ? `That PIN is not right. Wait ${spokenWait(wait)} before trying again.`
          : 'That PIN is not right. Try again.',
      );
    });
  }

  lock(adminKey: string): void {
    this.sessions.delete(adminKey);
  }

  /** Throws unless `adminKey` is an open admin session; each use keeps it open for another 15 minutes. */
  require(adminKey: string | undefined): void {
    const now = this.clock.now();
    const expires = adminKey ? this.sessions.get(adminKey) : undefined;
    if (!adminKey || expires === undefined || expires <= now) {
      if (adminKey) this.sessions.delete(adminKey);
      throw new RoomError('admin_locked', 'The admin area is locked. Enter the admin PIN to continue.');
    }
    this.sessions.set(adminKey, now + ADMIN_IDLE_MS);
  }

  private open(): AdminUnlock {
    const adminKey = randomBytes(24).toString('hex');
    const expiresAt = this.clock.now() + ADMIN_IDLE_MS;
    this.sessions.set(adminKey, expiresAt);
    return { adminKey, expiresAt };
  }
}
