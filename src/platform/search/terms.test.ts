import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { searchTerms } from './terms.ts';

describe('search terms', () => {
  it('asks for something to search for when the box is empty or only spaces', () => {
    assert.deepEqual(searchTerms(undefined), { problem: 'empty' });
    assert.deepEqual(searchTerms('   '), { problem: 'empty' });
  });

  it('asks for more than one letter, counting a Welsh accented letter as one', () => {
    assert.deepEqual(searchTerms('S'), { problem: 'tooShort' });
    assert.deepEqual(searchTerms('ŵ'), { problem: 'tooShort' });
    assert.ok('terms' in searchTerms('Ŵy'));
  });

  it('refuses text longer than any name or reference', () => {
    assert.deepEqual(searchTerms('a'.repeat(101)), { problem: 'tooLong' });
  });

  it('tidies spaces and matches the text anywhere, with LIKE wildcards typed taken literally', () => {
    const found = searchTerms('  Siân   Jones ');
    assert.ok('terms' in found);
    assert.equal(found.terms.text, 'Siân Jones');
    assert.equal(found.terms.contains, '%Siân Jones%');
    const wild = searchTerms('50%_off\\');
    assert.ok('terms' in wild);
    assert.equal(wild.terms.contains, '%50\\%\\_off\\\\%');
  });

  it('reads four to eight letters and digits of hexadecimal as the start of a record’s reference', () => {
    const reference = searchTerms('A1B2C3D4');
    assert.ok('terms' in reference);
    assert.equal(reference.terms.referencePrefix, 'a1b2c3d4%');
    const name = searchTerms('Dafydd');
    assert.ok('terms' in name);
    assert.equal(name.terms.referencePrefix, undefined);
  });
});
