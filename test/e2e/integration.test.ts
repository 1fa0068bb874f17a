import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { StoredEvent } from '../../main/core/session/events';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { writeMusicRoom } from '../support/music-room';
import { chromiumWithHosts } from '../support/room-page';
import { answerDayOfChecklist } from '../support/checklist';
import { recordReadyButTime } from '../support/room';
import { PINS, seedStaffSettings, sign } from '../support/staff';
import { openAdminPage } from '../support/admin';
import { seriousAxeProblems } from '../support/axe';
import { PHASE_LABELS } from '../../main/core/pure/timeline/timeline';

const MIN = 60_000;
const rooms = chromiumWithHosts();
const PATIENT = 'IN-7';

/** A room with a clinic set of short tones (one per phase, titled and by "Test"), and the test staff with their PINs. */
function musicRoom(): string {
  const dataDir = tempDataDir('room-integration-');
  const tone = (phase: string, hz: number) => [
    {
      name: `${phase}.wav`,
      title: `${phase[0]!.toUpperCase()}${phase.slice(1)} tone`,
      durationSec: 90,
      frequencyHz: hz,
    },
  ];
  writeMusicRoom(
    dataDir,
    {
      settling: tone('settling', 196),
      onset: tone('onset', 220),
      peak: tone('peak', 247),
      return: tone('return', 262),
      after: tone('after', 294),
    },
    { crossfadeSec: 2, endMarginSec: 1, trackOverlapSec: 1, quietFadeSec: 1, volume: 0.5 },
  );
  seedStaffSettings(dataDir);
  return dataDir;
}

/** A session of the patient from start to discharge, through the bridge, dosed `mg` (IM); `moaas` its deepest score. */
async function pastSession(host: HostProcess, mg: number, moaas: number): Promise<string> {
  const call: typeof host.value = (m, a) => host.value(m, a);
  const { id } = (
    await call('startSession', {
      patientRef: PATIENT,
      presetId: 'im',
      plannedDoseMg: mg,
      therapist: 'Jo Park',
      sitter: 'Sam',
    })
  ).session;
  await answerDayOfChecklist((m, a) => call(m, a), id, 'im');
  await call('recordVitals', {
    sessionId: id,
    values: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 },
    author: 'Sam',
  });
  await call('recordDose', { sessionId: id, mg, booster: false, ...sign('Dr Kim') });
  await call('recordScore', { sessionId: id, content: { scale: 'moaas', score: moaas }, author: 'Sam' });
  await host.advanceClock(95 * MIN);
  await discharge(host, id);
  return id;
}

/** Acknowledges what is open, records what discharge needs, and discharges (Dr Kim signs). */
async function discharge(host: HostProcess, sessionId: string): Promise<void> {
  const call: typeof host.value = (m, a) => host.value(m, a);
  const { events } = await call('getSession', { sessionId });
  for (const e of events)
    if ((e.kind === 'vitals' || e.kind === 'score') && e.payload.alerts.length)
      for (const a of e.payload.alerts)
        await call('acknowledgeAlert', {
          sessionId,
          targetSeq: e.seq,
          signal: a.signal,
          note: 'seen, watched',
          author: 'Dr Kim',
          ...(a.level === 'urgent' ? sign('Dr Kim') : {}),
        });
  await recordReadyButTime((m, a) => call(m, a), sessionId);
  await host.advanceClock(2 * MIN);
  await call('discharge', { sessionId, ...sign('Dr Kim') });
}

const musicEvents = async (host: HostProcess, sessionId: string) =>
  (await host.value('getSession', { sessionId })).events.filter(
    (e): e is Extract<StoredEvent, { kind: 'music' }> => e.kind === 'music',
  );

/** axe-core finds no serious or critical problem on the page, in the day palette and in the night palette. */
async function expectAccessibleInBothPalettes(page: Page): Promise<void> {
  expect(await seriousAxeProblems(page)).toEqual([]);
  const toggle = page.getByRole('button', { name: /^Night palette/ });
  await toggle.click();
  await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
  expect(await seriousAxeProblems(page)).toEqual([]);
  await toggle.click();
}

describe('what a session leaves behind, in Chromium through the browser host', () => {
  it('two moments (one quoted) and a resonated track; the summary approved by the therapist and printed; the course of three sessions; the counts in the set editor', async () => {
    const host = await startHostProcess(musicRoom());
    rooms.hosts.push(host);
    await pastSession(host, 60, 4);
    await host.advanceClock(20 * 60 * MIN);
    await host.value('recordFollowUpCall', {
      sessionId: (await host.value('listSessions', {}))[0]!.id,
      night: 'Slept well',
      adverseEffect: 'yes',
      adverseEffectText: 'mild headache',
      mood: 'hopeful',
      author: 'Sam',
    });
    await host.advanceClock(7 * 24 * 60 * MIN);
    await pastSession(host, 70, 3);
    await host.advanceClock(7 * 24 * 60 * MIN);

    // The third session: started in the room, the intention kept as text before the dose.
    const page = await rooms.openRoom(host, { viewport: { width: 1400, height: 1000 } });
    await page.getByLabel('Patient reference').fill(PATIENT);
    // The start screen shows the last session's dose and what needed attention, and opens the course.
    const last = page.getByRole('region', { name: 'Last session' });
    await expect
      .poll(() => last.getByRole('paragraph').first().textContent())
      .toMatch(/^Last session of IN-7: .*IM injection, 70 mg\. Needed attention: 1 warning\.$/);
    await last.getByRole('button', { name: 'Show the course of IN-7' }).click();
    await expect
      .poll(() => last.getByRole('table', { name: 'Sessions of the course' }).getByRole('row').count())
      .toBe(3);
    await page.getByLabel('Route').selectOption({ label: 'IM injection' });
    await page.getByLabel('Planned dose (mg)').fill('80');
    await page.getByLabel('Therapist').selectOption('Jo Park');
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.getByRole('timer', { name: 'Time since first dose' }).waitFor();
    const intention = page.getByRole('form', { name: 'Intention' });
    await intention.getByLabel("The patient's intention, in their words").fill('To meet my grief with kindness');
    await intention.getByRole('button', { name: 'Save the intention' }).click();
    await expect
      .poll(() => intention.getByLabel('Intention kept').textContent())
      .toBe('Intention: “To meet my grief with kindness”');
    // Before the dose the moment key waits for it.
    expect(await page.getByRole('button', { name: /For integration/ }).isDisabled()).toBe(true);

    const { activeSessionId } = await host.value('getRoom', {});
    const sessionId = activeSessionId!;
    await answerDayOfChecklist((m, a) => host.value(m, a), sessionId, 'im');
    await host.value('recordVitals', {
      sessionId,
      values: { systolic: 124, diastolic: 80, heartRate: 72, spo2: 98, respiratoryRate: 14 },
      author: 'Sam',
    });
    await host.value('recordDose', { sessionId, mg: 80, booster: false, ...sign('Dr Kim') });
    // A high reading during the session: in the record and the course, never in the summary.
    await host.value('recordVitals', {
      sessionId,
      values: { systolic: 188, diastolic: 96, heartRate: 72, spo2: 98, respiratoryRate: 14 },
      author: 'Sam',
    });
    await page
      .getByRole('button', { name: /For integration/ })
      .and(page.locator(':enabled'))
      .waitFor();

    // A track is playing: the therapist marks it as resonating (Alt+E).
    await expect.poll(() => page.getByLabel('Track playing').textContent(), { timeout: 30_000 }).toMatch(/tone/);
    await page.keyboard.press('Alt+E');
    await expect
      .poll(async () => (await musicEvents(host, sessionId)).filter((e) => e.payload.action === 'resonated').length)
      .toBe(1);
    const resonated = (await musicEvents(host, sessionId)).find((e) => e.payload.action === 'resonated')!.payload;

    // Two moments for integration: one with the patient's words (Enter saves), one without.
    await page.keyboard.press('Alt+J');
    const moment = page.getByRole('form', { name: 'Moment for integration' });
    await moment.getByLabel(/^The patient's words \(optional\)/).fill('I am the ocean and the boat');
    await moment.getByLabel(/^The patient's words \(optional\)/).press('Enter');
    await moment.waitFor({ state: 'detached' });
    await page.keyboard.press('Alt+J');
    await moment.getByRole('button', { name: 'Save without words' }).click();
    await moment.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByLabel('Moments marked for integration').textContent()).toBe('2 marked');
    expect(
      (await host.value('getSession', { sessionId })).events.filter((e) => e.kind === 'integration_moment').length,
    ).toBe(2);
    // Both keys are in the list of keys (Alt+K).
    await page.keyboard.press('Alt+K');
    const keys = page.getByRole('dialog', { name: 'Keys' }).getByLabel('Keyboard shortcuts');
    await expect.poll(() => keys.textContent()).toMatch(/Alt\+JA moment for integration/);
    expect(await keys.textContent()).toMatch(/Alt\+EThe track playing resonated/);
    await page.keyboard.press('Escape');
    await keys.waitFor({ state: 'detached' });
    // The track playing at the quoted moment, as the player's log says it: the last one started before it.
    const quotedAt = (await host.value('getSession', { sessionId })).events.find(
      (e) => e.kind === 'integration_moment',
    )!.occurredAt;
    const starts = (await musicEvents(host, sessionId)).filter(
      (e) => e.payload.action === 'start' && e.occurredAt <= quotedAt,
    );
    const playingTitle = starts.at(-1)!.payload.title!;

    await host.advanceClock(95 * MIN);
    await discharge(host, sessionId);
    await page.reload();

    // The summary, from the history: nothing prints until the therapist approves it.
    await page.getByRole('button', { name: 'Session history' }).click();
    await page
      .getByRole('button', { name: /^Integration summary of IN-7/ })
      .first()
      .click();
    const summary = page.getByRole('article', { name: 'Integration summary' });
    await expect
      .poll(() => summary.getByRole('region', { name: 'Intention' }).textContent())
      .toMatch(/“To meet my grief with kindness”/);
    const moments = summary.getByRole('region', { name: 'Moments for integration' }).getByRole('listitem');
    await expect.poll(() => moments.count()).toBe(2);
    expect(await moments.first().textContent()).toMatch(
      new RegExp(`“?I am the ocean and the boat”?Music: ${playingTitle} by Test`),
    );
    const print = page.getByRole('button', { name: 'Print the summary' });
    expect(await print.isDisabled()).toBe(true);
    expect(await page.getByRole('toolbar', { name: 'Summary actions' }).getByRole('status').textContent()).toMatch(
      /^Nothing leaves the room unapproved/,
    );
    await summary.getByLabel('A note from the therapist (optional)').fill('Bring the ocean image to our next meeting.');
    await page.getByRole('button', { name: 'Approve the summary' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign: The integration summary' });
    await dialog.getByLabel('Signed by').selectOption('Jo Park');
    await dialog.getByLabel('PIN', { exact: true }).fill(PINS['Jo Park']!);
    await dialog.getByRole('button', { name: /^Sign\b/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => summary.getByLabel('Approval', { exact: true }).textContent())
      .toMatch(/^Reviewed and approved by Jo Park \(therapist\) on \d{4}-\d\d-\d\d at \d\d:\d\d\.$/);
    expect(await print.isDisabled()).toBe(false);
    await expectAccessibleInBothPalettes(page);
    const approved = (await host.value('getSession', { sessionId })).events.find(
      (e) => e.kind === 'integration_approved',
    );
    expect(approved).toMatchObject({ author: 'Jo Park', authorRole: 'therapist' });

    // Printed (as "Save as PDF" in the print dialog does): the quote and the track, and nothing clinical.
    const pdfFile = path.join(tempDataDir('room-pdf-'), 'summary.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdfFile, format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('I am the ocean and the boat');
    expect(text).toContain(`Music: ${playingTitle} by Test`);
    expect(text).toContain('To meet my grief with kindness');
    expect(text).toContain('Bring the ocean image to our next meeting.');
    expect(text).toMatch(/Reviewed and approved by Jo Park \(therapist\)/);
    for (const clinical of ['188', '/96', 'BP', 'MOAA', 'mmHg', 'alert', 'Include the moment'])
      expect(text).not.toContain(clinical);
    expect(fs.statSync(pdfFile).size).toBeGreaterThan(1000);

    // The course of the patient, from the history: three rows and the chart.
    await page.getByRole('button', { name: 'Back to the session history' }).click();
    await page.getByRole('button', { name: 'Course of IN-7' }).first().click();
    const course = page.getByRole('region', { name: 'Course of IN-7' });
    const rows = course.getByRole('table', { name: 'Sessions of the course' }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(4);
    await expectAccessibleInBothPalettes(page);
    const cells = async (n: number) => (await rows.nth(n).getByRole('cell').allTextContents()).slice(1);
    expect(await cells(1)).toEqual([
      'IM injection',
      '60 mg',
      '4',
      '-',
      '130/84', // the highest of the record, the one taken before discharge
      'none',
      expect.stringMatching(/^\d+ min after the last dose$/),
      'mild headache',
      'night: Slept well; mood: hopeful',
    ]);
    expect((await cells(2)).slice(0, 3)).toEqual(['IM injection', '70 mg', '3']);
    expect((await cells(3)).slice(0, 5)).toEqual(['IM injection', '80 mg', '5', '-', '188/96']);
    expect(await course.getByRole('img', { name: /^Course chart: / }).getAttribute('aria-label')).toMatch(
      /^Course chart: [^;]+: 60 mg, [^;]+; [^;]+: 70 mg, [^;]+; [^;]+: 80 mg, /,
    );
    await page.close();

    // The set editor shows what the music did beside each track.
    const admin = await openAdminPage(rooms.browser(), host, { tab: 'Music sets' });
    await admin.getByRole('button', { name: /^Edit Player test tones/ }).click();
    const editor = admin.getByRole('region', { name: 'Edit Player test tones' });
    const line = editor
      .getByRole('group', { name: PHASE_LABELS[resonated.phase], exact: true })
      .getByLabel(`What sessions did with ${resonated.title!} in this phase`);
    await expect.poll(() => line.first().textContent()).toMatch(/^played \d+ · skipped 0 · held 0 · resonated 1$/);
    await admin.close();
  }, 240_000);
});
