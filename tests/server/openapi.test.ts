/**
 * The OpenAPI document is the API: every route the portal registers under
 * `/api/v1` is in it, everything in it is registered, and docs/api.md
 * documents exactly the same operations.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/index';
import { seedPglite } from '../setup/pglite-template';

/** Routes outside the API: HTML pages and their assets, not JSON endpoints. */
const OUTSIDE_API = [
  'GET /light/assets/light.css',
  'GET /light/assets/light.js',
  'GET /light/novnc/*',
  'GET /light/:appId',
  'GET /approver',
  'GET /approver/',
  'GET /approver/app.js',
  'GET /approver/app.css',
  'POST /approver/api/bind',
  'GET /approver/api/pushes',
  'POST /approver/api/pushes/:id',
];

type Doc = { paths: Record<string, Record<string, { operationId: string }>> };

/** `METHOD /api/v1/path` of every operation, with `:name` path parameters. */
function operationsOf(doc: Doc): string[] {
  return Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
  );
}

describe('OpenAPI document', () => {
  let server: RunningServer;
  let dataDir: string;
  let doc: Doc;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'portico-openapi-'));
    seedPglite(dataDir);
    server = await startServer({ dataDir, port: 0, config: { argon2: { memoryCost: 19456, timeCost: 2, parallelism: 1 } } });
    const response = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    doc = (await response.json()) as Doc;
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('is served publicly at /api/v1/openapi.json', () => {
    expect(operationsOf(doc)).toContain('GET /api/v1/openapi.json');
  });

  it('lists every /api/v1 route fastify registered, and nothing it did not', () => {
    expect(server.ftps, 'transfers must be on so their routes are counted').not.toBeNull();
    const registered = server.routes
      .filter((r) => r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`);
    const api = registered.filter((r) => r.split(' ')[1]!.startsWith('/api/v1/'));
    const outside = registered.filter((r) => !r.split(' ')[1]!.startsWith('/api/v1/'));
    const documented = operationsOf(doc);
    expect(api.filter((r) => !documented.includes(r)), 'registered but not in the document').toEqual([]);
    expect(documented.filter((r) => !api.includes(r)), 'in the document but not registered').toEqual([]);
    expect(outside.filter((r) => !OUTSIDE_API.includes(r)), 'outside /api/v1 and not listed as exempt').toEqual([]);
  });

  it('matches docs/api.md (and api-auth.md, its second-factor and password part): every documented route exists and every route is documented', () => {
    const markdown = ['api.md', 'api-auth.md']
      .map((file) => readFileSync(path.join(__dirname, '../../docs', file), 'utf8'))
      .join('\n');
    const mentioned = new Set([...markdown.matchAll(/`(GET|POST) (\/api\/v1\/[^\s`?]+)/g)].map((m) => `${m[1]} ${m[2]}`));
    const documented = operationsOf(doc);
    expect([...mentioned].filter((r) => !documented.includes(r)), 'in docs/api.md but not in the API').toEqual([]);
    expect(documented.filter((r) => !mentioned.has(r)), 'in the API but not in docs/api.md').toEqual([]);
  });

  it('answers the password policy at /policy/password and at the older /password-policy', async () => {
    const current = await fetch(`${server.url}/api/v1/policy/password`);
    const older = await fetch(`${server.url}/api/v1/password-policy`);
    expect(current.status).toBe(200);
    const body = (await current.json()) as { policy: { minLength: number } };
    expect(body.policy.minLength).toBeGreaterThan(0);
    expect(await older.json()).toEqual(body);
  });
});
