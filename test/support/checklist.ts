import type { Page } from 'playwright-core';
import { checklistFor, type ChecklistItemId } from '../../main/core/pure/discharge/checklist';
import type { RouteId } from '../../main/core/pure/timeline/routes';

type Answer = (
  method: 'answerChecklist',
  args: { sessionId: string; item: ChecklistItemId; answer: 'yes' | 'skipped'; author: string; reason?: string },
) => Promise<unknown>;

/** Answers every item of the route's day-of checklist "yes", as staff do before a first dose. */
export async function answerDayOfChecklist(
  answer: Answer,
  sessionId: string,
  presetId: RouteId,
  author = 'Sam',
  /** 'none': no blood pressure is taken before the dose (a clinic that does not ask one), so the baseline is skipped with why. */
  baseline: 'taken' | 'none' = 'taken',
): Promise<void> {
  for (const item of checklistFor({ id: presetId }))
    await answer(
      'answerChecklist',
      item === 'baseline_bp' && baseline === 'none'
        ? { sessionId, item, answer: 'skipped', author, reason: 'no baseline taken: the clinic does not ask one here' }
        : { sessionId, item, answer: 'yes', author },
    );
}

/** The same in the room's screen: every "yes" button of the checklist, until none is left unanswered. */
export async function answerDayOfChecklistInPage(page: Page): Promise<void> {
  const checklist = page.getByRole('region', { name: 'Day-of checklist' });
  const yes = checklist
    .getByRole('listitem')
    .filter({ hasText: 'not answered' })
    .getByRole('button', { name: /: yes$/ });
  while ((await yes.count()) > 0) {
    const before = await yes.count();
    await yes.first().click();
    await page.waitForFunction(
      ([n]) => document.querySelectorAll('[aria-label="Day-of checklist"] li.checklist-open').length < n!,
      [before],
    );
  }
}
