import crypto from 'node:crypto';
import net from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import type pg from 'pg';

/**
 * Every connection to the clinic database, a room's, the board's or clinic-db's own, is TLS with the server verified
 * against the clinic's own CA certificate and by the name it is reached at (what libpq calls sslmode=verify-full).
 * The CA given is the only one trusted: not the machine's public roots. Nothing, the password included, is sent
 * before the server is verified.
 */
export function clinicTls(host: string, ca: string): ConnectionOptions {
  return {
    ca,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
    // The name the certificate must carry; an IP address is checked as the host itself (SNI never names an address).
    ...(net.isIP(host) ? {} : { servername: host }),
  };
}

/** A CA certificate as the admin gives it, read and checked: its PEM and its SHA-256 fingerprint, as clinic-db prints it. */
export interface ClinicCa {
  pem: string;
  fingerprint: string;
}

/** Reads the clinic's CA certificate (PEM text); the sentence says what is wrong with what was given. */
export function readClinicCa(text: string): ClinicCa | { problem: string } {
  const pem = text.trim();
  if (/PRIVATE KEY-----/.test(pem)) {
    return {
      problem:
        "This is a private key, not the clinic's CA certificate. Paste the certificate (ca.crt, made by clinic-db); a key never leaves the clinic's server.",
    };
  }
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) {
    return {
      problem:
        "The clinic's CA certificate could not be read. Paste the whole of ca.crt, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.",
    };
  }
  if (blocks.length > 1) return { problem: "Paste one certificate: the clinic's CA certificate (ca.crt) alone." };
  let cert: crypto.X509Certificate;
  try {
    cert = new crypto.X509Certificate(blocks[0]!);
  } catch {
    return {
      problem:
        "The clinic's CA certificate could not be read. Paste the whole of ca.crt, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.",
    };
  }
  if (!cert.ca) {
    return {
      problem:
        "This certificate is not a certificate authority's (it may be the server's own). Paste the clinic's CA certificate, ca.crt.",
    };
  }
  return { pem: cert.toString(), fingerprint: cert.fingerprint256 };
}

/** The SHA-256 fingerprint of a CA certificate already checked, or null when it cannot be read. */
export function caFingerprint(pem: string): string | null {
  const read = pem ? readClinicCa(pem) : null;
  return read && 'fingerprint' in read ? read.fingerprint : null;
}

/**
 * The sentence for an address whose options this program would not honour, or null. `sslmode` may be left out
 * or say verify-full: anything weaker is refused, never quietly upgraded or dropped. `caWhere` says where the CA goes.
 */
export function addressOptionsProblem(url: URL, caWhere: string): string | null {
  for (const [name, value] of url.searchParams) {
    if (name !== 'sslmode') {
      return `The clinic database address takes no option but sslmode=verify-full ("${name}" was given). The clinic's CA certificate goes ${caWhere}.`;
    }
    if (value !== 'verify-full') {
      return (
        `The clinic database address asks for sslmode=${value}, but Session Room connects to the clinic database only over TLS with the server verified ` +
        "against the clinic's CA certificate (sslmode=verify-full). Leave sslmode out of the address, or write sslmode=verify-full."
      );
    }
  }
  return null;
}

/** host, port and database of a postgres:// address. */
export function serverOf(address: string | URL): { host: string; port: number; database: string } {
  const url = typeof address === 'string' ? new URL(address) : address;
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || 5432),
    database: decodeURIComponent(url.pathname.replace(/^\//, '')),
  };
}

/** The pg client's settings for the clinic database at `address`, as `user` with `password`, over verify-full TLS against `ca`. */
export function clinicClientConfig(
  address: string | URL,
  login: { user: string; password: string },
  ca: string,
): pg.ClientConfig {
  const server = serverOf(address);
  // Channel binding (SCRAM-SHA-256-PLUS, offered by PostgreSQL over TLS): the login is bound to this very TLS connection.
  return {
    ...server,
    user: login.user,
    password: login.password,
    ssl: clinicTls(server.host, ca),
    enableChannelBinding: true,
  };
}
