import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openAdminPage } from '../support/admin';
import { makeAudioFolder } from '../support/audio';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { chromiumWithHosts, startSessionInPage } from '../support/room-page';

const { browser, hosts, openRoom } = chromiumWithHosts();

const openMusicAdmin = (host: HostProcess) => openAdminPage(browser(), host, { tab: 'Music sets' });

/** Keyboard only: choose the phase in the track's select with arrow keys, then Tab to its Add button and press Enter. */
async function addByKeyboard(page: Page, title: string, arrowsDown: number): Promise<void> {
  await page.getByLabel(`Phase for ${title}`).focus();
  for (let i = 0; i < arrowsDown; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(`Add ${title}`);
  await page.keyboard.press('Enter');
}

const trackTitles = (page: Page, phase: string) =>
  page
    .getByRole('list', { name: `${phase} tracks` })
    .getByRole('listitem')
    .evaluateAll((items) => items.map((li) => li.getAttribute('aria-label')));

describe('the music admin in the app', () => {
  it('imports a folder with one broken file, builds a set across phases by keyboard, warns on coverage, exports it and imports it into a fresh room', async () => {
    const folder = makeAudioFolder(path.join(tempDataDir('room-audio-'), 'new music'));
    const hostA = await startHostProcess(tempDataDir());
    hosts.push(hostA);
    const page = await openMusicAdmin(hostA);

    // Import: a progress bar while it runs; the broken file and the text file listed with the reason.
    await page.getByLabel('Audio file or folder on this computer').fill(folder.dir);
    await page.getByRole('button', { name: 'Import audio' }).click();
    await expect.poll(() => page.getByRole('progressbar', { name: 'Import progress' }).isVisible()).toBe(true);
    await expect
      .poll(() => page.getByRole('region', { name: 'Import audio' }).getByRole('status').textContent(), {
        timeout: 30_000,
      })
      .toBe('Imported 4 files; 2 not imported.');
    expect(
      await page
        .getByRole('progressbar', { name: 'Import progress' })
        .evaluate((el) => [(el as HTMLProgressElement).value, (el as HTMLProgressElement).max]),
    ).toEqual([12, 12]);
    const notImported = await page.getByRole('list', { name: 'Files not imported' }).textContent();
    expect(notImported).toMatch(/broken\.mp3/);
    expect(notImported).toMatch(/notes\.txt is not an audio file Session Room plays/);

    // A new set, built by keyboard across the phases.
    await page.getByRole('button', { name: 'New set' }).click();
    await page.getByLabel('Set name').fill('Evening Calm');
    await page.getByLabel('Check the length against').selectOption('sublingual');
    await addByKeyboard(page, 'tone-01', 0); // settling
    await addByKeyboard(page, 'Tone 2', 2); // peak
    await addByKeyboard(page, 'Tone 3', 2); // peak
    await addByKeyboard(page, 'tone-04', 3); // return
    expect(await trackTitles(page, 'Peak')).toEqual(['Tone 2', 'Tone 3']);
    // Reorder by keyboard with the sortable handle: Space picks up, an arrow moves, Space drops.
    await page.getByRole('button', { name: 'Reorder Tone 3' }).focus();
    // dnd-kit measures the list after the pick-up; a person's key presses are that far apart too.
    for (const key of ['Space', 'ArrowUp', 'Space']) {
      await page.keyboard.press(key);
      await page.waitForTimeout(300);
    }
    await expect.poll(() => trackTitles(page, 'Peak')).toEqual(['Tone 3', 'Tone 2']);
    expect(await page.getByRole('listitem', { name: 'Tone 2' }).textContent()).toMatch(/-\d+\.\d LUFS/);

    // Coverage against the sublingual route: seconds of music for phases of many minutes.
    const coverage = await page.getByRole('list', { name: 'Coverage' }).textContent();
    expect(coverage).toMatch(/Peak: 0 min of music for a phase of up to 20 min: too short, the tracks will repeat\./);
    expect(coverage).toMatch(
      /Onset: no music for a phase of up to 40 min\. The room will be silent in this phase; add tracks\./,
    );
    await page.getByRole('button', { name: 'Save set' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Music sets' }).getByRole('status').textContent())
      .toBe("Saved 'Evening Calm'.");

    // Export, as a download from the browser host.
    await page.getByRole('button', { name: 'Export Evening Calm' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download the shared set' }).click();
    const download = await downloading;
    const bundle = path.join(tempDataDir('room-share-'), download.suggestedFilename());
    await download.saveAs(bundle);
    expect(path.basename(bundle)).toBe('evening-calm.roomset.zip');
    await page.close();

    // Another room, fresh: preview, then import.
    const hostB = await startHostProcess(tempDataDir());
    hosts.push(hostB);
    const pageB = await openMusicAdmin(hostB);
    await pageB.getByLabel('Shared set file on this computer').fill(bundle);
    await pageB.getByRole('button', { name: 'Preview shared set' }).click();
    const preview = pageB.getByRole('region', { name: 'What the import will add' });
    await expect
      .poll(() => preview.textContent())
      .toMatch(
        /The set 'Evening Calm': Settling \(before the dose\) 1, Onset 0, Peak 2, Return 1, After \(integration\) 0 tracks\./,
      );
    expect(await preview.getByRole('listitem').allTextContents()).toEqual([
      'imported/tone-01.wav: will be added',
      'imported/tone-03.ogg: will be added',
      'imported/tone-02.mp3: will be added',
      'imported/tone-04.wav: will be added',
    ]);
    await preview.getByRole('button', { name: 'Import set' }).click();
    await expect
      .poll(() => pageB.getByRole('region', { name: 'Music sets' }).getByRole('status').textContent())
      .toBe("Imported 'Evening Calm'.");
    await pageB.close();

    // The imported set is offered to the room with every track playable, byte-identical to the original.
    const library = await hostB.value('listMusicSets', {});
    const set = library.sets.find((s) => s.name === 'Evening Calm')!;
    expect(set.phases.peak.map((t) => t.title)).toEqual(['Tone 3', 'Tone 2']);
    expect(
      Object.values(set.phases)
        .flat()
        .every((t) => t.available),
    ).toBe(true);
    const media = await fetch(`${hostB.origin}${set.phases.peak[1]!.url}`);
    expect(media.status).toBe(200);
    expect(Buffer.from(await media.arrayBuffer()).equals(fs.readFileSync(folder.good[1]!))).toBe(true);

    // And it plays in a session on the second room: chosen in the music panel, its settling track is heard.
    const room = await openRoom(hostB);
    await startSessionInPage(room, { patientRef: 'EC-1' });
    await room.getByLabel('Music set').selectOption({ label: 'Evening Calm (clinic)' });
    const settling = set.phases.settling[0]!.title;
    await expect.poll(() => room.getByLabel('Track playing').textContent()).toMatch(new RegExp(`^${settling}`));
    await expect
      .poll(async () =>
        Number(await room.getByRole('meter', { name: `Level of ${settling}` }).getAttribute('aria-valuenow')),
      )
      .toBeGreaterThan(0);
    const { activeSessionId } = await hostB.value('getRoom', {});
    const played = (await hostB.value('getSession', { sessionId: activeSessionId! })).events.filter(
      (e) => e.kind === 'music' && e.payload.action === 'start',
    );
    expect(played.map((e) => (e.payload as { title?: string }).title)).toContain(settling);
    await room.close();
  });
});
