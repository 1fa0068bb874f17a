import { elapsedText } from '@core/pure/time-text';

/** How the filed report writes its small facts, shared by its sections. */
export const date = (t: number, timeZone: string) =>
  new Date(t).toLocaleDateString([], { year: 'numeric', month: 'short', day: 'numeric', timeZone });
/** "Sam (sitter)": who recorded it, with their role on the staff list when it was written. */
export const who = (name: string, role: string | null) => (role ? `${name} (${role})` : name);
export const tPlus = (ms: number | null) => (ms === null ? 'pre-dose' : `T+${elapsedText(ms, false)}`);
export const STATUS_WORDS = {
  struck: 'struck',
  corrected: 'corrected (replaced below)',
  correction: 'correction',
  '': '',
} as const;
