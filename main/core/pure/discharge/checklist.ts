import { ROUTE_IDS, ROUTES, type RouteId } from '../timeline/routes';

/** The day-of checklist, asked before the dose (CLINICAL.md section 6). */
export const CHECKLIST_ITEM_IDS = [
  'fasting',
  'no_alcohol_benzodiazepines',
  'escort_arranged',
  'baseline_bp',
  'pregnancy',
  'medication_changes',
  'nasal_sprays',
  'rems_enrolment',
  'consent',
  'intention',
] as const;
export type ChecklistItemId = (typeof CHECKLIST_ITEM_IDS)[number];
export const CHECKLIST_ANSWERS = ['yes', 'no', 'skipped'] as const;
export type ChecklistAnswer = (typeof CHECKLIST_ANSWERS)[number];

export const CHECKLIST_LABELS: Record<ChecklistItemId, string> = {
  fasting: 'Fasting as the clinic sets it (food 2-4 h, liquids 30 min)',
  no_alcohol_benzodiazepines: 'No alcohol or benzodiazepines today',
  escort_arranged: 'Escort or driver arranged (name and phone)',
  baseline_bp: 'Baseline blood pressure within limits',
  pregnancy: 'Pregnancy status checked',
  medication_changes: 'Medication changes reviewed (benzodiazepines, stimulants, MAOIs, opioids)',
  nasal_sprays: 'Spravato: other nasal sprays at least 1 h before',
  rems_enrolment: 'Spravato: patient enrolled in the REMS',
  consent: "Consent for today's session",
  intention: 'Intention for the session',
};

/** Items a route asks of its own (Spravato's nasal sprays and REMS enrolment): no other route's default list has them. */
const ROUTE_OWN: readonly ChecklistItemId[] = [...new Set(ROUTE_IDS.flatMap((id) => ROUTES[id].ownChecklist))];

/** Items in the checklist's own order, each once: a list of items reads (and compares) the same however it was ticked. */
export function inChecklistOrder(items: readonly ChecklistItemId[]): ChecklistItemId[] {
  return CHECKLIST_ITEM_IDS.filter((id) => items.includes(id));
}

/** Items every session of the route asks and needs "yes" for, whatever the clinic's list: consent, and Spravato's REMS enrolment. */
export function alwaysCritical(route: RouteId): ChecklistItemId[] {
  return [...ROUTES[route].alwaysCritical];
}

/**
 * Which items apply: the preset's own list when the clinic set one (consent, and REMS enrolment for Spravato, always in
 * it), else every general item, and Spravato's own for Spravato.
 */
export function checklistFor(preset: {
  id: RouteId;
  checklist?: readonly ChecklistItemId[] | undefined;
}): ChecklistItemId[] {
  if (preset.checklist) return inChecklistOrder([...preset.checklist, ...alwaysCritical(preset.id)]);
  const own: readonly ChecklistItemId[] = ROUTES[preset.id].ownChecklist;
  return CHECKLIST_ITEM_IDS.filter((id) => own.includes(id) || !ROUTE_OWN.includes(id));
}

/** An answer other than "yes" must say why. */
export const checklistNeedsReason = (answer: ChecklistAnswer) => answer !== 'yes';

/** The items of this route's checklist not yet answered (yes, no with a reason, or skipped with a reason). */
export function unansweredChecklist(
  preset: { id: RouteId; checklist?: readonly ChecklistItemId[] | undefined },
  answers: Partial<Record<ChecklistItemId, unknown>>,
): ChecklistItemId[] {
  return checklistFor(preset).filter((item) => !answers[item]);
}

/** The sentence that stops a first dose while the checklist is open. */
export function checklistOpenSentence(open: readonly ChecklistItemId[]): string {
  const first = open
    .slice(0, 3)
    .map((i) => `"${CHECKLIST_LABELS[i]}"`)
    .join(', ');
  const more = open.length > 3 ? ` and ${open.length - 3} more` : '';
  return `Answer the day-of checklist before the dose: ${first}${more} ${open.length === 1 ? 'is' : 'are'} not answered yet. Answer "no" or skip with a reason where needed.`;
}
