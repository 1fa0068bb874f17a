/** The SPRAVATO® REMS Patient Monitoring Form's asked fields (the form the REMS publishes at www.SPRAVATOrems.com). */

export interface RemsAnswers {
  monitoringProvider?: string;
  /** Only asked when a dose was recorded without its lot. */
  lot?: string;
  /** Minutes after dosing the patient would have been ready to leave without the 2-hour minimum. */
  readyToLeaveAfterMin?: number;
  benzodiazepines?: 'yes' | 'no';
  nonBenzodiazepineSleepAids?: 'yes' | 'no';
  psychostimulants?: 'yes' | 'no';
  maois?: 'yes' | 'no';
  vitalsAcceptablePreDose?: 'yes' | 'no';
  vitalsAcceptableBeforeEnd?: 'yes' | 'no';
  sedation?: 'yes' | 'no';
  dissociation?: 'yes' | 'no';
  respiratoryDepression?: 'yes' | 'no';
}
export type RemsAnswerField = keyof RemsAnswers;

export const REMS_LABELS: Record<RemsAnswerField, string> = {
  monitoringProvider: 'Monitoring provider',
  lot: 'Lot number',
  readyToLeaveAfterMin: 'Without the 2-hour minimum, ready to leave at (minutes from the start of administration)',
  benzodiazepines: 'Concomitant benzodiazepines',
  nonBenzodiazepineSleepAids: 'Concomitant non-benzodiazepine sedative hypnotics',
  psychostimulants: 'Concomitant psychostimulants',
  maois: 'Concomitant MAOIs',
  vitalsAcceptablePreDose: 'Vital signs in acceptable range before administration',
  vitalsAcceptableBeforeEnd: 'Vital signs in acceptable range before the session ended',
  sedation: 'Did the patient experience sedation?',
  dissociation: 'Did the patient experience dissociation?',
  respiratoryDepression: 'Did the patient experience respiratory depression?',
};

/** Every field of the form, in its order: those the record fills and those asked. */
export const REMS_FIELD_IDS = [
  'date',
  'dose',
  'lot',
  'monitoringProvider',
  'benzodiazepines',
  'nonBenzodiazepineSleepAids',
  'psychostimulants',
  'maois',
  'totalMinutes',
  'readyToLeaveAfterMin',
  'vitalsAcceptablePreDose',
  'vitalsAcceptableBeforeEnd',
  'bpPre',
  'bp40',
  'bpEnd',
  'sedation',
  'dissociation',
  'respiratoryDepression',
] as const;
export type RemsFieldId = (typeof REMS_FIELD_IDS)[number];
