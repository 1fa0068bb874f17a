import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { writeSecretFile } from '../core/sync/secret-file';

const run = promisify(execFile);

/** The names a clinic database's certificate always carries: it is always reached on its own machine by these. */
export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
const CA_DAYS = 3650;
/** A server certificate lasts a little over two years; clinic-db renews it when it is run within RENEW_DAYS of its end. */
const SERVER_DAYS = 825;
const RENEW_DAYS = 60;

export const CA_KEY_FILE = 'ca.key';
export const CA_CERT_FILE = 'ca.crt';
export const SERVER_KEY_FILE = 'server.key';
export const SERVER_CERT_FILE = 'server.crt';

/** A key and its certificate, as PEM text. */
export interface KeyAndCertificate {
  key: string;
  cert: string;
}

/** Is this a name or address a certificate can carry (and a configuration line can hold)? */
export function isHostName(name: string): boolean {
  if (net.isIP(name)) return true;
  return (
    name.length <= 253 && /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(name)
  );
}

const newKey = (): string =>
  crypto.generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
const serial = () => `0x${crypto.randomBytes(16).toString('hex').replace(/^./, '1')}`;

/** Runs openssl in a private temp folder that holds the keys it needs, then removes the folder. */
async function withOpenssl<T>(
  files: Record<string, string>,
  work: (dir: string, openssl: (args: string[]) => Promise<void>) => Promise<T>,
): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-room-tls-'));
  try {
    for (const [name, text] of Object.entries(files)) writeSecretFile(path.join(dir, name), text);
    const openssl = async (args: string[]) => {
      try {
        await run('openssl', args, { cwd: dir });
      } catch (err) {
        const e = err as NodeJS.ErrnoException & { stderr?: string };
        if (e.code === 'ENOENT') {
          throw new Error(
            "The openssl command is not installed on this machine; clinic-db makes the clinic's certificates with it. Install it with: apt-get install -y openssl",
            { cause: err },
          );
        }
        throw new Error(
          `openssl could not make the clinic's certificate: ${(e.stderr ?? e.message).trim().split('\n')[0]}`,
          { cause: err },
        );
      }
    };
    return await work(dir, openssl);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A new certificate authority of the clinic's own (an EC P-256 key, ten years), which signs its database's certificate. */
export function makeCa(
  commonName = `Session Room clinic CA ${crypto.randomBytes(4).toString('hex')}`,
): Promise<KeyAndCertificate> {
  const key = newKey();
  const config = [
    '[req]',
    'distinguished_name = dn',
    'prompt = no',
    'x509_extensions = ext',
    '[dn]',
    `CN = ${commonName}`,
    '[ext]',
    'basicConstraints = critical, CA:TRUE, pathlen:0',
    'keyUsage = critical, keyCertSign, cRLSign',
    'subjectKeyIdentifier = hash',
    '',
  ].join('\n');
  return withOpenssl({ 'ca.key': key, 'ca.cnf': config }, async (dir, openssl) => {
    await openssl([
      'req',
      '-new',
      '-x509',
      '-config',
      'ca.cnf',
      '-key',
      'ca.key',
      '-days',
      String(CA_DAYS),
      '-sha256',
      '-set_serial',
      serial(),
      '-out',
      'ca.crt',
    ]);
    return { key, cert: fs.readFileSync(path.join(dir, 'ca.crt'), 'utf8') };
  });
}

/** A server certificate for `names` (DNS names and IP addresses), signed by `ca`, with a new key. */
export function makeServerCertificate(ca: KeyAndCertificate, names: string[]): Promise<KeyAndCertificate> {
  for (const name of names)
    if (!isHostName(name)) throw new Error(`"${name}" is not a host name or address a certificate can name.`);
  const key = newKey();
  const alt = names
    .map((n) => (net.isIPv6(n) ? `IP:${expandIPv6(n)}` : net.isIP(n) ? `IP:${n}` : `DNS:${n}`))
    .join(', ');
  const config = [
    '[req]',
    'distinguished_name = dn',
    'prompt = no',
    '[dn]',
    'CN = Session Room clinic database',
    '[ext]',
    'basicConstraints = critical, CA:FALSE',
    'keyUsage = critical, digitalSignature, keyEncipherment',
    'extendedKeyUsage = serverAuth',
    `subjectAltName = ${alt}`,
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid',
    '',
  ].join('\n');
  return withOpenssl(
    { 'ca.key': ca.key, 'ca.crt': ca.cert, 'server.key': key, 'server.cnf': config },
    async (dir, openssl) => {
      await openssl(['req', '-new', '-config', 'server.cnf', '-key', 'server.key', '-out', 'server.csr']);
      await openssl([
        'x509',
        '-req',
        '-in',
        'server.csr',
        '-CA',
        'ca.crt',
        '-CAkey',
        'ca.key',
        '-set_serial',
        serial(),
        '-days',
        String(SERVER_DAYS),
        '-sha256',
        '-extfile',
        'server.cnf',
        '-extensions',
        'ext',
        '-out',
        'server.crt',
      ]);
      return { key, cert: fs.readFileSync(path.join(dir, 'server.crt'), 'utf8') };
    },
  );
}

/** ::1 as openssl's configuration takes it: eight groups. */
function expandIPv6(address: string): string {
  const [head, tail] = address.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((g) => g || '0').join(':');
}

/** Does this certificate carry every one of `names`? */
function names(cert: crypto.X509Certificate, wanted: string[]): boolean {
  return wanted.every((n) =>
    net.isIP(n) ? cert.checkIP(n) !== undefined : cert.checkHost(n, { wildcards: false }) !== undefined,
  );
}

export interface ClinicCertificates {
  caFile: string;
  ca: string;
  caFingerprint: string;
  /** Whether the server's certificate or key was written this time (the server must then read them again). */
  changed: boolean;
}

/**
 * The clinic's CA and its database's certificate in `dir`: the CA made once and kept (rooms hold it); the server's
 * certificate made when missing, not signed by that CA, short of one of `wanted` names, or near its end. Keys are
 * written 0600 (the server's to `serverKeyOwner`, the user PostgreSQL runs as), certificates 0644.
 */
export async function ensureCertificates(
  dir: string,
  wanted: string[],
  serverKeyOwner?: { uid: number; gid: number },
): Promise<ClinicCertificates> {
  const file = (name: string) => path.join(dir, name);
  const read = (name: string) => (fs.existsSync(file(name)) ? fs.readFileSync(file(name), 'utf8') : null);
  let changed = false;
  let caCert = read(CA_CERT_FILE);
  let caKey = read(CA_KEY_FILE);
  if (!caCert) {
    const ca = await makeCa();
    writeSecretFile(file(CA_KEY_FILE), ca.key);
    writeSecretFile(file(CA_CERT_FILE), ca.cert, { mode: 0o644 });
    caCert = ca.cert;
    caKey = ca.key;
  }
  const ca = new crypto.X509Certificate(caCert);
  const serverCert = read(SERVER_CERT_FILE);
  const current = serverCert ? new crypto.X509Certificate(serverCert) : null;
  const renew =
    !current ||
    !fs.existsSync(file(SERVER_KEY_FILE)) ||
    !current.verify(ca.publicKey) ||
    !names(current, wanted) ||
    new Date(current.validTo).getTime() - Date.now() < RENEW_DAYS * 86_400_000;
  if (renew) {
    if (!caKey) {
      throw new Error(
        `The clinic's CA key ${file(CA_KEY_FILE)} is missing, so the database's certificate cannot be renewed. Put it back from its copy.`,
      );
    }
    const server = await makeServerCertificate({ key: caKey, cert: caCert }, wanted);
    writeSecretFile(file(SERVER_KEY_FILE), server.key, serverKeyOwner ? { owner: serverKeyOwner } : {});
    writeSecretFile(file(SERVER_CERT_FILE), server.cert, { mode: 0o644 });
    changed = true;
  }
  return { caFile: file(CA_CERT_FILE), ca: ca.toString(), caFingerprint: ca.fingerprint256, changed };
}
