/**
 * One portal endpoint, declared once as data: method, path (relative to
 * `/api/v1`, `:name` for path parameters), who may call it, and the zod
 * schemas of its inputs and answer. The server validates with them, the
 * client builds its requests and checks the answers with them, and the
 * OpenAPI document is generated from them.
 */
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST';

/**
 * Who may call: anyone, a signed-in session (bearer token), a manager, or
 * the holder of a sign-in/reset flow token carried in the body.
 */
export type EndpointAuth = 'public' | 'session' | 'manager' | 'flow';

/** The declaration of one endpoint. */
export interface EndpointSpec {
  method: HttpMethod;
  path: `/${string}`;
  auth: EndpointAuth;
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The JSON answer; `null` when the success answer has no body (204). */
  response: z.ZodType | null;
  /** Success status when it is not 200 (e.g. 204, or 201 for a created request). */
  status?: number;
  /** A long poll: the portal may hold the request open for up to 25 s. */
  longPoll?: boolean;
}

/** Declares an endpoint; the literal types are kept so callers get typed inputs and answers. */
export function endpoint<const E extends EndpointSpec>(spec: E): E {
  return Object.freeze(spec);
}

/** What a POST endpoint may declare besides its path, summary, body and answer. */
type PostExtras = Pick<EndpointSpec, 'params' | 'status' | 'longPoll'>;

/** A builder of the POST endpoints one kind of caller uses: path, summary, body, answer and any path params, status or long poll. */
export const postFor =
  <const A extends EndpointAuth>(auth: A) =>
  <const P extends `/${string}`, B extends z.ZodType, R extends z.ZodType | null, const X extends PostExtras = object>(
    path: P,
    summary: string,
    body: B,
    response: R,
    extras: X = {} as X,
  ) =>
    endpoint({ method: 'POST', path, auth, summary, ...extras, body, response });

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type In<S> = S extends z.ZodType ? z.input<S> : undefined;

/** The parsed answer of `E`. */
export type ResponseOf<E extends EndpointSpec> = Out<E['response']>;
/** What a caller sends as the body of `E`. */
export type BodyOf<E extends EndpointSpec> = In<E['body']>;
export type ParamsOf<E extends EndpointSpec> = In<E['params']>;
export type QueryOf<E extends EndpointSpec> = In<E['query']>;

/** Path parameter names of a path, e.g. `['id']` for `/apps/:id/launch`. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z_]\w*)/g)].map((m) => m[1] as string);
}

/** The path with every `:name` replaced by its URL-encoded value. */
export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z_]\w*)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

/** The same path in OpenAPI form (`{name}`). */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]\w*)/g, '{$1}');
}
