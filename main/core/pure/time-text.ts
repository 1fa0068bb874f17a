/** Times as the room writes them, one way everywhere: the screen, the record and the report. */
import { zonedClock } from './clinic-time';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * "14:05" in the given time zone, as the room writes clock times: the clinic's (its setting, by default the machine's),
 * which each caller passes from the settings it was given. null: the machine's own zone.
 */
export function clockText(t: number, zone: string | null): string {
  if (zone) return zonedClock(t, zone);
  const d = new Date(t);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Whole seconds (none below zero) as hours, minutes and seconds. */
function hms(totalSec: number): { h: number; m: number; s: number } {
  const total = Math.max(0, Math.floor(totalSec));
  return { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 };
}

/** A length of whole seconds as m:ss under an hour, h:mm:ss from an hour. */
export function durationText(totalSec: number): string {
  const { h, m, s } = hms(totalSec);
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** Time since the dose on the room's clocks: h:mm:ss, or mm:ss under an hour when `withHours` is false. */
export function elapsedText(ms: number, withHours = true): string {
  const { h, m, s } = hms(ms / 1000);
  return withHours || h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** "T+0:02", "T+2:28": hours and minutes since the dose, as the room names a time in the session. */
export function sinceDoseText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 60_000));
  return `T+${Math.floor(total / 60)}:${pad(total % 60)}`;
}

/**
 * "in 29 min", "in 1 h 9 min", "in under 1 min": how long until something, written as a length of time so it is never
 * read as a clock time (a countdown "13:33" beside a clock at 13:04 reads as a time of day). Whole minutes, rounded up.
 */
export function untilText(ms: number): string {
  if (ms < 60_000) return 'in under 1 min';
  const total = Math.ceil(ms / 60_000);
  const h = Math.floor(total / 60);
  return h > 0 ? `in ${h} h${total % 60 ? ` ${total % 60} min` : ''}` : `in ${total} min`;
}

/** "148 min ago", "1 min ago", "just now": how old a piece of evidence is. */
export function agoText(ms: number): string {
  const m = Math.floor(ms / 60_000);
  return m < 1 ? 'just now' : `${m} min ago`;
}
