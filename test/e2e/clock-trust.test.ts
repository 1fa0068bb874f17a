import { describe, expect, it } from 'vitest';
import { startHostProcess, tempDataDir } from '../support/host-process';
import { chromiumWithHosts, moveClocks, signInPage, startSessionInPage } from '../support/room-page';

const MIN = 60_000;
const rooms = chromiumWithHosts();

/** "14:05" plus whole minutes, as a person adds them to a clock they read. */
function plusMinutes(hhmm: string, minutes: number): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const total = (h * 60 + m + minutes + 24 * 60) % (24 * 60);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

describe("the room's clock across a restart of the real room", () => {
  it('reopened with a clock before its last entry: the room says the time is unconfirmed, side by side, holds the discharge time; a clinician confirms it, signed, and the true time counts', async () => {
    const dir = tempDataDir('room-clock-e2e-');
    const first = await startHostProcess(dir);
    rooms.hosts.push(first);
    let page = await rooms.openRoom(first);
    await startSessionInPage(page, { dose: true });
    // The session's clock runs 15 minutes (vitals at T+15), then the room stops; the computer's clock comes back 15
    // minutes earlier than the room's last entry (as a clock set back an hour and then fixed by hand does).
    await moveClocks(first, page, 15 * MIN);
    const sessionId = (await first.value('getRoom', {})).activeSessionId!;
    await first.value('recordVitals', { sessionId, values: { heartRate: 72, spo2: 98 }, author: 'Sam' });
    await page.close();
    await first.stop();

    const second = await startHostProcess(dir);
    rooms.hosts.push(second);
    page = await rooms.openRoom(second);
    const check = page.getByRole('region', { name: 'Time unconfirmed' });
    await check.waitFor();
    await expect
      .poll(() => check.textContent())
      .toMatch(/The computer's clock reads 15 min earlier than the last entry\./);
    const computer = (await check.getByLabel("The computer's clock").textContent())!;
    expect(computer).toMatch(/^\d\d:\d\d$/);
    // Side by side: the last entry, 15 minutes after the computer's clock less the time the restart took (a shared
    // machine may take a minute or two between the two rooms).
    const lastEntry = await check.getByLabel("The session's last entry").textContent();
    expect([12, 13, 14, 15, 16].map((m) => plusMinutes(computer, m))).toContain(lastEntry);
    expect(await page.getByRole('region', { name: 'Clocks' }).textContent()).toMatch(
      /time unconfirmed.*\(held: time unconfirmed\)/,
    );

    // A time before the session's last entry is refused with its sentence; nothing is confirmed.
    await check.getByLabel('The current time, from a clock you trust').fill(computer);
    await check.getByRole('button', { name: 'Confirm the time' }).click();
    await signInPage(page);
    await expect
      .poll(() => check.getByRole('alert').textContent())
      .toMatch(/is before the session's last entry \(\d\d:\d\d\): check the clock you read the time from\./);

    // Read from a clock the clinician trusts: 20 minutes after the computer's. Signed by Dr Kim; the check goes.
    await check.getByLabel('The current time, from a clock you trust').fill(plusMinutes(computer, 20));
    await check.getByRole('button', { name: 'Confirm the time' }).click();
    await signInPage(page);
    await check.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByRole('timer', { name: 'Time since first dose' }).textContent())
      .toMatch(/^T\+0:(19|2\d):\d\d$/);
    expect(await page.getByRole('region', { name: 'Clocks' }).textContent()).not.toMatch(/unconfirmed/);
    const room = await second.value('getRoom', {});
    const events = (await second.value('getSession', { sessionId: room.activeSessionId! })).events;
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['time_unconfirmed', 'time_confirmed']));
    expect(events.find((e) => e.kind === 'time_confirmed')!.payload).toMatchObject({
      signature: { name: 'Dr Kim', role: 'clinician' },
    });
    await page.close();
  });
});
