/** Vitest global setup: the migrated PGlite template (see `pglite-template.ts`). */
import { createPgliteTemplate } from './pglite-template';

export default async function setup(): Promise<() => void> {
  return createPgliteTemplate();
}
