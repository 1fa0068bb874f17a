/** What the screens get of the staff: names, roles, whether a PIN is set; never a PIN or its hash. Plain types. */
import type { StaffRole } from '../pure/staff/permissions';

export interface StaffView {
  id: string;
  name: string;
  role: StaffRole;
  hasPin: boolean;
  /** Epoch ms until which wrong PINs locked this person (0: not locked). */
  lockedUntil: number;
}

/** The person recording now. */
export interface RecorderView {
  name: string;
  role: StaffRole;
  since: number;
}

/**
 * A signature kept with the act it signs (21 CFR 11.50's manifestation): the printed name, the role, and what the
 * signature means; its date and time are the event's own.
 */
export interface Signature {
  name: string;
  role: StaffRole;
  meaning: string;
}

export interface StaffLogLine {
  at: number;
  actor: string;
  action: string;
  subject: string;
  detail: string | null;
}

export interface StaffAdminView {
  staff: StaffView[];
  log: StaffLogLine[];
}
