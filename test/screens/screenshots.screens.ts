import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { startHostProcess, tempDataDir } from '../support/host-process';
import { chromiumWithHosts } from '../support/room-page';
import { walkViews, type ViewName } from '../support/room-views';

/** `npm run screenshots`: a PNG of every view at both screen sizes, glance mode and the night palette too. */
const OUT = path.resolve(import.meta.dirname, '../../screenshots');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];
const { hosts, openRoom } = chromiumWithHosts();

for (const size of SIZES) {
  it(`every view at ${size.width}x${size.height}`, async () => {
    fs.mkdirSync(OUT, { recursive: true });
    const host = await startHostProcess(tempDataDir('room-screens-'));
    hosts.push(host);
    const page = await openRoom(host, { viewport: size });
    const shots: string[] = [];
    const shoot = async (name: string) => {
      const file = path.join(OUT, `${size.width}x${size.height}-${name.replace(/ /g, '-')}.png`);
      await page.screenshot({ path: file });
      shots.push(file);
    };
    await walkViews(page, host, async (view: ViewName) => {
      await shoot(view);
      if (view === 'session' || view === 'glance') {
        // Set as the Night palette button sets it (its key would leave glance mode).
        await page.evaluate(() => (document.documentElement.dataset.palette = 'night'));
        await shoot(`${view} night`);
        await page.evaluate(() => (document.documentElement.dataset.palette = 'dim'));
      }
    });
    console.log(`${shots.length} screenshots in ${OUT}`);
    expect(shots.length).toBe(12);
    await page.close();
  }, 180_000);
}
