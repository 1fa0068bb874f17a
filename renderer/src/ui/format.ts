import { durationText } from '../../../main/core/pure/time-text';

/** The screen's own time formats; the record's (clockText, elapsedText, durationText) are in main/core/pure/time-text.ts. */

/** m:ss under an hour, h:mm:ss from an hour; a part-second left counts as a second. */
export const formatCountdown = (ms: number) => durationText(Math.ceil(ms / 1000));

/** One formatter, made once: toLocaleTimeString builds a new one per call, which made a long entry list slow to draw. */
const CLOCK_WITH_SECONDS = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
/** "14:05:09", in the room's locale, 24-hour. */
export const formatClockSeconds = (epochMs: number) => CLOCK_WITH_SECONDS.format(epochMs);

/** "14:05" as the most recent such moment not in the future (a late entry made just after midnight means yesterday). */
export function parseClockTime(text: string, now: number): number | null {
  const match = /^\s*(\d{1,2})[:.](\d{2})\s*$/.exec(text);
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  if (h > 23 || m > 59) return null;
  const d = new Date(now);
  d.setHours(h, m, 0, 0);
  if (d.getTime() > now + 60_000) d.setDate(d.getDate() - 1);
  return d.getTime();
}
