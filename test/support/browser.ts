import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, as TOOLCHAIN.md measured it: no downloads, no background network. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * `autoplay: false` leaves Chromium's own autoplay rule in force (sound waits for a click on the page), as in a
 * browser the room is reloaded in mid-session; by default tests let sound start without one.
 */
export function launchChromium(options: { autoplay?: boolean } = {}): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.autoplay === false ? [] : ['--autoplay-policy=no-user-gesture-required']),
      // Fake audio outputs, so the player's output-device choice can be made and remembered in tests.
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  });
}
