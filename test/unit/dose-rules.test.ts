import { beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/core/bridge/dispatch';
import { computePadss } from '../../main/core/pure/rules/padss';
import { boosterRefusal } from '../../main/core/pure/rules/dose-rules';
import { buildReport } from '../../main/core/pure/report/model';
import { DEFAULT_SETTINGS, type Settings } from '../../main/core/settings/schema';
import { computeTimeline } from '../../main/core/pure/timeline/timeline';
import { MIN, testRoom } from '../support/room';
import { answerDayOfChecklist } from '../support/checklist';
import { sign } from '../support/staff';

/** Items 5-12: dosing, closing without a dose, IV, Spravato, PADSS, leaving against advice, settings; through the bridge. */
let t: ReturnType<typeof testRoom>;
beforeEach(() => {
  t = testRoom();
});
const message = (env: { ok: boolean; error?: { message: string } }) => (env.ok ? 'accepted' : env.error!.message);
async function undosed(presetId: 'im' | 'spravato' | 'sublingual' | 'iv' = 'im') {
  const view = await t.ok('startSession', {
    patientRef: 'D-1',
    presetId,
    plannedDoseMg: 60,
    therapist: 'Dr Kim',
    sitter: 'Sam',
  });
  await answerDayOfChecklist(t.ok, view.session.id, presetId);
  return view.session.id;
}
const bp = (sessionId: string) =>
  t.ok('recordVitals', { sessionId, values: { systolic: 122, diastolic: 78, heartRate: 70 }, author: 'Sam' });
const dose = (sessionId: string, extra: { proceedPastChecklist?: boolean; mg?: number } = {}) =>
  t.call('recordDose', { sessionId, mg: 60, booster: false, ...sign('Dr Kim'), ...extra });
async function admin(patch: Partial<Settings>) {
  const env = await dispatch(t.room.handlers, 'setAdminPin', { pin: '1357' }, () => {});
  if (!env.ok) throw new Error(env.error.message);
  return dispatch(
    t.room.handlers,
    'updateSettings',
    { adminKey: (env.value as { adminKey: string }).adminKey, patch },
    () => {},
  );
}

describe('dosing rules', () => {
  it('a critical item (pregnancy) answered "no" refuses the dose whoever decides; "yes" lets it through', async () => {
    const id = await undosed('im');
    await bp(id);
    await t.ok('answerChecklist', {
      sessionId: id,
      item: 'pregnancy',
      answer: 'no',
      reason: 'test not done today',
      author: 'Dr Kim',
    });
    expect(message(await dose(id, { proceedPastChecklist: true }))).toBe(
      '"Pregnancy status checked" is answered "no" (test not done today): the dose cannot be given without it. Answer "yes" once it is in place, or close the session without a dose.',
    );
    await t.ok('answerChecklist', { sessionId: id, item: 'pregnancy', answer: 'yes', author: 'Dr Kim' });
    expect(message(await dose(id))).toBe('accepted');
  });

  it('any other "no" or skip needs the signing clinician\'s decision to proceed, recorded with the dose as that decision', async () => {
    const id = await undosed('im');
    await bp(id);
    await t.ok('answerChecklist', {
      sessionId: id,
      item: 'fasting',
      answer: 'no',
      reason: 'toast at 8:00',
      author: 'Sam',
    });
    await t.ok('answerChecklist', {
      sessionId: id,
      item: 'intention',
      answer: 'skipped',
      reason: 'set in the prep session',
      author: 'Sam',
    });
    expect(message(await dose(id))).toBe(
      'Going ahead despite "Fasting as the clinic sets it (food 2-4 h, liquids 30 min)" (no: toast at 8:00), "Intention for the session" (skipped: set in the prep session) is the signing clinician\'s decision: tick "Go ahead despite these answers" and sign. The decision is recorded with the dose.',
    );
    expect(t.room.state(id).doses).toEqual([]);
    expect(message(await dose(id, { proceedPastChecklist: true }))).toBe('accepted');
    expect(t.room.state(id).doses[0]!.decision).toEqual({
      clinician: 'Dr Kim',
      items: [
        { item: 'fasting', answer: 'no', reason: 'toast at 8:00' },
        { item: 'intention', answer: 'skipped', reason: 'set in the prep session' },
      ],
    });
    expect(buildReport(t.room.sessions.events(id), t.clock.now()).doses[0]!.decision).toBe(
      'given despite Fasting as the clinic sets it (food 2-4 h, liquids 30 min) (no: toast at 8:00), Intention for the session (skipped: set in the prep session): Dr Kim decided to proceed',
    );
  });

  it('the pre-dose BP is a preset setting, on by default; Spravato always asks for it, whatever the setting', async () => {
    const presets = DEFAULT_SETTINGS.presets;
    expect(
      message(
        await admin({
          presets: {
            ...presets,
            im: { ...presets.im, preDoseBpRequired: false },
            spravato: { ...presets.spravato, preDoseBpRequired: false },
          },
        }),
      ),
    ).toBe('accepted');
    // Without a required pre-dose BP, the checklist's "Baseline blood pressure within limits: yes" still needs a reading.
    const im = await undosed('im');
    expect(message(await dose(im))).toBe(
      'The checklist answers "Baseline blood pressure within limits: yes", but no blood pressure is recorded before the dose: record the baseline reading first, or answer "no" and say why.',
    );
    await t.ok('answerChecklist', {
      sessionId: im,
      item: 'baseline_bp',
      answer: 'skipped',
      reason: 'no baseline taken',
      author: 'Sam',
    });
    expect(message(await dose(im, { proceedPastChecklist: true }))).toBe('accepted');
    // With the reading behind the "yes", the same route doses with no decision to make.
    t = testRoom();
    expect(message(await admin({ presets: { ...presets, im: { ...presets.im, preDoseBpRequired: false } } }))).toBe(
      'accepted',
    );
    const withBp = await undosed('im');
    await bp(withBp);
    expect(message(await dose(withBp))).toBe('accepted');
    t = testRoom();
    expect(
      message(await admin({ presets: { ...presets, spravato: { ...presets.spravato, preDoseBpRequired: false } } })),
    ).toBe('accepted');
    const spravato = await undosed('spravato');
    expect(message(await dose(spravato, { mg: 56 }))).toBe(
      'Take a blood pressure before the dose: none is recorded in this session yet.',
    );
    await bp(spravato);
    expect(message(await dose(spravato, { mg: 56 }))).toBe('accepted');
  });
});

describe("a refusal's times", () => {
  it('are written in the zone the rule is given: the same session, two zones, two clock times', async () => {
    const id = await t.dosedSession(); // the dose at 09:10 UTC, no blood pressure since
    const state = t.room.state(id);
    expect(boosterRefusal(state, Infinity, undefined, 'UTC')?.message).toBe(
      'Take a blood pressure before the booster: none is recorded since the last dose at 09:10.',
    );
    expect(boosterRefusal(state, Infinity, undefined, 'Asia/Kolkata')?.message).toBe(
      'Take a blood pressure before the booster: none is recorded since the last dose at 14:40.',
    );
  });

  it("are written by the room in the clinic's time zone of its settings, changed or not", async () => {
    const id = await t.dosedSession();
    const booster = () => t.call('recordDose', { sessionId: id, mg: 20, booster: true, ...sign('Dr Kim') });
    t.room.settings.update({ clinicTimeZone: 'UTC' });
    expect(message(await booster())).toBe(
      'Take a blood pressure before the booster: none is recorded since the last dose at 09:10.',
    );
    t.room.settings.update({ clinicTimeZone: 'America/Los_Angeles' });
    expect(message(await booster())).toBe(
      'Take a blood pressure before the booster: none is recorded since the last dose at 01:10.',
    );
  });
});

describe('a session with no dose closes', () => {
  it('closes with its reason only while nothing was given; a dosed session still needs a discharge or a departure', async () => {
    const id = await undosed('im');
    expect(message(await t.call('closeSession', { sessionId: id, author: 'Dr Kim', reason: '  ' }))).toBe(
      'Say why the session closes without a dose (for example "BP above 140/90: dose withheld").',
    );
    expect(
      message(await t.call('closeSession', { sessionId: id, author: 'Dr Kim', reason: 'patient unwell, rebooked' })),
    ).toBe('accepted');
    expect(t.room.state(id).discharge.closed).toMatchObject({
      outcome: 'no_dose',
      reason: 'patient unwell, rebooked',
      by: 'Dr Kim',
    });
    expect(t.room.sessions.listSessions({ limit: 5 })[0]).toMatchObject({ outcome: 'no_dose' });

    const dosed = await t.dosedSession('im', 60);
    expect(
      message(await t.call('closeSession', { sessionId: dosed, author: 'Dr Kim', reason: 'changed our minds' })),
    ).toBe(
      'A dose was given: discharge the patient, or record that they left against advice, before closing the session.',
    );
  });
});

describe('IV: the earliest discharge counts from the infusion end', () => {
  it('until the end is marked the planned length (a preset field) is only an estimate, named as such; once marked, it counts from the mark', async () => {
    const id = await t.dosedSession('iv', 40);
    const state = () => t.room.state(id);
    const rule = () => computeTimeline(state().preset, state().doses, state().marks, t.clock.now()).dischargeRule;
    expect(state().preset.infusionMin).toBe(40);
    expect(rule()).toBe('an estimate: 100 min after the last dose, with the infusion planned at 40 min; mark its end');
    t.clock.advance(55 * MIN);
    await t.ok('addMark', { sessionId: id, mark: 'infusion_ended', author: 'Dr Kim', ...sign('Dr Kim') });
    expect(rule()).toBe('60 min after the infusion ended');
    t.clock.advance(50 * MIN); // +105: past the 100-min minimum, 50 min after the end
    await t.readyButTime(id);
    expect(message(await t.call('discharge', { sessionId: id, ...sign('Dr Kim') }))).toMatch(
      /Still missing: the minimum time since the last dose: 10 min to go/,
    );
    t.clock.advance(10 * MIN);
    expect(message(await t.call('discharge', { sessionId: id, ...sign('Dr Kim') }))).toBe('accepted');
  });
});

describe('the infusion end is marked once', () => {
  it('a second mark after the last dose is refused with the time of the first; struck by a clinician, it is marked again; a route with no infusion has none to mark', async () => {
    const id = await t.dosedSession('iv', 40);
    t.clock.advance(40 * MIN);
    const end = await t.ok('addMark', { sessionId: id, mark: 'infusion_ended', author: 'Dr Kim', ...sign('Dr Kim') });
    t.clock.advance(5 * MIN);
    expect(
      message(await t.call('addMark', { sessionId: id, mark: 'infusion_ended', author: 'Dr Kim', ...sign('Dr Kim') })),
    ).toMatch(
      /^The end of the infusion is already marked at \d\d:\d\d\. To move it, a clinician strikes that mark with a reason, then marks it again\.$/,
    );
    await t.ok('amendEntry', {
      sessionId: id,
      targetSeq: end.seq,
      action: 'strike',
      reason: 'pressed before the pump stopped',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
    });
    expect(
      message(await t.call('addMark', { sessionId: id, mark: 'infusion_ended', author: 'Dr Kim', ...sign('Dr Kim') })),
    ).toBe('accepted');
    const other = testRoom();
    const im = await other.dosedSession('im', 60);
    expect(
      message(
        await other.call('addMark', { sessionId: im, mark: 'infusion_ended', author: 'Dr Kim', ...sign('Dr Kim') }),
      ),
    ).toBe('IM injection is not given as an infusion: there is no infusion end to mark.');
    expect(message(await other.call('addMark', { sessionId: im, mark: 'peak_reached', author: 'Sam' }))).toBe(
      'accepted',
    );
  });
});

describe('the baseline BP answer is checked against the record', () => {
  it('"within limits: yes" is refused with 150/95 on record above the 140/90 limit; "no" with why is kept; after 124/80 on rest, "yes" is recorded', async () => {
    const view = await t.ok('startSession', {
      patientRef: 'D-2',
      presetId: 'im',
      plannedDoseMg: 60,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });
    const sessionId = view.session.id;
    const answer = (a: 'yes' | 'no', reason?: string) =>
      t.call('answerChecklist', {
        sessionId,
        item: 'baseline_bp',
        answer: a,
        author: 'Sam',
        ...(reason ? { reason } : {}),
      });
    await t.ok('recordVitals', { sessionId, values: { systolic: 150, diastolic: 95 }, author: 'Sam' });
    expect(message(await answer('yes'))).toMatch(
      /^The blood pressure on record, 150\/95 at \d\d:\d\d, is at or above the 140\/90 limit: answer "no" and say why, take it again after rest, or a clinician reviews it \(acknowledges its alert\) first\.$/,
    );
    expect(t.room.state(sessionId).discharge.checklist.baseline_bp).toBeUndefined();
    expect(message(await answer('no', 'anxious on arrival'))).toBe('accepted');
    t.clock.advance(10 * MIN);
    await t.ok('recordVitals', { sessionId, values: { systolic: 124, diastolic: 80 }, author: 'Sam' });
    expect(message(await answer('yes'))).toBe('accepted');
    expect(t.room.state(sessionId).discharge.checklist.baseline_bp).toMatchObject({ answer: 'yes' });
  });
});

describe('no booster after the infusion ended', () => {
  it('a booster after "Infusion ended" is refused with the end time; the same booster before the end is recorded', async () => {
    const seen = async (sessionId: string) => {
      await bp(sessionId);
      await t.ok('recordScore', { sessionId, content: { scale: 'moaas', score: 5 }, author: 'Sam' });
    };
    const booster = (sessionId: string) =>
      t.call('recordDose', { sessionId, mg: 10, booster: true, ...sign('Dr Kim') });
    const id = await t.dosedSession('iv', 40);
    t.clock.advance(20 * MIN);
    await seen(id);
    expect(message(await booster(id))).toBe('accepted');
    t.clock.advance(20 * MIN);
    await t.ok('addMark', { sessionId: id, mark: 'infusion_ended', author: 'Dr Kim', ...sign('Dr Kim') });
    t.clock.advance(5 * MIN);
    await seen(id);
    expect(message(await booster(id))).toMatch(
      /^The infusion ended at \d\d:\d\d: no booster after its end\. If it is still running, a clinician strikes "Infusion ended" first\.$/,
    );
    expect(t.room.state(id).doses.filter((d) => d.booster)).toHaveLength(1);
  });
});

describe('Spravato', () => {
  it('a dose is devices of 28 mg, each with its time and the 5-minute rest; the 2-hour monitoring counts from the last device', async () => {
    const id = await undosed('spravato');
    await bp(id);
    expect(message(await dose(id, { mg: 70 }))).toBe(
      'A Spravato dose is given as devices of 28 mg: enter 28, 56 (2 devices) or 84 mg (3 devices).',
    );
    expect(message(await dose(id, { mg: 84 }))).toBe('accepted');
    t.clock.advance(3 * MIN);
    expect(message(await dose(id, { mg: 28 }))).toMatch(
      /^Rest 5 minutes between devices: device 2 of 3 can be given from \d\d:\d\d \(device 1 at \d\d:\d\d\)\.$/,
    );
    t.clock.advance(2 * MIN);
    expect(message(await dose(id, { mg: 28 }))).toBe('accepted');
    t.clock.advance(5 * MIN);
    expect(message(await dose(id, { mg: 28 }))).toBe('accepted');
    t.clock.advance(5 * MIN);
    expect(message(await dose(id, { mg: 28 }))).toBe(
      'All 3 devices of this dose are recorded. Spravato has no booster: record another dose only in a new session.',
    );
    const state = t.room.state(id);
    expect(state.doses.map((d) => [d.mg, d.device])).toEqual([
      [28, { n: 1, of: 3 }],
      [28, { n: 2, of: 3 }],
      [28, { n: 3, of: 3 }],
    ]);
    const timeline = computeTimeline(state.preset, state.doses, state.marks, t.clock.now());
    expect(timeline.earliestDischargeAt).toBe(state.doses[2]!.at + 120 * MIN);
  });

  it('a booster is refused for Spravato with a sentence; other routes take one', async () => {
    const id = await t.dosedSession('spravato', 56);
    t.clock.advance(10 * MIN);
    expect(message(await t.call('recordDose', { sessionId: id, mg: 28, booster: true, ...sign('Dr Kim') }))).toBe(
      'Spravato has no booster: the dose is the devices given at the start (28 mg each). Record another dose only in a new session.',
    );
    t = testRoom();
    const other = await t.dosedSession('sublingual', 150);
    t.clock.advance(10 * MIN);
    // A booster waits for a recent BP and a MOAA/S of 4 or more.
    await t.ok('recordVitals', { sessionId: other, values: { systolic: 124, diastolic: 80 }, author: 'Sam' });
    await t.ok('recordScore', { sessionId: other, content: { scale: 'moaas', score: 5 }, author: 'Sam' });
    expect(message(await t.call('recordDose', { sessionId: other, mg: 50, booster: true, ...sign('Dr Kim') }))).toBe(
      'accepted',
    );
  });
});

describe('PADSS', () => {
  it('counts only assessments after the last dose within the window, and vomiting entries lower the nausea part', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(40 * MIN);
    await t.readyButTime(id);
    await t.ok('attest', { sessionId: id, item: 'pain', answer: 'yes', author: 'Sam' });
    expect(computePadss(t.room.state(id), t.clock.now())).toMatchObject({ total: 10, fit: true });
    t.clock.advance(45 * MIN); // the assessments are now 45 min old
    const stale = computePadss(t.room.state(id), t.clock.now());
    expect(stale.total).toBeNull();
    // Vital signs, activity, nausea and vomiting, pain, surgical bleeding (always 2 here): the modified PADSS.
    expect(stale.parts.map((p) => p.score)).toEqual([null, null, null, null, 2]);

    await t.readyButTime(id);
    await t.ok('attest', { sessionId: id, item: 'pain', answer: 'yes', author: 'Sam' });
    t.clock.advance(2 * MIN);
    await t.ok('recordObservation', { sessionId: id, content: { tags: ['vomiting'] }, author: 'Sam' });
    const padss = computePadss(t.room.state(id), t.clock.now());
    expect(padss.parts[2]).toMatchObject({
      label: 'Nausea and vomiting',
      score: 1,
      basis: 'nausea minimal, vomiting noted at T+1:27',
    });
    expect(padss).toMatchObject({ total: 9, fit: true });
  });
});

describe('leaving against advice', () => {
  it('records at least one action taken, or a note why none was possible', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(20 * MIN);
    const none = await t.call('recordLeftAgainstAdvice', {
      sessionId: id,
      reason: 'Walked out',
      actions: [],
      ...sign('Dr Kim'),
    });
    expect(message(none)).toBe(
      'Record at least one action taken (risks explained, escort called, ...) or a note why none was possible.',
    );
    expect(t.room.state(id).discharge.leftAgainstAdvice).toBeNull();
    const noted = await t.call('recordLeftAgainstAdvice', {
      sessionId: id,
      reason: 'Walked out',
      actions: [],
      note: 'left while staff were with another patient; no one to call',
      ...sign('Dr Kim'),
    });
    expect(message(noted)).toBe('accepted');
  });

  it('"risks explained" is one of the actions', async () => {
    const id = await t.dosedSession('im', 60);
    expect(
      message(
        await t.call('recordLeftAgainstAdvice', {
          sessionId: id,
          reason: 'Wanted to go',
          actions: ['risks_explained'],
          ...sign('Dr Kim'),
        }),
      ),
    ).toBe('accepted');
  });
});

describe('settings cannot contradict themselves', () => {
  const thresholds = DEFAULT_SETTINGS.thresholds;
  const presets = DEFAULT_SETTINGS.presets;
  it.each([
    [
      { thresholds: { ...thresholds, bpUrgent: { systolic: 170, diastolic: 120 } } },
      'The urgent blood pressure (170/120) must be above the warning one (180/110). Raise the urgent threshold or lower the warning one.',
    ],
    [
      { thresholds: { ...thresholds, spo2: { warning: 90, urgent: 92 } } },
      'The urgent SpO2 (92%) must be below the warning one (90%). Lower the urgent threshold.',
    ],
    [
      { thresholds: { ...thresholds, moaas: { warning: 2, urgent: 3 } } },
      'The urgent MOAA/S (3) must be below the warning one (2). Lower the urgent threshold.',
    ],
    [
      { presets: { ...presets, im: { ...presets.im, earliestDischargeMin: 45 } } },
      /^The IM injection preset: earliest discharge: the earliest discharge cannot be under the clinic floor of 60 minutes after the last dose/,
    ],
    [
      { presets: { ...presets, spravato: { ...presets.spravato, earliestDischargeMin: 90 } } },
      /cannot be shorter than this route's required minimum|120 minutes/,
    ],
  ])('refuses %j with a sentence and keeps the settings', async (patch, sentence) => {
    const before = t.room.settings.get();
    expect(message(await admin(patch as Partial<Settings>))).toMatch(sentence);
    expect(t.room.settings.get()).toEqual(before);
    expect(t.room.settings.get().thresholds).toEqual(DEFAULT_SETTINGS.thresholds);
    expect(t.room.settings.get().presets).toEqual(DEFAULT_SETTINGS.presets);
  });

  it('a consistent change is saved', async () => {
    expect(
      message(
        await admin({
          thresholds: { ...thresholds, bpWarning: { systolic: 170, diastolic: 105 } },
          presets: { ...presets, im: { ...presets.im, earliestDischargeMin: 60 } },
        }),
      ),
    ).toBe('accepted');
  });
});
