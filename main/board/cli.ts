import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tlsProblem } from '../core/sync/problems';
import { addressOptionsProblem, readClinicCa } from '../core/sync/tls';
import { isTimeZone } from '../core/pure/clinic-time';
import { WritableLoginRefused } from './feed';
import { startBoard } from './server';
import type { PatientLabel } from './tile';

const USAGE =
  'Usage: npm run board -- --db postgres://clinic_board@<host>:<port>/clinic --password-file <file> --ca <clinic CA certificate> [--port <number>] [--patient initials|chart] [--time-zone <IANA name>]';

function fail(sentence: string): never {
  console.error(sentence);
  process.exit(2);
}

function parseArgs(argv: string[]): {
  db: string;
  ca: string;
  port: number;
  patient: PatientLabel;
  timeZone: string | undefined;
} {
  let db: string | undefined;
  let passwordFile: string | undefined;
  let caFile: string | undefined;
  let port = 0;
  let patient: PatientLabel = 'initials';
  let timeZone: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--db') db = argv[++i];
    else if (arg === '--password-file') passwordFile = argv[++i];
    else if (arg === '--ca') caFile = argv[++i];
    else if (arg === '--port') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0 || value > 65535)
        fail(`The port must be a whole number from 0 to 65535. ${USAGE}`);
      port = value;
    } else if (arg === '--patient') {
      const value = argv[++i];
      if (value !== 'initials' && value !== 'chart')
        fail(`Show the patient as "initials" or as the "chart" ID. ${USAGE}`);
      patient = value;
    } else if (arg === '--time-zone') {
      const value = argv[++i];
      if (!value || !isTimeZone(value))
        fail(
          `Give the clinic's time zone as an IANA name this computer knows, such as America/Los_Angeles or Europe/London. ${USAGE}`,
        );
      timeZone = value;
    } else fail(`"${arg}" is not an option the board knows. ${USAGE}`);
  }
  if (!db) fail(`Say which clinic database to show with --db postgres://<user>@<host>:<port>/<database>. ${USAGE}`);
  let url: URL;
  try {
    url = new URL(db);
  } catch {
    fail(
      `The clinic database address is not valid; write it like postgres://clinic_board@127.0.0.1:5432/clinic. ${USAGE}`,
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    fail(`The clinic database address starts with postgres://. ${USAGE}`);
  const options = addressOptionsProblem(url, 'in a file given with --ca');
  if (options) fail(options);
  url.search = '';
  if (!caFile) {
    fail(
      `Give the clinic's CA certificate with --ca <file> (ca.crt in clinic-db's folder): the board connects only to a clinic database it can verify. ${USAGE}`,
    );
  }
  let caText: string;
  try {
    caText = fs.readFileSync(path.resolve(caFile), 'utf8');
  } catch {
    fail(`The CA certificate ${caFile} could not be read. Check the path and that this user may read it.`);
  }
  const ca = readClinicCa(caText);
  if ('problem' in ca) fail(`${caFile}: ${ca.problem}`);
  if (passwordFile) {
    try {
      url.password = encodeURIComponent(fs.readFileSync(path.resolve(passwordFile), 'utf8').trim());
    } catch {
      fail(`The password file ${passwordFile} could not be read. Check the path and that this user may read it.`);
    }
  }
  return { db: url.toString(), ca: ca.pem, port, patient, timeZone };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const here = path.dirname(fileURLToPath(import.meta.url));
  const where = new URL(args.db);
  const shown = `${where.hostname}:${where.port || 5432}${where.pathname}`;
  try {
    const board = await startBoard({
      connectionString: args.db,
      ca: args.ca,
      rendererDir: path.resolve(here, '../renderer'),
      port: args.port,
      patientLabel: args.patient,
      timeZone: args.timeZone,
    });
    console.log(`Chair board for ${shown} is open at ${board.url}`);
    const stop = async () => {
      await board.close();
      process.exit(0);
    };
    process.once('SIGTERM', () => void stop());
    process.once('SIGINT', () => void stop());
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE')
      fail(`Port ${args.port} is in use. Choose another with --port, or leave it out to pick a free one.`);
    if (err instanceof WritableLoginRefused) fail(err.message);
    const tls = tlsProblem(err, `${where.hostname}:${where.port || 5432}`, 'board');
    if (tls) fail(tls);
    if (e.code === '28P01')
      fail(`The clinic database at ${shown} refused the board's login or password. Check --db and --password-file.`);
    if (e.code === '28000')
      fail(
        `The clinic database at ${shown} does not let the login "${decodeURIComponent(where.username)}" in from here. Check --db.`,
      );
    if (e.code === 'ECONNREFUSED')
      fail(`The clinic database at ${shown} is not answering. Start it, or check the address.`);
    if (e.code === 'ENOTFOUND')
      fail(`The clinic database server "${where.hostname}" was not found. Check the address.`);
    fail(`The board could not start: ${e.message}`);
  }
}

void main();
