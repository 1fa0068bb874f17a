/** The Spravato REMS Patient Monitoring Form's asked fields (CLINICAL.md section 2). Zod-free: the renderer imports it. */
export const REMS_YES_NO_FIELDS = [
  'benzodiazepines',
  'nonBenzodiazepineSleepAids',
  'psychostimulants',
  'maois',
  'vitalsAcceptablePreDose',
  'vitalsAcceptableBeforeEnd',
  'sedation',
  'dissociation',
  'respiratoryDepression',
] as const;
export type RemsYesNoField = (typeof REMS_YES_NO_FIELDS)[number];

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
  readyToLeaveAfterMin: 'Ready to leave at (minutes after dosing, without the 2-hour minimum)',
  benzodiazepines: 'Concomitant benzodiazepines',
  nonBenzodiazepineSleepAids: 'Concomitant non-benzodiazepine sleep aids',
  psychostimulants: 'Concomitant psychostimulants',
  maois: 'Concomitant MAOIs',
  vitalsAcceptablePreDose: 'Vital signs acceptable before dosing',
  vitalsAcceptableBeforeEnd: 'Vital signs acceptable before the end of monitoring',
  sedation: 'Sedation',
  dissociation: 'Dissociation',
  respiratoryDepression: 'Respiratory depression',
};
