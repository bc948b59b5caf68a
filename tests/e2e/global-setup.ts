/**
 * Playwright global setup: one migrated PGlite cluster that every end-to-end
 * stack starts from, and the stack script bundled once (see stack-bundle.ts).
 */
import { createPgliteTemplate } from '../setup/pglite-template';
import { bundleStack } from './stack-bundle';

export default async function globalSetup(): Promise<() => void> {
  const removeBundle = bundleStack();
  const removeTemplate = await createPgliteTemplate();
  return () => {
    removeTemplate();
    removeBundle();
  };
}
