import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { chromiumWithHosts } from '../support/room-page';
import { spravatoSession } from '../support/report-session';

const rooms = chromiumWithHosts();
const hosts = rooms.hosts;

async function openReport(host: HostProcess, patientRef: string): Promise<Page> {
  const page = await rooms.openRoom(host, { viewport: { width: 1400, height: 1000 } });
  await page.getByRole('button', { name: 'Session history' }).click();
  await page.getByRole('button', { name: new RegExp(`^Open the report of ${patientRef}`) }).click();
  await page.locator('[data-report-complete="true"]').waitFor();
  return page;
}

/** The report as Chromium prints it (A4, print CSS), one string per page, as pdftotext lays it out. */
async function pdfPages(page: Page): Promise<{ pages: string[]; pdfFile: string }> {
  const pdfFile = path.join(tempDataDir('room-pdf-'), 'report.pdf');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdfFile, format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  const pages = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((p) => p.trim() !== '');
  return { pages, pdfFile };
}

/** The grey level (0 black, 255 white) of page 1's top margin, midway across, from the PDF drawn at 20 dpi. */
function topMarginGrey(pdfFile: string): number {
  const out = path.join(path.dirname(pdfFile), 'page');
  execFileSync('pdftoppm', ['-r', '20', '-gray', '-f', '1', '-l', '1', pdfFile, out]);
  const file = fs.readdirSync(path.dirname(pdfFile)).find((f) => f.startsWith('page') && f.endsWith('.pgm'))!;
  const pgm = fs.readFileSync(path.join(path.dirname(pdfFile), file));
  // P5 (binary greymap): "P5", width, height, the maximum, each after whitespace; then one byte a pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const width = Number(header[1]);
  return pgm[header[0].length + 2 * width + Math.floor(width / 2)]!;
}

describe('the printed report, through its PDF', () => {
  it('every page names the patient, the session date and "page n of m"; names, music, counts, dates and the REMS page read as words', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const { startedAt } = await spravatoSession(host);
    const page = await openReport(host, 'SP-4471');
    const { pages, pdfFile } = await pdfPages(page);
    expect(pages.length).toBeGreaterThan(2);
    // White paper to the edge: the page's head and foot sit in its margins, in ink on white.
    expect(topMarginGrey(pdfFile)).toBeGreaterThan(240);
    // The clinic's date, in its zone, one format throughout (the REMS form's month/day/year).
    const day = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/Los_Angeles',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(startedAt);
    pages.forEach((text, i) => {
      expect(text).toContain('SP-4471');
      expect(text).toContain(`Session of ${day}`);
      expect(text).toMatch(new RegExp(`page ${i + 1} of ${pages.length}`));
    });
    const all = pages.join('\n');
    const flat = all.replace(/[ \t]+/g, ' ');
    // Every date the report writes is in that one format.
    const otherDates = flat.match(
      /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}\b|\b\d{4}-\d\d-\d\d\b|\b\d{1,2}\/\d{1,2}\/\d{2}\b(?!\d)/g,
    );
    expect(otherDates).toBeNull();
    expect(flat).toContain(`Date ${day}`);
    // The "By" column keeps a name and role on one line.
    expect(all).toMatch(/Sam \(sitter\)\s+Vitals: BP 130\/84/);
    expect(all).toMatch(/Sam \(sitter\)\s+MOAA\/S 4/);
    // The music log in words.
    expect(flat).not.toMatch(/phase_move|\bhold\b|evening-calm/);
    expect(flat).toMatch(/Music moved from Onset to Peak/i);
    expect(flat).toMatch(/Music held in Peak/i);
    // Counts in plain English.
    expect(flat).toMatch(/\b1 check-in\b(?!s)/);
    expect(flat).toMatch(/\b1 amendment\b(?!s)/);
    expect(flat).not.toMatch(/\b1 (observations|scores|vitals sets|check-ins|amendments)\b/);
    // The REMS form says the lowest score and how many were taken, in words.
    expect(flat).toMatch(/lowest MOAA\/S 4 in 2\b/);
    expect(flat).not.toMatch(/MOAA\/S 4 of 2/);
    // The REMS page's columns line up from one section to the next: the value and where it came from.
    const formPage = pages.find((p) => p.includes('Monitoring of blood pressure'))!;
    const lineOf = (start: RegExp) => formPage.split('\n').find((l) => start.test(l))!;
    const vitalsLine = lineOf(/^\s*Vital signs in acceptable range before\s+yes/);
    const bpLine = lineOf(/^\s*BP prior to administration\s+124\/78/);
    expect(vitalsLine.indexOf('yes')).toBe(bpLine.indexOf('124/78'));
    expect(vitalsLine.indexOf('answered by')).toBe(bpLine.indexOf('from the record'));
    await page.close();
  });

  it('in the browser room, "Save report as PDF" opens the print dialog and says so; an export downloads to the person', async () => {
    const host = await startHostProcess(tempDataDir());
    hosts.push(host);
    const { sessionId } = await spravatoSession(host);
    const page = await openReport(host, 'SP-4471');
    // The browser's own print dialog is the way here: the test stands in for it and counts its openings.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.getByRole('button', { name: 'Save report as PDF' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'PDF' }).textContent())
      .toBe('This browser saves the PDF from its print dialog: choose "Save as PDF" as the printer, then Save.');
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    expect(await page.getByRole('alert').count()).toBe(0);

    // An export comes to the person as a download, named for the session, and holds the record.
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export FHIR R4 bundle (JSON)' }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\d-SP-4471-${sessionId.slice(0, 8)}-fhir-bundle\\.json$`),
    );
    const file = path.join(tempDataDir('room-download-'), download.suggestedFilename());
    await download.saveAs(file);
    const bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as { resourceType: string; entry: unknown[] };
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.entry.length).toBeGreaterThan(5);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'fhir-bundle' }).textContent())
      .toMatch(/^Downloaded .*fhir-bundle\.json\. A copy is kept in the room's exports folder\.$/);
    await page.close();
  });
});
