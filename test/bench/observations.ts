import { launchChromium } from '../support/browser';
import { startHostProcess, tempDataDir } from '../support/host-process';
import { checkLog, kill9Round, readLog, seededRandom, sessionForKillRounds, type RoundSent } from '../support/kill9';
import { seedStaffSettings } from '../support/staff';
import { percentile, round, type Figure } from './figures';
import { size } from './size';

const WARMUP = size(5, 1);
const PRESSES = size(100, 5);
const KILL_ROUNDS = size(50, 2);

/**
 * A tag key pressed in Chromium to its entry painted in the list, through the host (bridge call, durable
 * write, answer, render). Measured in the page: from the keydown event's own time stamp to the first
 * moment after the frame that shows the new row. The reference is the same key presses to the next frame.
 */
export async function benchKeypressVisible(): Promise<Figure[]> {
  const host = await startHostProcess(tempDataDir('room-bench-keys-'), { testClock: false });
  const browser = await launchChromium();
  try {
    await host.value('startSession', { patientRef: 'BENCH', presetId: 'im', plannedDoseMg: 60, therapist: 'Dr Kim', sitter: 'Sam' });
    const page = await browser.newPage();
    await page.goto(host.url);
    await page.getByRole('list', { name: 'Entry list' }).waitFor({ state: 'attached' });
    await page.evaluate(() => {
      const w = window as unknown as { keyDown: number[]; nextFrame: number[]; shown: number[]; confirmed: number[] };
      w.keyDown = [];
      w.nextFrame = [];
      w.shown = [];
      w.confirmed = [];
      // After the frame: rAF runs before the paint, a message posted from it arrives after.
      const afterPaint = (into: number[]) =>
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => into.push(performance.now());
          channel.port2.postMessage(null);
        });
      window.addEventListener(
        'keydown',
        (e) => {
          w.keyDown.push(e.timeStamp);
          afterPaint(w.nextFrame);
        },
        true,
      );
      const list = document.querySelector('ol[aria-label="Entry list"]')!;
      // The line drawn at the key press (marked pending), then the room's durable entry in its place.
      const added = (records: MutationRecord[], pending: boolean) =>
        records.some((r) =>
          [...r.addedNodes].some((n) => n instanceof HTMLLIElement && n.classList.contains('entry') && n.hasAttribute('data-pending') === pending),
        );
      new MutationObserver((records) => {
        if (added(records, true)) afterPaint(w.shown);
        if (added(records, false)) afterPaint(w.confirmed);
      }).observe(list, { childList: true });
    });
    for (let i = 0; i < WARMUP + PRESSES; i++) {
      await page.keyboard.press(String((i % 9) + 1));
      await page.waitForFunction((n) => (window as unknown as { confirmed: number[] }).confirmed.length >= n, i + 1);
      await page.waitForTimeout(20);
    }
    const { keyDown, nextFrame, shown, confirmed } = await page.evaluate(() => {
      const w = window as unknown as { keyDown: number[]; nextFrame: number[]; shown: number[]; confirmed: number[] };
      return { keyDown: w.keyDown, nextFrame: w.nextFrame, shown: w.shown, confirmed: w.confirmed };
    });
    if (shown.length !== keyDown.length) throw new Error(`${keyDown.length} key presses drew ${shown.length} lines at once`);
    const visible = shown.map((t, i) => t - keyDown[i]!).slice(WARMUP);
    const durable = confirmed.map((t, i) => t - keyDown[i]!).slice(WARMUP);
    const frame = nextFrame.map((t, i) => t - keyDown[i]!).slice(WARMUP);
    // A long list draws only the entries in view; each drawn one says how many there are in all.
    const items = page.getByRole('list', { name: 'Entry list' }).getByRole('listitem');
    const setSize = await items.first().getAttribute('aria-setsize');
    const entries = setSize ? Number(setSize) : await items.count();
    if (entries !== WARMUP + PRESSES) throw new Error(`expected ${WARMUP + PRESSES} entries in the list, found ${entries}`);
    await page.close();
    return [
      { name: 'reference_keypress_next_frame_p50_ms', value: round(percentile(frame, 50), 1), unit: 'ms', goal: 'reference' },
      { name: 'keypress_visible_p50_ms', value: round(percentile(visible, 50), 1), unit: 'ms', goal: 'informational' },
      { name: 'keypress_visible_p95_ms', value: round(percentile(visible, 95), 1), unit: 'ms (key to line drawn)', goal: '<= 25' },
      { name: 'keypress_confirmed_p95_ms', value: round(percentile(durable, 95), 1), unit: 'ms (key to the durable entry drawn)', goal: 'informational' },
    ];
  } finally {
    await browser.close();
    await host.stop();
  }
}

/**
 * 50 SIGKILLs (2 in the smoke run) at random moments while notes stream in through the bridge: acknowledged notes lost.
 * The writers record under names of their own, so the room has no staff list (as before its first-run setup): each
 * name is taken as given. A note the room refuses means the streams measured nothing, and the suite fails.
 */
export async function benchKill9(): Promise<Figure[]> {
  const seed = Date.now() % 2 ** 31;
  const random = seededRandom(seed);
  const dataDir = tempDataDir('room-bench-kill9-');
  seedStaffSettings(dataDir, { staff: [] });
  const sessionId = await sessionForKillRounds(dataDir);
  const rounds: RoundSent[] = [];
  for (let r = 0; r < KILL_ROUNDS; r++) rounds.push((await kill9Round({ dataDir, sessionId, round: r, random })).sent);
  const check = checkLog(await readLog(dataDir, sessionId), rounds);
  const refused = rounds.flatMap((r) => r.refused);
  if (check.duplicated.length || check.outOfOrder.length || check.unknown.length || check.seqGaps || refused.length) {
    console.error(`kill -9 rounds (seed ${seed}): ${JSON.stringify({ ...check, refused: refused.slice(0, 5), refusedCount: refused.length })}`);
  }
  if (refused.length) throw new Error(`the room refused ${refused.length} notes the writers sent, such as "${refused[0]}"`);
  return [
    { name: 'kill9_rounds', value: KILL_ROUNDS, unit: 'rounds', goal: '50' },
    { name: 'kill9_acknowledged_entries', value: check.acknowledged, unit: 'entries', goal: 'informational' },
    { name: 'kill9_lost_entries', value: check.lost.length, unit: 'entries', goal: '0' },
  ];
}
