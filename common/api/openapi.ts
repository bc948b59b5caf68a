/** The OpenAPI 3.1 document of the portal API, generated from the endpoint declarations. */
import { z } from 'zod';
import { openApiPath, pathParamNames, type EndpointSpec } from './endpoint';
import { API_PREFIX, endpoints } from './index';
import { errorBodySchema } from './primitives';

type Json = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  // Refinements and transforms have no JSON Schema form; their base shape is documented.
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete json.$schema;
  return json;
}

function parametersOf(spec: EndpointSpec): Json[] {
  const params: Json[] = pathParamNames(spec.path).map((name) => {
    const shape = spec.params && 'shape' in spec.params ? (spec.params.shape as Record<string, z.ZodType>) : {};
    const field = shape[name];
    return { name, in: 'path', required: true, schema: field ? schemaOf(field, 'input') : { type: 'string' } };
  });
  if (spec.query && 'shape' in spec.query) {
    for (const [name, field] of Object.entries(spec.query.shape as Record<string, z.ZodType>)) {
      params.push({ name, in: 'query', required: !field.safeParse(undefined).success, schema: schemaOf(field, 'input') });
    }
  }
  return params;
}

function operationOf(name: string, spec: EndpointSpec): Json {
  const status = String(spec.status ?? (spec.response === null ? 204 : 200));
  const success: Json = { description: spec.summary };
  if (spec.response) success.content = { 'application/json': { schema: schemaOf(spec.response, 'output') } };
  const operation: Json = {
    operationId: name,
    summary: spec.summary,
    'x-portico-auth': spec.auth,
    ...(spec.longPoll ? { 'x-portico-long-poll': true } : {}),
    security: spec.auth === 'session' || spec.auth === 'manager' ? [{ bearer: [] }] : [],
    responses: {
      [status]: success,
      default: { description: 'A typed error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    },
  };
  const parameters = parametersOf(spec);
  if (parameters.length) operation.parameters = parameters;
  if (spec.body) operation.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(spec.body, 'input') } } };
  return operation;
}

/** Builds the document; `version` is the server's version. */
export function buildOpenApiDocument(version: string): Json {
  const paths: Record<string, Json> = {};
  for (const [name, spec] of Object.entries(endpoints) as [string, EndpointSpec][]) {
    const path = `${API_PREFIX}${openApiPath(spec.path)}`;
    paths[path] = { ...(paths[path] ?? {}), [spec.method.toLowerCase()]: operationOf(name, spec) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Portico portal API', version },
    paths,
    components: {
      schemas: { Error: schemaOf(errorBodySchema, 'output') },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
  };
}
