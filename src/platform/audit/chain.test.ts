import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GENESIS_HASH, chainHash, findBreak, type AuditFields } from './chain.ts';

function row(n: number): AuditFields {
  return {
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    userId: null,
    organisationId: null,
    role: 'administrator',
    action: 'users.view',
    resourceType: 'user',
    resourceId: `id-${n}`,
    outcome: 'success',
    requestId: `r${n}`,
    channel: 'web',
    detail: { rows: n, filter: 'x' },
  };
}

function chain(count: number) {
  const rows = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= count; i++) {
    const fields = row(i);
    const hash = chainHash(prev, fields);
    rows.push({ ...fields, id: i, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('audit hash chain', () => {
  it('accepts an untouched chain', () => {
    assert.equal(findBreak(chain(5)), undefined);
  });

  it('names the first altered entry', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, resourceId: 'someone-else' };
    assert.equal(findBreak(rows)?.id, 3);
  });

  it('notices a deleted entry in the middle', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    assert.equal(findBreak(rows)?.id, 2);
  });

  it('does not depend on the order of keys in the detail', () => {
    const a = chainHash(GENESIS_HASH, { ...row(1), detail: { a: 1, b: 2 } });
    const b = chainHash(GENESIS_HASH, { ...row(1), detail: { b: 2, a: 1 } });
    assert.equal(a, b);
  });

  it('changes every later hash when one entry changes', () => {
    const original = chain(3);
    const changedFirst = chainHash(GENESIS_HASH, { ...row(1), outcome: 'denied' });
    assert.notEqual(changedFirst, original[0]!.hash);
    assert.notEqual(chainHash(changedFirst, row(2)), original[1]!.hash);
  });
});
