import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { responseDrift } from './response-check.ts';

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
});
