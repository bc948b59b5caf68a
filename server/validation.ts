/** Request validation with zod: failures become `400 invalid_request` naming the field. */
import type { z } from 'zod';
import { hasLoneSurrogate } from '../common/text/guard';
import { fromZodError, PortalError } from './errors';

/**
 * The path of the first string in `value` (keys included) that holds a NUL or
 * a lone surrogate, or null. Neither can be stored by PostgreSQL or encoded as
 * UTF-8, so no field of any route may carry one: they are refused before a
 * schema sees them, the same way on every route and both databases.
 */
export function findInvalidUnicode(value: unknown, at: string[] = [], depth = 0): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') || hasLoneSurrogate(value) ? at : null;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  for (const [key, item] of Object.entries(value)) {
    const path = [...at, key];
    if (findInvalidUnicode(key, path, depth + 1) || findInvalidUnicode(item, path, depth + 1)) return path;
  }
  return null;
}

/** Parses `value` with `schema` or throws a typed `invalid_request`. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const invalid = findInvalidUnicode(value);
  if (invalid) {
    const field = [prefix, ...invalid].filter(Boolean).join('.');
    throw new PortalError('invalid_request', `Invalid or missing field: ${field || 'the request'}.`, field ? { field } : undefined);
  }
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(result.error, prefix);
  return result.data;
}
