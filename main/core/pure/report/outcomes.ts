/** How a session ended, as the report and the history list name it (one list for both). */
export const OUTCOME_LABELS: Readonly<Record<string, string>> = {
  discharged: 'Discharged',
  left_against_advice: 'Left against medical advice',
  no_dose: 'No dose given',
};

/** An outcome's name; a session not closed reads as `whenOpen` (the list says "Open", the report says more). */
export function outcomeLabel(outcome: string | null, whenOpen = 'Open'): string {
  if (!outcome || outcome === 'open') return whenOpen;
  return OUTCOME_LABELS[outcome] ?? outcome;
}
