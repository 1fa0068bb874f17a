import { describe, expect, it } from 'vitest';
import { startHostProcess, tempDataDir } from '../support/host-process';
import { chromiumWithHosts } from '../support/room-page';

const { hosts, openRoom } = chromiumWithHosts();

describe('the admin screens, as a new admin meets them', () => {
  it('a compact PIN screen with a sentence that says what to type; the name kept across tabs; a new person needs a role; no clinician is said; a copied set by its name', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const page = await openRoom(host, { fakeClock: false, viewport: { width: 1400, height: 1000 } });
    await page.getByRole('button', { name: 'Admin' }).click();

    // The PIN screen keeps its fields and button together at the top: no stretched gaps, a button of a button's height.
    const gate = page.getByRole('form', { name: 'Set the admin PIN' });
    const again = page.getByLabel('New admin PIN again');
    const button = page.getByRole('button', { name: 'Set PIN and open admin' });
    const gateBox = (await gate.boundingBox())!;
    const againBox = (await again.boundingBox())!;
    const buttonBox = (await button.boundingBox())!;
    expect(gateBox.height).toBeLessThan(400);
    expect(buttonBox.height).toBeLessThan(60);
    expect(buttonBox.y - (againBox.y + againBox.height)).toBeLessThan(60);
    expect(buttonBox.y + buttonBox.height).toBeLessThan(1000 - 300);

    // Letters in a PIN: the sentence says what a PIN is made of and what to do.
    await page.getByLabel('New admin PIN', { exact: true }).fill('abcd');
    await again.fill('abcd');
    await button.click();
    const refusal = page.getByRole('alert').filter({ hasText: 'admin PIN' });
    await expect.poll(() => refusal.textContent()).toMatch(/digits/);
    expect(await refusal.textContent()).not.toContain('Choose one of digits only');
    expect(await refusal.textContent()).toBe(
      'The admin PIN is 4 to 12 digits. Type a new one of the digits 0 to 9 only, with no letters or spaces.',
    );
    await page.getByLabel('New admin PIN', { exact: true }).fill('2580');
    await again.fill('2580');
    await button.click();

    // "Your name" is typed once and kept on every tab: a change is never logged without it.
    await page.getByRole('tab', { name: 'Staff' }).click();
    await page.getByLabel('Your name, for the staff log').fill('Alex Admin');
    await page.getByRole('tab', { name: 'Room and clinic settings' }).click();
    expect(await page.getByLabel(/^Your name/).inputValue()).toBe('Alex Admin');
    await page.getByRole('tab', { name: 'Staff' }).click();
    expect(await page.getByLabel('Your name, for the staff log').inputValue()).toBe('Alex Admin');

    // A new person's role is chosen, never taken as "sitter" unseen.
    const add = page.getByRole('form', { name: 'Add a person' });
    expect(await add.getByLabel("New person's role").inputValue()).toBe('');
    await add.getByLabel("New person's name").fill('Lee Ray');
    await add.getByLabel('First PIN (6 to 12 digits)').fill('482915');
    await add.getByRole('button', { name: 'Add a person' }).click();
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'role' }).textContent())
      .toBe("Choose Lee Ray's role (clinician, therapist, sitter or admin), then add them again.");
    const staffList = page.getByRole('table', { name: 'Staff list' });
    expect(await staffList.textContent()).not.toContain('Lee Ray');
    await add.getByLabel("New person's role").selectOption('therapist');
    await add.getByLabel('First PIN (6 to 12 digits)').fill('482915');
    await add.getByRole('button', { name: 'Add a person' }).click();
    await expect.poll(() => staffList.textContent()).toContain('Lee Ray');

    // Removing the only clinician: the answer itself says what it leaves the room without.
    await page.getByRole('button', { name: 'Remove Dr Kim' }).click();
    await page.getByRole('button', { name: 'Yes, remove Dr Kim' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'removed' }).textContent())
      .toBe(
        'Dr Kim is removed from the staff list. No clinician is listed now: no dose or discharge can be signed until one is added.',
      );

    // A copied music set is named by its name, never by the file's id.
    await page.getByRole('tab', { name: 'Music sets' }).click();
    const duplicate = page.getByRole('button', { name: /^Duplicate / }).first();
    const original = (await duplicate.textContent())!.replace(/^Duplicate /, '');
    await duplicate.click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Made' }).textContent())
      .toBe(`Made '${original} (copy)', a copy of '${original}': edit it under its name.`);
    await page.close();
  });
});
