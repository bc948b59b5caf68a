/** Light-version schema (versions 71–74; 70 is the portal identity's). */
import type { Migration } from '../db/types';

export const lightMigrations: Migration[] = [
  {
    version: 71,
    name: 'launch tickets bound to the portal session that asked for them',
    statements: [`ALTER TABLE launch_tickets ADD COLUMN session_hash text`],
  },
];
