import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousAxeProblems } from '../support/axe';
import { startHostProcess, tempDataDir } from '../support/host-process';
import { chromiumWithHosts, moveClocks, startSessionInPage } from '../support/room-page';
import { walkViews, type ViewName } from '../support/room-views';

const MIN = 60_000;
const { hosts, openRoom } = chromiumWithHosts();
const SIZES = [
  { width: 1366, height: 768, entriesInView: 5 },
  { width: 1920, height: 1080, entriesInView: 8 },
];
/** A dozen notes into the session, as the sitter types them: more than either screen shows at once. */
const MORE_NOTES = [
  'Hands resting on the blanket',
  'Said the room feels very big',
  'Quiet, eyes moving under the lids',
  'Asked what time it is',
  'Laughing softly',
  'Sipped water',
  'Turned onto the left side',
  'Breathing even, 14 a minute',
  'Said the music helps',
];

/** The page itself never scrolls: everything scrolls inside its own box. */
const pageScroll = (page: Page) =>
  page.evaluate(() => {
    const el = document.scrollingElement!;
    return { vertical: el.scrollHeight - el.clientHeight, horizontal: el.scrollWidth - el.clientWidth };
  });

/** Whether the element is drawn wholly inside the viewport and not hidden by its scrolling box. */
async function inViewport(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth)
      return false;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && (el === hit || el.contains(hit));
  });
}

/** How many entries are drawn whole inside the entries' box (not cut by its edges) and on the screen. */
const entriesFullyInView = (page: Page) =>
  page.getByRole('list', { name: 'Entry list' }).evaluate((list) => {
    const box = list.getBoundingClientRect();
    return [...list.querySelectorAll(':scope > li')].filter((li) => {
      const r = li.getBoundingClientRect();
      return r.height > 0 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5 && r.bottom <= innerHeight;
    }).length;
  });

/**
 * Text the screen cuts: an element that hides its overflow (or ends it with an ellipsis) while its text is wider or taller
 * than its box. A box that scrolls shows all of its text, and is not counted.
 */
const clippedTexts = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')].flatMap((el) => {
      const style = getComputedStyle(el);
      const hides = (o: string) => o === 'hidden' || o === 'clip';
      const cutsX = hides(style.overflowX) || style.textOverflow === 'ellipsis';
      if (!cutsX && !hides(style.overflowY)) return [];
      if (!el.innerText?.trim() || el.getClientRects().length === 0) return [];
      const wide = cutsX && el.scrollWidth > el.clientWidth + 1;
      const tall = hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
      return wide || tall ? [el.innerText.trim().slice(0, 60)] : [];
    }),
  );

/** The height of a digit's glyph (its ink, from the font's own metrics) in the element's type, as a share of the screen's height. */
const digitShareOfHeight = (locator: Locator) =>
  locator.evaluate((el) => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    const style = getComputedStyle(el);
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const m = ctx.measureText('0');
    return (m.actualBoundingBoxAscent + m.actualBoundingBoxDescent) / innerHeight;
  });

describe('the room at a glance, in Chromium at both screen sizes', () => {
  for (const size of SIZES) {
    it(`${size.width}x${size.height}: no view scrolls the page; the clock, phase, note and music pause are on screen mid-session; glance is readable across the room`, async () => {
      const host = await startHostProcess(tempDataDir());
      hosts.push(host);
      const page = await openRoom(host, { viewport: size });
      const seen: ViewName[] = [];
      await walkViews(page, host, async (view) => {
        seen.push(view);
        expect({ view, scroll: await pageScroll(page) }).toEqual({ view, scroll: { vertical: 0, horizontal: 0 } });
        if (view === 'session' || view === 'discharge') {
          for (const target of [
            page.getByRole('timer', { name: 'Time since first dose' }),
            page.getByLabel('Current phase'),
            page.getByLabel('Note', { exact: true }),
            page.getByRole('button', { name: /^Pause music/ }),
          ]) {
            expect({ view, target: String(target), inViewport: await inViewport(target) }).toEqual({
              view,
              target: String(target),
              inViewport: true,
            });
          }
        }
        // The discharge screen opens with everything still missing, the longest it gets: the button and its sentence are still in sight.
        if (view === 'discharge') {
          for (const target of [
            page.getByRole('button', { name: 'Discharge', exact: true }),
            page.locator('#discharge-missing'),
          ]) {
            expect({ view, target: String(target), inViewport: await inViewport(target) }).toEqual({
              view,
              target: String(target),
              inViewport: true,
            });
          }
        }
        if (view === 'session') {
          expect(
            await digitShareOfHeight(page.getByRole('timer', { name: 'Time since first dose' })),
          ).toBeGreaterThanOrEqual(0.06);
          // A dozen notes in: the newest are in view in the entries' box, whole.
          const note = page.getByLabel('Note', { exact: true });
          for (const text of MORE_NOTES) {
            await note.fill(text);
            await note.press('Enter');
            await page.getByRole('list', { name: 'Entry list' }).getByText(text).waitFor({ state: 'attached' });
          }
          expect(await entriesFullyInView(page)).toBeGreaterThanOrEqual(size.entriesInView);
          // The last blood pressure reads across the room under the chart.
          expect(await page.getByLabel('Latest vitals').textContent()).toMatch(/^BP 185\/112HR 84SpO2 –RR –$/);
          expect(
            await digitShareOfHeight(page.getByLabel('Latest vitals').locator('strong').first()),
          ).toBeGreaterThanOrEqual(0.025);
        }
        // Nothing on the session's screens is cut off: a long name wraps or scrolls.
        if (view === 'session' || view === 'discharge' || view === 'glance')
          expect({ view, clipped: await clippedTexts(page) }).toEqual({ view, clipped: [] });
        // Towards discharge every condition is one short line; its evidence and rule open on demand.
        if (view === 'discharge') {
          const conditions = page.getByRole('list', { name: 'Discharge conditions' });
          const lines = await conditions.locator('summary .condition-line').allInnerTexts();
          expect(lines.length).toBeGreaterThanOrEqual(8);
          expect(lines).toContainEqual(
            expect.stringMatching(/^Vitals: need SpO2, RR after the dose; BP 185\/112 out of range/),
          );
          expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
          const vitals = conditions.getByRole('listitem').filter({ hasText: 'Vitals:' });
          expect(await vitals.getByText(/^Still missing: pre-discharge vitals/).isVisible()).toBe(false);
          await vitals.locator('summary').focus();
          await page.keyboard.press('Enter');
          await vitals.getByText(/^Still missing: pre-discharge vitals/).waitFor();
          await page.keyboard.press('Enter');
          await vitals.getByText(/^Still missing: pre-discharge vitals/).waitFor({ state: 'hidden' });
        }
        if (view === 'glance') {
          const clock = page.getByRole('timer', { name: 'Time since first dose, at a glance' });
          expect(await digitShareOfHeight(clock)).toBeGreaterThanOrEqual(0.15);
          expect(await inViewport(clock)).toBe(true);
          expect(await page.getByLabel('Phase, at a glance').textContent()).toMatch(
            /^Return · After \(integration\) in (\d+ h )?\d+ min$/,
          );
          expect(await page.getByLabel('Next due, at a glance').textContent()).toMatch(
            /^due BP re-check \(BP 185\/112/,
          );
          expect(await page.getByLabel('Alert, at a glance').textContent()).toMatch(/^BP 185\/112 is above/);
        }
      });
      expect(seen).toEqual([
        'start',
        'before dose',
        'checklist after a no',
        'signature',
        'session',
        'glance',
        'discharge',
        'report',
        'history',
        'admin',
      ]);
      await page.close();
    });
  }

  it('axe-core finds no serious or critical problem on any view, in either palette', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const page = await openRoom(host, { viewport: SIZES[0] });
    const problems: Record<string, unknown[]> = {};
    await walkViews(page, host, async (view) => {
      for (const palette of ['dim', 'night'] as const) {
        // Set as the Night palette button sets it (its key would leave glance mode).
        await page.evaluate((p) => (document.documentElement.dataset.palette = p), palette);
        const found = await seriousAxeProblems(page);
        if (found.length) problems[`${view} (${palette})`] = found;
      }
      await page.evaluate(() => (document.documentElement.dataset.palette = 'dim'));
    });
    expect(problems).toEqual({});
    await page.close();
  });

  it('before the dose, mid-session and towards discharge every control is reached with Tab, and each shows where the focus is', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const page = await openRoom(host, { viewport: SIZES[0] });
    const checked: ViewName[] = [];
    await walkViews(page, host, async (view) => {
      if (view !== 'before dose' && view !== 'session' && view !== 'discharge') return;
      expect({ view, ...(await tabWalk(page)) }).toEqual({ view, missed: [], unmarked: [] });
      checked.push(view);
      // The later views are not the session's.
      if (view === 'discharge') throw new StopWalk();
    }).catch((err) => {
      if (!(err instanceof StopWalk)) throw err;
    });
    expect(checked).toEqual(['before dose', 'session', 'discharge']);
    await page.close();
  });
});

class StopWalk extends Error {}

describe('tools over the session, one key each', () => {
  it('CADSS-6, history and the keys open over the session with one key, take no tag or note, and close with Esc; Alt+X opens the discharge screen and returns; near the earliest discharge it opens by itself', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const page = await openRoom(host, { viewport: SIZES[0] });
    await startSessionInPage(page, { dose: true });
    const entries = page.getByRole('list', { name: 'Entry list' }).getByRole('listitem');
    const before = await entries.count();

    await page.keyboard.press('Alt+C');
    const cadss = page.getByRole('dialog', { name: 'CADSS-6' });
    await cadss.getByRole('button', { name: 'Save CADSS-6' }).waitFor();
    // A tag key inside the panel records no tag.
    await page.keyboard.press('1');
    await page.keyboard.press('Escape');
    await cadss.waitFor({ state: 'detached' });
    // Had the key been taken as a tag, its entry would be listed by now.
    await page.waitForTimeout(500);
    expect(await entries.count()).toBe(before);
    expect(await page.getByRole('timer', { name: 'Time since first dose' }).isVisible()).toBe(true);

    await page.keyboard.press('Alt+Y');
    const history = page.getByRole('dialog', { name: 'Session history' });
    await expect
      .poll(() => history.getByRole('table', { name: 'Past sessions' }).getByRole('row').count())
      .toBeGreaterThan(1);
    await page.keyboard.press('Escape');
    await history.waitFor({ state: 'detached' });

    await page.keyboard.press('Alt+K');
    const keys = page.getByRole('dialog', { name: 'Keys' });
    expect(await keys.getByRole('definition').allTextContents()).toEqual(
      expect.arrayContaining([
        'Glance: the time and phase across the room',
        'Music play/pause',
        'Night palette on or off',
      ]),
    );
    // The tools pass axe too (checked open, over the session).
    expect(await seriousAxeProblems(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await keys.waitFor({ state: 'detached' });

    // The discharge screen: its conditions come first in their column; the same key goes back.
    await page.keyboard.press('Alt+X');
    await page.getByRole('button', { name: /^Back to the session/ }).waitFor();
    expect(await page.locator('.room-moment > :first-child').getAttribute('aria-label')).toBe('Discharge');
    await page.keyboard.press('Alt+X');
    await page.getByRole('button', { name: /^Towards discharge/ }).waitFor();
    expect(await page.locator('.room-moment > :first-child').getAttribute('aria-label')).toBe('Doses');

    // 76 minutes after an IM dose the earliest discharge (90) is near: the discharge screen opens by itself.
    await moveClocks(host, page, 76 * MIN);
    await page.getByRole('button', { name: /^Back to the session/ }).waitFor();
    expect(await page.locator('.room-moment > :first-child').getAttribute('aria-label')).toBe('Discharge');
    await page.close();
  });
});

/** Tabs through the page: which enabled controls the focus never reached, and where it showed no outline. */
async function tabWalk(page: Page): Promise<{ missed: string[]; unmarked: string[] }> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const controls = await page.evaluate(() => {
    document.querySelectorAll('[data-focus-probe]').forEach((el) => el.removeAttribute('data-focus-probe'));
    const all = [
      ...document.querySelectorAll<HTMLElement>(
        'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, summary, a[href]',
      ),
    ];
    all.forEach((el, i) => (el.dataset.focusProbe = String(i)));
    return all.length;
  });
  const reached = new Set<string>();
  const unmarked = new Set<string>();
  for (let i = 0; i < controls + 20 && reached.size < controls; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const shown = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      return {
        probe: el.dataset.focusProbe ?? null,
        shown,
        name: el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? el.tagName,
      };
    });
    if (!focus) continue;
    if (focus.probe !== null) reached.add(focus.probe);
    if (!focus.shown) unmarked.add(focus.name);
  }
  const missed = await page.evaluate(
    (got) =>
      [...document.querySelectorAll<HTMLElement>('[data-focus-probe]')]
        .filter((el) => !got.includes(el.dataset.focusProbe!))
        .map((el) => el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? el.tagName),
    [...reached],
  );
  return { missed, unmarked: [...unmarked] };
}
