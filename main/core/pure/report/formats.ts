/** The session record's export formats. */
export const EXPORT_FORMATS = ['json', 'observations_csv', 'vitals_csv', 'fhir'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_LABELS: Record<ExportFormat, string> = {
  json: 'Event log (JSON)',
  observations_csv: 'Observations and scores (CSV)',
  vitals_csv: 'Vitals (CSV)',
  fhir: 'FHIR R4 bundle (JSON)',
};
