import { elapsedText } from '@core/pure/time-text';
import { clinicDateText } from '@core/pure/clinic-time';

/** How the filed report writes its small facts, shared by its sections. One date format throughout: the clinic's. */
export const date = (t: number, timeZone: string) => clinicDateText(t, timeZone);
/** "Sam (sitter)": who recorded it, with their role on the staff list when it was written. */
export const who = (name: string, role: string | null) => (role ? `${name} (${role})` : name);
export const tPlus = (ms: number | null) => (ms === null ? 'pre-dose' : `T+${elapsedText(ms, false)}`);
export const STATUS_WORDS = {
  struck: 'struck',
  corrected: 'corrected (replaced below)',
  correction: 'correction',
  '': '',
} as const;
