import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { chromiumWithHosts } from '../support/room-page';
import { checklistFor } from '../../main/core/pure/discharge/checklist';
import { sign } from '../support/staff';

const { hosts, openRoom } = chromiumWithHosts();
const openPage = (host: HostProcess) => openRoom(host, { fakeClock: false });

const text = (page: Page, role: 'alert' | 'status', within: string) =>
  page.getByRole('group', { name: within }).getByRole(role).textContent();

describe('room and clinic settings in the app', () => {
  it('first run sets the admin PIN; each settings part is saved through the schema with a sentence on bad input, a source and a reset', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const page = await openPage(host);

    await page.getByRole('button', { name: 'Admin' }).click();
    await page.getByLabel('New admin PIN', { exact: true }).fill('2580');
    await page.getByLabel('New admin PIN again').fill('2589');
    await page.getByRole('button', { name: 'Set PIN and open admin' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('The two PINs are not the same. Enter the new PIN twice.');
    await page.getByLabel('New admin PIN', { exact: true }).fill('2580');
    await page.getByLabel('New admin PIN again').fill('2580');
    await page.getByRole('button', { name: 'Set PIN and open admin' }).click();

    // Room name and theme brightness: a bad value gets a sentence, a good one is saved.
    const room = page.getByRole('group', { name: 'Room' });
    await room.getByLabel('Room name').fill('Garden Room');
    await room.getByLabel('Theme brightness (0.3 darkest to 1)').fill('bright');
    await room.getByRole('button', { name: 'Save room' }).click();
    await expect.poll(() => text(page, 'alert', 'Room')).toBe('Theme brightness must be a number. Enter digits only.');
    await room.getByRole('button', { name: 'Reset theme brightness to the shipped default' }).click();
    await room.getByRole('button', { name: 'Save room' }).click();
    await expect.poll(() => text(page, 'status', 'Room')).toBe('Room: saved.');

    // A preset: the peak range backwards is refused, its source is shown, the reset brings back the shipped range.
    const presets = page.getByRole('group', { name: 'Route presets' });
    await presets.getByLabel('Preset to edit').selectOption('oral');
    await expect
      .poll(() => presets.getByRole('group', { name: 'Phase ranges' }).textContent())
      .toMatch(
        /Source: Onset, peak and effects end: ASKP3, Routes of Administration \(ROA\).*\(https:\/\/www\.askp\.org\/patients\/routes-of-administration-roa\/\)/,
      );
    await presets.getByLabel('Expected peak to (min)').fill('30');
    await presets.getByRole('button', { name: 'Save route presets' }).click();
    await expect
      .poll(() => text(page, 'alert', 'Route presets'))
      .toBe(
        'The Oral preset: expected peak range: the earliest minute must not be after the latest. Change it and save again.',
      );
    await presets.getByRole('button', { name: 'Reset phase ranges to the shipped default' }).click();
    expect(await presets.getByLabel('Expected peak to (min)').inputValue()).toBe('90');
    await presets.getByLabel('Check in every (min)').fill('20');
    await presets.getByRole('button', { name: 'Save route presets' }).click();
    await expect.poll(() => text(page, 'status', 'Route presets')).toBe('Route presets: saved.');
    // The changed value's source says so; the unchanged ones cite the shipped source.
    await expect
      .poll(() => presets.textContent())
      .toMatch(
        /A visual check on the patient every 15 minutes: clinic convention: to be signed off by your medical director\. Changed from the shipped default by an admin who gave no name on \d{4}-\d\d-\d\d: the clinic's own value\./,
      );
    await presets.getByLabel('Preset to edit').selectOption('spravato');
    await expect
      .poll(() => presets.getByRole('group', { name: 'Earliest discharge' }).textContent())
      .toMatch(
        /At least 2 hours of monitoring after the last device, never shortened: SPRAVATO \(esketamine\) nasal spray, US Prescribing Information/,
      );
    await presets.getByLabel('Earliest discharge after the last dose (min)').fill('90');
    await presets.getByRole('button', { name: 'Save route presets' }).click();
    await expect
      .poll(() => text(page, 'alert', 'Route presets'))
      .toMatch(/^The Spravato preset: earliest discharge: .*cannot be shorter/);
    await presets.getByRole('button', { name: 'Reset earliest discharge to the shipped default' }).click();

    // Thresholds and tags.
    const thresholds = page.getByRole('group', { name: 'Alert thresholds' });
    await expect
      .poll(() => thresholds.textContent())
      .toMatch(/Source: Pre-dose BP 140\/90: SPRAVATO \(esketamine\) nasal spray, US Prescribing Information/);
    await thresholds.getByLabel('SpO2 (%): Warning below').fill('94');
    await thresholds.getByRole('button', { name: 'Save alert thresholds' }).click();
    await expect.poll(() => text(page, 'status', 'Alert thresholds')).toBe('Alert thresholds: saved.');

    const tags = page.getByRole('group', { name: 'Observation tags' });
    await tags.getByLabel('Tag 2 key').fill('1');
    await tags.getByRole('button', { name: 'Save observation tags' }).click();
    await expect.poll(() => text(page, 'alert', 'Observation tags')).toBe('Two tags share a key: give each its own.');
    await tags.getByRole('button', { name: 'Reset observation tags to the shipped defaults' }).click();
    await tags.getByRole('button', { name: 'Save observation tags' }).click();
    await expect.poll(() => text(page, 'status', 'Observation tags')).toBe('Observation tags: saved.');

    // Staff, under their own tab: a new person comes with a first PIN, and the staff log names the admin.
    await page.getByRole('tab', { name: 'Staff' }).click();
    const staff = page.getByRole('region', { name: 'Staff' });
    await staff.getByLabel('Your name, for the staff log').fill('Lee Admin');
    await staff.getByLabel("New person's name").fill('Ana Ruiz');
    await staff.getByLabel("New person's role").selectOption('therapist');
    await staff.getByLabel('First PIN (6 to 12 digits)').fill('246813');
    await staff.getByRole('button', { name: 'Add a person' }).click();
    await expect.poll(() => staff.getByRole('status').last().textContent()).toMatch(/^Ana Ruiz is added as therapist/);
    await expect
      .poll(() => staff.getByRole('table', { name: 'Staff log' }).textContent())
      .toMatch(/Lee Adminadded Ana Ruiz \(therapist\)/);
    await page.getByRole('tab', { name: 'Room and clinic settings' }).click();

    const music = page.getByRole('group', { name: 'Loudness and crossfades' });
    await music.getByLabel('Crossfade at a phase change (s)').fill('90');
    await music.getByRole('button', { name: 'Save loudness and crossfades' }).click();
    await expect
      .poll(() => text(page, 'alert', 'Loudness and crossfades'))
      .toBe('The crossfade time must be at most 60. Enter a smaller number.');
    await music.getByLabel('Crossfade at a phase change (s)').fill('12');
    await music.getByRole('button', { name: 'Save loudness and crossfades' }).click();
    await expect.poll(() => text(page, 'status', 'Loudness and crossfades')).toBe('Loudness and crossfades: saved.');

    // The room uses what was saved.
    await page.getByRole('button', { name: 'Lock and close admin' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Garden Room');
    expect(await page.getByLabel('Therapist').locator('option').allTextContents()).toContain('Ana Ruiz');
    const saved = await host.value('getRoom', {});
    expect(saved.settings.presets.oral.checkInEveryMin).toBe(20);
    expect(saved.settings.presets.spravato.earliestDischargeMin).toBe(120);
    expect(saved.settings.thresholds.spo2.warning).toBe(94);
    expect(saved.settings.music.crossfadeSec).toBe(12);

    // Locked again: a wrong PIN is refused, the right one opens; a reload forgets the admin session.
    await page.getByRole('button', { name: 'Admin' }).click();
    await page.getByRole('textbox', { name: 'Admin PIN' }).fill('1111');
    await page.getByRole('button', { name: 'Open admin' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('That PIN is not right. Try again.');
    await page.getByRole('textbox', { name: 'Admin PIN' }).fill('2580');
    await page.getByRole('button', { name: 'Open admin' }).click();
    await expect.poll(() => page.getByRole('group', { name: 'Room' }).isVisible()).toBe(true);
    await page.reload();
    await page.getByRole('button', { name: 'Admin' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Admin PIN' }).isVisible()).toBe(true);
    await page.close();
  });

  it('an admin makes a checklist item must-be-yes for one route: its "no" then refuses that route\'s dose, while consent stays always and other routes still let a clinician proceed', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const page = await openPage(host);
    await page.getByRole('button', { name: 'Admin' }).click();
    await page.getByLabel('New admin PIN', { exact: true }).fill('2580');
    await page.getByLabel('New admin PIN again').fill('2580');
    await page.getByRole('button', { name: 'Set PIN and open admin' }).click();

    const presets = page.getByRole('group', { name: 'Route presets' });
    await presets.getByLabel('Preset to edit').selectOption('im');
    const critical = presets.getByRole('group', { name: /^Checklist items that must be "yes" before the dose/ });
    const consent = critical.getByRole('checkbox', { name: "Consent for today's session (always)" });
    expect([await consent.isChecked(), await consent.isDisabled()]).toEqual([true, true]);
    const fasting = critical.getByRole('checkbox', {
      name: 'Fasting as the clinic sets it (food 2-4 h, liquids 30 min)',
    });
    expect(await fasting.isChecked()).toBe(false);
    await fasting.check();
    // The dosing and escort rules the room applies are the clinic's to set, per route.
    await presets.getByLabel('Boosters together at most (% of the planned dose)').fill('50');
    await presets.getByLabel('Re-check a sign after an urgent alert within (min)').fill('5');
    await presets.getByLabel('The pre-dose blood pressure counts when taken within (min before the dose)').fill('45');
    await presets.getByLabel('Who takes the patient home').selectOption({
      label: 'Driver or escort waiting nearby, reachable by phone; staff walk the patient to the car',
    });
    await presets.getByRole('button', { name: 'Save route presets' }).click();
    await expect.poll(() => text(page, 'status', 'Route presets')).toBe('Route presets: saved.');
    expect((await host.value('getRoom', {})).settings.presets.im).toMatchObject({
      boosterCapPercent: 50,
      urgentRecheckMin: 5,
      preDoseBpWithinMin: 45,
      escortRule: 'waiting_reachable',
    });
    await presets.getByLabel('Preset to edit').selectOption('spravato');
    expect(
      await critical.getByRole('checkbox', { name: 'Spravato: patient enrolled in the REMS (always)' }).isDisabled(),
    ).toBe(true);
    // The planned infusion length and the wait after it are IV's alone.
    expect(await presets.getByLabel('Planned infusion length (min)').count()).toBe(0);
    expect(await presets.getByLabel('Wait after the infusion ends (min)').count()).toBe(0);
    await presets.getByLabel('Preset to edit').selectOption('iv');
    expect(await presets.getByLabel('Planned infusion length (min)').inputValue()).toBe('40');
    expect(await presets.getByLabel('Wait after the infusion ends (min)').inputValue()).toBe('60');
    await page.reload();
    await page.getByRole('button', { name: 'Admin' }).click();
    await page.getByRole('textbox', { name: 'Admin PIN' }).fill('2580');
    await page.getByRole('button', { name: 'Open admin' }).click();
    await presets.getByLabel('Preset to edit').selectOption('im');
    await expect.poll(() => fasting.isChecked()).toBe(true);
    await presets
      .getByRole('button', { name: 'Reset evidence window, BP re-check and dosing rules to the shipped default' })
      .click();
    expect(await fasting.isChecked()).toBe(false);
    await page.close();

    // Through the bridge, as the room's dose form calls it: IM refuses the fasting "no" whoever decides.
    const undosed = async (presetId: 'im' | 'sublingual') => {
      const { session } = await host.value('startSession', {
        patientRef: `CR-${presetId}`,
        presetId,
        plannedDoseMg: 60,
        therapist: 'Dr Kim',
        sitter: 'Sam',
      });
      for (const item of checklistFor({ id: presetId })) {
        await host.value('answerChecklist', {
          sessionId: session.id,
          item,
          ...(item === 'fasting' ? { answer: 'no' as const, reason: 'toast at 8:00' } : { answer: 'yes' as const }),
          author: 'Sam',
        });
      }
      await host.value('recordVitals', {
        sessionId: session.id,
        values: { systolic: 122, diastolic: 78, heartRate: 70 },
        author: 'Sam',
      });
      return session.id;
    };
    const im = await undosed('im');
    const refused = await host.call('recordDose', {
      sessionId: im,
      mg: 60,
      booster: false,
      ...sign('Dr Kim'),
      proceedPastChecklist: true,
    });
    expect(refused.ok ? 'accepted' : refused.error.message).toBe(
      '"Fasting as the clinic sets it (food 2-4 h, liquids 30 min)" is answered "no" (toast at 8:00): the dose cannot be given without it. Answer "yes" once it is in place, or close the session without a dose.',
    );
    await host.value('closeSession', { sessionId: im, reason: 'not fasted', author: 'Dr Kim' });
    // Sublingual keeps the shipped rule: the same "no" goes ahead on a named clinician's decision.
    const sublingual = await undosed('sublingual');
    expect(
      (
        await host.call('recordDose', {
          sessionId: sublingual,
          mg: 60,
          booster: false,
          ...sign('Dr Kim'),
          proceedPastChecklist: true,
        })
      ).ok,
    ).toBe(true);
  });
});
