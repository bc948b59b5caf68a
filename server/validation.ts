/** Request validation with zod: failures become `400 invalid_request` naming the field. */
import type { z } from 'zod';
import { fromZodError } from './errors';

/** Parses `value` with `schema` or throws a typed `invalid_request`. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(result.error, prefix);
  return result.data;
}
