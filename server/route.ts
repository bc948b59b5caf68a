/**
 * Registers a route from its `common/api` declaration: the method and path
 * come from the endpoint, and the handler parses its inputs with the
 * endpoint's schemas through `parseInput` (typed `400 invalid_request`).
 * Parsing is on demand so each handler keeps its order of checks (session,
 * then resource, then body), and with it the exact error a request gets.
 * With response checks on (the test suites), every success answer is
 * checked against the endpoint's response schema as well.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { z } from 'zod';
import { API_PREFIX, type EndpointSpec } from '../common/api';
import { portalError } from './errors';
import { parseInput } from './validation';

declare module 'fastify' {
  interface FastifyInstance {
    /** Check every answer against its endpoint's response schema (tests). */
    portalCheckResponses: boolean;
  }
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** The endpoint's inputs, each parsed (once) when first asked for. */
export interface RouteInput<E extends EndpointSpec> {
  body(): Parsed<E['body']>;
  params(): Parsed<E['params']>;
  query(): Parsed<E['query']>;
}

export type RouteHandler<E extends EndpointSpec> = (
  request: FastifyRequest,
  reply: FastifyReply,
  input: RouteInput<E>,
) => Promise<unknown>;

function inputOf<E extends EndpointSpec>(spec: E, request: FastifyRequest): RouteInput<E> {
  const cache = new Map<string, unknown>();
  const lazy = (key: 'body' | 'params' | 'query', value: () => unknown) => () => {
    const schema = spec[key];
    if (!schema) return undefined;
    if (!cache.has(key)) cache.set(key, parseInput(schema, value()));
    return cache.get(key);
  };
  return {
    body: lazy('body', () => request.body),
    params: lazy('params', () => request.params),
    query: lazy('query', () => request.query),
  } as RouteInput<E>;
}

/** The endpoint's path relative to the scope's prefix (`/api/v1`, `/api/v1/admin` or none). */
export function localPath(scopePrefix: string, spec: EndpointSpec): string {
  const full = `${API_PREFIX}${spec.path}`;
  if (!full.startsWith(scopePrefix)) throw new Error(`${spec.method} ${full} is outside the scope ${scopePrefix}`);
  return full.slice(scopePrefix.length) || '/';
}

/** Registers `handler` for `spec` on `app`. */
export function route<E extends EndpointSpec>(
  app: FastifyInstance,
  spec: E,
  handler: RouteHandler<E>,
  options: { preHandler?: RouteShorthandOptions['preHandler'] } = {},
): void {
  const check = app.hasDecorator('portalCheckResponses') && app.portalCheckResponses && spec.response !== null;
  app.route({
    method: spec.method,
    url: localPath(app.prefix, spec),
    ...(options.preHandler ? { preHandler: options.preHandler } : {}),
    ...(check
      ? {
          preSerialization: async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
            if (reply.statusCode >= 400 || !spec.response) return payload;
            const result = spec.response.safeParse(payload);
            if (!result.success) {
              throw portalError('internal', `Answer of ${spec.method} ${spec.path} does not match common/api: ${result.error.message}`);
            }
            return payload;
          },
        }
      : {}),
    handler: (request, reply) => handler(request, reply, inputOf(spec, request)),
  });
}
