import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import Fastify from 'fastify';
import { route } from '../../src/server/route.ts';
import { checkResponses, responseDrift } from './response-check.ts';

describe('checking an answer against its response schema', () => {
  const schema = z.object({ id: z.string(), at: z.iso.datetime(), tags: z.array(z.object({ name: z.string() })), note: z.string().nullable() });

  it('passes an answer the schema describes whole, dates as ISO strings', () => {
    assert.deepEqual(responseDrift(schema, { id: 'a', at: new Date('2025-01-02T03:04:05Z'), tags: [{ name: 'x' }], note: null }), []);
  });

  it('names a field the schema leaves out, however deep, since a serialiser would drop it', () => {
    assert.deepEqual(responseDrift(schema, { id: 'a', at: '2025-01-02T03:04:05.000Z', tags: [{ name: 'x', colour: 'red' }], note: null, extra: 1 }), [
      '.tags[0].colour is not in the schema',
      '.extra is not in the schema',
    ]);
  });

  it('names a field of the wrong shape', () => {
    assert.deepEqual(responseDrift(schema, { id: 'a', at: '2025-01-02', tags: [], note: null }).length, 1);
  });

  it('turns an answer with a field its route does not document into a 500 naming the field, in every integration test', async () => {
    const app = Fastify();
    app.get('/api/v1/thing', () => Promise.resolve({ id: 'a', secret: 'b' }));
    checkResponses(app, [
      route({
        method: 'GET',
        url: '/api/v1/thing',
        kind: 'api',
        action: 'public.view',
        summary: 'A thing',
        response: z.object({ id: z.string() }),
        handler: () => Promise.resolve({}),
      }),
    ]);
    await app.ready();
    const answer = await app.inject('/api/v1/thing');
    assert.equal(answer.statusCode, 500);
    assert.deepEqual(answer.json().problems, ['.secret is not in the schema']);
    await app.close();
  });
});
