import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../main/core/session/events';
import { launchChromium } from '../support/browser';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { writeMusicRoom } from '../support/music-room';
import { openRoomPage } from '../support/room-page';

/** Chromium with its own autoplay rule in force (no flag): sound waits for a click, as after a reload mid-session. */
let browser: Browser;
const hosts: HostProcess[] = [];
beforeAll(async () => {
  browser = await launchChromium({ autoplay: false });
});
afterAll(async () => browser?.close());
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stop()));
});

/**
 * Reads the page without counting as a click: Playwright's own evaluate and locators run as a user gesture, which
 * would lift the browser's autoplay rule; CDP's Runtime.evaluate does not.
 */
async function readWithoutGesture<T>(page: Page, expression: string): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const answer = (await cdp.send('Runtime.evaluate', { expression, returnByValue: true, userGesture: false })) as {
      result: { value: T };
    };
    return answer.result.value;
  } finally {
    await cdp.detach();
  }
}
const musicText = (page: Page) =>
  readWithoutGesture<string>(page, "document.querySelector('section.music')?.innerText ?? ''");
const hasBeenClicked = (page: Page) => readWithoutGesture<boolean>(page, 'navigator.userActivation.hasBeenActive');

const level = async (page: Page, title: string): Promise<number> => {
  const meter = page.getByRole('meter', { name: `Level of ${title}` });
  return (await meter.count()) === 0 ? 0 : Number(await meter.getAttribute('aria-valuenow'));
};

describe('a browser that blocks autoplay', () => {
  it('holds the music with a "Start the music" button instead of marking tracks failed; one click starts it where it was', async () => {
    const dataDir = tempDataDir('room-autoplay-');
    writeMusicRoom(
      dataDir,
      {
        settling: [
          { name: 'settling-a.wav', title: 'First settling tone', durationSec: 60, frequencyHz: 196 },
          { name: 'settling-b.wav', title: 'Second settling tone', durationSec: 60, frequencyHz: 220 },
        ],
        onset: [{ name: 'onset.wav', title: 'Onset tone', durationSec: 60 }],
        peak: [{ name: 'peak.wav', title: 'Peak tone', durationSec: 60 }],
        return: [{ name: 'return.wav', title: 'Return tone', durationSec: 60 }],
        after: [{ name: 'after.wav', title: 'After tone', durationSec: 60 }],
      },
      { crossfadeSec: 3, endMarginSec: 1, trackOverlapSec: 1, quietFadeSec: 2, volume: 0.8 },
    );
    const host = await startHostProcess(dataDir);
    hosts.push(host);
    // The session was started elsewhere (or before a reload): this page has had no click.
    const started = await host.value('startSession', {
      patientRef: 'AU-1',
      presetId: 'sublingual',
      plannedDoseMg: 150,
      therapist: 'Dr Kim',
    });
    const page = await openRoomPage(browser, host);
    await expect
      .poll(() => musicText(page))
      .toMatch(/The browser is waiting for a click before it plays sound\.\s*Start the music/);
    expect(await hasBeenClicked(page)).toBe(false);
    // Held, not failed: the track keeps its place, nothing is flagged or logged as failed.
    await new Promise((r) => setTimeout(r, 1500));
    const held = await musicText(page);
    expect(held).toMatch(/Playing First settling tone \(Test\)/);
    expect(held).not.toMatch(/could not start on this output|No track in the set can be played/);
    const failed = async () =>
      (await host.value('getSession', { sessionId: started.session.id })).events.filter(
        (e): e is Extract<StoredEvent, { kind: 'music' }> => e.kind === 'music' && e.payload.action === 'track_failed',
      );
    expect(await failed()).toEqual([]);

    const startButton = page.getByRole('button', { name: 'Start the music' });
    await startButton.click();
    await expect.poll(() => level(page, 'First settling tone')).toBeGreaterThan(0.1);
    expect(await page.getByLabel('Track playing').textContent()).toBe('First settling tone (Test)');
    await expect.poll(() => startButton.count()).toBe(0);
    expect(await failed()).toEqual([]);
    await page.close();
  });
});
