import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { chromiumWithHosts } from '../support/room-page';
import { answerDayOfChecklist } from '../support/checklist';
import { sign } from '../support/staff';

const MIN = 60_000;
const { browser, hosts } = chromiumWithHosts();
/** A note that would end the inlined block and run script, were the page's state not escaped. */
const HOSTILE_NOTE = 'calm </script><script>document.title="ran"</script> <!-- & \u2028 done';

/** A dosed session 40 minutes in (the dose entered late, with its real time), an urgent SpO2 alert open. */
async function sessionWithAlert(host: HostProcess): Promise<string> {
  const now = (await host.value('getRoom', {})).now;
  const started = await host.value('startSession', {
    patientRef: 'FS-1',
    presetId: 'sublingual',
    plannedDoseMg: 150,
    therapist: 'Dr Kim',
    sitter: 'Sam',
  });
  const sessionId = started.session.id;
  await answerDayOfChecklist((method, args) => host.value(method, args), sessionId, 'sublingual');
  await host.value('recordVitals', {
    sessionId,
    values: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98 },
    occurredAt: now - 45 * MIN,
    author: 'Sam',
  });
  await host.value('recordDose', { sessionId, mg: 150, booster: false, occurredAt: now - 40 * MIN, ...sign('Dr Kim') });
  await host.value('recordObservation', { sessionId, content: { text: HOSTILE_NOTE }, author: 'Sam' });
  await host.value('recordVitals', { sessionId, values: { spo2: 88 }, author: 'Sam' });
  return sessionId;
}

/** Holds every bridge call and the push stream back: none is answered until `release`. */
async function holdBridge(page: Page): Promise<{ held: () => string[]; release: () => Promise<void> }> {
  const routes: Route[] = [];
  await page.route('**/api/**', (route) => void routes.push(route));
  return {
    held: () => routes.map((r) => new URL(r.request().url()).pathname),
    release: async () => {
      await page.unroute('**/api/**');
      await Promise.all(routes.splice(0).map((r) => r.continue().catch(() => undefined)));
    },
  };
}

describe('the first screen after a restart', () => {
  it('shows the clock and the open alerts with no bridge call answered; the page served with the old address still asks the room', async () => {
    const dataDir = tempDataDir('room-first-screen-');
    const first = await startHostProcess(dataDir, { testClock: false });
    hosts.push(first);
    await sessionWithAlert(first);
    await first.kill9();
    const host = await startHostProcess(dataDir, { testClock: false });
    hosts.push(host);

    const page = await browser().newPage();
    page.on('pageerror', (err) => console.error('page error:', err.message));
    const bridge = await holdBridge(page);
    await page.goto(host.url);

    const clock = page.getByRole('timer', { name: 'Time since first dose' });
    await expect.poll(() => clock.textContent(), { timeout: 20_000 }).toMatch(/^T\+0:4[01]:\d\d$/);
    const alerts = page.getByRole('region', { name: 'Alerts' });
    await expect
      .poll(() => alerts.getByRole('listitem').first().textContent())
      .toMatch(/^urgent.*SpO2 88% is below 90%/i);
    // The record's words drawn as text: the note that reads like markup neither ended the block nor ran.
    await expect.poll(() => page.getByText('document.title="ran"', { exact: false }).count()).toBeGreaterThan(0);
    expect(await page.title()).toBe('Session Room');
    // Drawn while the page's stream of changes was still held: nothing reached it over the bridge.
    expect(bridge.held()).toContain('/api/events');
    // The key left the address bar once read.
    expect(page.url()).not.toContain('token=');

    // Released, the room answers and the screen stays as it was (the same session, the alert still open).
    await bridge.release();
    await expect.poll(() => page.getByRole('button', { name: 'Acknowledge: SpO2 88% is below 90%.' }).count()).toBe(1);
    await page.close();

    // The address without the key in its query (the old form) has no state inlined: the page asks the room.
    const old = await browser().newPage();
    const oldBridge = await holdBridge(old);
    await old.goto(`${host.origin}/#token=${host.token}`);
    await expect.poll(() => oldBridge.held()).toContain('/api/call/getRoom');
    expect(await old.getByRole('timer', { name: 'Time since first dose' }).count()).toBe(0);
    await oldBridge.release();
    await expect
      .poll(() => old.getByRole('timer', { name: 'Time since first dose' }).textContent(), { timeout: 20_000 })
      .toMatch(/^T\+0:4[01]:\d\d$/);
    await old.close();
  });

  it('is served only with the room access key: a wrong key gets 401, no key gets the page without the room in it', async () => {
    const host = await startHostProcess(tempDataDir('room-first-screen-'));
    hosts.push(host);
    await sessionWithAlert(host);
    const wrong = await fetch(`${host.origin}/?token=${'0'.repeat(48)}`);
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('FS-1');
    const plain = await (await fetch(`${host.origin}/`)).text();
    expect(plain).not.toContain('room-first-screen');
    expect(plain).not.toContain('FS-1');
    const served = await fetch(host.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('cache-control')).toBe('no-store');
    expect(served.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
    expect(served.headers.get('content-security-policy')).not.toMatch(/unsafe-inline/);
    const html = await served.text();
    expect(html).toContain('"patientRef":"FS-1"');
    // One script element of state, its text closed only by its own end tag.
    expect(html.match(/<script/g)?.length).toBe(2);
    expect(html).not.toContain('</script><script>document');
  });
});
