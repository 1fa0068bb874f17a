import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../main/core/session/events';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { TEST_SET_ID, writeMusicRoom } from '../support/music-room';
import {
  chooseOrType,
  chromiumWithHosts,
  moveClocks,
  recordPreDoseBpInPage,
  signInPage,
  startSessionInPage,
} from '../support/room-page';
import { seedStaffSettings } from '../support/staff';
import { answerDayOfChecklistInPage } from '../support/checklist';

const MIN = 60_000;
const { hosts, openRoom } = chromiumWithHosts();

/** One tone per phase, long enough that a phase move crossfades (end margin 1 s); onset also lists a missing and a damaged file. */
function musicRoom(): string {
  const dataDir = tempDataDir('room-music-');
  writeMusicRoom(
    dataDir,
    {
      settling: [{ name: 'settling.wav', title: 'Settling tone', durationSec: 60, frequencyHz: 196 }],
      onset: [
        { name: 'gone.wav', title: 'Gone tone', durationSec: 60, kind: 'missing' },
        { name: 'damaged.wav', title: 'Damaged tone', durationSec: 60, kind: 'garbage' },
        { name: 'onset.wav', title: 'Onset tone', durationSec: 60, frequencyHz: 220 },
      ],
      peak: [{ name: 'peak.wav', title: 'Peak tone', durationSec: 60, frequencyHz: 247 }],
      return: [{ name: 'return.wav', title: 'Return tone', durationSec: 60, frequencyHz: 262 }],
      after: [{ name: 'after.wav', title: 'After tone', durationSec: 60, frequencyHz: 294 }],
    },
    { crossfadeSec: 3, endMarginSec: 1, trackOverlapSec: 1, quietFadeSec: 2, volume: 0.8 },
  );
  // Its staff with their PINs, beside the music settings, as a room set up through its first run has them.
  seedStaffSettings(dataDir);
  return dataDir;
}

async function startSession(page: Page): Promise<void> {
  await page.getByLabel('Patient reference').fill('MU-1');
  await page.getByLabel('Route').selectOption({ label: 'Sublingual lozenge / troche' });
  await page.getByLabel('Planned dose (mg)').fill('150');
  await chooseOrType(page, 'Therapist', 'Dr Kim');
  await page.getByRole('button', { name: 'Start session' }).click();
}

const trackPlaying = (page: Page) => page.getByLabel('Track playing').textContent();
const level = async (page: Page, title: string): Promise<number | null> => {
  const meter = page.getByRole('meter', { name: `Level of ${title}` });
  if ((await meter.count()) === 0) return null;
  // A crossfade may remove the meter between the count and the read: the read does not wait for it.
  const now = await meter.getAttribute('aria-valuenow', { timeout: 500 }).catch(() => null);
  return now === null ? null : Number(now);
};
async function musicEvents(host: HostProcess): Promise<Extract<StoredEvent, { kind: 'music' }>[]> {
  const { activeSessionId } = await host.value('getRoom', {});
  const view = await host.value('getSession', { sessionId: activeSessionId! });
  return view.events.filter((e): e is Extract<StoredEvent, { kind: 'music' }> => e.kind === 'music');
}

/** A fresh room with a session started and its settling tone heard; `full` is that tone's level. */
async function settlingMusicPlaying(): Promise<{ host: HostProcess; page: Page; full: number }> {
  const host = await startHostProcess(musicRoom());
  hosts.push(host);
  const page = await openRoom(host);
  await startSession(page);
  await expect.poll(() => level(page, 'Settling tone')).toBeGreaterThan(0.1);
  return { host, page, full: (await level(page, 'Settling tone'))! };
}

/** Each named meter's level (null: no such track sounding), read every 150 ms, `count` times. */
/**
 * Samples the level meters every 150 ms, at least `count` times, and on (up to 30 s) until `done` holds for the
 * latest sample: a busy machine may start a fade late, and the samples must still cover it.
 */
async function levelsOver(
  page: Page,
  titles: string[],
  count: number,
  done: (latest: (number | null)[]) => boolean = () => true,
): Promise<(number | null)[][]> {
  const samples: (number | null)[][] = [];
  const deadline = Date.now() + 30_000;
  while (samples.length < count || (!done(samples[samples.length - 1]!) && Date.now() < deadline)) {
    samples.push(await Promise.all(titles.map((t) => level(page, t))));
    await page.waitForTimeout(150);
  }
  return samples;
}

describe('the music player in Chromium through the browser host', () => {
  it("enters each phase's set as the clock moves through the phases; a missing and a damaged file are skipped and flagged", async () => {
    const host = await startHostProcess(musicRoom());
    hosts.push(host);
    const page = await openRoom(host);
    await startSession(page);

    // Settling: the music starts with the session, from the set chosen for the room.
    await expect.poll(() => page.getByLabel('Music set').inputValue()).toBe(TEST_SET_ID);
    await expect.poll(() => trackPlaying(page)).toMatch(/^Settling tone/);
    await expect.poll(() => page.getByLabel('Music phase').textContent()).toBe('Settling (before the dose)');
    await expect.poll(() => level(page, 'Settling tone')).toBeGreaterThan(0);

    // The dose: onset. Its first two tracks cannot play; each is flagged, and the third plays.
    await answerDayOfChecklistInPage(page);
    await recordPreDoseBpInPage(page);
    await page.getByRole('button', { name: 'Record dose' }).click();
    await signInPage(page, 'Dr Kim');
    await expect.poll(() => page.getByLabel('Music phase').textContent()).toBe('Onset');
    await expect.poll(() => trackPlaying(page)).toMatch(/^Onset tone/);
    await expect.poll(() => level(page, 'Onset tone')).toBeGreaterThan(0);
    const problems = page.getByRole('status', { name: 'Music problems' });
    await expect.poll(() => problems.textContent()).toMatch(/Skipped "Gone tone".*not in the music library/);
    await expect.poll(() => problems.textContent()).toMatch(/Skipped "Damaged tone"/);

    // 40 minutes on: the peak. 20 more: the return. 30 more: after.
    for (const [minutes, phase, title] of [
      [40, 'Peak', 'Peak tone'],
      [20, 'Return', 'Return tone'],
      [30, 'After (integration)', 'After tone'],
    ] as const) {
      await moveClocks(host, page, minutes * MIN);
      await expect.poll(() => page.getByLabel('Music phase').textContent()).toBe(phase);
      await expect.poll(() => trackPlaying(page)).toMatch(new RegExp(`^${title}`));
      // Heard, not only chosen: its level meter rises.
      await expect.poll(() => level(page, title)).toBeGreaterThan(0);
    }

    // The session's record says what played, each phase move, and what failed.
    const events = await musicEvents(host);
    const started = events.filter((e) => e.payload.action === 'start').map((e) => e.payload.title);
    expect(started).toEqual(['Settling tone', 'Onset tone', 'Peak tone', 'Return tone', 'After tone']);
    expect(
      events
        .filter((e) => e.payload.action === 'phase_move')
        .map((e) => `${e.payload.fromPhase}->${e.payload.phase} ${e.payload.detail}`),
    ).toEqual([
      'settling->onset crossfade',
      'onset->peak crossfade',
      'peak->return crossfade',
      'return->after crossfade',
    ]);
    expect(events.filter((e) => e.payload.action === 'track_failed').map((e) => e.payload.title)).toEqual([
      'Gone tone',
      'Damaged tone',
    ]);
    await page.close();
  });

  it("a mark moves the music once, straight to the phase it marks, with the room's clock a moment ahead of the screen's", async () => {
    const host = await startHostProcess(musicRoom());
    hosts.push(host);
    const page = await openRoom(host);
    await startSessionInPage(page, { patientRef: 'MU-2', route: 'IM injection', dose: true });
    await expect.poll(() => page.getByLabel('Music phase').textContent()).toBe('Onset');
    const movesSince = async (count: number) =>
      (await musicEvents(host))
        .filter((e) => e.payload.action === 'phase_move')
        .slice(count)
        .map((e) => `${e.payload.fromPhase}->${e.payload.phase}`);
    const startsSince = async (count: number) =>
      (await musicEvents(host))
        .filter((e) => e.payload.action === 'start')
        .slice(count)
        .map((e) => e.payload.title);

    // +45 on IM: the return. "Peak reached", stamped by the room a second ahead of the screen's clock.
    await moveClocks(host, page, 45 * MIN);
    await expect.poll(() => page.getByLabel('Music phase').textContent()).toBe('Return');
    await expect.poll(async () => (await startsSince(0)).at(-1)).toBe('Return tone');
    await host.advanceClock(1000);
    let before = (await movesSince(0)).length;
    let started = (await startsSince(0)).length;
    await page.getByRole('button', { name: 'Peak reached' }).click();
    await expect.poll(() => page.getByLabel('Music phase').textContent()).toBe('Peak');
    await page.waitForTimeout(2500);
    expect(await movesSince(before)).toEqual(['return->peak']);
    await expect.poll(() => startsSince(started)).toEqual(['Peak tone']);

    // Past the moved arc's end: after. "Returning" takes it straight back to the return.
    await moveClocks(host, page, 60 * MIN);
    await expect.poll(() => page.getByLabel('Music phase').textContent()).toBe('After (integration)');
    await expect.poll(async () => (await startsSince(0)).at(-1)).toBe('After tone');
    await host.advanceClock(1000);
    before = (await movesSince(0)).length;
    started = (await startsSince(0)).length;
    await page.getByRole('button', { name: 'Returning' }).click();
    await expect.poll(() => page.getByLabel('Music phase').textContent()).toBe('Return');
    await page.waitForTimeout(2500);
    expect(await movesSince(before)).toEqual(['after->return']);
    await expect.poll(() => startsSince(started)).toEqual(['Return tone']);
    await page.close();
  });

  it("a crossfade's volumes move over time: the old track falls as the new one rises", async () => {
    const { page, full } = await settlingMusicPlaying();

    await answerDayOfChecklistInPage(page);

    await recordPreDoseBpInPage(page);
    await page.getByRole('button', { name: 'Record dose' }).click();
    await signInPage(page, 'Dr Kim');
    // Sample both meters from the dose through the 3 s crossfade (onset's first playable track is its third).
    const samples = await levelsOver(
      page,
      ['Settling tone', 'Onset tone'],
      45,
      ([old, next]) => old === null && (next ?? 0) > full * 0.9,
    );
    const rising = samples.map(([, next]) => next ?? 0);
    const falling = samples.map(([old]) => old).filter((v): v is number => v !== null);
    // The new track passes through levels between silent and full, and ends louder than it began.
    expect(rising.some((v) => v > 0 && v < full * 0.8)).toBe(true);
    expect(rising[rising.length - 1]!).toBeGreaterThan(rising[0]! + full * 0.5);
    // The old track is heard falling, then it is gone.
    expect(falling.some((v) => v > 0 && v < full * 0.9)).toBe(true);
    expect(samples[samples.length - 1]![0]).toBeNull();
    await page.close();
  });

  it('pausing in the middle of a crossfade lets the outgoing track fall silent too, rather than cutting it', async () => {
    const { page } = await settlingMusicPlaying();
    await answerDayOfChecklistInPage(page);
    await recordPreDoseBpInPage(page);
    await page.getByRole('button', { name: 'Record dose' }).click();
    await signInPage(page, 'Dr Kim');
    await expect.poll(async () => (await level(page, 'Onset tone')) ?? 0).toBeGreaterThan(0);
    const before = await level(page, 'Settling tone');
    expect(before).toBeGreaterThan(0);
    await page.keyboard.press('Alt+M');
    const samples = await levelsOver(
      page,
      ['Settling tone', 'Onset tone'],
      4,
      ([old, next]) => old === null && next === 0,
    );
    // Just after the pause the outgoing track is still there, fading (a cut would remove it at once); then it is
    // gone and all is silent. How far its crossfade had gone depends on the machine, so its level is not asserted.
    expect(samples[0]![0]).not.toBeNull();
    expect(samples[samples.length - 1]).toEqual([null, 0]);
    await page.close();
  });

  it('quiet fades the music to silence and resume brings it back; pause, skip and hold are one move each and logged', async () => {
    const { host, page, full } = await settlingMusicPlaying();

    await page.keyboard.press('Alt+Q');
    await expect.poll(() => page.getByRole('button', { name: /Resume after quiet/ }).count()).toBe(1);
    // Through the 2 s fade the level passes between full and silent, then stays silent; the track keeps its place.
    const fading = (await levelsOver(page, ['Settling tone'], 20, ([v]) => v === 0)).map(([v]) => v ?? -1);
    expect(fading.some((v) => v > 0 && v < full * 0.9)).toBe(true);
    expect(fading[fading.length - 1]).toBe(0);
    expect(await trackPlaying(page)).toMatch(/^Settling tone/);

    await page.getByRole('button', { name: /Resume after quiet/ }).click();
    // It comes back over the same fade, not at once.
    const returning = (await levelsOver(page, ['Settling tone'], 8, ([v]) => (v ?? 0) > full * 0.95)).map(
      ([v]) => v ?? -1,
    );
    expect(returning.some((v) => v > 0 && v < full * 0.9)).toBe(true);
    expect(returning[returning.length - 1]).toBeGreaterThan(full * 0.95);

    await page.getByRole('button', { name: /Hold this phase/ }).click();
    await answerDayOfChecklistInPage(page);
    await recordPreDoseBpInPage(page);
    await page.getByRole('button', { name: 'Record dose' }).click();
    await signInPage(page, 'Dr Kim');
    // Held: the dose moves the timeline to onset, the music stays in the settling set.
    await expect.poll(() => page.getByLabel('Current phase').textContent()).toBe('Onset');
    await expect.poll(() => trackPlaying(page)).toMatch(/^Settling tone/);
    await page.keyboard.press('Alt+H');
    await expect.poll(() => trackPlaying(page)).toMatch(/^Onset tone/);

    await expect.poll(() => level(page, 'Onset tone')).toBeGreaterThan(full * 0.95);
    await page.keyboard.press('Alt+M');
    await expect.poll(() => trackPlaying(page)).toBe('Paused');
    // Pause lets the music fall silent over a breath rather than cutting it; play brings it back up the same way.
    const pausing = (await levelsOver(page, ['Onset tone'], 4, ([v]) => v === 0)).map(([v]) => v ?? -1);
    expect(pausing.some((v) => v > 0 && v < full * 0.9)).toBe(true);
    expect(pausing[pausing.length - 1]).toBe(0);
    await page.getByRole('button', { name: /Play music/ }).click();
    await expect.poll(() => trackPlaying(page)).toMatch(/^Onset tone/);
    const playing = (await levelsOver(page, ['Onset tone'], 4, ([v]) => (v ?? 0) > full * 0.95)).map(([v]) => v ?? -1);
    expect(playing.some((v) => v > 0 && v < full * 0.9)).toBe(true);
    expect(playing[playing.length - 1]).toBeGreaterThan(full * 0.95);
    await page.getByRole('button', { name: /Skip track/ }).click();
    // One track in onset: skipping repeats it, as the run-out setting says.
    await expect.poll(async () => (await musicEvents(host)).filter((e) => e.payload.action === 'start').length).toBe(3);

    const actions = (await musicEvents(host))
      .map((e) => e.payload.action)
      .filter((a) => a !== 'start' && a !== 'track_failed');
    expect(actions).toEqual(['quiet', 'quiet_off', 'hold', 'release', 'phase_move', 'pause', 'resume', 'skip']);
    // A move made on the screen is the person recording's (Sam, the sitter, in these rooms).
    const byPerson = (await musicEvents(host)).filter((e) => e.payload.action === 'quiet')[0]!;
    expect(byPerson.author).toBe('Sam');
    await page.close();
  });

  it('a volume change is one entry in the record once it settles, and a reload plays at it', async () => {
    const { host, page, full } = await settlingMusicPlaying();
    const volume = page.getByRole('slider', { name: /Music volume/ });
    expect(await volume.inputValue()).toBe('80');
    // Three presses of Alt+Down: 80% to 65%, and the music follows at once.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Alt+ArrowDown');
    expect(await volume.inputValue()).toBe('65');
    await expect.poll(() => level(page, 'Settling tone')).toBeLessThan(full * 0.85);
    await expect
      .poll(async () =>
        (await musicEvents(host)).filter((e) => e.payload.action === 'volume').map((e) => [e.payload.volume, e.author]),
      )
      .toEqual([[0.65, 'Sam']]);

    await page.reload();
    await expect.poll(() => page.getByRole('slider', { name: /Music volume/ }).inputValue()).toBe('65');
    await expect.poll(() => level(page, 'Settling tone')).toBeGreaterThan(0);
    expect(await level(page, 'Settling tone')).toBeLessThan(full * 0.85);
    await page.close();
  });

  it('after a reload the track that was playing goes on where it was, fading in, not from the top of the set', async () => {
    const host = await startHostProcess(musicRoom());
    hosts.push(host);
    const page = await openRoom(host, { fakeClock: false });
    await startSession(page);
    await expect.poll(() => trackPlaying(page)).toMatch(/^Settling tone/);
    await expect.poll(async () => (await musicEvents(host)).filter((e) => e.payload.action === 'start').length).toBe(1);
    await page.waitForTimeout(4000);
    const full = (await level(page, 'Settling tone'))!;
    expect(full).toBeGreaterThan(0);

    await page.reload();
    await expect.poll(() => trackPlaying(page)).toMatch(/^Settling tone/);
    // The second start is logged as going on from about 4 s into the tone, and the audio itself is there.
    await expect.poll(async () => (await musicEvents(host)).filter((e) => e.payload.action === 'start').length).toBe(2);
    const again = (await musicEvents(host)).filter((e) => e.payload.action === 'start')[1]!;
    expect(again.payload.fromSec).toBeGreaterThanOrEqual(4);
    expect(again.payload.fromSec).toBeLessThan(20);
    const position = await page.evaluate(() => {
      const mark = performance.getEntriesByName('music-voice-start').at(-1) as PerformanceMark | undefined;
      return mark ? (Date.now() - (mark.detail as { at: number }).at) / 1000 : null;
    });
    expect(position).toBeGreaterThanOrEqual(4);
    // It fades back in rather than starting at full level.
    const rising = (await levelsOver(page, ['Settling tone'], 4, ([v]) => (v ?? 0) >= full * 0.95)).map(
      ([v]) => v ?? -1,
    );
    expect(rising.some((v) => v > 0 && v < full * 0.9)).toBe(true);
    await page.close();
  });

  it('the output device choice persists after a reload', async () => {
    const host = await startHostProcess(musicRoom());
    hosts.push(host);
    let page = await openRoom(host, { fakeClock: false });
    await startSession(page);
    const output = page.getByLabel('Audio output');
    await expect.poll(() => output.locator('option').allTextContents()).toContain('Fake Audio Output 1');
    await output.selectOption({ label: 'Fake Audio Output 1' });
    await expect
      .poll(async () => (await host.value('getRoom', {})).settings.music.outputDeviceLabel)
      .toBe('Fake Audio Output 1');

    await page.reload();
    await expect
      .poll(() => page.getByLabel('Audio output').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent))
      .toBe('Fake Audio Output 1');
    await page.close();
    page = await openRoom(host, { fakeClock: false });
    await expect
      .poll(() => page.getByLabel('Audio output').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent))
      .toBe('Fake Audio Output 1');
    await page.close();
  });
});
