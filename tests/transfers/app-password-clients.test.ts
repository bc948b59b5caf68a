/**
 * FTPS app passwords with real clients against the embedded endpoint: lftp,
 * curl (`--ssl-reqd --cacert`) and Python's `ftplib.FTP_TLS` each upload and
 * download a file over explicit TLS, trusting the portal's certificate, and
 * the SHA-256 of what comes back matches; a revoked app password is refused.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { backends } from '../server/helpers';
import { useMfaPortal } from '../server/mfa/mfa-helpers';
import { ftpsUser } from '../server/ftps/revocation-harness';

const run = promisify(execFile);
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

const PYTHON_CLIENT = `
import ftplib, os, socket, ssl
# The endpoint only accepts data connections that resume the control
# connection's TLS session (SECURITY.md), and answers a transfer command once
# that handshake is done: this client resumes the session and shakes hands
# before it sends the command (stock ftplib does neither).
class ReusingFTP_TLS(ftplib.FTP_TLS):
    def ntransfercmd(self, cmd, rest=None):
        host, port = self.makepasv()
        conn = socket.create_connection((host, port), self.timeout)
        conn = self.context.wrap_socket(conn, server_hostname=self.host, session=self.sock.session)
        resp = self.sendcmd(cmd)
        if resp[0] == '2':
            resp = self.getresp()
        if resp[0] != '1':
            raise ftplib.error_reply(resp)
        return conn, None
ctx = ssl.create_default_context(cafile=os.environ['CA'])
ftp = ReusingFTP_TLS(context=ctx, timeout=20)
ftp.connect('127.0.0.1', int(os.environ['PORT']))
ftp.login(os.environ['FTP_USER'], os.environ['FTP_PASS'])
ftp.prot_p()
with open(os.environ['SRC'], 'rb') as f:
    ftp.storbinary('STOR ' + os.environ['REMOTE'], f)
with open(os.environ['DST'], 'wb') as f:
    ftp.retrbinary('RETR ' + os.environ['REMOTE'], f.write)
ftp.quit()
`;

describe('FTPS app passwords with lftp, curl and Python ftplib', () => {
  const portal = useMfaPortal(backends[0]!);
  const work = mkdtempSync(path.join(os.tmpdir(), 'portico-app-clients-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const setup = async () => {
    const who = await ftpsUser(portal);
    const made = await portal.post('/api/v1/account/app-passwords', { name: 'clients' }, who.auth);
    expect(made.status).toBe(201);
    const ca = path.join(path.dirname(portal.server.ftps!.filesDir), 'ftps-cert.pem');
    const src = path.join(work, `src-${randomBytes(4).toString('hex')}.bin`);
    writeFileSync(src, randomBytes(256 * 1024 + 17));
    return {
      who,
      password: made.body.password as string,
      id: made.body.appPassword.id as string,
      ca,
      src,
      port: portal.server.ftps!.port,
    };
  };

  it(
    'curl uploads and downloads with --ssl-reqd --cacert; a revoked app password is refused',
    { timeout: 60_000 },
    async () => {
      const { who, password, id, ca, src, port } = await setup();
      const url = `ftp://127.0.0.1:${port}/curl.bin`;
      const auth = ['--ssl-reqd', '--cacert', ca, '-sS', '-u', `${who.user.username}:${password}`];
      await run('curl', [...auth, '-T', src, url]);
      const dst = `${src}.curl`;
      await run('curl', [...auth, '-o', dst, url]);
      expect(sha256(dst)).toBe(sha256(src));
      expect((await portal.post(`/api/v1/account/app-passwords/${id}/revoke`, {}, who.auth)).status).toBe(
        200,
      );
      // 67: the server refused the login.
      await expect(run('curl', [...auth, '-o', `${dst}.again`, url])).rejects.toMatchObject({ code: 67 });
    },
  );

  it(
    'Python ftplib.FTP_TLS uploads and downloads with the certificate trusted',
    { timeout: 60_000 },
    async () => {
      const { who, password, ca, src, port } = await setup();
      const dst = `${src}.py`;
      const env = {
        ...process.env,
        CA: ca,
        PORT: String(port),
        FTP_USER: who.user.username,
        FTP_PASS: password,
        SRC: src,
        DST: dst,
        REMOTE: 'python.bin',
      };
      await run('python3', ['-c', PYTHON_CLIENT], { env });
      expect(sha256(dst)).toBe(sha256(src));
    },
  );

  it(
    'lftp uploads and downloads with ssl-force and the certificate trusted',
    { timeout: 60_000 },
    async () => {
      const { who, password, ca, src, port } = await setup();
      const dst = `${src}.lftp`;
      const script = [
        'set ftp:ssl-force true',
        'set ftp:ssl-protect-data true',
        `set ssl:ca-file "${ca}"`,
        'set net:max-retries 1',
        `put "${src}" -o lftp.bin`,
        `get lftp.bin -o "${dst}"`,
        'bye',
      ].join('; ');
      await run('lftp', ['-u', `${who.user.username},${password}`, '-e', script, `ftp://127.0.0.1:${port}`], {
        timeout: 30_000,
      });
      expect(sha256(dst)).toBe(sha256(src));
    },
  );
});
