/** What a clinician attests before discharge (CLINICAL.md sections 4 and 7). */
export const ATTESTATION_ITEMS = [
  'oriented',
  'steady_gait',
  'nausea',
  'dissociation',
  'pain',
  'fluids',
  'voided',
  'no_driving_acknowledged',
  'vitals_exception',
] as const;
export type AttestationItem = (typeof ATTESTATION_ITEMS)[number];

export const SYMPTOM_LEVELS = ['resolved', 'minimal', 'moderate', 'severe'] as const;
export const ATTESTATION_ANSWERS = ['yes', 'no', ...SYMPTOM_LEVELS] as const;
export type AttestationAnswer = (typeof ATTESTATION_ANSWERS)[number];

export const ATTESTATION_RULES: Record<
  AttestationItem,
  { label: string; answers: readonly AttestationAnswer[]; noteRequired?: boolean }
> = {
  oriented: { label: 'Oriented to person, place and time', answers: ['yes', 'no'] },
  steady_gait: { label: 'Steady gait', answers: ['yes', 'no'] },
  nausea: { label: 'Nausea', answers: SYMPTOM_LEVELS },
  dissociation: { label: 'Dissociation', answers: SYMPTOM_LEVELS },
  /** The modified PADSS's pain part: acceptable to the patient (controlled with oral analgesics, if any). */
  pain: { label: 'Pain acceptable to the patient', answers: ['yes', 'no'] },
  /** Intake and output: asked by the original PADSS, no longer scored by the modified one (kept for records that hold them). */
  fluids: { label: 'Has taken fluids', answers: ['yes', 'no'] },
  voided: { label: 'Has voided', answers: ['yes', 'no'] },
  no_driving_acknowledged: {
    label: 'Patient acknowledges: no driving until the next day after sleep',
    answers: ['yes', 'no'],
  },
  vitals_exception: {
    label:
      'Clinician documents why discharge is safe with vitals out of range (never a value past an urgent threshold)',
    answers: ['yes'],
    noteRequired: true,
  },
};

/**
 * Observation tags (the shipped quick tags) that contradict an attestation made before them: "vomiting" noted after
 * nausea was attested minimal means the attestation no longer says how the patient is.
 */
export const CONTRADICTING_TAGS: Partial<Record<AttestationItem, readonly string[]>> = {
  oriented: ['confusion'],
  steady_gait: ['dizziness/vertigo'],
  nausea: ['nausea', 'vomiting'],
  dissociation: ['dissociation'],
};

/** The sentence refusing an answer that does not fit its item; null when it fits. */
export function attestationProblem(
  item: AttestationItem,
  answer: AttestationAnswer,
  note: string | undefined,
): string | null {
  const rule = ATTESTATION_RULES[item];
  if (!rule.answers.includes(answer)) return `${rule.label}: answer ${rule.answers.join(', ')}.`;
  if (rule.noteRequired && !note?.trim()) return `${rule.label}: say why in a note.`;
  return null;
}

export const AGAINST_ADVICE_ACTIONS = [
  'risks_explained',
  'escort_called',
  'emergency_contact_called',
  'taxi_or_ride_arranged',
  'police_or_emergency_services',
  'advice_given_in_writing',
] as const;
export type AgainstAdviceAction = (typeof AGAINST_ADVICE_ACTIONS)[number];
export const AGAINST_ADVICE_ACTION_LABELS: Record<AgainstAdviceAction, string> = {
  risks_explained: 'Risks explained to the patient',
  escort_called: 'Escort called',
  emergency_contact_called: 'Emergency contact called',
  taxi_or_ride_arranged: 'Taxi or ride arranged',
  police_or_emergency_services: 'Emergency services called',
  advice_given_in_writing: 'Advice given in writing',
};

/** A departure against advice records what was done, or why nothing could be. */
export const AGAINST_ADVICE_NOTHING_DONE =
  'Record at least one action taken (risks explained, escort called, ...) or a note why none was possible.';
