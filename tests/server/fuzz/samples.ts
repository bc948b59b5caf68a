/**
 * Well-formed sample inputs built from an endpoint's JSON Schema, so a fuzz
 * case changes one field and leaves the rest valid: the first enum value,
 * the minimum number, the shortest allowed string (with names that have a
 * pattern given a value that matches it).
 */
type Json = Record<string, unknown>;

/** Values for fields whose pattern a generic string would not match. */
const BY_NAME: Record<string, unknown> = {
  username: 'demo',
  code: '123456',
  email: 'someone@example.com',
  phoneNumber: '+15555550100',
  since: '2026-01-01T00:00:00.000Z',
  until: '2026-01-02T00:00:00.000Z',
  type: 'auth.sign_in',
};

export function sampleFor(schema: Json, name = ''): unknown {
  if (name in BY_NAME) return BY_NAME[name];
  if (Array.isArray(schema.anyOf)) return sampleFor(schema.anyOf[0] as Json, name);
  if (Array.isArray(schema.oneOf)) return sampleFor(schema.oneOf[0] as Json, name);
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if ('const' in schema) return schema.const;
  switch (schema.type) {
    case 'object': {
      const out: Json = {};
      const props = (schema.properties ?? {}) as Record<string, Json>;
      for (const [key, sub] of Object.entries(props)) out[key] = sampleFor(sub, key);
      return out;
    }
    case 'array': {
      const count = Number(schema.minItems ?? 0);
      return Array.from({ length: count }, () => sampleFor((schema.items ?? {}) as Json, name));
    }
    case 'integer':
    case 'number':
      return Number(schema.minimum ?? 1);
    case 'boolean':
      return false;
    case 'string': {
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (schema.format === 'email') return 'someone@example.com';
      return 'x'.repeat(Math.max(1, Number(schema.minLength ?? 1)));
    }
    default:
      return 'x';
  }
}

/** The paths of every string field (through objects; arrays by their first item). */
export function stringPaths(schema: Json, at: string[] = []): string[][] {
  if (Array.isArray(schema.anyOf)) return stringPaths(schema.anyOf[0] as Json, at);
  if (schema.type === 'string' && !Array.isArray(schema.enum)) return [at];
  if (schema.type === 'object') {
    const props = (schema.properties ?? {}) as Record<string, Json>;
    return Object.entries(props).flatMap(([key, sub]) => stringPaths(sub, [...at, key]));
  }
  if (schema.type === 'array' && schema.items) return stringPaths(schema.items as Json, [...at, '0']);
  return [];
}

/** A copy of `value` with `path` set to `replacement` (arrays get their first item). */
export function withValueAt(value: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(value) || head === '0') {
    const list = Array.isArray(value) && value.length > 0 ? [...value] : [undefined];
    list[0] = withValueAt(list[0], rest, replacement);
    return list;
  }
  const obj = { ...(value as Json) };
  obj[head] = withValueAt(obj[head], rest, replacement);
  return obj;
}
