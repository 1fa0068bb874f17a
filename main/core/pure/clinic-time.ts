/**
 * Dates and times in the clinic's own time zone (an IANA name such as "America/Los_Angeles"), for the record that
 * leaves the room: the REMS form's date, FHIR times with their zone offset. Intl only, no time-zone table of our own.
 */

/** The machine's own time zone: the clinic's default. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsOf(t: number, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value])) as Record<string, string>;
  return {
    year: p.year!,
    month: p.month!,
    day: p.day!,
    hour: p.hour === '24' ? '00' : p.hour!,
    minute: p.minute!,
    second: p.second!,
  };
}
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** "2026-11-22": the calendar date in that zone. */
export function zonedDate(t: number, timeZone: string): string {
  const p = partsOf(t, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * "12/04/2026": the date as the clinic writes it (month/day/year, the SPRAVATO® REMS form's own format), in its zone.
 * The one date format of the filed record: its head, its pages, its signatures and its forms.
 */
export function clinicDateText(t: number, timeZone: string): string {
  return dayText(zonedDate(t, timeZone));
}

/** "2026-12-05" (a calendar day, as the record stores it) written as the clinic writes dates: "12/05/2026". */
export function dayText(isoDay: string): string {
  return usDate(isoDay);
}

/**
 * The machine's own zone, read at the first clock time written (not when the page loads: Intl's first use costs a page
 * start more than the rest of the room's first screen): the usual clinic zone, whose clock times need none of Intl's
 * slower parts.
 */
let machineZone: string | undefined;

/** "17:40": the clock time in that zone; the machine's own zone (the usual case) without Intl's slower parts. */
export function zonedClock(t: number, timeZone: string): string {
  if (timeZone === (machineZone ??= systemTimeZone())) {
    const d = new Date(t);
    return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }
  const p = partsOf(t, timeZone);
  return `${p.hour}:${p.minute}`;
}

/** Minutes the zone is ahead of UTC at that instant (-480 for UTC-8). */
export function zoneOffsetMin(t: number, timeZone: string): number {
  const p = partsOf(t, timeZone);
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return Math.round((asUtc - Math.floor(t / 1000) * 1000) / 60_000);
}

/** "2026-11-22T17:40:00.000-08:00": an ISO 8601 date-time in that zone, with its offset (FHIR dateTime and instant). */
export function zonedIso(t: number, timeZone: string): string {
  const p = partsOf(t, timeZone);
  const offset = zoneOffsetMin(t, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const ms = String(((t % 1000) + 1000) % 1000).padStart(3, '0');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.${ms}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "2026-11-22" (or "11/22/2026") as a calendar date, or null when it is not one. */
export function parseCalendarDate(text: string): { y: number; m: number; d: number } | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : us
      ? [Number(us[3]), Number(us[1]), Number(us[2])]
      : [NaN, NaN, NaN];
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return { y, m, d };
}
/** "2026-11-22" from a calendar date. */
export const isoDate = (c: { y: number; m: number; d: number }) => `${pad(c.y, 4)}-${pad(c.m)}-${pad(c.d)}`;
/** "11/22/2026" from "2026-11-22", as the form writes dates. */
export function usDate(iso: string): string {
  const c = parseCalendarDate(iso);
  return c ? `${pad(c.m)}/${pad(c.d)}/${pad(c.y, 4)}` : iso;
}
