/**
 * Invalid Unicode on every route, as the fuzz test and the security bench
 * send it: NUL and a lone surrogate in each string field of every endpoint's
 * body and query, on a request that is otherwise well formed. `probe` says
 * what was wrong with the answer, or null when it was the typed refusal.
 */
import { z } from 'zod';
import { endpoints, type EndpointSpec } from '../../../common/api';
import { sampleFor, stringPaths, withValueAt } from './samples';

const HOSTILE = { nul: 'a\u0000b', loneSurrogate: 'a\ud800b' } as const;

export interface HostileCase {
  name: string;
  endpoint: EndpointSpec;
  where: 'body' | 'query';
  path: string[];
  value: string;
}

const schemaOf = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;

/** Every (endpoint, field, value) a request is sent for. */
export function hostileUnicodeCases(): HostileCase[] {
  const out: HostileCase[] = [];
  for (const [name, endpoint] of Object.entries(endpoints) as Array<[string, EndpointSpec]>) {
    for (const where of ['body', 'query'] as const) {
      const schema = endpoint[where];
      if (!schema) continue;
      for (const path of stringPaths(schemaOf(schema))) {
        for (const value of Object.values(HOSTILE)) out.push({ name, endpoint, where, path, value });
      }
    }
  }
  return out;
}

/**
 * Sends case `c` with the session `token` through `request` (a fetch relative
 * to the portal) and answers null when the portal refused it with a typed 4xx
 * (a 400 where validation must be reached), or what was wrong otherwise.
 */
export async function probe(
  c: HostileCase,
  token: string,
  request: (path: string, init: RequestInit) => Promise<Response>,
): Promise<string | null> {
  const input = withValueAt(sampleFor(schemaOf(c.endpoint[c.where]!)), c.path, c.value) as Record<
    string,
    unknown
  >;
  const path = c.endpoint.path.replace(/:([a-zA-Z]+)/g, 'x');
  const query = c.where === 'query' ? `?${new URLSearchParams(input as Record<string, string>)}` : '';
  const auth = { authorization: `Bearer ${token}` };
  const init: RequestInit = { method: c.endpoint.method, headers: auth };
  if (c.endpoint.method === 'POST') {
    init.headers = { ...auth, 'content-type': 'application/json' };
    init.body = JSON.stringify(
      c.where === 'body' ? input : sampleFor(schemaOf(c.endpoint.body ?? z.object({}))),
    );
  }
  const res = await request(`/api/v1${path}${query}`, init);
  const text = await res.text();
  const typed = (() => {
    try {
      return typeof (JSON.parse(text) as { error?: { code?: unknown } }).error?.code === 'string';
    } catch {
      return false;
    }
  })();
  // A public route, or a session route called with a live session and no
  // resource in its path, reaches validation: the answer must be the 400.
  const mustBe400 =
    (c.endpoint.auth === 'public' || c.endpoint.auth === 'session') && !c.endpoint.path.includes(':');
  if (
    res.status >= 500 ||
    (res.status >= 400 && !typed) ||
    (mustBe400 && res.status !== 400) ||
    res.status < 400
  ) {
    return `${c.name} ${c.where}.${c.path.join('.')}=${JSON.stringify(c.value)} → ${res.status} ${text.slice(0, 80)}`;
  }
  return null;
}
