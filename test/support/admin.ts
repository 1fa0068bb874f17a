import type { Browser, Page } from 'playwright-core';
import type { HostProcess } from './host-process';

/** Opens the room in a new page and goes through the first-run admin PIN into the admin area (optionally a tab). */
export async function openAdminPage(
  browser: Browser,
  host: HostProcess,
  options: { pin?: string; tab?: 'Music sets' | 'Staff'; before?: (page: Page) => Promise<unknown> } = {},
): Promise<Page> {
  const pin = options.pin ?? '2580';
  const page = await browser.newPage({ acceptDownloads: true });
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await options.before?.(page);
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Admin' }).click();
  await page.getByLabel('New admin PIN', { exact: true }).fill(pin);
  await page.getByLabel('New admin PIN again').fill(pin);
  await page.getByRole('button', { name: 'Set PIN and open admin' }).click();
  if (options.tab) await page.getByRole('tab', { name: options.tab }).click();
  return page;
}
