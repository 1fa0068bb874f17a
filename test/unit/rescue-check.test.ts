import { beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/core/bridge/dispatch';
import { sessionTile } from '../../main/board/tile';
import { buildReport } from '../../main/core/pure/report/model';
import { DOSE_WITHOUT_RESCUE_CHECK, RESCUE_ITEMS, rescueCheckNotice } from '../../main/core/pure/care/rescue';
import { DEFAULT_SETTINGS, type Settings } from '../../main/core/settings/schema';
import { SETTINGS_SOURCES, CLINIC_CONVENTION } from '../../main/core/settings/sources';
import { answerDayOfChecklist } from '../support/checklist';
import { MIN, T0, testRoom } from '../support/room';
import { sign } from '../support/staff';

/**
 * The rescue check before the first patient of the day, through the bridge on the test clock: oxygen, suction, a bag-valve
 * mask, the monitor's alarms on and a pulse oximeter, signed once a day for the room. 'required' refuses the first dose with
 * its sentence until it is recorded; 'advised' (the default) lets the dose go ahead, with a quiet notice, and the record says
 * the dose went ahead without it. The clinic's day is Chicago's: T0 (09:00 UTC) is 03:00 there, on 2026-11-22.
 */
let t: ReturnType<typeof testRoom>;
beforeEach(() => {
  t = testRoom();
  t.room.settings.update({ clinicTimeZone: 'America/Chicago' });
});
const outcome = (env: { ok: boolean; error?: { code: string; message: string } }) =>
  env.ok ? 'accepted' : env.error!.message;
const codeOf = (env: { ok: boolean; error?: { code: string } }) => (env.ok ? 'accepted' : env.error!.code);
const ALL = Object.fromEntries(RESCUE_ITEMS.map((i) => [i, true])) as Record<(typeof RESCUE_ITEMS)[number], true>;
const check = (who = 'Sam', items: Partial<typeof ALL> = ALL) => t.call('recordRescueCheck', { items, ...sign(who) });
const REQUIRED_REFUSAL =
  "Today's rescue check is not recorded: record the rescue check (oxygen, suction, bag-valve mask, monitor alarms on, pulse oximeter) before the first dose. This clinic requires it before the first patient of the day.";

async function admin(patch: Partial<Settings>) {
  const unlocked = await dispatch(t.room.handlers, 'unlockAdmin', { pin: '1357' }, () => {});
  const env = unlocked.ok ? unlocked : await dispatch(t.room.handlers, 'setAdminPin', { pin: '1357' }, () => {});
  if (!env.ok) throw new Error(env.error.message);
  return dispatch(
    t.room.handlers,
    'updateSettings',
    { adminKey: (env.value as { adminKey: string }).adminKey, patch, changedBy: 'Dr Rivera' },
    () => {},
  );
}
/** A session up to the dose: the checklist answered and a pre-dose BP taken. */
async function readyToDose(presetId: 'im' | 'sublingual' = 'im'): Promise<string> {
  const id = (
    await t.ok('startSession', { patientRef: 'RC-1', presetId, plannedDoseMg: 60, therapist: 'Dr Kim', sitter: 'Sam' })
  ).session.id;
  await answerDayOfChecklist(t.ok, id, presetId);
  t.clock.advance(5 * MIN);
  await t.ok('recordVitals', { sessionId: id, values: { systolic: 120, diastolic: 80, heartRate: 70 }, author: 'Sam' });
  return id;
}
const dose = (id: string) => t.call('recordDose', { sessionId: id, mg: 60, booster: false, ...sign('Dr Kim') });

describe('the rescue check: required', () => {
  it('refuses the first dose with the sentence saying to record the rescue check; once a member of staff signs it, the dose is recorded', async () => {
    expect(outcome(await admin({ rescueCheck: 'required' }))).toBe('accepted');
    const id = await readyToDose();
    const refused = await dose(id);
    expect(codeOf(refused)).toBe('rescue_check_missing');
    expect(outcome(refused)).toBe(REQUIRED_REFUSAL);
    expect(t.room.state(id).doses).toEqual([]);

    // Sam, the sitter, checks the room and signs with his PIN; the dose then goes ahead.
    const view = await t.ok('recordRescueCheck', { items: ALL, note: 'O2 cylinder 1800 psi', ...sign('Sam') });
    expect(view).toMatchObject({
      day: '2026-11-22',
      rule: 'required',
      check: { by: 'Sam', role: 'sitter', note: 'O2 cylinder 1800 psi' },
    });
    expect(outcome(await dose(id))).toBe('accepted');
    // The session in progress carries the check; no "without it" note goes with the dose.
    expect(t.room.state(id).care.rescueChecks).toEqual([
      expect.objectContaining({ day: '2026-11-22', by: 'Sam', role: 'sitter' }),
    ]);
    expect(t.room.state(id).care.doseWithoutRescueCheck).toBeNull();
    expect(buildReport(t.room.sessions.events(id), t.clock.now()).care.rescueCheck).toMatchObject({
      by: 'Sam',
      role: 'sitter',
      afterFirstDose: false,
    });
  });

  it("holds for the clinic's day it was made: yesterday's check does not open today's first dose", async () => {
    await admin({ rescueCheck: 'required' });
    await t.ok('recordRescueCheck', { items: ALL, ...sign('Jo Park') });
    // 03:00 in Chicago on the 22nd; 22 hours later it is 01:00 on the 23rd there.
    t.clock.advance(22 * 60 * MIN);
    expect(await t.ok('getRescueCheck', {})).toMatchObject({ day: '2026-11-23', check: null });
    const id = await readyToDose();
    expect(outcome(await dose(id))).toBe(REQUIRED_REFUSAL);
  });

  it('a booster and the later Spravato devices are not held by it: it is asked once, before the first dose', async () => {
    await t.ok('recordRescueCheck', { items: ALL, ...sign('Sam') });
    const id = await readyToDose();
    await t.ok('recordDose', { sessionId: id, mg: 60, booster: false, ...sign('Dr Kim') });
    // Required from now on, and a new clinic day: the booster of the session under way is not refused for it.
    await admin({ rescueCheck: 'required' });
    t.clock.advance(22 * 60 * MIN - 5 * MIN);
    expect(codeOf(await t.call('recordDose', { sessionId: id, mg: 20, booster: true, ...sign('Dr Kim') }))).not.toBe(
      'rescue_check_missing',
    );
  });
});

describe('the rescue check: advised (the default)', () => {
  it('lets the dose go ahead without it, with the quiet notice before the dose, and the record says so; with the check done, no note', async () => {
    expect(DEFAULT_SETTINGS.rescueCheck).toBe('advised');
    const id = await readyToDose();
    const view = await t.ok('getRescueCheck', {});
    expect(view).toEqual({ day: '2026-11-22', rule: 'advised', check: null });
    expect(rescueCheckNotice(view)).toBe(
      "Today's rescue check is not recorded. Record the rescue check (oxygen, suction, bag-valve mask, monitor alarms on, pulse oximeter) before the first dose: a dose given without it is noted in the report.",
    );
    expect(outcome(await dose(id))).toBe('accepted');
    const state = t.room.state(id);
    expect(state.doses).toHaveLength(1);
    expect(state.care.doseWithoutRescueCheck).toMatchObject({ at: state.doses[0]!.at, day: '2026-11-22' });
    // Written with the dose, in the same write: the record of the dose carries it.
    const kinds = t.room.sessions.events(id).map((e) => e.kind);
    expect(kinds.slice(kinds.indexOf('dose'))).toEqual(['dose', 'rescue_check_missing']);
    expect(buildReport(t.room.sessions.events(id), t.clock.now()).care).toMatchObject({
      doseWithoutRescueCheck: { day: '2026-11-22' },
      rescueCheck: null,
    });
    expect(DOSE_WITHOUT_RESCUE_CHECK).toMatch(/^The first dose went ahead without today's rescue check/);

    // The safe case beside it: the check made first (before the session), the next session's dose carries no note.
    t = testRoom();
    t.room.settings.update({ clinicTimeZone: 'America/Chicago' });
    await t.ok('recordRescueCheck', { items: ALL, ...sign('Dr Kim') });
    expect(rescueCheckNotice(await t.ok('getRescueCheck', {}))).toBeNull();
    const checked = await readyToDose();
    // Made before the session started, the day's check is written into the session as it starts.
    expect(t.room.state(checked).care.rescueChecks).toEqual([
      expect.objectContaining({ by: 'Dr Kim', role: 'clinician', day: '2026-11-22' }),
    ]);
    expect(outcome(await dose(checked))).toBe('accepted');
    expect(t.room.sessions.events(checked).map((e) => e.kind)).not.toContain('rescue_check_missing');
    expect(t.room.state(checked).care.doseWithoutRescueCheck).toBeNull();
  });
});

describe('recording the rescue check', () => {
  it('every item must be ticked: what is not is named, before any PIN is asked, and nothing is written', async () => {
    const { suction: _s, monitorAlarms: _m, ...some } = ALL;
    const env = await t.call('recordRescueCheck', { items: { ...some, suction: false }, ...sign('Sam') });
    expect(codeOf(env)).toBe('rescue_check_incomplete');
    expect(outcome(env)).toBe(
      'The rescue check is recorded only when every item is in place: "Suction working" and "Monitor alarms on" are not ticked. Fix or replace what is missing, then record the check.',
    );
    expect(
      outcome(await t.call('recordRescueCheck', { items: { ...some, suction: true }, pin: '000000', signer: 'Sam' })),
    ).toBe(
      'The rescue check is recorded only when every item is in place: "Monitor alarms on" is not ticked. Fix or replace what is missing, then record the check.',
    );
    expect((await t.ok('getRescueCheck', {})).check).toBeNull();
  });

  it('is signed with a name and PIN (never a typed name alone); a wrong PIN is refused; an unknown item or a note too long gets a sentence', async () => {
    expect(outcome(await t.call('recordRescueCheck', { items: ALL } as never))).toBe(
      "Enter the person signing's name.",
    );
    expect(outcome(await t.call('recordRescueCheck', { items: ALL, signer: 'Sam' } as never))).toBe('Enter your PIN.');
    expect(codeOf(await t.call('recordRescueCheck', { items: ALL, signer: 'Sam', pin: '999999' }))).toBe('wrong_pin');
    expect(codeOf(await t.call('recordRescueCheck', { items: ALL, signer: 'Nobody', pin: '123456' }))).toBe(
      'not_permitted',
    );
    expect(
      outcome(await t.call('recordRescueCheck', { items: { ...ALL, defibrillator: true } as never, ...sign('Sam') })),
    ).toBe('The request had fields this room does not know (defibrillator). Update the app.');
    expect(
      outcome(await t.call('recordRescueCheck', { items: { ...ALL, oxygen: 'yes' } as never, ...sign('Sam') })),
    ).toBe('Tick each item of the rescue check that is in place.');
    expect(outcome(await t.call('recordRescueCheck', { items: ALL, note: 'x'.repeat(301), ...sign('Sam') }))).toBe(
      'The note can be at most 300 characters.',
    );
    expect((await t.ok('getRescueCheck', {})).check).toBeNull();
    expect(outcome(await check('Jo Park'))).toBe('accepted');
    expect((await t.ok('getRescueCheck', {})).check).toMatchObject({ by: 'Jo Park', role: 'therapist' });
  });

  it("is the room's: kept in its own table (append-only), not in a session; a later check of the day stands beside the earlier", async () => {
    await check('Sam');
    t.clock.advance(30 * MIN);
    await check('Jo Park');
    const rows = t.room.db
      .prepare('SELECT day, checked_by, checked_by_role, items, signature FROM rescue_checks ORDER BY id')
      .all() as { day: string; checked_by: string; items: string; signature: string }[];
    expect(rows.map((r) => [r.day, r.checked_by])).toEqual([
      ['2026-11-22', 'Sam'],
      ['2026-11-22', 'Jo Park'],
    ]);
    expect(JSON.parse(rows[0]!.items)).toEqual(ALL);
    // The signature's printed name, role and meaning; never the PIN.
    expect(JSON.parse(rows[0]!.signature)).toEqual({
      name: 'Sam',
      role: 'sitter',
      meaning:
        'checked the rescue equipment for 2026-11-22: oxygen, suction, bag-valve mask, monitor alarms on, pulse oximeter, each in place and working',
    });
    expect(rows.some((r) => r.signature.includes('112233'))).toBe(false);
    expect(() => t.room.db.prepare('DELETE FROM rescue_checks').run()).toThrow(/append-only/);
    expect((await t.ok('getRescueCheck', {})).check).toMatchObject({ by: 'Jo Park' });
    expect(t.room.sessions.listSessions({ limit: 10 })).toEqual([]);
  });

  it('the setting is "required" or "advised": anything else is refused with a sentence; its source is public or a clinic convention', async () => {
    expect(outcome(await admin({ rescueCheck: 'sometimes' as never }))).toBe(
      'The rescue check before the first dose must be one of: required, advised. Choose one from the list.',
    );
    expect(SETTINGS_SOURCES.rules.rescueCheck).toMatch(/https:\/\/www\.spravatorems\.com/);
    expect(SETTINGS_SOURCES.rules.rescueCheck).toContain(CLINIC_CONVENTION);
  });
});

describe('the chair board', () => {
  it("shows whether today's check is done: not before it, done once made (written into the session in progress)", async () => {
    const id = await readyToDose();
    const tile = () => sessionTile(t.room.sessions.events(id), t.clock.now(), 'initials', 'UTC')!;
    expect(tile().rescueCheck).toBe('Not recorded today');
    await t.ok('recordRescueCheck', { items: ALL, ...sign('Sam') });
    expect(tile().rescueCheck).toMatch(/^Done by Sam \(sitter\) at \d\d:\d\d$/);
    // The next clinic day, the same copy no longer speaks for today.
    t.clock.advance(24 * 60 * MIN);
    expect(tile().rescueCheck).toBe('Not recorded today');
    expect(T0).toBe(Date.UTC(2026, 10, 22, 9, 0));
  });
});
