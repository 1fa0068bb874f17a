import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { chromiumWithHosts, openRoomPage, startSessionInPage } from '../support/room-page';

const { browser, hosts } = chromiumWithHosts();
const RECORD = '**/api/call/recordObservation';

/** A session started in the page, on the page's own clock (the call's time limit runs as it would in the room). */
async function sessionPage(): Promise<{ host: HostProcess; page: Page }> {
  const host = await startHostProcess(tempDataDir());
  hosts.push(host);
  const page = await openRoomPage(browser(), host, { fakeClock: false });
  await startSessionInPage(page);
  return { host, page };
}
const lines = (page: Page, text: string) =>
  page.getByRole('list', { name: 'Entry list' }).getByRole('listitem').filter({ hasText: text });
/** The tags the room has recorded for the active session. */
async function recordedTags(host: HostProcess): Promise<string[]> {
  const { activeSessionId } = await host.value('getRoom', {});
  const { events } = await host.value('getSession', { sessionId: activeSessionId! });
  return events.flatMap((e) => (e.kind === 'observation' ? e.payload.tags : []));
}
/** Holds the room's answers to notes and tags until `release`. */
async function holdRecording(page: Page): Promise<() => Promise<void>> {
  const held: Route[] = [];
  await page.route(RECORD, (route) => void held.push(route));
  return async () => {
    await Promise.all(held.splice(0).map((r) => r.continue()));
    await page.unroute(RECORD);
  };
}

describe('a tag key draws its entry at once, and the entry is never lost on its way to the room', () => {
  it('shows the line as saving at the key press, then the durable entry in its place, once', async () => {
    const { host, page } = await sessionPage();
    const release = await holdRecording(page);
    await page.keyboard.press('1');
    await expect.poll(() => lines(page, 'dissociation').textContent()).toMatch(/dissociation · saving…$/);
    expect(await recordedTags(host)).toEqual([]);

    await release();
    // The room's entry, with its own actions, replaces the line: one entry, no "saving".
    await lines(page, 'dissociation').getByRole('button', { name: 'Strike: dissociation' }).waitFor();
    expect(await lines(page, 'dissociation').count()).toBe(1);
    expect(await lines(page, 'dissociation').textContent()).not.toContain('saving');
    expect(await recordedTags(host)).toEqual(['dissociation']);
  });

  it('says "not saved yet" when the room does not answer in time, and records it once when the answer comes', async () => {
    const { host, page } = await sessionPage();
    await page.evaluate(() => {
      (globalThis as { __SESSION_ROOM_CALL_TIMEOUT_MS__?: number }).__SESSION_ROOM_CALL_TIMEOUT_MS__ = 300;
    });
    const release = await holdRecording(page);
    await page.keyboard.press('3');
    await expect
      .poll(() => lines(page, 'nausea').getByRole('status').textContent())
      .toContain('not saved yet: the room is not answering');
    await release();
    await lines(page, 'nausea').getByRole('button', { name: 'Strike: nausea' }).waitFor();
    expect(await lines(page, 'nausea').count()).toBe(1);
    expect(await recordedTags(host)).toEqual(['nausea']);
  });

  it('keeps a refused entry on screen with the reason; "Try again" records it once, "Discard" lets it go', async () => {
    const { host, page } = await sessionPage();
    let refuse = true;
    await page.route(RECORD, (route) =>
      refuse
        ? route.fulfill({
            contentType: 'application/json',
            body: JSON.stringify({
              ok: false,
              error: { code: 'busy', message: 'The room could not write it. Try again.' },
            }),
          })
        : route.continue(),
    );
    await page.keyboard.press('2');
    await page.keyboard.press('4');
    const refused = lines(page, 'drowsy/sedated');
    await expect
      .poll(() => refused.getByRole('status').textContent())
      .toBe('· not saved: The room could not write it. Try again.');
    await lines(page, 'vomiting').getByRole('button', { name: 'Try again: vomiting' }).waitFor();
    expect(await recordedTags(host)).toEqual([]);

    refuse = false;
    await refused.getByRole('button', { name: 'Try again: drowsy/sedated' }).click();
    await refused.getByRole('button', { name: 'Strike: drowsy/sedated' }).waitFor();
    expect(await refused.count()).toBe(1);
    await lines(page, 'vomiting').getByRole('button', { name: 'Discard: vomiting' }).click();
    await expect.poll(() => lines(page, 'vomiting').count()).toBe(0);
    expect(await recordedTags(host)).toEqual(['drowsy/sedated']);
  });
});
