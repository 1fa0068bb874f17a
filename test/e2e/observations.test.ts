import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import {
  chromiumWithHosts,
  moveClocks,
  openRoomPage,
  signInPage,
  startSessionInPage,
  switchPersonInPage,
} from '../support/room-page';
import { DEFAULT_SETTINGS } from '../../main/core/settings/schema';
import { answerDayOfChecklist } from '../support/checklist';
import { sign } from '../support/staff';

const MIN = 60_000;
const { browser, hosts } = chromiumWithHosts();

async function dosedRoom(): Promise<{ host: HostProcess; page: Page }> {
  const host = await startHostProcess(tempDataDir());
  hosts.push(host);
  // These sessions are about the record, not the dosing rules: the room does not ask for a pre-dose BP for IM here,
  // so the entry list, the chart and the due items hold only what each test records.
  const { adminKey } = await host.value('setAdminPin', { pin: '1357' });
  const presets = DEFAULT_SETTINGS.presets;
  await host.value('updateSettings', {
    adminKey,
    patch: { presets: { ...presets, im: { ...presets.im, preDoseBpRequired: false } } },
  });
  const page = await openRoomPage(browser(), host);
  await startSessionInPage(page);
  // With no baseline taken, the checklist's baseline BP is skipped with why, and the clinician decides to proceed.
  const { activeSessionId } = await host.value('getRoom', {});
  const sessionId = activeSessionId!;
  await answerDayOfChecklist((method, args) => host.value(method, args), sessionId, 'im', 'Sam', 'none');
  await host.value('recordDose', { sessionId, mg: 60, booster: false, proceedPastChecklist: true, ...sign('Dr Kim') });
  await page
    .getByRole('region', { name: 'Doses' })
    .getByText(/^Dose \d+ mg at/)
    .waitFor();
  // The page's clock starts from the host's as the page loads and can trail it by a few hundred ms; two seconds
  // on, whatever the page times is clearly after the dose the host timed.
  await moveClocks(host, page, 2000);
  return { host, page };
}

const entryList = (page: Page) => page.getByRole('list', { name: 'Entry list' });
const entry = (page: Page, text: string | RegExp) => entryList(page).getByRole('listitem').filter({ hasText: text });
const secondsOfDay = (hhmmss: string) => {
  const [h, m, s] = hhmmss.split(':').map(Number);
  return h! * 3600 + m! * 60 + s!;
};
/** The page's own time (its clock is the test's to move). */
const pageNow = (page: Page) => page.evaluate(() => Date.now());
/** An entry's shown time "T+mm:ss · HH:MM:SS" as seconds since the dose and seconds of the day. */
async function shownTime(item: Locator): Promise<{ elapsedS: number; clockS: number }> {
  const text = (await item.textContent()) ?? '';
  const match = /T\+(\d\d):(\d\d) · (\d\d:\d\d:\d\d)/.exec(text);
  if (!match) throw new Error(`no T+ and clock time in "${text}"`);
  return { elapsedS: Number(match[1]) * 60 + Number(match[2]), clockS: secondsOfDay(match[3]!) };
}
const localSecondsOfDay = (t: number) => {
  const d = new Date(t);
  return d.getHours() * 3600 + d.getMinutes() * 60 + d.getSeconds();
};
async function doseAt(host: HostProcess): Promise<number> {
  const { activeSessionId } = await host.value('getRoom', {});
  const { events } = await host.value('getSession', { sessionId: activeSessionId! });
  return events.find((e) => e.kind === 'dose')!.occurredAt;
}
/** The session's recorded events, without the music player's own log (the player writes on its own as tracks start). */
async function sessionEvents(host: HostProcess) {
  const { activeSessionId } = await host.value('getRoom', {});
  return (await host.value('getSession', { sessionId: activeSessionId! })).events.filter((e) => e.kind !== 'music');
}

describe('observations in Chromium through the browser host', () => {
  it('a tag key and a note record at the key-press time, with who recorded them, even when Enter comes minutes later', async () => {
    const { host, page } = await dosedRoom();
    const dosed = await doseAt(host);
    await moveClocks(host, page, 10 * MIN);

    // The sitter records, and who is recording stays in sight.
    await expect
      .poll(() => page.getByRole('group', { name: 'Who is recording' }).textContent())
      .toMatch(/^Recording: Sam \(sitter\)/);
    await page.locator('body').focus();

    // A tag key records at once.
    const tagPressedAt = await pageNow(page);
    await page.keyboard.press('3');
    await expect.poll(() => entry(page, 'nausea').count()).toBe(1);
    const tag = await shownTime(entry(page, 'nausea'));
    expect(Math.abs(tag.elapsedS - (tagPressedAt - dosed) / 1000)).toBeLessThanOrEqual(2);
    expect(Math.abs(tag.clockS - localSecondsOfDay(tagPressedAt))).toBeLessThanOrEqual(2);
    await expect.poll(() => entry(page, 'nausea').textContent()).toContain('Sam');

    // A note: the first key takes the time; typing and Enter come four minutes later.
    await moveClocks(host, page, 2 * MIN);
    const firstKeyAt = await pageNow(page);
    await page.keyboard.press('P');
    const bar = page.getByRole('textbox', { name: 'Note' });
    await expect.poll(() => bar.evaluate((el) => el === document.activeElement)).toBe(true);
    await moveClocks(host, page, 4 * MIN);
    await page.keyboard.type('upils wide, calm');
    await page.keyboard.press('Enter');
    await expect.poll(() => entry(page, 'Pupils wide, calm').count()).toBe(1);
    await expect.poll(() => bar.inputValue()).toBe('');
    const note = await shownTime(entry(page, 'Pupils wide, calm'));
    const expectedElapsedS = (firstKeyAt - dosed) / 1000;
    expect(expectedElapsedS).toBeGreaterThan(11 * 60);
    expect(Math.abs(note.elapsedS - expectedElapsedS)).toBeLessThanOrEqual(2);
    expect(Math.abs(note.clockS - localSecondsOfDay(firstKeyAt))).toBeLessThanOrEqual(2);
    expect(await entry(page, 'Pupils wide, calm').textContent()).toContain('Sam');

    // The record says the same: the note's time is the key press, its recording time the Enter.
    const saved = (await sessionEvents(host)).find(
      (e) => e.kind === 'observation' && e.payload.text === 'Pupils wide, calm',
    )!;
    expect(Math.abs(saved.occurredAt - firstKeyAt)).toBeLessThan(2000);
    expect(saved.recordedAt - saved.occurredAt).toBeGreaterThanOrEqual(4 * MIN - 1000);
    expect(saved.author).toBe('Sam');
    await page.close();
  });

  it('vitals past a threshold raise a visual alert that stays until acknowledged; impossible vitals are refused and nothing is recorded', async () => {
    const { host, page } = await dosedRoom();
    const vitals = page.getByRole('region', { name: 'Record vitals' });
    const before = (await sessionEvents(host)).length;

    // A typo: refused with a sentence naming the field, nothing recorded.
    await vitals.getByRole('textbox', { name: 'Systolic BP' }).fill('1200');
    await vitals.getByRole('textbox', { name: 'Diastolic BP' }).fill('80');
    await vitals.getByRole('button', { name: 'Save vitals' }).click();
    await expect
      .poll(() => vitals.getByRole('alert').textContent())
      .toMatch(/^Systolic BP 1200 mmHg is not a possible reading/);
    expect(await entryList(page).getByRole('listitem').count()).toBe(0);
    expect((await sessionEvents(host)).length).toBe(before);
    // The room refuses it too, whatever sends it.
    const refused = await host.call('recordVitals', {
      sessionId: (await sessionEvents(host))[0]!.sessionId,
      values: { heartRate: 1200 },
      author: 'Sam',
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/Heart rate 1200/);
    expect((await sessionEvents(host)).length).toBe(before);

    // Swapped BP is caught as well.
    await vitals.getByRole('textbox', { name: 'Systolic BP' }).fill('80');
    await vitals.getByRole('textbox', { name: 'Diastolic BP' }).fill('120');
    await vitals.getByRole('button', { name: 'Save vitals' }).click();
    await expect.poll(() => vitals.getByRole('alert').textContent()).toMatch(/Check they are not swapped/);

    // A BP of 190/100 and SpO2 of 88 are accepted and flagged: a warning and an urgent alert.
    await vitals.getByRole('textbox', { name: 'Systolic BP' }).fill('190');
    await vitals.getByRole('textbox', { name: 'Diastolic BP' }).fill('100');
    await vitals.getByRole('textbox', { name: 'SpO2' }).fill('88');
    await vitals.getByRole('button', { name: 'Save vitals' }).click();
    await expect.poll(() => entry(page, 'Vitals: BP 190/100, SpO2 88%').count()).toBe(1);
    await expect.poll(() => vitals.getByRole('alert').count()).toBe(0);
    const alerts = page.getByRole('region', { name: 'Alerts' });
    const bpAlert = alerts.getByRole('listitem').filter({ hasText: 'BP 190/100 is above 180/110' });
    const spo2Alert = alerts.getByRole('listitem').filter({ hasText: 'SpO2 88% is below 90%' });
    await expect.poll(() => bpAlert.textContent()).toMatch(/^warning/i);
    await expect.poll(() => spo2Alert.textContent()).toMatch(/^urgent/i);
    // Urgent first.
    expect(await alerts.getByRole('listitem').first().textContent()).toMatch(/SpO2 88%/);

    // Still there ten minutes later, and after the page is opened again.
    await moveClocks(host, page, 10 * MIN);
    await page.reload();
    await expect.poll(() => bpAlert.count()).toBe(1);
    expect(await spo2Alert.count()).toBe(1);

    // Acknowledged: it goes, the other stays; the acknowledgement is in the record with who made it.
    // An urgent one needs what was done first: without it the room says so and the alert stays.
    await alerts.getByRole('button', { name: 'Acknowledge: SpO2 88% is below 90%.' }).click();
    await expect
      .poll(() => alerts.getByRole('alert').textContent())
      .toBe('"SpO2 88% is below 90%" is urgent: say in a short note what was done before acknowledging it.');
    expect(await spo2Alert.count()).toBe(1);
    await alerts.getByLabel('What was done: SpO2 88% is below 90%.').fill('woken, deep breaths, 95% on re-check');
    await alerts.getByRole('button', { name: 'Acknowledge: SpO2 88% is below 90%.' }).click();
    // An urgent alert is acknowledged by a clinician's signature; a warning by whoever is recording.
    await signInPage(page, 'Dr Kim');
    await expect.poll(() => spo2Alert.count()).toBe(0);
    expect(await bpAlert.count()).toBe(1);
    // A warning is the person recording's to acknowledge, with a short note too.
    await alerts.getByLabel(/^What was done: BP 190\/100/).fill('re-measured: 150/92, patient calm');
    await alerts.getByRole('button', { name: /^Acknowledge: BP 190\/100/ }).click();
    // Gone altogether (on failure this shows what is left in the region).
    await expect.poll(() => alerts.allTextContents()).toEqual([]);
    const acks = (await sessionEvents(host)).filter((e) => e.kind === 'alert_ack');
    expect(acks.map((a) => a.kind === 'alert_ack' && a.payload.signal).sort()).toEqual(['bp', 'spo2']);
    expect(Object.fromEntries(acks.map((a) => [a.kind === 'alert_ack' && a.payload.signal, a.author]))).toEqual({
      spo2: 'Dr Kim',
      bp: 'Sam',
    });
    expect(acks.find((a) => a.kind === 'alert_ack' && a.payload.signal === 'spo2')!.payload).toMatchObject({
      signature: { name: 'Dr Kim', role: 'clinician' },
    });
    await page.close();
  });

  it('a struck entry and a corrected one stay visible, struck, beside the correction', async () => {
    const { host, page } = await dosedRoom();
    const bar = page.getByRole('textbox', { name: 'Note' });
    for (const text of ['Asked for blanket', 'Pupils dilated']) {
      await bar.fill(text);
      await bar.press('Enter');
      await expect.poll(() => entry(page, text).count()).toBe(1);
    }

    // Strike one with a reason.
    await page.getByRole('button', { name: 'Strike: Asked for blanket' }).click();
    await page.getByRole('textbox', { name: 'Reason' }).fill('wrong patient');
    await page.getByRole('button', { name: 'Strike entry' }).click();
    await expect.poll(() => entry(page, 'struck by Sam: wrong patient').count()).toBe(1);
    const struck = entry(page, 'Asked for blanket');
    expect(await struck.getByRole('deletion').textContent()).toBe('Asked for blanket');
    expect(await struck.getByRole('button', { name: /^Strike/ }).count()).toBe(0);

    // Correct the other: the original stays, struck, and the correction is shown as one.
    await page.getByRole('button', { name: 'Correct: Pupils dilated' }).click();
    await page.getByRole('textbox', { name: 'Corrected note' }).fill('Pupils constricted');
    await page.getByRole('textbox', { name: 'Reason' }).fill('misread');
    await page.getByRole('button', { name: 'Save correction' }).click();
    await expect.poll(() => entry(page, 'Pupils constricted').count()).toBe(1);
    const original = entry(page, /^(?!.*constricted).*Pupils dilated/);
    expect(await original.getByRole('deletion').textContent()).toBe('Pupils dilated');
    expect(await original.textContent()).toContain('corrected by Sam: misread');
    expect(await entry(page, 'Pupils constricted').textContent()).toContain('correction');
    expect(await entry(page, 'Pupils constricted').getByRole('deletion').count()).toBe(0);

    // Nothing was deleted: after a reload all three are there.
    await page.reload();
    await expect.poll(() => entryList(page).getByRole('listitem').count()).toBe(3);
    expect((await sessionEvents(host)).filter((e) => e.kind === 'amendment')).toHaveLength(2);
    await page.close();
  });

  it('the vitals chart draws each recorded reading at its time and value, with readable threshold labels', async () => {
    const { host, page } = await dosedRoom();
    const vitals = page.getByRole('region', { name: 'Record vitals' });
    const record = async (v: { sys: string; dia: string; hr: string; spo2: string; rr: string }) => {
      await vitals.getByRole('textbox', { name: 'Systolic BP' }).fill(v.sys);
      await vitals.getByRole('textbox', { name: 'Diastolic BP' }).fill(v.dia);
      await vitals.getByRole('textbox', { name: 'Heart rate' }).fill(v.hr);
      await vitals.getByRole('textbox', { name: 'SpO2' }).fill(v.spo2);
      await vitals.getByRole('textbox', { name: 'Respiratory rate' }).fill(v.rr);
      await vitals.getByRole('button', { name: 'Save vitals' }).click();
      await expect.poll(() => entry(page, `BP ${v.sys}/${v.dia}`).count()).toBe(1);
    };
    await moveClocks(host, page, 10 * MIN);
    await record({ sys: '128', dia: '82', hr: '76', spo2: '98', rr: '14' });
    await moveClocks(host, page, 20 * MIN);
    await record({ sys: '150', dia: '95', hr: '90', spo2: '96', rr: '16' });

    const chart = page.getByRole('img', { name: 'Vitals chart, 2 readings' });
    await expect.poll(() => chart.count()).toBe(1);
    const point = (name: string) => page.getByRole('img', { name });
    // The chart starts five minutes before the dose: the readings sit at 15 and 35 minutes on it.
    for (const name of [
      'Systolic BP 128 at 15 min',
      'Diastolic BP 82 at 15 min',
      'Heart rate 76 at 15 min',
      'SpO2 98 at 15 min',
      'Systolic BP 150 at 35 min',
      'Heart rate 90 at 35 min',
      'Respiratory rate 14 at 15 min',
      'Respiratory rate 16 at 35 min',
    ]) {
      expect(await point(name).count(), name).toBe(1);
    }
    const centre = async (name: string) => {
      const box = (await point(name).boundingBox())!;
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    };
    const sys1 = await centre('Systolic BP 128 at 15 min');
    const sys2 = await centre('Systolic BP 150 at 35 min');
    const hr1 = await centre('Heart rate 76 at 15 min');
    expect(sys2.x).toBeGreaterThan(sys1.x); // later is to the right
    expect(sys2.y).toBeLessThan(sys1.y); // higher is higher
    expect(Math.abs(hr1.x - sys1.x)).toBeLessThan(1); // same reading, same time
    expect(hr1.y).toBeGreaterThan(sys1.y);

    // Threshold labels: inside the chart and not on top of each other.
    const chartBox = (await chart.boundingBox())!;
    const labels = await chart.locator('text.tick-label').evaluateAll((els) =>
      els.map(
        (el) =>
          ({ text: el.textContent, ...el.getBoundingClientRect().toJSON() }) as {
            text: string;
            x: number;
            y: number;
            width: number;
            height: number;
          },
      ),
    );
    expect(labels.map((l) => l.text)).toEqual(
      expect.arrayContaining(['SBP 180', 'DBP 110', 'HR 120', 'SpO2 92', 'HR 50']),
    );
    for (const l of labels) {
      expect(l.x + l.width, `${l.text} inside the chart`).toBeLessThanOrEqual(chartBox.x + chartBox.width + 0.5);
      expect(l.y, `${l.text} inside the chart`).toBeGreaterThanOrEqual(chartBox.y - 0.5);
    }
    for (const a of labels)
      for (const b of labels) {
        if (a === b) continue;
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap, `${a.text} overlaps ${b.text}`).toBe(false);
      }

    // A struck reading leaves the chart. A BP above the dosing limit holds the discharge: striking it is a clinician's, signed.
    await page.getByRole('button', { name: /^Strike: Vitals: BP 150\/95/ }).click();
    await page.getByRole('textbox', { name: 'Reason' }).fill('cuff slipped');
    await page.getByRole('button', { name: 'Strike entry' }).click();
    await signInPage(page, 'Dr Kim');
    await expect.poll(() => page.getByRole('img', { name: 'Vitals chart, 1 readings' }).count()).toBe(1);
    expect(await point('Systolic BP 150 at 35 min').count()).toBe(0);
    await page.close();
  });

  it('due items turn overdue when their time passes and clear when the matching entry is recorded', async () => {
    const { host, page } = await dosedRoom();
    const due = page.getByRole('region', { name: 'Due' });
    const item = (name: string) => due.getByRole('listitem', { name });
    // Dosed without a baseline set: the baseline is overdue from the start; the check-in is next.
    await expect.poll(() => item('Baseline vitals (before dosing): overdue').count()).toBe(1);
    await expect.poll(() => item('Check-in (every 15 min): upcoming').count()).toBe(1);
    // How long until it, as a length of time, never a clock-like countdown.
    expect(await item('Check-in (every 15 min): upcoming').textContent()).toMatch(/in 15 min$/);

    // The check-in falls due at 15 minutes (shown "at" its time until then, never "since" a time to come) and is overdue a minute later.
    await moveClocks(host, page, 14 * MIN);
    await expect.poll(() => item('Check-in (every 15 min): due').count()).toBe(1);
    expect(await item('Check-in (every 15 min): due').textContent()).toMatch(/ at \d\d:\d\d$/);
    await moveClocks(host, page, 3 * MIN);
    await expect.poll(() => item('Check-in (every 15 min): overdue').count()).toBe(1);
    await page.getByRole('button', { name: 'Checked in' }).click();
    await expect.poll(() => item('Check-in (every 15 min): upcoming').count()).toBe(1);
    expect(await item('Check-in (every 15 min): overdue').count()).toBe(0);

    // The +20 and +40 sets: overdue once five minutes late.
    await moveClocks(host, page, 29 * MIN); // T+46
    await expect.poll(() => item('Vitals at +40 min: overdue').count()).toBe(1);
    expect(await item('Vitals at +20 min: overdue').count()).toBe(1);
    expect(await item('Check-in (every 15 min): overdue').count()).toBe(1);

    // One reading with BP meets +40; the optional +20 before it is missed, no longer overdue; it counts as a check-in too.
    const vitals = page.getByRole('region', { name: 'Record vitals' });
    await vitals.getByRole('textbox', { name: 'Systolic BP' }).fill('122');
    await vitals.getByRole('textbox', { name: 'Diastolic BP' }).fill('78');
    await vitals.getByRole('button', { name: 'Save vitals' }).click();
    await expect.poll(() => item('Vitals at +40 min: overdue').count()).toBe(0);
    expect(await item('Vitals at +20 min: overdue').count()).toBe(0);
    expect(await item('Check-in (every 15 min): overdue').count()).toBe(0);
    expect(await due.getByRole('listitem', { name: /overdue$/ }).allTextContents()).toEqual([
      expect.stringMatching(/Baseline vitals/),
    ]);
    await expect.poll(() => due.getByText(/^\d+ done$/).textContent()).toBe('1 done');
    await page.close();
  });

  it('the entry list filters by tag, by who recorded and by text', async () => {
    const { page } = await dosedRoom();
    const bar = page.getByRole('textbox', { name: 'Note' });
    await page
      .getByRole('region', { name: 'Tags' })
      .getByRole('button', { name: /nausea/ })
      .click();
    await bar.fill('Quiet, eyes closed');
    await bar.press('Enter');
    await expect.poll(() => entryList(page).getByRole('listitem').count()).toBe(2);
    await switchPersonInPage(page, 'Jo Park');
    await page
      .getByRole('region', { name: 'Tags' })
      .getByRole('button', { name: /headache/ })
      .click();
    await page
      .getByRole('region', { name: 'Tags' })
      .getByRole('button', { name: /nausea/ })
      .click();
    await bar.fill('Asked for water');
    await bar.press('Enter');
    const items = entryList(page).getByRole('listitem');
    await expect.poll(() => items.count()).toBe(5);

    const entries = page.getByRole('region', { name: 'Entries' });
    await entries.getByRole('combobox', { name: 'Tag' }).selectOption('nausea');
    await expect.poll(() => items.count()).toBe(2);
    expect((await items.allTextContents()).every((t) => t.includes('nausea'))).toBe(true);

    await entries.getByRole('combobox', { name: 'Recorded by' }).selectOption('Jo Park');
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('Jo Park');

    await entries.getByRole('combobox', { name: 'Tag' }).selectOption({ label: 'all tags' });
    await expect.poll(() => items.count()).toBe(3);
    await entries.getByRole('searchbox', { name: 'Search entries' }).fill('WATER');
    await expect.poll(() => items.allTextContents()).toEqual([expect.stringContaining('Asked for water')]);

    await entries.getByRole('combobox', { name: 'Recorded by' }).selectOption({ label: 'everyone' });
    await entries.getByRole('searchbox', { name: 'Search entries' }).fill('eyes');
    await expect.poll(() => items.allTextContents()).toEqual([expect.stringMatching(/Sam.*Quiet, eyes closed/)]);
    await entries.getByRole('searchbox', { name: 'Search entries' }).fill('');
    await expect.poll(() => items.count()).toBe(5);
    await page.close();
  });

  it('a note the room could not write stays in the bar with a sentence saying so, and is saved when Enter is pressed again', async () => {
    const { host, page } = await dosedRoom();
    const bar = page.getByRole('textbox', { name: 'Note' });
    const capture = page.getByRole('region', { name: 'Capture a note' });

    // This screen's clock runs ten minutes ahead of the room's: the room refuses a note from the future.
    await page.clock.fastForward(10 * MIN);
    await bar.fill('Patient says the music is too loud');
    await bar.press('Enter');
    await expect
      .poll(() => capture.getByRole('alert').textContent())
      .toBe(
        'Not saved: The note time is in the future. Enter the time it happened. The note is still here; press Enter to try again.',
      );
    expect(await bar.inputValue()).toBe('Patient says the music is too loud');
    expect(await entryList(page).getByRole('listitem').count()).toBe(0);

    // Put right, Enter again saves it and the bar empties.
    await host.advanceClock(10 * MIN);
    await bar.press('Enter');
    await expect.poll(() => entry(page, 'Patient says the music is too loud').count()).toBe(1);
    await expect.poll(() => bar.inputValue()).toBe('');
    await expect.poll(() => capture.getByRole('alert').count()).toBe(0);

    // The room process is gone: the note stays, with the reason.
    await bar.fill('Asks for the eye shades');
    await host.kill9();
    await bar.press('Enter');
    await expect
      .poll(() => capture.getByRole('alert').textContent())
      .toMatch(/^Not saved: The room is not answering\. .*press Enter to try again\.$/);
    expect(await bar.inputValue()).toBe('Asks for the eye shades');
    expect(await entryList(page).getByRole('listitem').count()).toBe(1);
    await page.close();
  });

  it('a note typed while the previous one is still being saved is kept, and saved as its own entry', async () => {
    const { host, page } = await dosedRoom();
    // The room takes a second to write each note, as on a busy machine.
    await page.route('**/api/call/recordObservation', async (route) => {
      await new Promise((r) => setTimeout(r, 1000));
      await route.continue();
    });
    const note = page.getByLabel('Note', { exact: true });
    await note.click();
    await page.keyboard.type('Breathing slow');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Asked for water');
    // The first note is listed; the second is still in the bar, not cleared by the first note's save.
    await entry(page, 'Breathing slow').waitFor();
    await expect.poll(() => note.inputValue()).toBe('Asked for water');
    await page.keyboard.press('Enter');
    await entry(page, 'Asked for water').waitFor();
    await expect.poll(() => note.inputValue()).toBe('');
    const texts = (await sessionEvents(host))
      .filter((e) => e.kind === 'observation')
      .map((e) => (e.payload as { text?: string }).text);
    expect(texts).toEqual(['Breathing slow', 'Asked for water']);
  });
});
