/**
 * The default branch of a switch that handles every member of a union: it
 * only compiles while no member is left out, and throws if a value outside
 * the union arrives at run time anyway.
 */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
