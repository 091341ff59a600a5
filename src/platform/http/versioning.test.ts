import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyRequest } from 'fastify';
import { ConflictError, DomainError, PreconditionFailedError } from './errors.ts';
import { parseIfMatch, preconditionFromRequest, satisfies, withPrecondition } from './versioning.ts';

const requestWith = (ifMatch?: string) => ({ headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } }) as unknown as FastifyRequest;
const status = (expected: number) => (error: unknown) => error instanceof DomainError && error.status === expected;

describe('If-Match (RFC 9110: * or a list of strong entity tags)', () => {
  it('reads * as any current version', () => {
    assert.deepEqual(parseIfMatch('*'), { any: true });
    assert.deepEqual(parseIfMatch('  * '), { any: true });
  });

  it('reads one tag and a list of tags', () => {
    assert.deepEqual(parseIfMatch('"v3"'), { any: false, versions: [3] });
    assert.deepEqual(parseIfMatch('"v1", "v2"'), { any: false, versions: [1, 2] });
    assert.deepEqual(parseIfMatch('"v1","v7" ,"v9"'), { any: false, versions: [1, 7, 9] });
  });

  it('never lets a weak tag match: comparison is strong', () => {
    assert.deepEqual(parseIfMatch('W/"v3"'), { any: false, versions: [] });
    assert.deepEqual(parseIfMatch('W/"v3", "v4"'), { any: false, versions: [4] });
  });

  it('ignores tags this service never issues and versions past the column’s range', () => {
    assert.deepEqual(parseIfMatch('"abc", "v2147483648", "v2"'), { any: false, versions: [2] });
  });

  it('refuses what is not an entity tag list', () => {
    for (const bad of ['v3', '"v3', '"v3" "v4"', '**', '*, "v1"', ', "v1"']) assert.equal(parseIfMatch(bad), undefined, bad);
  });

  it('compares a current version against the precondition', () => {
    assert.equal(satisfies({ any: true }, 12), true);
    assert.equal(satisfies({ any: false, versions: [1, 2] }, 2), true);
    assert.equal(satisfies({ any: false, versions: [1, 2] }, 3), false);
  });

  it('answers 428 without If-Match or a version, 412 for weak or malformed tags', () => {
    assert.throws(() => preconditionFromRequest(requestWith(), undefined), status(428));
    assert.throws(() => preconditionFromRequest(requestWith('W/"v1"'), undefined), status(412));
    assert.throws(() => preconditionFromRequest(requestWith('v1'), undefined), status(412));
    assert.deepEqual(preconditionFromRequest(requestWith(), 4), { any: false, versions: [4] });
    assert.deepEqual(preconditionFromRequest(requestWith('*'), 4), { any: true });
  });
});

describe('an edit under its precondition', () => {
  /** A record at version `current`: the edit succeeds only on that version, as the services' update does. */
  const recordAt = (current: number) => {
    const tried: number[] = [];
    const edit = (version: number) => {
      tried.push(version);
      if (version !== current) return Promise.reject(new ConflictError('errors.conflict.body', current));
      return Promise.resolve({ version: current + 1 });
    };
    return { tried, edit };
  };

  it('proceeds on the current version under *', async () => {
    const record = recordAt(5);
    assert.deepEqual(await withPrecondition({ any: true }, record.edit), { version: 6 });
    assert.equal(record.tried.at(-1), 5);
  });

  it('proceeds when any tag of a list is the current version', async () => {
    const record = recordAt(2);
    assert.deepEqual(await withPrecondition({ any: false, versions: [1, 2] }, record.edit), { version: 3 });
  });

  it('answers 412 with the current version when no tag matches', async () => {
    const record = recordAt(3);
    await assert.rejects(
      withPrecondition({ any: false, versions: [1, 2] }, record.edit),
      (e: unknown) => e instanceof PreconditionFailedError && e.currentVersion === 3,
    );
  });

  it('answers 412 under * when there is no current record to edit (the service knows no version)', async () => {
    await assert.rejects(
      withPrecondition({ any: true }, () => Promise.reject(new ConflictError('errors.conflict.body', undefined))),
      PreconditionFailedError,
    );
  });

  it('keeps a conflict that is not about the version as 409 when asked', async () => {
    await assert.rejects(
      withPrecondition({ any: true }, () => Promise.reject(new ConflictError('preparation:errors.action.done')), { onlyStale: true }),
      (e: unknown) => e instanceof ConflictError && e.status === 409,
    );
  });
});
