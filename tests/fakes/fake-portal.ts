/**
 * A tiny portal on 127.0.0.1:0 speaking docs/api.md, for service tests.
 * Tests change its data (apps, policy, descriptors) or override a route to
 * send hostile answers. Sessions use the real clock only for `Date` headers;
 * expiry is driven by the test (`expireSessions`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface FakeApp {
  id: string;
  name: string;
  description: string;
  icon: string;
  kind: 'app' | 'desktop';
  methods: ('ica' | 'rdp' | 'web')[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type RouteHandler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export interface FakePortal {
  url: string;
  /** username → password */
  users: Map<string, { password: string; displayName: string }>;
  apps: FakeApp[];
  policy: { allowedHosts: string[]; allowClipboard: boolean; allowDrives: boolean; webOrigins: string[] };
  /** appId → descriptor returned by the launch route (default built from the method). */
  descriptors: Map<string, Record<string, unknown>>;
  idleTimeoutSeconds: number;
  requests: RecordedRequest[];
  sessions: Map<string, { username: string }>;
  /** Revokes every session (the next authenticated call gets 401 session_expired). */
  expireSessions(): void;
  /** Replaces the answer of `"METHOD /path"` (exact path, after /api/v1). */
  override(route: string, handler: RouteHandler): void;
  /** Removes every override. */
  clearOverrides(): void;
  close(): Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: string, message: string, details?: Record<string, unknown>): void {
  sendJson(res, status, { error: { code, message, ...(details ? { details } : {}) } });
}

export const DEFAULT_APPS: FakeApp[] = [
  { id: '7zip', name: '7-Zip File Manager', description: 'Compress files.', icon: '7zip', kind: 'app', methods: ['ica', 'web'] },
  { id: 'ecapture-qc', name: 'eCapture QC', description: 'Quality control.', icon: 'ecapture', kind: 'app', methods: ['ica', 'web'] },
  { id: 'eclipse-admin', name: 'Eclipse Admin', description: 'Administration.', icon: 'eclipse', kind: 'app', methods: ['rdp'] },
  { id: 'desktop', name: 'Virtual Desktop', description: 'Full desktop.', icon: 'desktop', kind: 'desktop', methods: ['web'] },
];

/** Starts the fake portal. `demo`/`correct horse` is the default account. */
export async function startFakePortal(): Promise<FakePortal> {
  const overrides = new Map<string, RouteHandler>();
  const portal: FakePortal = {
    url: '',
    close: async () => {},
    users: new Map([['demo', { password: 'correct horse', displayName: 'Demo User' }]]),
    apps: DEFAULT_APPS.map((a) => ({ ...a, methods: [...a.methods] })),
    policy: { allowedHosts: ['apps.portal.example', 'rdp.portal.example'], allowClipboard: false, allowDrives: false, webOrigins: [] },
    descriptors: new Map(),
    idleTimeoutSeconds: 1800,
    requests: [],
    sessions: new Map(),
    expireSessions: () => portal.sessions.clear(),
    override: (route, handler) => void overrides.set(route, handler),
    clearOverrides: () => overrides.clear(),
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '/').split('?')[0]!.replace(/^\/api\/v1/, '');
      portal.requests.push({ method: req.method ?? '', path, headers: req.headers, body });
      const override = overrides.get(`${req.method} ${path}`);
      if (override) return override(req, res, body);
      route(req, res, path, body);
    });
  });

  function authed(req: IncomingMessage, res: ServerResponse): { username: string } | null {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const session = token ? portal.sessions.get(token) : undefined;
    if (!session) sendError(res, 401, 'session_expired', 'Session expired.');
    return session ?? null;
  }

  function route(req: IncomingMessage, res: ServerResponse, path: string, body: string): void {
    const key = `${req.method} ${path}`;
    if (key === 'GET /health') return sendJson(res, 200, { status: 'ok', version: '0.1.0' });
    if (key === 'GET /branding') return sendJson(res, 200, { name: 'Demo Cloud', supportPhones: ['(877) 324-4776'], supportEmail: 'support@example.com' });
    if (key === 'POST /auth/sign-in') {
      let parsed: { username?: unknown; password?: unknown };
      try {
        parsed = JSON.parse(body) as typeof parsed;
      } catch {
        return sendError(res, 400, 'invalid_request', 'Bad body.');
      }
      const user = typeof parsed.username === 'string' ? portal.users.get(parsed.username) : undefined;
      if (!user || user.password !== parsed.password) return sendError(res, 401, 'invalid_credentials', 'Wrong username or password.');
      const token = randomBytes(32).toString('base64url');
      portal.sessions.set(token, { username: parsed.username as string });
      return sendJson(res, 200, {
        step: 'complete',
        session: { token, idleTimeoutSeconds: portal.idleTimeoutSeconds, absoluteExpiresAt: new Date(Date.now() + 12 * 3600_000).toISOString() },
        user: { username: parsed.username, displayName: user.displayName, roles: ['user'] },
      });
    }
    const session = authed(req, res);
    if (!session) return;
    const user = portal.users.get(session.username);
    if (key === 'GET /auth/session') {
      return sendJson(res, 200, {
        user: { username: session.username, displayName: user?.displayName ?? '', roles: ['user'] },
        idleExpiresAt: new Date(Date.now() + portal.idleTimeoutSeconds * 1000).toISOString(),
        absoluteExpiresAt: new Date(Date.now() + 12 * 3600_000).toISOString(),
      });
    }
    if (key === 'POST /auth/sign-out') {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      portal.sessions.delete(token);
      res.writeHead(204).end();
      return;
    }
    if (key === 'GET /apps') return sendJson(res, 200, { apps: portal.apps });
    if (key === 'GET /launch-policy') return sendJson(res, 200, portal.policy);
    const launch = /^\/apps\/([^/]+)\/launch$/.exec(path);
    if (req.method === 'POST' && launch) {
      const app = portal.apps.find((a) => a.id === decodeURIComponent(launch[1]!));
      if (!app) return sendError(res, 404, 'not_found', 'No such app.');
      const method = (JSON.parse(body) as { method: string }).method;
      const descriptor = portal.descriptors.get(app.id) ?? defaultDescriptor(app, method, session.username);
      return sendJson(res, 200, { descriptor });
    }
    sendError(res, 404, 'not_found', 'No such route.');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  portal.url = url;
  portal.policy.webOrigins = [url];
  portal.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  // One live object: tests mutate it and the routes read it.
  return portal;

  function defaultDescriptor(app: FakeApp, method: string, username: string): Record<string, unknown> {
    if (method === 'ica') {
      return {
        type: 'ica', title: app.name, address: 'apps.portal.example:1494', initialProgram: `#${app.name}`,
        logonTicket: 'TICKET-123', transportDriver: 'TCP/IP', clientAudio: false, allowClipboard: false, allowDrives: false,
      };
    }
    if (method === 'rdp') {
      return { type: 'rdp', title: app.name, address: 'rdp.portal.example:3389', remoteProgram: `||${app.id}`, username, allowClipboard: false, allowDrives: false };
    }
    return { type: 'web', title: app.name, url: `${url}/light/${app.id}?ticket=abc` };
  }
}
