/**
 * `PortalApi`, the one client of the portal HTTP API (docs/api.md), built on
 * the endpoint declarations of `common/api`: one place for the base URL,
 * timeouts, the body cap, the bearer token and the typed-error mapping.
 * Every answer is validated with its endpoint's schema; every failure
 * becomes a `PortalError` with a contract code. Tokens and passwords are
 * only ever put in requests, never logged.
 */
import type { z } from 'zod';
import {
  endpoints,
  errorBodySchema,
  fillPath,
  signInCompleteSchema,
  signInStepSchema,
  type BodyOf,
  type EndpointSpec,
  type LaunchDescriptor,
  type LaunchPolicy,
  type PortalApp,
  type ResponseOf,
  type SessionInfo,
  type SignInComplete,
} from '../../../common/api';
import type { ErrorCode, LaunchMethod } from '../../../common/contract';
import type { Clock } from '../../ports';
import { PortalError, type ErrorDetails } from '../core/errors';
import { normalisePortalUrl } from './url';

/** Where a request goes and with which session. */
export interface PortalTarget {
  portalUrl: string;
  token?: string;
}

/**
 * The portal's answer to a password: done, or another step. `body` is the
 * raw step (validated by whoever handles that step: the second-factor and password services).
 */
export type SignInOutcome = SignInComplete | { step: 'unsupported'; portalStep: string; body: Record<string, unknown> };

/** Bigger answers than this are refused: nothing in the API comes close. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

/** Portal error codes → contract codes. Unknown codes become `portal_error`. */
const CODE_MAP: Record<string, ErrorCode> = {
  invalid_request: 'invalid_request',
  payload_too_large: 'invalid_request',
  invalid_credentials: 'invalid_credentials',
  session_expired: 'session_expired',
  forbidden: 'forbidden',
  not_found: 'not_found',
  locked: 'locked',
  rate_limited: 'rate_limited',
  // Second factor.
  invalid_code: 'invalid_code',
  flow_expired: 'flow_expired',
  conflict: 'conflict',
};

/** User-facing messages: our words, never the server's raw text. */
const MESSAGES: Partial<Record<ErrorCode, string>> = {
  invalid_request: 'The portal did not accept the request.',
  invalid_credentials: 'The username or password is incorrect.',
  session_expired: 'Your session has ended. Please sign in again.',
  forbidden: 'You are not allowed to do this.',
  not_found: 'The portal could not find what was asked for.',
  locked: 'Your account is locked. Try again later or contact support.',
  rate_limited: 'Too many attempts. Please wait and try again.',
  portal_error: 'The portal had a problem. Please try again later.',
  invalid_code: 'That code is not valid. Check the code in your app and try again.',
  flow_expired: 'This sign-in took too long. Please sign in again.',
  conflict: 'That cannot be done right now.',
};

/** Details keys the UI may use; anything else from the server is dropped. */
const ALLOWED_DETAILS = new Set(['retryAfterSeconds', 'attemptsLeft', 'field', 'reason', 'step', 'rules']);

/** What a call sends: path parameters, query fields, body, extra headers. */
export interface CallInput<E extends EndpointSpec> {
  params?: Record<string, string>;
  query?: Record<string, string | undefined>;
  body?: BodyOf<E>;
  headers?: Record<string, string>;
}

/** The portal API client. */
export class PortalApi {
  private clockOffset: number | null = null;

  constructor(
    private readonly deps: {
      fetch: typeof fetch;
      clock: Clock;
      timeoutMs?: number;
      /** Awaited before each request and its timeout (a local portal still starting; see starting-gate.ts). */
      beforeRequest?: (url: string) => Promise<void>;
    },
  ) {}

  /**
   * Server time minus local time in ms, from the last `Date` header seen
   * (null before the first answer). Used later for clock checks.
   */
  clockOffsetMs(): number | null {
    return this.clockOffset;
  }

  getBranding(target: PortalTarget) {
    return this.call(target, endpoints.branding);
  }

  /** Sends the password step of sign-in. */
  async signIn(portalUrl: string, username: string, password: string, extras: Record<string, string> = {}): Promise<SignInOutcome> {
    const body = await this.call({ portalUrl }, endpoints.signIn, { body: { ...extras, username, password } });
    return this.toOutcome(body);
  }

  /** Validates a sign-in step answer (from the password or any later step route). */
  toOutcome(body: unknown): SignInOutcome {
    const parsed = this.validate(signInStepSchema, body);
    if (parsed.step === 'complete') return this.validate(signInCompleteSchema, parsed);
    const portalStep = /^[a-z_]{1,32}$/.test(parsed.step) ? parsed.step : 'unknown';
    return { step: 'unsupported', portalStep, body: parsed as Record<string, unknown> };
  }

  /**
   * Calls `endpoint` (every feature service goes through here): the same
   * limits, error mapping and `Date` tracking for every route; the
   * endpoint's response schema validates the answer.
   */
  call<E extends EndpointSpec>(target: PortalTarget, endpoint: E, input: CallInput<E> = {}): Promise<ResponseOf<E>> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(input.query ?? {})) if (value !== undefined && value !== '') query.set(key, value);
    const route = `${fillPath(endpoint.path, input.params)}${query.size ? `?${query.toString()}` : ''}`;
    const body = endpoint.method === 'GET' ? undefined : (input.body ?? {});
    return this.request(target, endpoint, route, body, input.headers) as Promise<ResponseOf<E>>;
  }

  /**
   * A plain GET of any URL through the injected `fetch` (connectivity
   * checks in diagnostics): no token, no API path, the caller reads the answer.
   */
  async probe(url: string, init: RequestInit): Promise<Response> {
    await this.deps.beforeRequest?.(url);
    return this.deps.fetch(url, init);
  }

  /** Reads the session; `passive` asks the portal not to slide the idle deadline. */
  getSession(target: PortalTarget, options: { passive: boolean }): Promise<SessionInfo> {
    return this.call(target, endpoints.getSession, { headers: options.passive ? { 'X-Portico-Passive': '1' } : {} });
  }

  async signOut(target: PortalTarget): Promise<void> {
    await this.call(target, endpoints.signOut);
  }

  async listApps(target: PortalTarget): Promise<PortalApp[]> {
    return (await this.call(target, endpoints.listApps)).apps;
  }

  async launch(target: PortalTarget, appId: string, method: LaunchMethod): Promise<LaunchDescriptor> {
    // An RDP descriptor without `remoteProgram` is the full desktop (the writer makes a desktop file).
    const { descriptor } = await this.call(target, endpoints.launchApp, { params: { id: appId }, body: { method } });
    return descriptor;
  }

  getLaunchPolicy(target: PortalTarget): Promise<LaunchPolicy> {
    return this.call(target, endpoints.launchPolicy);
  }

  private async request(
    target: PortalTarget,
    endpoint: EndpointSpec,
    route: string,
    body: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<unknown> {
    const { method, response: schema } = endpoint;
    const url = `${normalisePortalUrl(target.portalUrl)}/api/v1${route}`;
    const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
    if (target.token) headers.Authorization = `Bearer ${target.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    let raw: string;
    await this.deps.beforeRequest?.(url);
    try {
      response = await this.deps.fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'error',
        signal: AbortSignal.timeout(requestTimeoutMs(endpoint, this.deps.timeoutMs)),
      });
      raw = await readLimited(response);
    } catch (error) {
      if (error instanceof PortalError) throw error;
      throw new PortalError('connection_failed', 'Portico could not reach the portal. Check the address and your connection.');
    }
    this.recordDate(response.headers.get('date'));
    if (!response.ok) throw this.errorFrom(response.status, raw);
    if (schema === null) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw unexpected();
    }
    return this.validate(schema, json);
  }

  private validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw unexpected();
    return parsed.data;
  }

  private recordDate(header: string | null): void {
    if (!header) return;
    const serverTime = Date.parse(header);
    if (!Number.isNaN(serverTime)) this.clockOffset = serverTime - this.deps.clock.now();
  }

  private errorFrom(status: number, raw: string): PortalError {
    let portalCode: string | undefined;
    let serverDetails: Record<string, string | number | boolean> | undefined;
    try {
      const parsed = errorBodySchema.safeParse(JSON.parse(raw));
      if (parsed.success) {
        portalCode = parsed.data.error.code;
        serverDetails = parsed.data.error.details;
      }
    } catch {
      // Not JSON (e.g. a proxy's HTML page): fall back to the status.
    }
    const code: ErrorCode =
      (portalCode !== undefined && Object.hasOwn(CODE_MAP, portalCode) ? CODE_MAP[portalCode] : undefined) ?? codeForStatus(status);
    const details: ErrorDetails = {};
    for (const [key, value] of Object.entries(serverDetails ?? {})) {
      if (ALLOWED_DETAILS.has(key)) details[key] = typeof value === 'string' ? value.slice(0, 64) : value;
    }
    return new PortalError(code, MESSAGES[code] ?? MESSAGES.portal_error!, Object.keys(details).length ? details : undefined);
  }
}

/** Ordinary portal requests give up after this long. */
const REQUEST_TIMEOUT_MS = 15_000;
/**
 * Push waits are long polls the portal holds open for up to
 * `mfa.longPollSeconds` (at most 25 s by its config schema), so they get that
 * plus a margin for a slow network before Portico calls the portal unreachable.
 */
const LONG_POLL_TIMEOUT_MS = 40_000;

/** How long Portico waits for the portal's answer to `endpoint`. */
export function requestTimeoutMs(endpoint: Pick<EndpointSpec, 'longPoll'>, configured?: number): number {
  const base = configured ?? REQUEST_TIMEOUT_MS;
  return endpoint.longPoll ? Math.max(base, LONG_POLL_TIMEOUT_MS) : base;
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'session_expired';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 423) return 'locked';
  if (status === 429) return 'rate_limited';
  if (status === 400 || status === 413) return 'invalid_request';
  return 'portal_error';
}

function unexpected(): PortalError {
  return new PortalError('portal_error', 'The portal sent an answer Portico does not understand.');
}

/** Reads the body as text, refusing anything over `MAX_RESPONSE_BYTES`. */
async function readLimited(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_RESPONSE_BYTES) throw unexpected();
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw unexpected();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
