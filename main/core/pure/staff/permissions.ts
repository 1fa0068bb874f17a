import { RoomError } from '../errors';

/**
 * Who may do what in the room: one table, action -> the roles that may do it, checked by the handlers with one line
 * (`permit(staff, 'discharge', person)`). Recording what is seen (observations, vitals, scores, check-ins) is open to
 * every role, the sitter included; the decisions below are a clinician's. A new clinician-only action is one line
 * here and one `permit` call in its handler. The renderer reads it to say who may act.
 */
export const STAFF_ROLES = ['clinician', 'therapist', 'sitter', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const ROLE_WORDS: Record<StaffRole, string> = { clinician: 'a clinician', therapist: 'a therapist', sitter: 'a sitter', admin: 'an admin' };

export const PERMISSIONS = {
  acknowledgeUrgentAlert: { roles: ['clinician'], what: 'acknowledge an urgent alert' },
  reviewPreDoseBp: { roles: ['clinician'], what: 'review a blood pressure above the dosing limit and decide to dose' },
  strikeDose: { roles: ['clinician'], what: 'strike a dose or the infusion end from the record' },
  checklistProceed: { roles: ['clinician'], what: 'decide to go ahead past a "no" or a skipped item on the day-of checklist' },
  markInfusionEnded: { roles: ['clinician'], what: 'mark the end of the infusion' },
  discharge: { roles: ['clinician'], what: 'discharge the patient' },
  vitalsException: { roles: ['clinician'], what: 'document why discharge is safe with vitals out of range' },
  recordLeftAgainstAdvice: { roles: ['clinician'], what: 'record that the patient left against advice' },
} as const satisfies Record<string, { roles: readonly StaffRole[]; what: string }>;
export type Action = keyof typeof PERMISSIONS;

export interface StaffMember {
  name: string;
  role: string;
}
const same = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** The person's role on the room's staff list, or null when the list does not name them. */
export function roleOf(staff: readonly StaffMember[], person: string): StaffRole | null {
  const found = staff.find((s) => same(s.name, person));
  return found && (STAFF_ROLES as readonly string[]).includes(found.role) ? (found.role as StaffRole) : null;
}

/**
 * Roles are enforced once the staff list names a clinician: before that the room cannot tell who is who, and every
 * action stays open (the record shows "role not set"). The refusal is a sentence saying who may do it.
 */
export function refusal(staff: readonly StaffMember[], action: Action, person: string): string | null {
  if (!staff.some((s) => s.role === 'clinician')) return null;
  const rule = PERMISSIONS[action];
  const role = roleOf(staff, person);
  if (role && (rule.roles as readonly StaffRole[]).includes(role)) return null;
  const allowed = rule.roles.map((r) => ROLE_WORDS[r]).join(' or ');
  const only = `Only ${allowed} may ${rule.what}.`;
  return role
    ? `${only} ${person} is on the staff list as ${ROLE_WORDS[role]}: ask ${allowed} to do it.`
    : `${only} "${person}" is not on the room's staff list: ask ${allowed} to do it, or an admin to add them with their role.`;
}

/** Throws the refusal as the bridge's answer; nothing is written. */
export function permit(staff: readonly StaffMember[], action: Action, person: string): void {
  const sentence = refusal(staff, action, person);
  if (sentence) throw new RoomError('not_permitted', sentence);
}
