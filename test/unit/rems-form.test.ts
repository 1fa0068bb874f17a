import fs from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { remsForm, type RemsForm } from '../../main/core/pure/rules/rems';
import { buildReport, reportOptions } from '../../main/core/pure/report/model';
import { MIN, T0, testRoom } from '../support/room';
import { sign } from '../support/staff';
import { REMS_ASKED } from '../support/rems';

let t: ReturnType<typeof testRoom>;
beforeEach(() => {
  t = testRoom();
});
const formOf = (id: string): RemsForm =>
  buildReport(t.room.sessions.events(id), t.clock.now(), reportOptions(t.room.settings.get())).rems!;
const fieldOf = (form: RemsForm, id: string) => form.fields.find((f) => f.id === id)!;
const answerRest = (sessionId: string, extra: Record<string, unknown> = {}) =>
  t.ok('answerRems', {
    sessionId,
    author: 'Dr Kim',
    ...sign('Dr Kim'),
    answers: { ...REMS_ASKED, readyToLeaveAfterMin: 95, respiratoryDepression: 'no', ...extra },
  });

describe("the REMS form date and times are the clinic's", () => {
  it('a dose at 17:40 in a clinic at UTC-8 is dated that day, not the next (the UTC date)', async () => {
    t.room.settings.update({ clinicTimeZone: 'America/Los_Angeles' });
    // T0 is 09:00 UTC on 22 November; 16 h 30 min later the dose (T0 + 10 min in the session) falls at 01:40 UTC on the 23rd: 17:40 on the 22nd in Los Angeles.
    t.clock.advance(16 * 60 * MIN + 30 * MIN);
    const id = await t.dosedSession('spravato', 56);
    expect(new Date(t.room.state(id).doses[0]!.at).toISOString()).toBe('2026-11-23T01:40:00.000Z');
    // The second device, after the 5-minute rest.
    t.clock.advance(5 * MIN);
    await t.ok('recordDose', { sessionId: id, mg: 28, booster: false, ...sign('Dr Kim') });
    const form = formOf(id);
    expect(fieldOf(form, 'date').value).toBe('11/22/2026');
    expect(fieldOf(form, 'dose').value).toBe('56 mg: device 1 of 2 at 17:40, device 2 of 2 at 17:45, lot LOT-1');
    expect(fieldOf(form, 'bpPre').value).toBe('120/80 mmHg at 17:35');

    // The same session read in UTC is dated the 23rd: the zone decides, not the machine.
    t.room.settings.update({ clinicTimeZone: 'UTC' });
    expect(fieldOf(formOf(id), 'date').value).toBe('11/23/2026');

    // The JSON export carries the form as the room reads it.
    t.room.settings.update({ clinicTimeZone: 'America/Los_Angeles' });
    const saved = await t.ok('exportSession', { sessionId: id, format: 'json' });
    const json = JSON.parse(fs.readFileSync(saved.path, 'utf8'));
    expect(json.remsMonitoringForm.timeZone).toBe('America/Los_Angeles');
    expect(json.remsMonitoringForm.fields.find((f: { id: string }) => f.id === 'date').value).toBe('11/22/2026');
  });

  it('a time zone the computer does not know is refused with a sentence, and the setting stays as it was', () => {
    const before = t.room.settings.get().clinicTimeZone;
    expect(() => t.room.settings.update({ clinicTimeZone: 'Mars/Olympus' })).toThrow(
      /The time zone is not one this computer knows\. Enter an IANA name such as America\/Los_Angeles/,
    );
    expect(t.room.settings.get().clinicTimeZone).toBe(before);
  });
});

describe('the end-of-monitoring blood pressure', () => {
  it('counts only within 15 minutes before the end of monitoring, never a reading 80 minutes before it', async () => {
    const id = await t.dosedSession('spravato', 84); // dose at T0 + 10
    t.clock.advance(40 * MIN);
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 150, diastolic: 92 }, author: 'Sam' }); // +40
    t.clock.advance(20 * MIN);
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 138, diastolic: 88 }, author: 'Sam' }); // +60
    t.clock.advance(80 * MIN); // +140: the last reading is 80 minutes old
    let form = formOf(id);
    expect(fieldOf(form, 'bp40').value).toMatch(/^150\/92 mmHg at /);
    expect(fieldOf(form, 'bpEnd')).toMatchObject({
      value: null,
      missing: 'record a blood pressure within 15 minutes before the end of monitoring',
    });
    expect(form.missing).toContain('record a blood pressure within 15 minutes before the end of monitoring');

    await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 128, diastolic: 82 },
      occurredAt: t.clock.now() - 14 * MIN,
      author: 'Sam',
    }); // +126: 14 minutes before
    form = formOf(id);
    expect(fieldOf(form, 'bpEnd').value).toMatch(/^128\/82 mmHg at /);
    // Written 14 minutes after it was taken: the form says it was recorded late.
    expect(fieldOf(form, 'bpEnd')).toMatchObject({ late: true, evidence: [{ late: true, by: 'Sam' }] });
  });

  it('is never a reading taken after the patient left', async () => {
    const id = await t.dosedSession('spravato', 56);
    t.clock.advance(40 * MIN);
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 150, diastolic: 92 }, author: 'Sam' }); // +40
    t.clock.advance(60 * MIN);
    await t.ok('recordLeftAgainstAdvice', {
      sessionId: id,
      reason: 'Refused to stay',
      actions: ['escort_called'],
      ...sign('Dr Kim'),
    }); // left at +100
    t.clock.advance(5 * MIN);
    // A reading after the patient left is not taken at all: the session is closed to observations.
    expect(
      await t.call('recordVitals', { sessionId: id, values: { systolic: 125, diastolic: 80 }, author: 'Sam' }),
    ).toMatchObject({ ok: false, error: { code: 'session_closed' } });
    const form = formOf(id);
    expect(form.endAt).toBe(T0 + 110 * MIN);
    expect(fieldOf(form, 'bpEnd').value).toBeNull();
    expect(fieldOf(form, 'totalMinutes').value).toBe('100');
    // The session stays open until the form is complete; the missing BP is answered "not obtained" with its reason.
    expect(await t.call('closeSession', { sessionId: id, author: 'Dr Kim' })).toMatchObject({
      ok: false,
      error: {
        code: 'rems_incomplete',
        message: expect.stringMatching(/record a blood pressure within 15 minutes before the end of monitoring/),
      },
    });
    await answerRest(id, {
      sedation: 'no',
      dissociation: 'no',
      notObtained: [
        { field: 'bpEnd', reason: 'patient left before a final reading' },
        { field: 'pulseOximetry', reason: 'oximeter not on before the patient left' },
      ],
    });
    expect(fieldOf(formOf(id), 'bpEnd')).toMatchObject({
      value: 'not obtained',
      source: 'not_obtained',
      reason: 'patient left before a final reading',
      by: 'Dr Kim',
      missing: null,
    });
    expect((await t.call('closeSession', { sessionId: id, author: 'Dr Kim' })).ok).toBe(true);
  });

  it("follows the clinic's window when it is changed in the settings", async () => {
    t.room.settings.update({ remsEndBpWithinMin: 30 });
    const id = await t.dosedSession('spravato', 56);
    t.clock.advance(40 * MIN);
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 150, diastolic: 92 }, author: 'Sam' });
    t.clock.advance(70 * MIN);
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 130, diastolic: 84 }, author: 'Sam' });
    t.clock.advance(25 * MIN);
    expect(fieldOf(formOf(id), 'bpEnd').value).toMatch(/^130\/84 mmHg/);
    t.room.settings.update({ remsEndBpWithinMin: 15 });
    expect(fieldOf(formOf(id), 'bpEnd').value).toBeNull();
  });
});

describe('sedation, dissociation and "not obtained"', () => {
  it('sedation and dissociation are read from every MOAA/S and CADSS-6 of the session, each shown as evidence, late ones marked', async () => {
    const id = await t.dosedSession('spravato', 56);
    const cadss = (answer: number) => ({
      scale: 'cadss6' as const,
      items: [1, 2, 6, 7, 15, 22].map((item) => ({ item, answer: item === 1 ? answer : 0 })),
    });
    t.clock.advance(20 * MIN);
    await t.ok('recordScore', { sessionId: id, content: { scale: 'moaas', score: 5 }, author: 'Sam' });
    await t.ok('recordScore', { sessionId: id, content: cadss(0), author: 'Sam' });
    t.clock.advance(30 * MIN);
    // Taken at +45, written at +50: late.
    await t.ok('recordScore', {
      sessionId: id,
      content: { scale: 'moaas', score: 3 },
      occurredAt: t.clock.now() - 5 * MIN,
      author: 'Sam',
    });
    await t.ok('recordScore', { sessionId: id, content: cadss(3), author: 'Sam' });
    t.clock.advance(70 * MIN);
    await t.ok('recordScore', { sessionId: id, content: { scale: 'moaas', score: 5 }, author: 'Sam' });
    await t.ok('recordScore', { sessionId: id, content: cadss(0), author: 'Sam' });
    const form = formOf(id);
    // The last MOAA/S is 5, but the patient was sedated during the session.
    expect(fieldOf(form, 'sedation')).toMatchObject({
      value: 'yes (lowest MOAA/S 3 in 3 scores)',
      source: 'record',
      late: true,
    });
    expect(fieldOf(form, 'sedation').evidence.map((e) => [e.text.replace(/ at \d\d:\d\d$/, ''), e.late])).toEqual([
      ['MOAA/S 5', false],
      ['MOAA/S 3', true],
      ['MOAA/S 5', false],
    ]);
    expect(fieldOf(form, 'dissociation')).toMatchObject({
      value: 'yes (highest CADSS-6 total 3 in 3 scores)',
      late: false,
    });
    expect(fieldOf(form, 'dissociation').evidence).toHaveLength(3);
  });

  it('"not obtained" needs a reason; a later answer replaces it', async () => {
    const id = await t.dosedSession('spravato', 56);
    expect(
      await t.call('answerRems', {
        sessionId: id,
        author: 'Dr Kim',
        ...sign('Dr Kim'),
        answers: { notObtained: [{ field: 'respiratoryDepression', reason: ' ' }] },
      }),
    ).toMatchObject({
      ok: false,
      error: { message: 'Enter the reason the field was not obtained.' },
    });
    await t.ok('answerRems', {
      sessionId: id,
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      answers: { notObtained: [{ field: 'respiratoryDepression', reason: 'pulse oximeter failed' }] },
    });
    expect(fieldOf(formOf(id), 'respiratoryDepression')).toMatchObject({
      value: 'not obtained',
      reason: 'pulse oximeter failed',
      missing: null,
    });
    await t.ok('answerRems', {
      sessionId: id,
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      answers: { respiratoryDepression: 'no' },
    });
    expect(fieldOf(formOf(id), 'respiratoryDepression')).toMatchObject({ value: 'no', source: 'answer' });
    expect(remsForm(t.room.state(id), t.clock.now()).fields.map((f) => f.section)).toContain('Adverse events');
  });
});
