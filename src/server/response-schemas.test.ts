import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allRoutes } from './registry.ts';
import type { Services } from './services.ts';

/** Route factories only read services inside handlers, so a stand-in that answers anything will build the registry. */
function standIn(): Services {
  const anything: unknown = new Proxy(function () {}, { get: (_target, key) => (key === 'then' ? undefined : anything), apply: () => anything });
  return anything as Services;
}

describe('the JSON API describes what it answers', () => {
  it('gives every /api/v1 route a response schema for its success status', () => {
    const api = allRoutes(standIn()).filter((r) => r.kind === 'api' && r.url.startsWith('/api/v1/'));
    const without = api.filter((r) => !r.response).map((r) => `${r.method} ${r.url}`);
    assert.ok(api.length > 100, `found ${api.length} API routes`);
    assert.deepEqual(without, [], `${without.length} of ${api.length} API routes answer without a response schema`);
  });
});
