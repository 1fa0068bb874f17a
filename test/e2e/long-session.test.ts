import { describe, expect, it } from 'vitest';
import { startHostProcess, tempDataDir } from '../support/host-process';
import { chromiumWithHosts, openRoomPage } from '../support/room-page';

const { browser, hosts } = chromiumWithHosts();
const NOTES = 300;

describe('a long session in the room', () => {
  it('opens with its newest entries, reaches the oldest by scrolling, and finds any by search; a new one comes first', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const { session } = await host.value('startSession', {
      patientRef: 'LS-1',
      presetId: 'im',
      plannedDoseMg: 60,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });
    for (let i = 1; i <= NOTES; i++)
      await host.value('recordObservation', { sessionId: session.id, content: { text: `Note ${i}.` }, author: 'Sam' });
    const page = await openRoomPage(browser(), host, { viewport: { width: 1400, height: 900 } });
    const list = page.getByRole('list', { name: 'Entry list' });
    const items = list.getByRole('listitem');
    await list.getByText(`Note ${NOTES}.`).waitFor();
    // Only the entries in view (and a few beside them) are drawn; each says where it stands among all of them.
    expect(await items.count()).toBeLessThan(NOTES / 3);
    expect(await items.first().getAttribute('aria-setsize')).toBe(String(NOTES));
    expect(await items.first().getAttribute('aria-posinset')).toBe('1');

    // A strike begun on the newest entry keeps its typed reason while the list is scrolled away and back.
    await list.getByRole('button', { name: `Strike: Note ${NOTES}.` }).click();
    await list.getByLabel('Reason').fill('wrong patient');
    await list.evaluate((ol) => ol.scrollTo({ top: ol.scrollHeight }));
    await list.getByText('Note 2.', { exact: true }).waitFor();
    await list.evaluate((ol) => ol.scrollTo({ top: 0 }));
    expect(await list.getByLabel('Reason').inputValue()).toBe('wrong patient');
    await list.getByRole('button', { name: 'Cancel' }).click();

    // Scrolled to its end, the list shows the first note recorded.
    await expect
      .poll(async () => {
        await list.evaluate((ol) => ol.scrollTo({ top: ol.scrollHeight }));
        return list.getByText('Note 1.', { exact: true }).isVisible();
      })
      .toBe(true);
    expect(await list.getByText('Note 1.', { exact: true }).getAttribute('class')).toBe('entry-text');

    // Search: an entry from the middle, however far from view.
    await page.getByLabel('Search entries').fill('Note 150.');
    await expect.poll(() => items.allTextContents()).toEqual([expect.stringContaining('Note 150.')]);
    await page.getByLabel('Search entries').fill('');

    // A tag key: the new entry at the top, the list one longer.
    await list.evaluate((ol) => ol.scrollTo({ top: 0 }));
    await page.locator('body').click({ position: { x: 5, y: 890 } });
    await page.keyboard.press('1');
    await items.first().getByRole('button', { name: 'Strike: dissociation' }).waitFor();
    expect(await items.first().getAttribute('aria-setsize')).toBe(String(NOTES + 1));
  });
});
