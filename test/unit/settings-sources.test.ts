import { describe, expect, it } from 'vitest';
import { CHECKLIST_ITEM_IDS } from '../../main/core/pure/discharge/checklist';
import { CONDITION_IDS, DISCHARGE_CONDITIONS } from '../../main/core/pure/discharge/conditions';
import { dischargeGate } from '../../main/core/pure/rules/gate';
import { DEFAULT_SETTINGS } from '../../main/core/settings/schema';
import { CLINIC_CONVENTION, RULE_IDS, SETTINGS_SOURCES } from '../../main/core/settings/sources';
import { DEFAULT_PRESETS, ROUTE_IDS } from '../../main/core/timeline/presets';
import { MIN, testRoom } from '../support/room';

/** A source a clinic can check: a public address, or plainly a convention its medical director signs off. Never a file of this repository. */
const REPOSITORY_FILE = /\b[\w-]+\.(md|ts|tsx|json)\b|section \d/i;
function expectCheckable(source: string, what: string) {
  expect(source.trim(), what).not.toBe('');
  expect(source, what).not.toMatch(REPOSITORY_FILE);
  expect(
    source.includes('https://') || source.includes(CLINIC_CONVENTION),
    `${what}: cites no public address and is not marked a clinic convention`,
  ).toBe(true);
}

describe('sources a clinic can check', () => {
  it('every preset field of every route, every discharge rule, the checklist, the thresholds and the tags have a public source or say they are a clinic convention', () => {
    for (const id of ROUTE_IDS) {
      for (const [field, source] of Object.entries(SETTINGS_SOURCES.presets[id]))
        expectCheckable(source, `${id} ${field}`);
      expect(DEFAULT_PRESETS[id].source).not.toMatch(REPOSITORY_FILE);
    }
    for (const rule of RULE_IDS) expectCheckable(SETTINGS_SOURCES.rules[rule], rule);
    for (const key of ['thresholds', 'tags', 'music'] as const) expectCheckable(SETTINGS_SOURCES[key], key);
    // The rules the issue names each have their own line.
    expect(SETTINGS_SOURCES.rules.padss).toMatch(/Chung.*https:\/\/doi\.org/);
    expect(SETTINGS_SOURCES.rules.vitalsWithin20).toMatch(/20 %.*Chung/);
    expect(SETTINGS_SOURCES.rules.moaas5).toContain(CLINIC_CONVENTION);
    expect(CHECKLIST_ITEM_IDS.length).toBeGreaterThan(0);
  });

  it("every discharge condition is one row of the conditions table, evaluated by the gate, with its rule and that rule's source", async () => {
    // A Spravato session (the REMS form's row) and an IM one (the orthostatic check's) meet every row between them; none outside the table.
    const gates = [];
    for (const route of ['spravato', 'im'] as const) {
      const t = testRoom();
      const id = await t.dosedSession(route, route === 'spravato' ? 56 : 60);
      gates.push(dischargeGate(t.room.state(id), t.clock.now(), 'Dr Kim'));
    }
    const conditions = gates.flatMap((g, i) => g.conditions.map((c) => ({ ...c, rems: i === 0 })));
    expect([...new Set(conditions.map((c) => c.id))].sort()).toEqual([...CONDITION_IDS].sort());
    for (const c of conditions) {
      const row = DISCHARGE_CONDITIONS[c.id];
      // The escort rule names its row; on Spravato, a REMS route, dissociation must have resolved.
      if (c.id !== 'driver_present')
        expect(c.label, c.id).toBe(c.rems && 'remsLabel' in row ? row.remsLabel : row.label);
      expectCheckable(SETTINGS_SOURCES.rules[row.rule], `${c.id} (${row.rule})`);
    }
    // Every rule the admin screen lists is a condition's, or one the room applies outside the conditions (the score
    // shown beside them, the checklist and the rescue check before the dose, the call after the discharge).
    const used = new Set<string>(CONDITION_IDS.map((c) => DISCHARGE_CONDITIONS[c].rule));
    expect(RULE_IDS.filter((r) => !used.has(r))).toEqual(['padss', 'checklist', 'rescueCheck', 'followUpCall']);
  });

  it("the 40-60 minute sublingual peak is not credited to the sublingual sources; the earliest discharge times say they are conventions, Spravato's cites the label", () => {
    const sublingual = SETTINGS_SOURCES.presets.sublingual.phases;
    expect(sublingual).toMatch(
      /The expected peak of 40-60 minutes .*: clinic convention: to be signed off by your medical director\./,
    );
    expect(sublingual.split('The expected peak')[0]).not.toMatch(/\b40\b|\b60\b|peak/i);
    for (const id of ['iv', 'im', 'intranasal', 'sublingual', 'oral'] as const)
      expect(SETTINGS_SOURCES.presets[id].discharge).toContain(CLINIC_CONVENTION);
    expect(SETTINGS_SOURCES.presets.spravato.discharge).toMatch(
      /SPRAVATO.*Prescribing Information.*https:\/\/www\.janssenlabels\.com/,
    );
  });

  it('when the clinic changes a value, its source line says who changed it and when; a value set back to the shipped default cites the shipped source again', async () => {
    const t = testRoom();
    await t.ok('setAdminPin', { pin: '4321' });
    let { adminKey } = await t.ok('unlockAdmin', { pin: '4321' });
    t.room.settings.update({ clinicTimeZone: 'UTC' });
    const presets = { ...DEFAULT_SETTINGS.presets, im: { ...DEFAULT_SETTINGS.presets.im, earliestDischargeMin: 100 } };
    const view = await t.ok('updateSettings', { adminKey, patch: { presets }, changedBy: 'Dr Rivera' });
    expect(view.sources.presets.im.discharge).toBe(
      `${SETTINGS_SOURCES.presets.im.discharge} Changed from the shipped default by Dr Rivera on 2026-11-22: the clinic's own value.`,
    );
    // Only the line of the value that changed.
    expect(view.sources.presets.im.phases).toBe(SETTINGS_SOURCES.presets.im.phases);
    expect(view.sources.presets.iv.discharge).toBe(SETTINGS_SOURCES.presets.iv.discharge);
    // A later save of something else keeps the stamp; a save without a name still says a person changed it.
    t.clock.advance(24 * 60 * MIN);
    ({ adminKey } = await t.ok('unlockAdmin', { pin: '4321' }));
    const later = await t.ok('updateSettings', {
      adminKey,
      patch: { thresholds: { ...DEFAULT_SETTINGS.thresholds, spo2: { warning: 93, urgent: 90 } } },
    });
    expect(later.sources.presets.im.discharge).toContain('by Dr Rivera on 2026-11-22');
    expect(later.sources.thresholds).toContain(
      'Changed from the shipped default by an admin who gave no name on 2026-11-23',
    );
    // Back to the shipped value: the shipped source speaks for it again.
    const back = await t.ok('updateSettings', {
      adminKey,
      patch: { presets: DEFAULT_SETTINGS.presets },
      changedBy: 'Dr Rivera',
    });
    expect(back.sources.presets.im.discharge).toBe(SETTINGS_SOURCES.presets.im.discharge);
    // The critical checklist is a set: the shipped items in another order (ticked off and on again) are the shipped value.
    const reordered = {
      ...DEFAULT_SETTINGS.presets,
      spravato: {
        ...DEFAULT_SETTINGS.presets.spravato,
        criticalChecklist: ['rems_enrolment', 'consent', 'pregnancy', 'consent'] as const,
      },
    };
    const same = await t.ok('updateSettings', { adminKey, patch: { presets: reordered }, changedBy: 'Dr Rivera' });
    expect(same.sources.presets.spravato.rules).toBe(SETTINGS_SOURCES.presets.spravato.rules);
    expect(same.settings.presets.spravato.criticalChecklist).toEqual(
      DEFAULT_SETTINGS.presets.spravato.criticalChecklist,
    );
    // The record of changes is the room's: a patch cannot write it.
    const forged = await t.ok('updateSettings', {
      adminKey,
      patch: { sourceChanges: { 'presets.iv.discharge': { by: 'nobody', at: 0 } } },
      changedBy: 'Dr Rivera',
    });
    expect(forged.sources.presets.iv.discharge).toBe(SETTINGS_SOURCES.presets.iv.discharge);
    expect(await t.call('updateSettings', { adminKey, patch: { roomName: 'Room 3' }, changedBy: ' ' })).toMatchObject({
      ok: false,
      error: { message: 'Enter your name: the settings record who changed them.' },
    });
  });
});
