import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { ValidationError } from './errors.ts';
import { fields, parse } from './validation.ts';

describe('validation at the edge', () => {
  const form = z.object({ email: fields.email(), name: fields.name(), id: fields.uuid() });

  it('gives one message key per field, the first rule broken', () => {
    try {
      parse(form, { email: 'not-an-address', name: '   ' });
      assert.fail('expected a ValidationError');
    } catch (error) {
      assert.ok(error instanceof ValidationError);
      assert.deepEqual(
        error.fieldErrors.map((e) => [e.field, e.key]),
        [
          ['email', 'errors.email.invalid'],
          ['name', 'errors.name.required'],
          ['id', 'errors.field.required'],
        ],
      );
    }
  });

  it('normalises e-mail addresses to lower case without spaces', () => {
    const parsed = parse(form, { email: '  Ffion@Example.ORG ', name: 'Ffion', id: '0d6c3a4e-9a40-4c1f-8f3e-1e7b2f5d9a11' });
    assert.equal(parsed.email, 'ffion@example.org');
  });

  it('refuses a malformed id with a message, not an exception', () => {
    assert.throws(
      () => parse(fields.uuid(), 'abc'),
      (e: unknown) => e instanceof ValidationError && e.fieldErrors[0]?.key === 'errors.field.invalid',
    );
  });
});
