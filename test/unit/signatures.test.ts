import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { checklistFor } from '../../main/core/pure/discharge/checklist';
import { dischargeGate } from '../../main/core/pure/rules/gate';
import { buildReport, reportOptions } from '../../main/core/pure/report/model';
import { closeRoom, openRoom } from '../../main/core/open-room';
import { openHostSettings } from '../../main/host/settings-backend';
import { ManualClock } from '../../main/core/clock';
import { dispatch } from '../../main/core/bridge/dispatch';
import { MIN, T0, testRoom } from '../support/room';
import { tempDataDir } from '../support/host-process';
import { PINS, sign } from '../support/staff';

let t: ReturnType<typeof testRoom>;
beforeEach(() => {
  t = testRoom();
});
const report = (id: string) =>
  buildReport(t.room.sessions.events(id), t.clock.now(), reportOptions(t.room.settings.get()));
const refusal = (code: string, sentence: string | RegExp) => ({
  ok: false,
  error: { code, message: typeof sentence === 'string' ? sentence : expect.stringMatching(sentence) },
});

/** A session with its day-of checklist answered "yes" and a pre-dose BP, ready for its dose (no dose yet). */
async function readyForDose(
  presetId: 'im' | 'spravato' = 'im',
  bp = { systolic: 120, diastolic: 80 },
): Promise<string> {
  const view = await t.ok('startSession', {
    patientRef: 'AB-1024',
    presetId,
    plannedDoseMg: presetId === 'spravato' ? 56 : 60,
    therapist: 'Dr Kim',
    sitter: 'Sam',
  });
  const sessionId = view.session.id;
  for (const item of checklistFor({ id: presetId }))
    await t.ok('answerChecklist', { sessionId, item, answer: 'yes', author: 'Sam' });
  t.clock.advance(5 * MIN);
  await t.ok('recordVitals', {
    sessionId,
    values: { ...bp, heartRate: 70, spo2: 98, respiratoryRate: 14 },
    author: 'Sam',
  });
  t.clock.advance(2 * MIN);
  return sessionId;
}

describe('a fresh room with no staff list', () => {
  it('records a session, but no dose and no urgent acknowledgement, until its first clinician is set up; then the clinician signs both', async () => {
    const fresh = testRoom({ staff: [] });
    const view = await fresh.ok('startSession', {
      patientRef: 'AB-1024',
      presetId: 'im',
      plannedDoseMg: 60,
      therapist: 'Jo Park',
      sitter: 'Sam',
    });
    const sessionId = view.session.id;
    for (const item of checklistFor({ id: 'im' }))
      await fresh.ok('answerChecklist', { sessionId, item, answer: 'yes', author: 'Sam' });
    const urgent = await fresh.ok('recordVitals', {
      sessionId,
      values: { systolic: 210, diastolic: 125, heartRate: 80 },
      author: 'Sam',
    });
    expect(
      await fresh.call('acknowledgeAlert', {
        sessionId,
        targetSeq: urgent.seq,
        signal: 'bp',
        note: 'ok',
        author: 'Sam',
        signer: 'Sam',
        pin: '123456',
      }),
    ).toMatchObject(
      refusal(
        'not_permitted',
        /^Only a clinician may acknowledge an urgent alert, and the room's staff list names none yet\. An admin adds a clinician with their personal PIN/,
      ),
    );
    expect(
      await fresh.call('recordDose', { sessionId, mg: 60, booster: false, signer: 'Sam', pin: '123456' }),
    ).toMatchObject(
      refusal('not_permitted', /^Only a clinician may sign a dose .*, and the room's staff list names none yet/),
    );
    expect(fresh.room.state(sessionId).doses).toHaveLength(0);
    expect((await fresh.ok('getRoom', {})).setupNeeded).toBe(true);

    const setup = await fresh.ok('completeSetup', {
      adminPin: '2580',
      clinicName: 'Harbour Clinic',
      timeZone: 'Europe/London',
      clinicianName: 'Dr Kim',
      clinicianPin: '135790',
      clinicianPinAgain: '135790',
    });
    expect(setup).toMatchObject({
      setupNeeded: false,
      recorder: { name: 'Dr Kim', role: 'clinician' },
      staff: [{ name: 'Dr Kim', role: 'clinician', hasPin: true }],
    });
    expect(setup.settings).toMatchObject({ clinicName: 'Harbour Clinic', clinicTimeZone: 'Europe/London' });
    expect(
      (
        await fresh.call('acknowledgeAlert', {
          sessionId,
          targetSeq: urgent.seq,
          signal: 'bp',
          note: 'Re-taken after rest: 150/92; dosing reviewed',
          author: 'Dr Kim',
          ...sign('Dr Kim'),
          signer: 'Dr Kim',
          pin: '135790',
        })
      ).ok,
    ).toBe(true);
    expect(
      await fresh.call('completeSetup', {
        adminPin: '1111',
        clinicName: 'Other',
        timeZone: 'Europe/London',
        clinicianName: 'Mallory',
        clinicianPin: '000000',
        clinicianPinAgain: '000000',
      }),
    ).toMatchObject(
      refusal('already_set_up', 'This room is already set up. An admin changes its settings and staff under Admin.'),
    );
  });

  it('a refused setup writes nothing: two different clinician PINs, an admin PIN reused, a time zone the computer does not know', async () => {
    const fresh = testRoom({ staff: [] });
    const base = {
      adminPin: '2580',
      clinicName: 'Harbour Clinic',
      timeZone: 'Europe/London',
      clinicianName: 'Dr Kim',
      clinicianPin: '135790',
      clinicianPinAgain: '135790',
    };
    expect(await fresh.call('completeSetup', { ...base, clinicianPinAgain: '135791' })).toMatchObject(
      refusal('pin_mismatch', "The clinician's two PINs are not the same. Type the PIN twice."),
    );
    expect(
      await fresh.call('completeSetup', {
        ...base,
        clinicianPin: '258025',
        clinicianPinAgain: '258025',
        adminPin: '258025',
      }),
    ).toMatchObject(refusal('pin_shared', /must not be the admin PIN/));
    expect(
      await fresh.call('completeSetup', { ...base, clinicianPin: '1357', clinicianPinAgain: '1357' }),
    ).toMatchObject(refusal('invalid_pin', /^A personal PIN is 6 to 12 digits\./));
    expect(await fresh.call('completeSetup', { ...base, timeZone: 'Mars/Olympus' })).toMatchObject(
      refusal('invalid_settings', /time zone is not one this computer knows/),
    );
    expect(fresh.room.settings.get().staff).toEqual([]);
    expect(fresh.room.admin.status().pinSet).toBe(false);
  });
});

describe('who is recording', () => {
  it('switching to a person takes their PIN: the sitter cannot become the clinician by picking a name', async () => {
    const id = await t.dosedSession();
    await t.ok('switchRecorder', { name: 'Sam', pin: PINS.Sam! });
    expect(await t.raw('switchRecorder', { name: 'Dr Kim', pin: '000000' })).toMatchObject(
      refusal('wrong_pin', 'That name and PIN do not match. Try again.'),
    );
    expect(await t.raw('switchRecorder', { name: 'Dr Kim', pin: PINS.Sam! })).toMatchObject(
      refusal('wrong_pin', 'That name and PIN do not match. Try again.'),
    );
    // A name nobody has gets the same sentence: the answer never says which part was wrong.
    expect(await t.raw('switchRecorder', { name: 'Dr Nobody', pin: PINS.Sam! })).toMatchObject(
      refusal('wrong_pin', 'That name and PIN do not match. Try again.'),
    );
    expect((await t.ok('getRoom', {})).recorder).toMatchObject({ name: 'Sam', role: 'sitter' });
    // Recording under another person's name is refused; the person recording records.
    expect(
      await t.raw('recordObservation', { sessionId: id, content: { text: 'Calm', tags: [] }, author: 'Dr Kim' }),
    ).toMatchObject(
      refusal('not_recorder', 'Sam is recording. To record as Dr Kim, switch to them with their own PIN (Alt+S).'),
    );
    expect(
      (await t.raw('recordObservation', { sessionId: id, content: { text: 'Calm', tags: [] }, author: 'Sam' })).ok,
    ).toBe(true);
    // The shift change: Jo Park takes over with her PIN, and the record says when.
    t.clock.advance(30 * MIN);
    const room = await t.ok('switchRecorder', { name: 'Jo Park', pin: PINS['Jo Park']! });
    expect(room.recorder).toMatchObject({ name: 'Jo Park', role: 'therapist' });
    await t.raw('recordVitals', { sessionId: id, values: { heartRate: 72 }, author: 'Jo Park' });
    const r = report(id);
    expect(r.recorders.map((x) => [x.name, x.role, x.at])).toEqual([['Jo Park', 'therapist', T0 + 40 * MIN]]);
    expect(
      r.entries.filter((e) => e.kind !== 'vitals' || e.author === 'Jo Park').map((e) => [e.text, e.author, e.role]),
    ).toEqual([
      ['Calm', 'Sam', 'sitter'],
      ['Vitals: HR 72', 'Jo Park', 'therapist'],
    ]);
  });

  it('five wrong PINs lock that person for 5 minutes, recorded in the staff log; the right PIN works again after', async () => {
    for (let i = 0; i < 4; i++)
      expect(await t.raw('switchRecorder', { name: 'Jo Park', pin: '999999' })).toMatchObject(
        refusal('wrong_pin', 'That name and PIN do not match. Try again.'),
      );
    expect(await t.raw('switchRecorder', { name: 'Jo Park', pin: '999999' })).toMatchObject(
      refusal(
        'staff_locked',
        /^Too many wrong PINs: Jo Park is locked until \d\d:\d\d \(5 minutes\)\. Try again then, or ask an admin to reset the PIN\.$/,
      ),
    );
    // Locked: even the right PIN waits, with the same sentence.
    expect(await t.raw('switchRecorder', { name: 'Jo Park', pin: PINS['Jo Park']! })).toMatchObject(
      refusal('staff_locked', /^Too many wrong PINs: Jo Park is locked/),
    );
    expect(t.room.staffLog.recent()[0]).toMatchObject({ action: 'locked', subject: 'Jo Park' });
    t.clock.advance(5 * MIN + 1000);
    expect((await t.raw('switchRecorder', { name: 'Jo Park', pin: PINS['Jo Park']! })).ok).toBe(true);
    // Someone else was never locked by it.
    expect((await t.raw('switchRecorder', { name: 'Sam', pin: PINS.Sam! })).ok).toBe(true);
  });

  it('a person on an upgraded staff list with no PIN yet sets one at their first act, typed twice', async () => {
    const upgraded = testRoom({ staff: [] });
    upgraded.room.settings.update({ staff: [{ id: 'staff-lee', name: 'Dr Lee', role: 'clinician' }] });
    expect(await upgraded.raw('switchRecorder', { name: 'Dr Lee', pin: '975310' })).toMatchObject(
      refusal('pin_not_set', 'Dr Lee has no personal PIN yet: choose one (6 to 12 digits) and type it twice.'),
    );
    expect(await upgraded.raw('switchRecorder', { name: 'Dr Lee', pin: '975310', pinAgain: '975311' })).toMatchObject(
      refusal('pin_mismatch', /not the same/),
    );
    expect((await upgraded.raw('switchRecorder', { name: 'Dr Lee', pin: '975310', pinAgain: '975310' })).ok).toBe(true);
    // From then on it is their PIN: a second "first" PIN does not replace it.
    expect(await upgraded.raw('switchRecorder', { name: 'Dr Lee', pin: '111111', pinAgain: '111111' })).toMatchObject(
      refusal('wrong_pin', /do not match/),
    );
    expect(upgraded.room.staffLog.recent().map((l) => [l.action, l.subject])).toContainEqual(['pin_set', 'Dr Lee']);
  });
});

describe('signatures: each clinical act signed by the clinician who did it, with their PIN at that moment', () => {
  it('the sitter cannot sign past a checklist "no" with the clinician\'s name; the clinician\'s signature carries the decision', async () => {
    const view = await t.ok('startSession', {
      patientRef: 'AB-1024',
      presetId: 'im',
      plannedDoseMg: 60,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });
    const sessionId = view.session.id;
    for (const item of checklistFor({ id: 'im' })) {
      const no = item === 'fasting';
      await t.ok('answerChecklist', {
        sessionId,
        item,
        answer: no ? 'no' : 'yes',
        ...(no ? { reason: 'benzodiazepine this morning' } : {}),
        author: 'Sam',
      });
    }
    t.clock.advance(5 * MIN);
    await t.ok('recordVitals', { sessionId, values: { systolic: 120, diastolic: 80, heartRate: 70 }, author: 'Sam' });
    const dose = (extra: Record<string, unknown>) =>
      t.call('recordDose', { sessionId, mg: 60, booster: false, proceedPastChecklist: true, ...extra } as never);
    expect(await dose({ signer: 'Dr Kim', pin: PINS.Sam })).toMatchObject(
      refusal('wrong_pin', 'That name and PIN do not match. Try again.'),
    );
    expect(await dose({ signer: 'Sam', pin: PINS.Sam })).toMatchObject(
      refusal(
        'not_permitted',
        /^Only a clinician may sign a dose .* Sam is on the staff list as a sitter: ask Dr Kim to sign\.$/,
      ),
    );
    expect(await dose({})).toMatchObject(refusal('invalid_arguments', /Enter the person signing's name/));
    expect(await t.call('recordDose', { sessionId, mg: 60, booster: false, ...sign('Dr Kim') })).toMatchObject(
      refusal('proceed_decision_needed', /^Going ahead despite .* is the signing clinician's decision/),
    );
    expect(t.room.state(sessionId).doses).toHaveLength(0);
    const given = await t.ok('recordDose', {
      sessionId,
      mg: 60,
      booster: false,
      proceedPastChecklist: true,
      ...sign('Dr Kim'),
    });
    expect(given).toMatchObject({
      author: 'Dr Kim',
      authorRole: 'clinician',
      payload: { decision: { clinician: 'Dr Kim' }, signature: { name: 'Dr Kim', role: 'clinician' } },
    });
    const r = report(sessionId);
    expect(r.signatures).toEqual([
      {
        seq: given.seq,
        at: given.recordedAt,
        name: 'Dr Kim',
        role: 'clinician',
        meaning: expect.stringMatching(
          /^ordered the dose of 60 mg \(IM injection\); approved the dose despite: Fasting.*\(no: benzodiazepine this morning\)$/,
        ),
      },
    ]);
  });

  it("acknowledging an urgent alert takes a clinician's signature, whoever is recording; a warning is acknowledged by the person recording", async () => {
    const id = await t.dosedSession();
    t.clock.advance(20 * MIN);
    const urgent = await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 210, diastolic: 125, spo2: 91 },
      author: 'Sam',
    });
    const ack = { sessionId: id, targetSeq: urgent.seq, signal: 'bp', note: 'ok', author: 'Sam' } as const;
    expect(await t.call('acknowledgeAlert', ack)).toMatchObject(
      refusal('signature_needed', /is a clinician's signed act: the clinician signs it with their name and PIN\.$/),
    );
    expect(await t.call('acknowledgeAlert', { ...ack, signer: 'Sam', pin: PINS.Sam! })).toMatchObject(
      refusal(
        'not_permitted',
        /^Only a clinician may acknowledge an urgent alert\. Sam is on the staff list as a sitter: ask Dr Kim to sign\.$/,
      ),
    );
    expect(await t.call('acknowledgeAlert', { ...ack, signer: 'Dr Kim', pin: '000000' })).toMatchObject(
      refusal('wrong_pin', /do not match/),
    );
    expect(t.room.state(id).alerts.find((a) => a.signal === 'bp')!.acknowledged).toBeUndefined();
    // Sam is still the one recording; the act is Dr Kim's, signed at his side.
    const done = await t.ok('acknowledgeAlert', { ...ack, note: 'BP re-taken lying down, 150/90', ...sign('Dr Kim') });
    expect(done).toMatchObject({
      author: 'Dr Kim',
      authorRole: 'clinician',
      payload: {
        signature: {
          name: 'Dr Kim',
          meaning: expect.stringMatching(/^acknowledged "BP 210\/125.*: BP re-taken lying down, 150\/90$/),
        },
      },
    });
    expect((await t.ok('getRoom', {})).recorder?.name).toBe('Sam');
    expect(
      (
        await t.call('acknowledgeAlert', {
          sessionId: id,
          targetSeq: urgent.seq,
          signal: 'spo2',
          author: 'Sam',
          note: 'probe re-seated, 95%',
        })
      ).ok,
    ).toBe(true);
  });

  it("the sitter's correction of a pre-dose BP that holds the Spravato dose is refused; the clinician's signed correction keeps the original and names them", async () => {
    const id = await readyForDose('spravato', { systolic: 162, diastolic: 98 });
    const pre = t.room.state(id).entries.find((e) => e.kind === 'vitals')!;
    const correct = {
      sessionId: id,
      targetSeq: pre.seq,
      action: 'correct',
      reason: 'misread',
      replacement: { systolic: 132, diastolic: 84, heartRate: 70, spo2: 98, respiratoryRate: 14 },
      author: 'Sam',
    } as const;
    expect(await t.call('amendEntry', correct)).toMatchObject(
      refusal('signature_needed', /^Correcting the vitals BP 162\/98.* is a clinician's signed act/),
    );
    expect(await t.call('amendEntry', { ...correct, signer: 'Sam', pin: PINS.Sam! })).toMatchObject(
      refusal(
        'not_permitted',
        /^Only a clinician may correct or strike a reading that raised an alert or holds the dose or discharge\./,
      ),
    );
    expect(await t.call('recordDose', { sessionId: id, mg: 56, booster: false, ...sign('Dr Kim') })).toMatchObject(
      refusal('pre_dose_bp_review', /^Pre-dose BP 162\/98/),
    );
    const fix = await t.ok('amendEntry', { ...correct, ...sign('Dr Kim') });
    expect(fix).toMatchObject({
      author: 'Dr Kim',
      payload: {
        signature: {
          name: 'Dr Kim',
          role: 'clinician',
          meaning: expect.stringMatching(/^corrected the vitals BP 162\/98.*: misread$/),
        },
      },
    });
    // The original stays visible, struck through by its correction, with who and why.
    expect(t.room.state(id).entries.find((e) => e.seq === pre.seq)!.correctedBy).toMatchObject({
      by: 'Dr Kim',
      reason: 'misread',
    });
    // The clinician's signed correction is the review: the dose goes ahead on the corrected reading, signed again.
    expect((await t.call('recordDose', { sessionId: id, mg: 56, booster: false, ...sign('Dr Kim') })).ok).toBe(true);
  });

  it('a reading that holds discharge is corrected only with a clinician\'s signature, and the gate\'s evidence says "corrected from ... by ..."', async () => {
    const id = await t.dosedSession();
    t.clock.advance(121 * MIN);
    await t.readyButTime(id);
    const high = await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 186, diastolic: 112, heartRate: 76, spo2: 97, respiratoryRate: 14 },
      author: 'Sam',
    });
    const correct = {
      sessionId: id,
      targetSeq: high.seq,
      action: 'correct',
      reason: 'cuff slipped; re-read 136/82',
      replacement: { systolic: 136, diastolic: 82, heartRate: 76, spo2: 97, respiratoryRate: 14 },
      author: 'Sam',
    } as const;
    expect(await t.call('amendEntry', { ...correct, signer: 'Sam', pin: PINS.Sam! })).toMatchObject(
      refusal('not_permitted', /^Only a clinician may correct or strike a reading/),
    );
    await t.ok('amendEntry', { ...correct, ...sign('Dr Kim') });
    const gate = dischargeGate(t.room.state(id), t.clock.now(), 'Dr Kim', { timeZone: 'UTC', endBpWithinMin: 15 });
    expect(gate.conditions.find((c) => c.id === 'vitals')?.evidence).toMatch(
      /BP 136\/82 \(corrected from 186\/112 by Dr Kim: cuff slipped; re-read 136\/82\)/,
    );
    // A sitter still corrects a typo in a reading that holds nothing (an observation, a normal reading before the latest).
    const note = await t.ok('recordObservation', {
      sessionId: id,
      content: { text: 'Asks for wter', tags: [] },
      author: 'Sam',
    });
    expect(
      (
        await t.call('amendEntry', {
          sessionId: id,
          targetSeq: note.seq,
          action: 'correct',
          reason: 'typo',
          replacement: { text: 'Asks for water', tags: [] },
          author: 'Sam',
        })
      ).ok,
    ).toBe(true);
  });

  it("discharge is the discharging clinician's signature: never a typed name", async () => {
    const id = await t.dosedSession();
    t.clock.advance(121 * MIN);
    await t.readyButTime(id);
    expect(await t.call('discharge', { sessionId: id, signer: 'Dr Kim', pin: PINS.Sam! })).toMatchObject(
      refusal('wrong_pin', /do not match/),
    );
    expect(await t.call('discharge', { sessionId: id, ...sign('Jo Park') })).toMatchObject(
      refusal(
        'not_permitted',
        /^Only a clinician may discharge the patient\. Jo Park is on the staff list as a therapist: ask Dr Kim to sign\.$/,
      ),
    );
    expect(await t.call('discharge', { sessionId: id, ...sign('Pat Doe') })).toMatchObject(
      refusal('not_permitted', /"Pat Doe" is not on the room's staff list: ask Dr Kim to sign\.$/),
    );
    const [discharged] = await t.ok('discharge', { sessionId: id, ...sign('Dr Kim') });
    expect(discharged).toMatchObject({
      author: 'Dr Kim',
      authorRole: 'clinician',
      payload: {
        signature: {
          name: 'Dr Kim',
          role: 'clinician',
          meaning: 'discharged the patient: every discharge condition met',
        },
      },
    });
    expect(report(id).discharge).toMatchObject({ clinician: 'Dr Kim', clinicianRole: 'clinician' });
  });

  it('the PIN never reaches the session log, the staff log or the settings file; only its scrypt hash is kept', async () => {
    const dir = tempDataDir('room-pins-');
    const settingsFiles = openHostSettings(dir);
    const room = openRoom({ dataDir: dir, clock: new ManualClock(T0), settingsBackend: settingsFiles });
    const call = (method: string, args: unknown) => dispatch(room.handlers, method, args, () => {});
    const setup = await call('completeSetup', {
      adminPin: '2580',
      clinicName: 'Harbour Clinic',
      timeZone: 'UTC',
      clinicianName: 'Dr Kim',
      clinicianPin: '864213',
      clinicianPinAgain: '864213',
    });
    expect(setup.ok).toBe(true);
    const started = await call('startSession', {
      patientRef: 'AB-1024',
      presetId: 'sublingual',
      plannedDoseMg: 150,
      therapist: 'Dr Kim',
      sitter: '',
    });
    const sessionId = (started as { ok: true; value: { session: { id: string } } }).value.session.id;
    await call('recordVitals', { sessionId, values: { systolic: 205, diastolic: 120 }, author: 'Dr Kim' });
    await call('acknowledgeAlert', {
      sessionId,
      targetSeq: 2,
      signal: 'bp',
      note: 'Re-taken',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      signer: 'Dr Kim',
      pin: '864213',
    });
    await closeRoom(room);
    const everything = [
      fs.readFileSync(path.join(dir, 'settings.json'), 'utf8'),
      ...fs
        .readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => fs.statSync(path.join(dir, f)).isFile())
        .map((f) => fs.readFileSync(path.join(dir, f)).toString('latin1')),
    ].join('\n');
    expect(everything).not.toContain('864213');
    const pins = Object.values(
      JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')).staffPins as Record<string, unknown>,
    );
    expect(pins).toEqual([
      expect.objectContaining({
        pin: expect.objectContaining({ algorithm: 'scrypt', N: 32768, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }),
      }),
    ]);
  });
});

describe('the staff list, kept by the admin', () => {
  const adminKey = async () => (await t.ok('setAdminPin', { pin: '2580' })).adminKey;

  it('adds a person with a first PIN, resets a PIN (lifting a lock), changes a role and removes a person, each in the staff log with who and when', async () => {
    const key = await adminKey();
    expect(
      await t.call('saveStaffMember', {
        adminKey: key,
        id: null,
        name: 'Dr Lee',
        role: 'clinician',
        changedBy: 'Ana (admin)',
      }),
    ).toMatchObject(
      refusal('pin_needed', 'Give Dr Lee a first PIN (6 to 12 digits): they change it to their own later.'),
    );
    const added = await t.ok('saveStaffMember', {
      adminKey: key,
      id: null,
      name: 'Dr Lee',
      role: 'clinician',
      pin: '975310',
      changedBy: 'Ana (admin)',
    });
    const lee = added.staff.find((s) => s.name === 'Dr Lee')!;
    expect(lee).toMatchObject({ role: 'clinician', hasPin: true, lockedUntil: 0 });
    // Nothing secret travels to the screen: no hash, no salt.
    expect(JSON.stringify(added)).not.toMatch(/scrypt|salt|hash/);
    expect((await t.raw('switchRecorder', { name: 'Dr Lee', pin: '975310' })).ok).toBe(true);

    for (let i = 0; i < 5; i++) await t.raw('switchRecorder', { name: 'Dr Lee', pin: '000000' });
    expect(
      (await t.ok('getStaffAdmin', { adminKey: key })).staff.find((s) => s.name === 'Dr Lee')!.lockedUntil,
    ).toBeGreaterThan(t.clock.now());
    await t.ok('saveStaffMember', {
      adminKey: key,
      id: lee.id,
      name: 'Dr Lee',
      role: 'clinician',
      pin: '864200',
      changedBy: 'Ana (admin)',
    });
    expect((await t.raw('switchRecorder', { name: 'Dr Lee', pin: '864200' })).ok).toBe(true);

    // Each person changes their own PIN, proving the one they have.
    expect(
      await t.call('changeOwnPin', { name: 'Dr Lee', pin: '000000', newPin: '111222', newPinAgain: '111222' }),
    ).toMatchObject(refusal('wrong_pin', /do not match/));
    await t.ok('changeOwnPin', { name: 'Dr Lee', pin: '864200', newPin: '111222', newPinAgain: '111222' });
    expect((await t.raw('switchRecorder', { name: 'Dr Lee', pin: '111222' })).ok).toBe(true);

    await t.ok('saveStaffMember', {
      adminKey: key,
      id: lee.id,
      name: 'Dr Lee',
      role: 'therapist',
      changedBy: 'Ana (admin)',
    });
    const id = await t.dosedSession();
    expect(await t.call('addMark', { sessionId: id, mark: 'peak_reached', author: 'Sam' })).toMatchObject({ ok: true });
    t.clock.advance(121 * MIN);
    await t.readyButTime(id);
    expect(await t.call('discharge', { sessionId: id, signer: 'Dr Lee', pin: '111222' })).toMatchObject(
      refusal('not_permitted', /Dr Lee is on the staff list as a therapist: ask Dr Kim to sign\.$/),
    );
    // Two hours on, the admin area has locked itself: the admin unlocks it again.
    const again = (await t.ok('unlockAdmin', { pin: '2580' })).adminKey;
    const removed = await t.ok('removeStaffMember', { adminKey: again, id: lee.id, changedBy: 'Ana (admin)' });
    expect(removed.staff.map((s) => s.name)).not.toContain('Dr Lee');
    expect(await t.raw('switchRecorder', { name: 'Dr Lee', pin: '111222' })).toMatchObject(
      refusal('wrong_pin', /do not match/),
    );

    expect(removed.log.map((l) => [l.actor, l.action, l.subject]).reverse()).toEqual([
      ['Ana (admin)', 'added', 'Dr Lee'],
      ['Ana (admin)', 'pin_set', 'Dr Lee'],
      ['Session Room', 'locked', 'Dr Lee'],
      ['Ana (admin)', 'pin_reset', 'Dr Lee'],
      ['Dr Lee', 'pin_changed', 'Dr Lee'],
      ['Ana (admin)', 'role_changed', 'Dr Lee'],
      ['Ana (admin)', 'removed', 'Dr Lee'],
    ]);
    expect(removed.log.every((l) => typeof l.at === 'number' && l.at > 0)).toBe(true);
  });

  it('the staff list is not changed through the general settings, and two people cannot share a name', async () => {
    const key = await adminKey();
    expect(await t.call('updateSettings', { adminKey: key, patch: { staff: [] } })).toMatchObject(
      refusal('staff_elsewhere', /under Admin, Staff/),
    );
    expect(t.room.settings.get().staff).toHaveLength(3);
    expect(
      await t.call('saveStaffMember', {
        adminKey: key,
        id: null,
        name: 'dr kim',
        role: 'sitter',
        pin: '222333',
        changedBy: 'Ana',
      }),
    ).toMatchObject(refusal('invalid_settings', /share the name/));
    // Without the admin key nothing changes.
    expect(
      await t.call('saveStaffMember', {
        adminKey: '0'.repeat(48),
        id: null,
        name: 'Mallory',
        role: 'clinician',
        pin: '222333',
        changedBy: 'Mallory',
      }),
    ).toMatchObject({ ok: false, error: { code: 'admin_locked' } });
    expect(t.room.settings.get().staff.map((s) => s.name)).toEqual(['Dr Kim', 'Jo Park', 'Sam']);
  });
});
