import { CHAIN_REFUSED } from './clinic-migrations';
import type { ClinicConnection } from './connection';

/** A problem reaching or writing to the clinic database, as one sentence for the room's sync line and the admin. */
export class ClinicProblem extends Error {}

/** The TLS verification errors that mean the certificate was not signed by the CA given (node's codes, from OpenSSL). */
const NOT_SIGNED_BY_CA = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
]);

/**
 * The sentence for a connection refused before anything was sent because the server could not be verified (no TLS
 * offered, a certificate the clinic's CA did not sign, or one for another name), or null for any other problem.
 * `host` is host:port as the address names it. The room and the board each say what to check.
 */
export function tlsProblem(err: unknown, host: string, reader: 'room' | 'board'): string | null {
  const e = err as { code?: string; message?: string };
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const room = reader === 'room';
  const nothing = room
    ? 'the room sent it nothing, not even its password'
    : 'the board sent it nothing, not even its password';
  const tail = room ? '; the room keeps recording.' : '.';
  if (/does not support SSL/i.test(e.message ?? '')) {
    return (
      `TLS is required, and the server at ${host} does not offer it: ${nothing}. ` +
      `Check the address, or ask the clinic's IT to turn TLS on (npm run clinic-db sets it up)${tail}`
    );
  }
  if (/error establishing an SSL connection/i.test(e.message ?? '')) {
    return `The server at ${host} did not answer as a clinic database over TLS: ${nothing}. Check the address${tail}`;
  }
  if (e.code && NOT_SIGNED_BY_CA.has(e.code)) {
    return (
      `The server at ${host} showed a certificate that the clinic's CA certificate did not sign: ${nothing}. ` +
      (room
        ? "Check that the CA certificate in the admin settings is the clinic's (its fingerprint is the one clinic-db printed) and the address is the clinic database's"
        : "Check --ca: it must be the clinic's CA certificate (ca.crt, made by clinic-db), and the address the clinic database's") +
      tail
    );
  }
  if (e.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return (
      `The server at ${host} showed a certificate made for another name than "${name}": ${nothing}. ` +
      `Use a name or address the clinic database's certificate names (those given to clinic-db with --host, and 127.0.0.1 on its own machine)${tail}`
    );
  }
  if (e.code === 'CERT_HAS_EXPIRED') {
    return `The clinic database's certificate at ${host} has expired: ${nothing}. Ask the clinic's IT to run npm run clinic-db again, which renews it${tail}`;
  }
  if (e.code === 'CERT_NOT_YET_VALID') {
    return `The clinic database's certificate at ${host} is not valid yet: ${nothing}. Check this machine's date and time${tail}`;
  }
  if (e.code?.startsWith('ERR_SSL_') || e.code?.startsWith('ERR_TLS_')) {
    return `The TLS connection to the clinic database at ${host} could not be set up (${(e.message ?? e.code).replace(/\s+/g, ' ').slice(0, 120)}): ${nothing}${tail}`;
  }
  return null;
}

/** Says what went wrong with the clinic database and what to do, never with the password or a stack trace. */
export function describeClinicProblem(err: unknown, connection: ClinicConnection): string {
  if (err instanceof ClinicProblem) return err.message;
  const e = err as { code?: string; message?: string };
  const where = connection.address.replace(/^postgres:\/\//, '');
  const host = where.split('/')[0] ?? where;
  const tls = tlsProblem(err, host, 'room');
  if (tls) return tls;
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
      return "The clinic database has not been set up for Session Room (no events table). Ask the clinic's IT to run its setup; the room keeps recording.";
    case CHAIN_REFUSED:
      // The clinic database's chain check (clinic format 4): this room's next event does not follow what the clinic holds.
      return (
        `The clinic database refused this room's entries: ${(e.message ?? '')
          .replace(/^the clinic record refuses /, '')
          .replace(/\s+/g, ' ')
          .slice(0, 240)}. ` +
        "The room keeps recording; ask the clinic's IT to check the clinic record (npm run clinic-db -- --dir <its folder> --verify)."
      );
    case '57P01':
    case '57P02':
    case '57P03':
      return `The clinic database at ${host} is shutting down or starting up. The room keeps recording and sends its entries when it is back.`;
    default:
      if (/timeout/i.test(e.message ?? ''))
        return `The clinic database at ${host} did not answer in time. The room keeps recording and sends its entries when it is back.`;
      if (/terminated|closed|ended/i.test(e.message ?? ''))
        return `The connection to the clinic database at ${host} was lost. The room keeps recording and sends its entries when it is back.`;
      return `The clinic database at ${host} could not take this room's entries (${(e.message ?? 'unknown error').replace(/\s+/g, ' ').slice(0, 160)}). The room keeps recording.`;
  }
}
