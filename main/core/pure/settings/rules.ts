/**
 * The discharge rules and the checklist, each shown with its source in the admin settings. Each discharge condition
 * names its rule (pure/discharge/conditions.ts); the PADSS score, the checklist, the rescue check and the follow-up call
 * are rules the room applies outside the discharge conditions (the score is shown with the gate; the checklist and the
 * rescue check bear on the dose; the call follows the discharge).
 */
export const RULE_IDS = [
  'minimumTime',
  'moaas5',
  'orientedSteadyGait',
  'vitalsWithin20',
  'padss',
  'nauseaDissociation',
  'driverPresent',
  'noDriving',
  'alertsAcknowledged',
  'rems',
  'signedDischarge',
  'checklist',
  'orthostatic',
  'rescueCheck',
  'followUpCall',
] as const;
export type RuleId = (typeof RULE_IDS)[number];
export const RULE_LABELS: Record<RuleId, string> = {
  minimumTime: 'Minimum time since the last dose',
  moaas5: 'MOAA/S 5 before discharge',
  orientedSteadyGait: 'Oriented to person, place and time; steady gait',
  vitalsWithin20:
    "Vital signs inside the alert thresholds; BP and heart rate within 20 % of the pre-dose baseline; BP at or below the dosing limit or the patient's own pre-dose value",
  padss:
    'Modified PADSS (Marshall and Chung 1999), scored at discharge and shown with the conditions (9 or more reads as ready)',
  nauseaDissociation: 'Nausea and dissociation resolved or minimal',
  driverPresent:
    'A known adult escort, present in person (or waiting nearby and reachable, where the clinic allows it); never a taxi or rideshare alone',
  noDriving: 'No driving until the next day after sleep',
  alertsAcknowledged: 'No alert left unacknowledged',
  rems: 'Spravato: REMS Patient Monitoring Form complete',
  signedDischarge: 'The discharge is signed by a clinician (name and PIN)',
  checklist: 'Day-of checklist before the dose',
  orthostatic:
    'Orthostatic check before discharge (IV and IM by default): lying and standing BP and heart rate; a fall of 20 systolic or 10 diastolic, a rise of 30 in heart rate, or dizziness on standing holds the discharge until a re-check passes',
  rescueCheck:
    'Rescue check before the first patient of the day (oxygen, suction, bag-valve mask, monitor alarms on, pulse oximeter), advised or required',
  followUpCall: 'Next-day follow-up call after every discharge',
};
