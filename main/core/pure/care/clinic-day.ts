/**
 * The clinic's calendar day, in its own time zone: the rescue check holds for the day it was made, and the follow-up call
 * is due the day after the discharge. Intl only (through clinic-time), no time-zone table of our own.
 */
import { zonedDate, zoneOffsetMin } from '../clinic-time';

const DAY_MS = 24 * 60 * 60_000;

/** "2026-11-22": the clinic's day at that instant. */
export const clinicDay = (t: number, timeZone: string): string => zonedDate(t, timeZone);

/** The day `n` days after `day` ("2026-11-30" + 1 is "2026-12-01"). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The instant the clinic's day begins (its midnight, or the first instant of the day where the zone skips midnight). */
export function startOfClinicDay(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  let t = utcMidnight - zoneOffsetMin(utcMidnight, timeZone) * 60_000;
  // The offset at the guess may differ from the offset at the day's start (a change of summer time near midnight).
  t = utcMidnight - zoneOffsetMin(t, timeZone) * 60_000;
  // Where midnight itself does not exist, step forward to the first instant that belongs to the day.
  for (let i = 0; i < 4 && zonedDate(t, timeZone) < day; i++) t += 30 * 60_000;
  return t;
}

/** The instant the clinic's day of `t` ends: the start of the next one. */
export const endOfClinicDay = (t: number, timeZone: string): number =>
  startOfClinicDay(addDays(clinicDay(t, timeZone), 1), timeZone);
