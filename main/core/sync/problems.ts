import type { ClinicConnection } from './connection';

/** A problem reaching or writing to the clinic database, as one sentence for the room's sync line and the admin. */
export class ClinicProblem extends Error {}

/** Says what went wrong with the clinic database and what to do, never with the password or a stack trace. */
export function describeClinicProblem(err: unknown, connection: ClinicConnection): string {
  if (err instanceof ClinicProblem) return err.message;
  const e = err as { code?: string; message?: string };
  const where = connection.address.replace(/^postgres:\/\//, '');
  const host = where.split('/')[0] ?? where;
  switch (e.code) {
    case 'ECONNREFUSED':
      return `The clinic database at ${host} is not answering. The room keeps recording and sends its entries when it is back.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The clinic database server "${host.replace(/:\d+$/, '')}" was not found on the network. Check the address in the admin settings; the room keeps recording.`;
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EPIPE':
      return `The connection to the clinic database at ${host} was lost. The room keeps recording and sends its entries when it is back.`;
    case '28P01':
    case '28000':
      return `The clinic database refused the login "${connection.login}" or its password. Check them in the admin settings; the room keeps recording.`;
    case '3D000':
      return `The clinic database "${where.split('/')[1] ?? ''}" does not exist at ${host}. Check the address in the admin settings; the room keeps recording.`;
    case '42501':
      return `The clinic database refused this room's records: the login "${connection.login}" is not the login of room "${connection.room}". Check the room's name and login in the admin settings; the room keeps recording.`;
    case '42P01':
      return 'The clinic database has not been set up for Session Room (no events table). Ask the clinic\'s IT to run its setup; the room keeps recording.';
    case '57P01':
    case '57P02':
    case '57P03':
      return `The clinic database at ${host} is shutting down or starting up. The room keeps recording and sends its entries when it is back.`;
    default:
      if (/timeout/i.test(e.message ?? '')) return `The clinic database at ${host} did not answer in time. The room keeps recording and sends its entries when it is back.`;
      if (/terminated|closed|ended/i.test(e.message ?? '')) return `The connection to the clinic database at ${host} was lost. The room keeps recording and sends its entries when it is back.`;
      return `The clinic database at ${host} could not take this room's entries (${(e.message ?? 'unknown error').replace(/\s+/g, ' ').slice(0, 160)}). The room keeps recording.`;
  }
}
