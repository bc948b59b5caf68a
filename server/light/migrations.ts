/** Light-version schema (versions 75–79; 70–74 are the portal identity's). */
import type { Migration } from '../db/types';

export const lightMigrations: Migration[] = [
  {
    version: 75,
    name: 'launch tickets bound to the portal session that asked for them',
    statements: [`ALTER TABLE launch_tickets ADD COLUMN session_hash text`],
  },
];
