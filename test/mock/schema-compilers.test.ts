// The mock gives Fastify its default schema compilers only when a route declares a schema (none
// of its own does): a route that does still has its body validated and its answer serialized
// by them, as with Fastify's defaults.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMockConfig } from '../../mock-genesys/config.js';
import { buildMockServer } from '../../mock-genesys/server.js';

describe("the mock's schema compilers", () => {
  it('validate a body and serialize an answer for a route declared with schemas', async () => {
    const config = loadMockConfig({ LOG_LEVEL: 'silent', SCENARIOS_DIR: path.join(import.meta.dirname, 'fixtures', 'scenarios') });
    const { app } = await buildMockServer(config);
    app.post(
      '/schema-check',
      { schema: { body: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } }, response: { 200: { type: 'object', properties: { twice: { type: 'integer' } } } } } },
      async (request) => ({ twice: (request.body as { n: number }).n * 2, dropped: 'by the serializer' }),
    );
    try {
      expect((await app.inject({ method: 'POST', url: '/schema-check', payload: { n: 21 } })).json()).toEqual({ twice: 42 });
      const refused = await app.inject({ method: 'POST', url: '/schema-check', payload: { n: 'x' } });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ status: 400, code: 'bad.request' });
    } finally {
      await app.close();
    }
  });
});
