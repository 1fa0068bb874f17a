import fs from 'node:fs';
import path from 'node:path';
import type { SavedFile } from '../contract/discharge-contract';
import { RoomError } from '../pure/errors';
import type { Handlers, RoomApi } from '../room-api';
import { observationsCsv, vitalsCsv } from './csv';
import { fhirBundle } from './fhir';
import type { ExportFormat } from '../pure/report/formats';
import { buildReport, reportOptions } from '../pure/report/model';
import { writeFileDurably } from '../durable-file';
import { integrationSummary } from '../pure/report/integration';
import { patientCourse } from '../pure/report/course';
import { patientStates } from '../integration/handlers';

/** Prints the report window's page to PDF once it shows that session's report: the Electron shell gives one (webContents.printToPDF); the browser host has none. */
export type ReportPrinter = (sessionId: string) => Promise<Uint8Array>;
const printers = new WeakMap<RoomApi, ReportPrinter>();
export function setReportPrinter(room: RoomApi, printer: ReportPrinter): void {
  printers.set(room, printer);
}

/** The download address of a saved file, where the page is a browser on another folder's machine (the browser host). */
export type ExportLink = (file: string) => string;
const links = new WeakMap<RoomApi, ExportLink>();
export function setExportLink(room: RoomApi, link: ExportLink): void {
  links.set(room, link);
}

/** The folder the room saves reports and exports in, beside its records. */
export const exportsDir = (room: Pick<RoomApi, 'db'>) => path.join(path.dirname(room.db.name), 'exports');

/** A session file's name as the room makes it: date, patient reference, session, what it is, and a number for a second. */
export const SESSION_EXPORT_NAME =
  /^\d{4}-\d\d-\d\d-[A-Za-z0-9_-]{1,40}-[0-9a-f]{8}-(report|events|observations|vitals|fhir-bundle)(-\d+)?\.(pdf|json|csv)$/;

/** The session log as a file: every event, as stored, with the session row, and for Spravato the REMS monitoring form as the record fills it. */
export function eventLogJson(room: RoomApi, sessionId: string): string {
  const session = room.sessions.session(sessionId);
  const events = room.sessions.events(sessionId);
  const rems = buildReport(events, room.clock.now(), reportOptions(room.settings.get())).rems;
  // The integration summary as the record holds it (with its approval, or null until approved), and the patient's course.
  const state = room.state(sessionId);
  const summary = integrationSummary(state, room.settings.get().clinicTimeZone);
  const course = patientCourse(patientStates(room, state.patientRef));
  return `${JSON.stringify({ format: 'session-room-event-log', version: 1, session, events, ...(rems ? { remsMonitoringForm: rems } : {}), integrationSummary: summary, course }, null, 2)}\n`;
}

const EXTENSIONS: Record<ExportFormat, string> = {
  json: 'events.json',
  observations_csv: 'observations.csv',
  vitals_csv: 'vitals.csv',
  fhir: 'fhir-bundle.json',
};

export function exportHandlers(room: RoomApi): Pick<Handlers, 'saveReportPdf' | 'exportSession'> {
  /** Files go beside the room's records, in a folder the person can open; no path ever comes from the renderer. */
  const save = (sessionId: string, suffix: string, contents: string | Uint8Array): SavedFile => {
    const session = room.sessions.session(sessionId);
    if (!session)
      throw new RoomError(
        'no_such_session',
        'That session does not exist on this machine. Open it from the session list.',
      );
    const dir = exportsDir(room);
    fs.mkdirSync(dir, { recursive: true });
    const date = new Date(session.createdAt).toISOString().slice(0, 10);
    const safeRef = session.patientRef.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40) || 'patient';
    // A second export (after an amendment, say) is saved beside the first, never over it.
    const dot = suffix.indexOf('.');
    const nameFor = (n: number) =>
      `${date}-${safeRef}-${sessionId.slice(0, 8)}-${n === 1 ? suffix : `${suffix.slice(0, dot)}-${n}${suffix.slice(dot)}`}`;
    let n = 1;
    while (fs.existsSync(path.join(dir, nameFor(n)))) n++;
    const fileName = nameFor(n);
    const file = path.join(dir, fileName);
    const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
    writeFileDurably(file, bytes);
    return { fileName, path: file, bytes: bytes.byteLength, url: links.get(room)?.(file) ?? null };
  };

  return {
    saveReportPdf: async ({ sessionId }) => {
      room.state(sessionId);
      const printer = printers.get(room);
      if (!printer) {
        throw new RoomError(
          'pdf_unavailable',
          'Saving a PDF needs the Session Room desktop app. In this browser, use Print and choose "Save as PDF".',
        );
      }
      return save(sessionId, 'report.pdf', await printer(sessionId));
    },

    exportSession: ({ sessionId, format }) => {
      room.state(sessionId);
      if (format === 'json') return save(sessionId, EXTENSIONS.json, eventLogJson(room, sessionId));
      const settings = room.settings.get();
      const report = buildReport(room.sessions.events(sessionId), room.clock.now(), reportOptions(settings));
      const fhirOptions = {
        patientIdentifierSystem: settings.patientIdentifierSystem,
        timeZone: settings.clinicTimeZone,
      };
      const contents =
        format === 'observations_csv'
          ? observationsCsv(report)
          : format === 'vitals_csv'
            ? vitalsCsv(report)
            : `${JSON.stringify(fhirBundle(report, room.clock.now(), fhirOptions), null, 2)}\n`;
      return save(sessionId, EXTENSIONS[format], contents);
    },
  };
}
