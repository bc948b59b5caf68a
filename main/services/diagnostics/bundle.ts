/**
 * *Help → Save diagnostics…*: a plain-text bundle a user can send to
 * support — versions, portal address, recent client log and connectivity
 * checks (portal health over HTTP; over TCP the FTPS control port the portal
 * names and the ICA/RDP gateways the catalogue uses) — with every secret
 * and token redacted. Pure apart from its ports,
 * so the whole bundle is unit-tested.
 */
import { connect } from 'node:net';
import type { VaultStatus } from '../storage/vault';
import { printable, redact } from './redact';

/** Facts about this install that go at the top of the bundle. */
export interface DiagnosticsFacts {
  appVersion: string;
  shell: 'electron' | 'browser';
  platform: string;
  osRelease: string;
  arch: string;
  /** Runtime versions (node, electron, chrome…), as known. */
  runtimes: Record<string, string>;
  portalUrl: string;
  signedIn: boolean;
  vault: VaultStatus;
}

/** One connectivity check. */
export type ConnectivityTarget =
  | { label: string; kind: 'http'; url: string }
  | { label: string; kind: 'tcp'; host: string; port: number };

/** The outcome of one check. */
export interface ConnectivityResult {
  label: string;
  target: string;
  ok: boolean;
  /** Short outcome ("HTTP 200", "connected", "timed out", error code). */
  detail: string;
  ms: number;
}

/** What the bundle needs from the outside world. */
export interface DiagnosticsPorts {
  fetch: typeof fetch;
  /** Resolves when a TCP connection to host:port opens, rejects otherwise. */
  tcpConnect(host: string, port: number, timeoutMs: number): Promise<void>;
  now(): number;
}

/** Per-check timeout: the user is waiting for a save dialog. */
export const CHECK_TIMEOUT_MS = 4000;
/** At most this many launch endpoints are probed. */
const MAX_LAUNCH_ENDPOINTS = 5;
/** Standard ports of the native clients, used when the portal names only hosts. */
export const LAUNCH_PORTS = { ica: 1494, rdp: 3389 } as const;

/** One ICA or RDP gateway a launch file of the catalogue connects to. */
export interface LaunchEndpoint {
  method: 'ica' | 'rdp';
  host: string;
  port: number;
}

/**
 * The gateways worth checking: for each native method some app offers, the
 * `host:port` the launch policy names, else each allowed host on that
 * method's standard port. Methods no app offers are never probed.
 */
export function launchEndpoints(
  apps: ReadonlyArray<{ methods: readonly string[] }>,
  policy: { allowedHosts: readonly string[]; gateways?: { ica?: string | undefined; rdp?: string | undefined } | undefined },
): LaunchEndpoint[] {
  const out: LaunchEndpoint[] = [];
  for (const method of ['ica', 'rdp'] as const) {
    if (!apps.some((app) => app.methods.includes(method))) continue;
    const gateway = policy.gateways?.[method];
    const parsed = gateway === undefined ? null : /^(.+):(\d{1,5})$/.exec(gateway);
    if (parsed) out.push({ method, host: parsed[1]!.toLowerCase(), port: Number(parsed[2]) });
    else for (const host of policy.allowedHosts) out.push({ method, host: host.toLowerCase(), port: LAUNCH_PORTS[method] });
  }
  return out;
}

/** Real TCP probe on node:net. */
export function tcpConnect(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    });
  });
}

function errorDetail(error: unknown): string {
  const code = (error as { code?: unknown; cause?: { code?: unknown } } | null)?.code ?? (error as { cause?: { code?: unknown } })?.cause?.code;
  if (typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code)) return code;
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  return error instanceof Error && /timed out/i.test(error.message) ? 'timed out' : 'failed';
}

/** The targets to check: portal health, the portal's FTPS control port (when known), the catalogue's gateways. */
export function connectivityTargets(input: {
  portalUrl: string;
  ftps?: { host: string; port: number } | null;
  launch?: readonly LaunchEndpoint[];
}): ConnectivityTarget[] {
  const targets: ConnectivityTarget[] = [];
  try {
    const url = new URL(input.portalUrl);
    if (url.protocol === 'https:' || url.protocol === 'http:') {
      targets.push({ label: 'Portal (HTTP health)', kind: 'http', url: new URL('/api/v1/health', url).toString() });
    }
  } catch {
    // An unusable portal address is itself reported in the facts section.
  }
  // The FTPS port is the one the portal names (transfer credentials); never a guessed 21.
  const ftps = input.ftps ?? null;
  if (ftps && isHostName(ftps.host) && isPort(ftps.port)) {
    targets.push({ label: 'FTPS control port', kind: 'tcp', host: ftps.host, port: ftps.port });
  }
  const seen = new Set<string>();
  for (const endpoint of input.launch ?? []) {
    const key = `${endpoint.host.toLowerCase()}:${endpoint.port}`;
    if (seen.has(key) || seen.size >= MAX_LAUNCH_ENDPOINTS || !isHostName(endpoint.host) || !isPort(endpoint.port)) continue;
    seen.add(key);
    const label = endpoint.method === 'rdp' ? 'Launch gateway (RDP)' : 'Launch gateway (ICA)';
    targets.push({ label, kind: 'tcp', host: endpoint.host.toLowerCase(), port: endpoint.port });
  }
  return targets;
}

function isPort(port: number): boolean {
  return Number.isInteger(port) && port > 0 && port < 65536;
}

/** Host names and IP literals only (server-supplied names are hostile). */
function isHostName(host: string): boolean {
  return host.length > 0 && host.length <= 253 && /^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/i.test(host);
}

/** Runs every check in parallel; never throws. */
export async function checkConnectivity(targets: readonly ConnectivityTarget[], ports: DiagnosticsPorts): Promise<ConnectivityResult[]> {
  return Promise.all(
    targets.map(async (target): Promise<ConnectivityResult> => {
      const started = ports.now();
      const where = target.kind === 'http' ? target.url : `${target.host}:${target.port}`;
      try {
        if (target.kind === 'http') {
          const response = await ports.fetch(target.url, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
          await response.body?.cancel().catch(() => undefined);
          return { label: target.label, target: where, ok: response.ok, detail: `HTTP ${response.status}`, ms: ports.now() - started };
        }
        await ports.tcpConnect(target.host, target.port, CHECK_TIMEOUT_MS);
        return { label: target.label, target: where, ok: true, detail: 'connected', ms: ports.now() - started };
      } catch (error) {
        return { label: target.label, target: where, ok: false, detail: errorDetail(error), ms: ports.now() - started };
      }
    }),
  );
}

/** `portico-diagnostics-YYYYMMDD-HHMMSS.txt` (UTC). */
export function diagnosticsFileName(now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `portico-diagnostics-${stamp}.txt`;
}

/** Builds the bundle text; the whole text is redacted once more at the end. */
export function buildDiagnosticsText(input: {
  facts: DiagnosticsFacts;
  checks: readonly ConnectivityResult[];
  logLines: readonly string[];
  now: number;
}): string {
  const { facts } = input;
  const lines = [
    'Portico diagnostics',
    `Created: ${new Date(input.now).toISOString()}`,
    '',
    '== App',
    `Version: ${facts.appVersion} (${facts.shell})`,
    `OS: ${facts.platform} ${facts.osRelease} (${facts.arch})`,
    ...Object.entries(facts.runtimes).map(([name, version]) => `${name}: ${version}`),
    '',
    '== Portal',
    `Address: ${facts.portalUrl}`,
    `Signed in: ${facts.signedIn ? 'yes' : 'no'}`,
    `Secrets kept: ${facts.vault.persistent ? 'in the OS keychain' : 'for this session only'}`,
    ...(facts.vault.reason ? [`Why: ${facts.vault.reason}`] : []),
    ...(facts.vault.problem ? [`Vault problem: ${facts.vault.problem}`] : []),
    '',
    '== Connectivity',
    ...(input.checks.length === 0 ? ['(no checks could be made)'] : []),
    ...input.checks.map((c) => `${c.ok ? 'OK  ' : 'FAIL'} ${c.label}: ${c.target} — ${c.detail} (${Math.round(c.ms)} ms)`),
    '',
    `== Recent log (${input.logLines.length} lines)`,
    ...input.logLines,
    '',
  ];
  return redact(printable(lines.join('\n')));
}
