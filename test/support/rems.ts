/**
 * The REMS Patient Monitoring Form's answers the record cannot give (the patient, the monitoring provider, the
 * concomitant medication, the vital signs' judgement, serious adverse events), as a clinic completes them, and the
 * healthcare setting a room's admin enters. Sedation, dissociation, respiratory depression, the REMS enrolment and
 * "ready to leave" are read from the record.
 */
export const REMS_ASKED = {
  patientBirthDate: '1984-03-09',
  patientSex: 'female',
  firstTreatment: 'no',
  monitoringProvider: 'Dr Kim',
  monitoringProviderPhone: '555-0142',
  monitoringProviderEmail: 'kim@gardenclinic.example',
  benzodiazepines: 'no',
  nonBenzodiazepineSleepAids: 'no',
  psychostimulants: 'no',
  maois: 'no',
  opioids: 'no',
  vitalsAcceptablePreDose: 'yes',
  vitalsAcceptableBeforeEnd: 'yes',
  seriousAdverseEvents: 'none',
} as const;

export const TREATMENT_SETTING = {
  name: 'Garden Clinic',
  address1: '12 Elm Street',
  address2: 'Suite 4',
  city: 'Springfield',
  state: 'IL',
  zip: '62701',
};
