/**
 * The rescue check before the first patient of the day (CLINICAL.md section 12): oxygen, suction, a bag-valve mask, the
 * monitor's alarms on and a pulse oximeter, as the Spravato REMS asks of an outpatient setting. One check a day for the
 * room, signed by the member of staff who made it. Plain data and sentences: the room enforces them, the screen shows them.
 */

export const RESCUE_ITEMS = ['oxygen', 'suction', 'bagValveMask', 'monitorAlarms', 'pulseOximeter'] as const;
export type RescueItem = (typeof RESCUE_ITEMS)[number];

/** Each item as the form asks it (its checkbox's accessible name) and the record states it. */
export const RESCUE_ITEM_LABELS: Record<RescueItem, string> = {
  oxygen: 'Oxygen on hand, with enough in the cylinder',
  suction: 'Suction working',
  bagValveMask: 'Bag-valve mask present',
  monitorAlarms: 'Monitor alarms on',
  pulseOximeter: 'Pulse oximeter present and working',
};
/** The items in a short list, for a sentence. */
export const RESCUE_ITEMS_SHORT = 'oxygen, suction, bag-valve mask, monitor alarms on, pulse oximeter';

/** 'required': no first dose without today's check; 'advised' (the default): the dose goes ahead, noted in the report. */
export const RESCUE_CHECK_RULES = ['required', 'advised'] as const;
export type RescueCheckRule = (typeof RESCUE_CHECK_RULES)[number];
export const DEFAULT_RESCUE_CHECK_RULE: RescueCheckRule = 'advised';

/** A check as the room keeps it (room time; the clinic's day it holds for, and when that day ends). */
export interface RescueCheckRecord {
  id: number;
  day: string;
  checkedAt: number;
  validUntil: number;
  by: string;
  role: string;
  note: string | null;
}

/** Today's check for the room, as the screen and the dose rule read it. */
export interface RescueCheckView {
  /** The clinic's day now ("2026-11-22"). */
  day: string;
  rule: RescueCheckRule;
  /** The latest check made today; null when none is. */
  check: RescueCheckRecord | null;
}

/** The items not ticked, in the form's order. */
export const uncheckedItems = (items: Partial<Record<RescueItem, boolean>>): RescueItem[] =>
  RESCUE_ITEMS.filter((i) => items[i] !== true);

/** Why the check cannot be recorded as done: the items not ticked, named; null when all are. */
export function rescueItemsProblem(items: Partial<Record<RescueItem, boolean>>): string | null {
  const missing = uncheckedItems(items);
  if (!missing.length) return null;
  const names = missing.map((i) => `"${RESCUE_ITEM_LABELS[i]}"`);
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
  return `The rescue check is recorded only when every item is in place: ${list} ${missing.length === 1 ? 'is' : 'are'} not ticked. Fix or replace what is missing, then record the check.`;
}

/** 'required' and no check today: the first dose is refused with this sentence. */
export function rescueCheckRefusal(view: RescueCheckView | null): string | null {
  if (!view || view.check || view.rule !== 'required') return null;
  return `Today's rescue check is not recorded: record the rescue check (${RESCUE_ITEMS_SHORT}) before the first dose. This clinic requires it before the first patient of the day.`;
}

/** 'advised' and no check today: the quiet notice the room shows before the first dose. */
export function rescueCheckNotice(view: RescueCheckView | null): string | null {
  if (!view || view.check || view.rule !== 'advised') return null;
  return `Today's rescue check is not recorded. Record the rescue check (${RESCUE_ITEMS_SHORT}) before the first dose: a dose given without it is noted in the report.`;
}

/** "Done by Sam (sitter) at 07:52", in the clock's words given. */
export const rescueDoneText = (c: { by: string; role: string; checkedAt: number }, clock: (t: number) => string) =>
  `Done by ${c.by} (${c.role}) at ${clock(c.checkedAt)}`;

/** The report's line for a first dose given without the day's check. */
export const DOSE_WITHOUT_RESCUE_CHECK =
  "The first dose went ahead without today's rescue check (the clinic advises it before the first patient of the day; it was not recorded).";
