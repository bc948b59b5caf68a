import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { endpoints, fillPath, openApiPath, pathParamNames, type EndpointSpec } from '../../../common/api';
import { postFor } from '../../../common/api/endpoint';
import { buildOpenApiDocument } from '../../../common/api/openapi';

const all = Object.entries(endpoints) as [string, EndpointSpec][];

describe('common/api endpoint list', () => {
  it('declares each method and path once', () => {
    const keys = all.map(([, e]) => `${e.method} ${e.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives every path parameter a params schema field, and nothing more', () => {
    for (const [name, e] of all) {
      const names = pathParamNames(e.path);
      const shape = e.params && 'shape' in e.params ? Object.keys(e.params.shape as object) : [];
      expect(shape.sort(), name).toEqual([...names].sort());
    }
  });

  it('has bodies only on POSTs and answers on everything but 204s', () => {
    for (const [name, e] of all) {
      if (e.method === 'GET') expect(e.body, name).toBeUndefined();
      expect(e.response === null, name).toBe(e.status === 204);
    }
  });

  it('fills path parameters URL-encoded and refuses missing ones', () => {
    expect(fillPath('/admin/requests/:id/approve', { id: 'a/b c' })).toBe('/admin/requests/a%2Fb%20c/approve');
    expect(() => fillPath('/apps/:id/launch', {})).toThrow(/id/);
    expect(openApiPath('/admin/users/:username/roles')).toBe('/admin/users/{username}/roles');
  });
});

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument('1.2.3') as {
    openapi: string;
    info: { version: string };
    paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; in: string }[]; requestBody?: unknown }>>;
  };

  it('is OpenAPI 3.1 with one operation per endpoint', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe('1.2.3');
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(operations.sort()).toEqual(Object.keys(endpoints).sort());
  });

  it('documents path parameters, query fields and bodies', () => {
    const approve = doc.paths['/api/v1/admin/requests/{id}/approve']?.post;
    expect(approve?.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path' })]);
    expect(approve?.requestBody).toBeDefined();
    const audit = doc.paths['/api/v1/admin/audit']?.get;
    expect(audit?.parameters?.map((p) => p.name)).toEqual(['since', 'until', 'type', 'username', 'q', 'limit']);
  });
});

describe('postFor', () => {
  it('builds a frozen POST endpoint for one kind of caller with exactly the given fields', () => {
    const body = z.strictObject({ a: z.string() });
    const response = z.object({ ok: z.boolean() });
    const spec = postFor('flow')('/x/:id', 'Does x', body, response);
    expect(spec).toEqual({ method: 'POST', path: '/x/:id', auth: 'flow', summary: 'Does x', body, response });
    expect(Object.isFrozen(spec)).toBe(true);
  });
});
