import { RoomError } from '../errors';

/**
 * Who may sign what in the room: one table, act -> the roles that may sign it. Recording what is seen (observations,
 * vitals, scores, check-ins) is open to whoever is recording, the sitter included; the acts below are a clinician's,
 * each signed at the moment it is done with the clinician's name and personal PIN (main/core/staff/accounts.ts).
 * A new signed act is one line here and one `room.sign(...)` in its handler. The renderer reads it to say who may sign.
 */
export const STAFF_ROLES = ['clinician', 'therapist', 'sitter', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const ROLE_WORDS: Record<StaffRole, string> = {
  clinician: 'a clinician',
  therapist: 'a therapist',
  sitter: 'a sitter',
  admin: 'an admin',
};

export const PERMISSIONS = {
  recordDose: { roles: ['clinician'], what: 'sign a dose (the first, a booster, each Spravato device)' },
  acknowledgeUrgentAlert: { roles: ['clinician'], what: 'acknowledge an urgent alert' },
  reviewPreDoseBp: { roles: ['clinician'], what: 'review a blood pressure above the dosing limit and decide to dose' },
  strikeDose: { roles: ['clinician'], what: 'strike a dose or the infusion end from the record' },
  amendHoldingReading: {
    roles: ['clinician'],
    what: 'correct or strike a reading that raised an alert or holds the dose or discharge',
  },
  checklistProceed: {
    roles: ['clinician'],
    what: 'decide to go ahead past a "no" or a skipped item on the day-of checklist',
  },
  markInfusionEnded: { roles: ['clinician'], what: 'mark the end of the infusion' },
  remsJudgement: {
    roles: ['clinician'],
    what: "answer the REMS form's clinical questions (sedation, dissociation, respiratory depression, vital signs, ready to leave)",
  },
  confirmTime: {
    roles: ['clinician'],
    what: "confirm the current time after the room could not trust the computer's clock",
  },
  discharge: { roles: ['clinician'], what: 'discharge the patient' },
  vitalsException: { roles: ['clinician'], what: 'document why discharge is safe with vitals out of range' },
  recordLeftAgainstAdvice: { roles: ['clinician'], what: 'record that the patient left against advice' },
  /** The room's equipment, checked before the first patient of the day: any member of the care team signs it. */
  recordRescueCheck: {
    roles: ['clinician', 'therapist', 'sitter'],
    what: 'sign the rescue check before the first patient of the day',
  },
  /** The integration summary goes to the patient only once the therapist who reviewed it has approved it. */
  approveIntegrationSummary: {
    roles: ['therapist'],
    what: 'approve the integration summary to be given to the patient',
  },
} as const satisfies Record<string, { roles: readonly StaffRole[]; what: string }>;
export type Action = keyof typeof PERMISSIONS;

export interface StaffMember {
  name: string;
  role: string;
}
export const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** The person's role on the staff list, or null when the list does not name them. */
export function roleOf(staff: readonly StaffMember[], person: string): StaffRole | null {
  const found = staff.find((s) => sameName(s.name, person));
  return found && (STAFF_ROLES as readonly string[]).includes(found.role) ? (found.role as StaffRole) : null;
}

/** "Dr Kim or Dr Lee": the people who may sign an act, by name; null when nobody on the list may. */
function whoMay(staff: readonly StaffMember[], action: Action): string | null {
  const roles = PERMISSIONS[action].roles as readonly string[];
  const names = staff.filter((s) => roles.includes(s.role)).map((s) => s.name);
  if (!names.length) return null;
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names.at(-1)!}`;
}

/**
 * Why this person may not sign this act, as a sentence naming who may; null when they may. Nobody signs until the
 * staff list names someone who may: a fresh room records observations, but no dose, until its first clinician is set up.
 */
export function signRefusal(staff: readonly StaffMember[], action: Action, signer: string): string | null {
  const rule = PERMISSIONS[action];
  const allowed = rule.roles.map((r) => ROLE_WORDS[r]).join(' or ');
  const may = whoMay(staff, action);
  if (!may) {
    return `Only ${allowed} may ${rule.what}, and the room's staff list names none yet. An admin adds a clinician with their personal PIN (Admin, Staff), or completes the first-run setup.`;
  }
  const role = roleOf(staff, signer);
  if (role && (rule.roles as readonly StaffRole[]).includes(role)) return null;
  const only = `Only ${allowed} may ${rule.what}.`;
  return role
    ? `${only} ${signer} is on the staff list as ${ROLE_WORDS[role]}: ask ${may} to sign.`
    : `${only} "${signer}" is not on the room's staff list: ask ${may} to sign.`;
}

/** Throws the refusal as the bridge's answer; nothing is written. */
export function permitSigner(staff: readonly StaffMember[], action: Action, signer: string): void {
  const sentence = signRefusal(staff, action, signer);
  if (sentence) throw new RoomError('not_permitted', sentence);
}
