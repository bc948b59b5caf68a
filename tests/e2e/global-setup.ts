/** Playwright global setup: one migrated PGlite cluster that every end-to-end stack starts from. */
import { createPgliteTemplate } from '../setup/pglite-template';

export default async function globalSetup(): Promise<() => void> {
  return createPgliteTemplate();
}
