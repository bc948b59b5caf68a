/**
 * Invalid Unicode on every route: NUL and a lone surrogate in each string
 * field of every endpoint's body and query, on a request that is otherwise
 * well formed, on both databases. The portal answers with a typed 4xx
 * error, never a 500, and a NUL never reaches the database.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { endpoints, type EndpointSpec } from '../../../common/api';
import { backends, bearer, useTestPortal } from '../helpers';
import { sampleFor, stringPaths, withValueAt } from './samples';

const HOSTILE = { nul: 'a\u0000b', loneSurrogate: 'a\ud800b' } as const;

/** Every (endpoint, field, value) a request is sent for. */
function cases(): Array<{ name: string; endpoint: EndpointSpec; where: 'body' | 'query'; path: string[]; value: string }> {
  const out = [];
  for (const [name, endpoint] of Object.entries(endpoints) as Array<[string, EndpointSpec]>) {
    for (const where of ['body', 'query'] as const) {
      const schema = endpoint[where];
      if (!schema) continue;
      const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
      for (const path of stringPaths(json)) {
        for (const value of Object.values(HOSTILE)) out.push({ name, endpoint, where, path, value });
      }
    }
  }
  return out;
}

describe.each(backends)('invalid Unicode on every route ($name)', (backend) => {
  const portal = useTestPortal(backend);

  it('answers every NUL and lone surrogate with a typed 4xx, never a 500', { timeout: 120_000 }, async () => {
    const token = await portal.signInDemo();
    const all = cases();
    expect(all.length).toBeGreaterThan(50);
    const failures: string[] = [];
    for (const c of all) {
      const json = z.toJSONSchema(c.endpoint[c.where]!, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
      const input = withValueAt(sampleFor(json), c.path, c.value) as Record<string, unknown>;
      const path = c.endpoint.path.replace(/:([a-zA-Z]+)/g, 'x');
      const query = c.where === 'query' ? `?${new URLSearchParams(input as Record<string, string>)}` : '';
      const init: RequestInit = { method: c.endpoint.method, headers: bearer(token) };
      if (c.endpoint.method === 'POST') {
        init.headers = { ...bearer(token), 'content-type': 'application/json' };
        init.body = JSON.stringify(c.where === 'body' ? input : sampleFor(z.toJSONSchema(c.endpoint.body ?? z.object({})) as Record<string, unknown>));
      }
      const res = await portal.request(`/api/v1${path}${query}`, init);
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
      const mustBe400 = (c.endpoint.auth === 'public' || c.endpoint.auth === 'session') && !c.endpoint.path.includes(':');
      if (res.status >= 500 || (res.status >= 400 && !typed) || (mustBe400 && res.status !== 400) || res.status < 400) {
        failures.push(`${c.name} ${c.where}.${c.path.join('.')}=${JSON.stringify(c.value)} → ${res.status} ${text.slice(0, 80)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
