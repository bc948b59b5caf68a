/** FTPS transfer credentials (docs/transfers.md). The token is a secret: engine only, never logs. */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { text } from './primitives';

export const transferCredentialsSchema = z.object({
  host: z.string().min(1).max(253).regex(/^[A-Za-z0-9.:[\]-]+$/),
  port: z.number().int().min(1).max(65535),
  username: z.string().min(1).max(128),
  token: z.string().min(16).max(512).regex(/^[A-Za-z0-9_\-.~+/=]+$/),
  expiresAt: text(64).refine((s) => !Number.isNaN(Date.parse(s))),
  tls: z.object({ fingerprint256: z.string().max(128).regex(/^[0-9A-Fa-f:]+$/).optional() }),
});

export const transferCredentials = endpoint({
  method: 'POST',
  path: '/transfers/credentials',
  auth: 'session',
  summary: 'A short-lived FTPS transfer token and where to connect',
  body: z.object({}),
  response: transferCredentialsSchema,
});

export const transferEndpoints = { transferCredentials };

export type TransferCredentialsWire = z.infer<typeof transferCredentialsSchema>;
