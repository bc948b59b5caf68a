import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDiagnosticsText,
  checkConnectivity,
  connectivityTargets,
  launchEndpoints,
  diagnosticsFileName,
  tcpConnect,
  type DiagnosticsFacts,
} from '../../../../main/services/diagnostics/bundle';

let http: Server;
let httpUrl = '';
let closedPort = 0;

beforeAll(async () => {
  http = createServer((req, res) => {
    res.writeHead(req.url === '/api/v1/health' ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  // A port that was just free: connecting to it is refused.
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

afterAll(async () => {
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
});

const facts: DiagnosticsFacts = {
  appVersion: '0.1.0',
  shell: 'browser',
  platform: 'linux',
  osRelease: '6.1.0',
  arch: 'x64',
  runtimes: { node: '20.20.0' },
  portalUrl: 'https://portal.example.com',
  signedIn: true,
  vault: { persistent: false, reason: 'No OS keychain (basic_text).', problem: null },
};

describe('connectivityTargets', () => {
  it("checks the portal health, the portal's own FTPS port and each gateway once", () => {
    const targets = connectivityTargets({
      portalUrl: 'https://portal.example.com',
      ftps: { host: 'files.example.com', port: 7990 },
      launch: [
        { method: 'ica', host: 'apps.example.com', port: 1494 },
        { method: 'ica', host: 'APPS.example.com', port: 1494 },
        { method: 'rdp', host: 'rdp.example.com', port: 3389 },
      ],
    });
    expect(targets).toEqual([
      { label: 'Portal (HTTP health)', kind: 'http', url: 'https://portal.example.com/api/v1/health' },
      { label: 'FTPS control port', kind: 'tcp', host: 'files.example.com', port: 7990 },
      { label: 'Launch gateway (ICA)', kind: 'tcp', host: 'apps.example.com', port: 1494 },
      { label: 'Launch gateway (RDP)', kind: 'tcp', host: 'rdp.example.com', port: 3389 },
    ]);
  });

  it('never guesses the FTPS port: without the portal naming it there is no FTPS check', () => {
    const targets = connectivityTargets({ portalUrl: 'https://portal.example.com' });
    expect(targets.map((t) => t.label)).toEqual(['Portal (HTTP health)']);
  });

  it('drops hostile host names and bad portal addresses', () => {
    const targets = connectivityTargets({
      portalUrl: 'javascript:alert(1)',
      ftps: { host: 'evil host;rm -rf', port: 21 },
      launch: ['a b', '../etc', 'ok.example', 'x\r\ny'].map((host) => ({ method: 'ica' as const, host, port: 1494 })),
    });
    expect(targets.map((t) => (t.kind === 'tcp' ? t.host : t.url))).toEqual(['ok.example']);
    expect(connectivityTargets({ portalUrl: 'https://p.example', ftps: { host: 'p.example', port: 70000 } })).toHaveLength(1);
  });
});

describe('launchEndpoints', () => {
  const policy = { allowedHosts: ['apps.example', 'rdp.example'], gateways: { ica: 'apps.example:1494', rdp: 'RDP.example:3390' } };

  it("probes only the gateways of the methods the catalogue uses, on the policy's ports", () => {
    expect(launchEndpoints([{ methods: ['ica', 'web'] }], policy)).toEqual([{ method: 'ica', host: 'apps.example', port: 1494 }]);
    expect(launchEndpoints([{ methods: ['ica'] }, { methods: ['rdp', 'web'] }], policy)).toEqual([
      { method: 'ica', host: 'apps.example', port: 1494 },
      { method: 'rdp', host: 'rdp.example', port: 3390 },
    ]);
    expect(launchEndpoints([{ methods: ['web'] }], policy)).toEqual([]);
  });

  it("falls back to the allowed hosts on the method's standard port when the portal names no gateway", () => {
    expect(launchEndpoints([{ methods: ['rdp'] }], { allowedHosts: ['rdp.example'] })).toEqual([{ method: 'rdp', host: 'rdp.example', port: 3389 }]);
  });
});

describe('checkConnectivity', () => {
  it('reports a healthy portal, a refused port and never throws', async () => {
    const results = await checkConnectivity(
      [
        { label: 'Portal (HTTP health)', kind: 'http', url: `${httpUrl}/api/v1/health` },
        { label: 'FTPS control port', kind: 'tcp', host: '127.0.0.1', port: closedPort },
        { label: 'Portal TCP', kind: 'tcp', host: '127.0.0.1', port: Number(new URL(httpUrl).port) },
      ],
      { fetch: globalThis.fetch.bind(globalThis), tcpConnect, now: () => Date.now() },
    );
    expect(results.map((r) => [r.ok, r.detail])).toEqual([
      [true, 'HTTP 200'],
      [false, 'ECONNREFUSED'],
      [true, 'connected'],
    ]);
  });
});

describe('buildDiagnosticsText', () => {
  it('has the facts, the checks and the log, with secrets redacted', () => {
    const text = buildDiagnosticsText({
      facts,
      checks: [{ label: 'Portal (HTTP health)', target: 'https://portal.example.com/api/v1/health', ok: false, detail: 'ENOTFOUND', ms: 3 }],
      logLines: ['sign-in failed password=Hunter2', 'Authorization: Bearer abcdefabcdef0123456789abcdef0123456789'],
      now: Date.UTC(2026, 10, 22, 23, 5, 9),
    });
    expect(text).toContain('Version: 0.1.0 (browser)');
    expect(text).toContain('Address: https://portal.example.com');
    expect(text).toContain('Secrets kept: for this session only');
    expect(text).toContain('FAIL Portal (HTTP health): https://portal.example.com/api/v1/health — ENOTFOUND');
    expect(text).not.toContain('Hunter2');
    expect(text).not.toContain('abcdefabcdef0123456789');
    expect(diagnosticsFileName(Date.UTC(2026, 10, 22, 23, 5, 9))).toBe('portico-diagnostics-20261122-230509.txt');
  });
});
