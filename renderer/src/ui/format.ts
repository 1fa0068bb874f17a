import { durationText } from '@core/pure/time-text';
import { zoneOffsetMin } from '@core/pure/clinic-time';

/**
 * The screen's own time formats; the record's (clockText, elapsedText, durationText) are in main/core/pure/time-text.ts.
 * `zone` is the clinic's time zone (useClockZone in ui/clock.ts); null: the computer's own.
 */

/** m:ss under an hour, h:mm:ss from an hour; a part-second left counts as a second. */
export const formatCountdown = (ms: number) => durationText(Math.ceil(ms / 1000));

/** One formatter per zone, made once: toLocaleTimeString builds a new one per call, which made a long entry list slow to draw. */
const withSeconds = new Map<string, Intl.DateTimeFormat>();
/** "14:05:09", 24-hour, in the clinic's zone like every clock time the room writes. */
export function formatClockSeconds(epochMs: number, zone: string | null): string {
  let f = withSeconds.get(zone ?? '');
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      ...(zone ? { timeZone: zone } : {}),
    });
    withSeconds.set(zone ?? '', f);
  }
  return f.format(epochMs);
}

/** A calendar date as the page shows it (history rows), in the clinic's zone. */
export function dateText(epochMs: number, zone: string | null): string {
  return new Date(epochMs).toLocaleDateString(undefined, zone ? { timeZone: zone } : undefined);
}

/** "14:05" in the zone as the most recent such moment not in the future (a late entry made just after midnight means yesterday). */
export function parseClockTime(text: string, now: number, zone: string | null): number | null {
  const match = /^\s*(\d{1,2})[:.](\d{2})\s*$/.exec(text);
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  if (h > 23 || m > 59) return null;
  if (!zone) {
    const d = new Date(now);
    d.setHours(h, m, 0, 0);
    if (d.getTime() > now + 60_000) d.setDate(d.getDate() - 1);
    return d.getTime();
  }
  // That wall time in the clinic's zone: today there, else yesterday; the zone's offset taken at the moment itself.
  const inZone = (day: number) => {
    const shifted = new Date(now + zoneOffsetMin(now, zone) * 60_000);
    const wall = Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate() - day, h, m);
    const guess = wall - zoneOffsetMin(wall, zone) * 60_000;
    return wall - zoneOffsetMin(guess, zone) * 60_000;
  };
  const today = inZone(0);
  return today > now + 60_000 ? inZone(1) : today;
}
