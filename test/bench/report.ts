import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { dispatch } from '../../main/core/bridge/dispatch';
import { ManualClock } from '../../main/core/clock';
import { closeRoom, openRoom } from '../../main/core/open-room';
import { buildReport } from '../../main/core/pure/report/model';
import type { Room } from '../../main/core/room';
import { launchChromium } from '../support/browser';
import { startHostProcess, tempDataDir } from '../support/host-process';
import { percentile, round, type Figure } from './figures';
import { answerDayOfChecklist } from '../support/checklist';
import { seedStaff, sign } from '../support/staff';
import { size } from './size';

const MIN = 60_000;
const EVENTS = size(2000, 100);
/** Opens timed in the core, and in the page (each with its PDF), after the untimed first ones. */
const CORE_OPENS = size({ warm: 5, timed: 20 }, { warm: 1, timed: 2 });
const PAGE_OPENS = size({ warm: 2, timed: 6 }, { warm: 1, timed: 2 });
const TAGS = ['dissociation', 'resting quietly', 'emotional release/crying', 'perceptual change', 'speaking/insight shared'];

/** A 3-hour session of 2,000 events (100 in the smoke run), closed by a discharge: notes, tags, vitals, scores, check-ins, amendments. */
async function seedSession(dataDir: string): Promise<string> {
  const clock = new ManualClock(Date.now() - 3 * 60 * MIN - 15 * MIN);
  const room = openRoom({ dataDir, clock, settingsBackend: null });
  seedStaff(room);
  const ok = async (method: string, args: unknown) => {
    const env = await dispatch(room.handlers, method, args, () => {});
    if (!env.ok) throw new Error(`${method}: ${env.error.message}`);
    return env.value as { seq: number; session: { id: string } };
  };
  const sessionId = (await ok('startSession', { patientRef: 'BENCH-2000', presetId: 'sublingual', plannedDoseMg: 150, therapist: 'Dr Kim', sitter: 'Sam' })).session.id;
  await answerDayOfChecklist(ok, sessionId, 'sublingual');
  await ok('recordVitals', { sessionId, values: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 }, author: 'Sam' });
  clock.advance(5 * MIN);
  await ok('recordDose', { sessionId, mg: 150, booster: false, ...sign('Dr Kim'), lot: 'B-1' });
  const step = Math.floor((3 * 60 * MIN) / EVENTS);
  for (let i = 0; room.sessions.events(sessionId).length < EVENTS - 12; i++) {
    clock.advance(step);
    const kind = i % 10;
    if (kind < 5) await ok('recordObservation', { sessionId, content: { tags: [TAGS[i % TAGS.length]!], ...(kind === 0 ? { text: `Note ${i}: breathing slow, hands relaxed, "calm", said a few words` } : {}) }, author: 'Sam' });
    else if (kind < 7) await ok('recordVitals', { sessionId, values: { systolic: 118 + (i % 15), diastolic: 76 + (i % 8), heartRate: 66 + (i % 12), spo2: 96 + (i % 4) }, author: 'Sam' });
    else if (kind === 7) await ok('recordScore', { sessionId, content: { scale: 'moaas', score: 4 + (i % 2) }, author: 'Sam' });
    else if (kind === 8) await ok('recordCheckIn', { sessionId, author: 'Sam' });
    else {
      const { seq } = await ok('recordObservation', { sessionId, content: { text: `Entry ${i} recorded by mistake` }, author: 'Sam' });
      await ok('amendEntry', { sessionId, targetSeq: seq, action: 'strike', reason: 'wrong time', author: 'Sam' });
    }
  }
  await ok('recordScore', { sessionId, content: { scale: 'moaas', score: 5 }, author: 'Sam' });
  await ok('recordVitals', { sessionId, values: { systolic: 124, diastolic: 80, heartRate: 72, spo2: 98, respiratoryRate: 14 }, author: 'Sam' });
  for (const [item, answer] of [['oriented', 'yes'], ['steady_gait', 'yes'], ['nausea', 'resolved'], ['dissociation', 'minimal'], ['no_driving_acknowledged', 'yes'], ['fluids', 'yes'], ['voided', 'yes']]) {
    await ok('attest', { sessionId, item, answer, author: 'Sam' });
  }
  await ok('confirmDriver', { sessionId, name: 'Pat Lee', relationship: 'partner', phone: '555-0100', author: 'Sam' });
  await ok('discharge', { sessionId, ...sign('Dr Kim') });
  const count = room.sessions.events(sessionId).length;
  await closeRoom(room);
  if (Math.abs(count - EVENTS) > 5) throw new Error(`seeded ${count} events, not ${EVENTS}`);
  return sessionId;
}

/** Opening a past session in the core: read the log through the bridge's dispatch and build the report model. */
async function coreOpen(room: Room, sessionId: string): Promise<{ open: number[]; raw: number[] }> {
  const raw: number[] = [];
  const open: number[] = [];
  const select = room.db.prepare('SELECT * FROM events WHERE session_id = ? ORDER BY seq');
  for (let i = 0; i < CORE_OPENS.warm + CORE_OPENS.timed; i++) {
    let t0 = performance.now();
    select.all(sessionId);
    raw.push(performance.now() - t0);
    t0 = performance.now();
    const env = await dispatch(room.handlers, 'getSession', { sessionId });
    if (!env.ok) throw new Error(env.error.message);
    buildReport((env.value as { events: Parameters<typeof buildReport>[0] }).events, Date.now());
    open.push(performance.now() - t0);
  }
  return { open: open.slice(CORE_OPENS.warm), raw: raw.slice(CORE_OPENS.warm) };
}

/** In the page: press "Open report"; time until the report's first screen is drawn, and until all of it is (measured inside Chromium). */
const openReportInPage = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<{ shown: number; complete: number }>((resolve) => {
        const button = [...document.querySelectorAll('button')].find((b) => b.getAttribute('aria-label')?.startsWith('Open the report of'))!;
        // window.performance: the bundler renames the node import of the same name inside this file.
        const t0 = window.performance.now();
        let shown: number | null = null;
        const seen = new MutationObserver(() => {
          if (shown === null && document.querySelector('[data-report-ready]')) {
            requestAnimationFrame(() => (shown = window.performance.now() - t0));
            shown = -1;
          }
          if (!document.querySelector('[data-report-complete="true"]')) return;
          seen.disconnect();
          requestAnimationFrame(() => resolve({ shown: shown!, complete: window.performance.now() - t0 }));
        });
        seen.observe(document.body, { childList: true, subtree: true, attributes: true });
        button.click();
      }),
  );

export async function benchReport(): Promise<Figure[]> {
  const dataDir = tempDataDir('room-bench-report-');
  const sessionId = await seedSession(dataDir);

  const room = openRoom({ dataDir, clock: new ManualClock(Date.now()), settingsBackend: null });
  const core = await coreOpen(room, sessionId);
  // Closed, this process lets the folder go, so the host process can take it (one room per data folder).
  await closeRoom(room);

  const host = await startHostProcess(dataDir, { testClock: false });
  const browser = await launchChromium();
  const opens: number[] = [];
  const pdfs: number[] = [];
  const blanks: number[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Session history' }).click();
    await page.getByRole('button', { name: /^Open the report of/ }).waitFor();
    const blank = await browser.newPage();
    await blank.setContent('<!doctype html><html><body><p>Session report</p></body></html>');
    for (let i = 0; i < PAGE_OPENS.warm + PAGE_OPENS.timed; i++) {
      const { shown, complete } = await openReportInPage(page);
      opens.push(shown);
      const t0 = performance.now();
      await page.pdf({ format: 'A4', printBackground: true });
      pdfs.push(complete + (performance.now() - t0));
      const b0 = performance.now();
      await blank.pdf({ format: 'A4' });
      blanks.push(performance.now() - b0);
      await page.getByRole('button', { name: 'Back to the session history' }).click();
      await page.getByRole('button', { name: /^Open the report of/ }).waitFor();
    }
  } finally {
    await browser.close();
    await host.stop();
  }
  const pdf = percentile(pdfs.slice(PAGE_OPENS.warm), 50);
  const blankPdf = percentile(blanks.slice(PAGE_OPENS.warm), 50);
  return [
    { name: 'open_session_2000_events_ms', value: round(percentile(opens.slice(PAGE_OPENS.warm), 50), 1), unit: 'ms (click to first screen drawn)', goal: '<= 30' },
    { name: 'open_session_core_2000_events_ms', value: round(percentile(core.open, 50), 2), unit: 'ms (read + report)', goal: 'part of the above' },
    { name: 'reference_read_2000_rows_ms', value: round(percentile(core.raw, 50), 2), unit: 'ms', goal: 'reference' },
    { name: 'report_pdf_2000_events_ms', value: round(pdf, 1), unit: 'ms (open, draw all, PDF)', goal: 'measured' },
    { name: 'reference_blank_pdf_ms', value: round(blankPdf, 1), unit: 'ms', goal: 'reference' },
    { name: 'report_pdf_ratio', value: round(pdf / blankPdf, 2), unit: 'x one-line page PDF', goal: '<= 15' },
  ];
}
