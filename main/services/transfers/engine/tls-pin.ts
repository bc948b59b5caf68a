/**
 * Certificate pinning for a self-signed portal. The portal gives us its
 * certificate's SHA-256 fingerprint over the authenticated API. We fetch the
 * certificate once with a probe (AUTH TLS, no credentials sent), accept it
 * only if its fingerprint matches the pin, and from then on every real
 * connection verifies normally against exactly that certificate
 * (`ca: [pem]`, `rejectUnauthorized: true`) and re-checks the fingerprint
 * in `checkServerIdentity`. No connection that carries a token ever runs
 * with verification off.
 */
import { createHash } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { TransferError } from './errors';

const contexts = new Map<string, tls.SecureContext>();

function contextFor(pem: string | null, maxVersion: tls.SecureVersion | undefined): tls.SecureContext {
  const key = `${maxVersion ?? ''}|${pem ?? ''}`;
  let context = contexts.get(key);
  if (!context) {
    context = tls.createSecureContext({ ...(pem ? { ca: [pem] } : {}), minVersion: 'TLSv1.2', ...(maxVersion ? { maxVersion } : {}) });
    if (contexts.size > 16) contexts.clear();
    contexts.set(key, context);
  }
  return context;
}

/** Normalizes "ab:cd…" / "ABCD…" to colon-separated upper-case hex. */
export function normalizeFingerprint(fp: string): string {
  const hex = fp.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return hex.match(/.{2}/g)?.join(':') ?? '';
}

function fingerprintOfDer(der: Buffer): string {
  return normalizeFingerprint(createHash('sha256').update(der).digest('hex'));
}

function derToPem(der: Buffer): string {
  const b64 = der.toString('base64').match(/.{1,64}/g)?.join('\n') ?? '';
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

/** Reads FTP replies until one final line `NNN text` arrives. */
function readReply(socket: net.Socket, timeoutMs: number): Promise<{ code: number; text: string }> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => done(new TransferError('connection_failed', 'The server did not answer', true)), timeoutMs);
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      if (buffer.length > 65536) return done(new TransferError('not_ftps', 'Not an FTP server'));
      for (const line of buffer.split(/\r?\n/)) {
        const m = /^(\d{3}) (.*)$/.exec(line);
        if (m) return done(null, { code: Number(m[1]), text: m[2] ?? '' });
      }
    };
    const onEnd = () => done(new TransferError('connection_failed', 'The server closed the connection', true));
    const done = (error: Error | null, value?: { code: number; text: string }) => {
      clearTimeout(timer);
      socket.off('data', onData).off('error', onEnd).off('close', onEnd);
      if (error) reject(error);
      else if (value) resolve(value);
    };
    socket.on('data', onData).on('error', onEnd).on('close', onEnd);
  });
}

/**
 * Fetches the endpoint's certificate through AUTH TLS and checks it against
 * the pin. Throws `not_ftps` when the server refuses TLS and
 * `certificate_mismatch` when the fingerprint differs.
 */
export async function fetchPinnedCertificate(host: string, port: number, pin: string, timeoutMs = 15_000): Promise<string> {
  const socket = net.connect({ host, port });
  socket.setNoDelay(true);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve).once('error', (e) => reject(new TransferError('connection_failed', e.message, true)));
    });
    const greeting = await readReply(socket, timeoutMs);
    if (greeting.code === 421) throw new TransferError('too_many_connections', greeting.text, true);
    if (greeting.code !== 220) throw new TransferError('not_ftps', `Unexpected greeting ${greeting.code}`);
    socket.write('AUTH TLS\r\n');
    const auth = await readReply(socket, timeoutMs);
    if (auth.code !== 234) throw new TransferError('not_ftps', 'The server does not offer FTPS (AUTH TLS refused); plain FTP is never used');
    // Verification is deliberately off for this probe only: it sends nothing
    // secret and its one job is to read the certificate so we can compare it
    // with the pin before trusting it.
    const secure = tls.connect({ socket, rejectUnauthorized: false, servername: net.isIP(host) ? undefined : host });
    const der = await new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => reject(new TransferError('tls_failed', 'TLS handshake timed out', true)), timeoutMs);
      secure.once('secureConnect', () => {
        clearTimeout(timer);
        resolve(secure.getPeerCertificate(false).raw);
      });
      secure.once('error', (e) => {
        clearTimeout(timer);
        reject(new TransferError('tls_failed', e.message));
      });
    });
    secure.destroy();
    if (fingerprintOfDer(der) !== normalizeFingerprint(pin)) {
      throw new TransferError('certificate_mismatch', "The server's certificate does not match the one the portal vouched for");
    }
    return derToPem(der);
  } finally {
    socket.destroy();
  }
}

/**
 * TLS options for basic-ftp: pinned certificate, or system CAs with
 * hostname checks. One SecureContext is built per pin and shared by every
 * control and data connection: building one per data connection (what
 * passing `ca` does) cost ~1 ms of CPU per file.
 */
export function secureOptionsFor(pinnedPem: string | null, pin: string | undefined, maxVersion?: tls.SecureVersion): tls.ConnectionOptions {
  if (!pinnedPem || !pin) return { minVersion: 'TLSv1.2', rejectUnauthorized: true, secureContext: contextFor(null, maxVersion) };
  const expected = normalizeFingerprint(pin);
  return {
    minVersion: 'TLSv1.2',
    rejectUnauthorized: true,
    secureContext: contextFor(pinnedPem, maxVersion),
    // The pin replaces the host name check: a self-signed portal certificate
    // may not name the address clients use, but it must be this exact certificate.
    checkServerIdentity: (_host, cert) =>
      fingerprintOfDer(cert.raw) === expected ? undefined : new TransferError('certificate_mismatch', 'Certificate does not match the pin'),
  };
}
