/**
 * The FTPS endpoint's TLS certificate. A deployment supplies its own; the
 * reference portal generates a self-signed one on first start, kept in the
 * data dir (key mode 0600), and clients pin its SHA-256 fingerprint, which
 * they obtain over the authenticated API.
 */
import { X509Certificate } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { generate } from 'selfsigned';

/** A PEM key/certificate pair with the certificate's SHA-256 fingerprint. */
export interface FtpsCertificate {
  key: string;
  cert: string;
  /** Colon-separated upper-case hex, as `X509Certificate.fingerprint256` gives it. */
  fingerprint256: string;
}

/** SHA-256 fingerprint of a PEM certificate. */
export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

/**
 * Loads `ftps-key.pem`/`ftps-cert.pem` from `dataDir`, creating a
 * self-signed ECDSA P-256 pair (valid 2 years) for `hosts` when absent.
 */
export async function ensureFtpsCertificate(
  dataDir: string,
  hosts: string[] = ['127.0.0.1', 'localhost'],
): Promise<FtpsCertificate> {
  const keyPath = path.join(dataDir, 'ftps-key.pem');
  const certPath = path.join(dataDir, 'ftps-cert.pem');
  try {
    const [key, cert] = await Promise.all([fsp.readFile(keyPath, 'utf8'), fsp.readFile(certPath, 'utf8')]);
    return { key, cert, fingerprint256: fingerprintOf(cert) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: hosts[0] ?? 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 730 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: hosts.map((h) =>
          net.isIP(h) ? { type: 7 as const, ip: h } : { type: 2 as const, value: h },
        ),
      },
    ],
  });
  await fsp.mkdir(dataDir, { recursive: true });
  await fsp.writeFile(keyPath, pems.private, { mode: 0o600 });
  await fsp.writeFile(certPath, pems.cert, { mode: 0o644 });
  return { key: pems.private, cert: pems.cert, fingerprint256: fingerprintOf(pems.cert) };
}
