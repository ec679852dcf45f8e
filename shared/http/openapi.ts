import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { once } from '../config';
import { ROUTES } from './routes';

const errorSchema = z.object({ error: z.string(), message: z.string().optional() }).meta({ id: 'Error' });
const ERROR_STATUSES = ['400', '401', '403', '404', '409', '422'] as const;

/** The OpenAPI 3.1 document, generated from the same zod schemas the handlers validate with. */
export const openApiDocument = once(() => {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  for (const route of ROUTES) {
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    registry.registerPath({
      method: route.method.toLowerCase() as 'get',
      path: route.path,
      summary: route.summary,
      ...(route.public ? {} : { security: [{ [bearer.name]: [] }] }),
      request: {
        ...(params.length
          ? { params: z.object(Object.fromEntries(params.map((p) => [p, z.string()]))) }
          : {}),
        ...(route.body ? { body: { content: { 'application/json': { schema: route.body } } } } : {}),
      },
      responses: {
        [String(route.response?.status ?? 200)]: {
          description: 'success',
          ...(route.response?.schema
            ? { content: { 'application/json': { schema: route.response.schema } } }
            : {}),
        },
        ...Object.fromEntries(
          ERROR_STATUSES.map((status) => [
            status,
            {
              description: 'an error with its reason (docs/api.md, "Errors")',
              content: { 'application/json': { schema: errorSchema } },
            },
          ]),
        ),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Crisis volunteer corps API', version: '1.0.0' },
  });
});

/** The document as `npm run openapi` writes it to docs/openapi.json, the contract checked in beside the code. */
export const openApiFileText = () => `${JSON.stringify(openApiDocument(), null, 2)}\n`;
