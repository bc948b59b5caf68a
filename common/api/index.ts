/**
 * The portal API (`/api/v1`): every endpoint, declared once in its domain
 * file. The server registers and validates its routes from these, the
 * client's `PortalApi` calls them, and `openapi.ts` documents them.
 */
import { accountMfaEndpoints } from './account-mfa';
import { adminEndpoints } from './admin';
import { appEndpoints } from './apps';
import { appPasswordEndpoints } from './app-passwords';
import { authEndpoints } from './auth';
import { coreEndpoints } from './core';
import type { EndpointSpec } from './endpoint';
import { mfaFlowEndpoints } from './mfa';
import { passkeyEndpoints } from './passkeys';
import { passwordEndpoints } from './password';
import { requestEndpoints } from './requests';
import { resetEndpoints } from './reset';
import { transferEndpoints } from './transfers';

/** Every endpoint by name (the name is the OpenAPI operationId). */
export const endpoints = {
  ...coreEndpoints,
  ...authEndpoints,
  ...mfaFlowEndpoints,
  ...accountMfaEndpoints,
  ...passkeyEndpoints,
  ...passwordEndpoints,
  ...resetEndpoints,
  ...appEndpoints,
  ...requestEndpoints,
  ...adminEndpoints,
  ...transferEndpoints,
  ...appPasswordEndpoints,
} satisfies Record<string, EndpointSpec>;

export type EndpointName = keyof typeof endpoints;

/** Where every path of `endpoints` lives. */
export const API_PREFIX = '/api/v1';

export * from './endpoint';
export * from './primitives';
export * from './auth';
export * from './core';
export * from './apps';
export * from './mfa-wire';
export * from './mfa';
export * from './account-mfa';
export * from './passkeys';
export * from './password';
export * from './reset';
export * from './requests';
export * from './admin';
export * from './transfers';
export * from './app-passwords';
