/**
 * The typed contract between the renderer and main. TYPES ONLY: nothing here
 * may produce JavaScript, so every importer uses `import type`.
 *
 * Invoke channels map a channel name to the function main implements. Both
 * ends derive their signatures from this map (`Parameters<>`/`ReturnType<>`),
 * and `main/ipc/schemas.ts` holds one runtime schema per channel written with
 * `satisfies` against it, so the three cannot drift.
 *
 * The types live in `contract/`, one file per feature; this barrel is where
 * the rest of the code imports them from.
 */

export type * from './core';
export type * from './channels';
export type * from './mfa';
export type * from './mfa-steps';
export type * from './passwords';
export type * from './sign-in-steps';
export type * from './transfers';
export type * from './desktop';
export type * from './admin';
export type * from './app-passwords';
