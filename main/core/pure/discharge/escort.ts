/**
 * Who takes the patient home (CLINICAL.md section 7): a known adult, named with their relationship and phone. A taxi or
 * rideshare alone is not an escort (it may carry the patient and the escort together). By default the escort is seen
 * in person at discharge; a clinic may instead let them wait nearby, reachable by phone, while staff walk the patient to
 * the car: a route preset setting, named in the discharge's record.
 */
export const ESCORT_RULES = ['present_in_person', 'waiting_reachable'] as const;
export type EscortRule = (typeof ESCORT_RULES)[number];
export const DEFAULT_ESCORT_RULE: EscortRule = 'present_in_person';

/** The discharge condition's label under each rule: the record keeps it with the discharge. */
export const ESCORT_RULE_LABELS: Record<EscortRule, string> = {
  present_in_person: 'Driver or escort physically present',
  waiting_reachable: 'Driver or escort waiting nearby, reachable by phone; staff walk the patient to the car',
};

/** How staff confirmed the escort: seen in person, or reached by phone while waiting nearby. */
export const ESCORT_PRESENCES = ['in_person', 'waiting_reachable'] as const;
export type EscortPresence = (typeof ESCORT_PRESENCES)[number];

/** A taxi, a cab, a rideshare or a hired car: words that name a ride, not a person who takes responsibility. */
const RIDE =
  /\b(taxi(?:cab)?s?|cabs?|cabbie|minicabs?|uber|lyft|ride[\s-]?shar(?:e|es|ing)|ride[\s-]?hail(?:ing)?|car[\s-]service|chauffeur|limo(?:usine)?|hired\s+(?:car|driver)|paid\s+driver)\b/i;
/** Relationships that say nobody known to the patient. */
const NOT_A_RELATIONSHIP = new Set([
  'driver',
  'none',
  'no one',
  'nobody',
  'n/a',
  'na',
  '-',
  'unknown',
  'stranger',
  'self',
  'myself',
  'patient',
]);

/** The sentence refusing an escort who is not a known adult (a taxi or rideshare alone); null when they may be one. */
export function escortProblem(escort: { name: string; relationship?: string | undefined }): string | null {
  const name = escort.name.trim();
  const relationship = escort.relationship?.trim() ?? '';
  if (RIDE.test(name) || RIDE.test(relationship)) {
    return `"${name}"${relationship ? ` (${relationship})` : ''} is a taxi or rideshare, not an escort: the patient goes home with a known adult (a partner, relative or friend) who takes responsibility for them; a taxi may carry them both. Enter that person's name, relationship and phone.`;
  }
  if (relationship && NOT_A_RELATIONSHIP.has(relationship.toLocaleLowerCase())) {
    return `"${relationship}" does not say who ${name} is to the patient: the escort is a known adult. Enter the relationship (partner, parent, friend, ...).`;
  }
  return null;
}
