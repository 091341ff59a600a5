import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readCentroids } from './centroids.ts';

describe('reading postcode centroids', () => {
  it('reads an ONS-style extract, normalising postcodes', () => {
    const { rows, problems } = readCentroids('pcds,lat,long\ncf10 1aa,51.4816,-3.1791\nSA1 1AA,51.6214,-3.9436\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(
      rows.map((r) => r.postcode),
      ['CF10 1AA', 'SA1 1AA'],
    );
    assert.equal(rows[0]!.latitude, 51.4816);
  });

  it('names every bad line', () => {
    const { problems } = readCentroids('postcode,latitude,longitude\nnope,51,-3\nCF10 1AA,95,-3\nCF10 1AA,51,abc\n');
    assert.deepEqual(problems, [
      'line 2: not a postcode',
      'line 3: latitude must be a number from -90 to 90',
      'line 4: longitude must be a number from -180 to 180',
    ]);
    assert.deepEqual(readCentroids('postcode,latitude,longitude\n').problems, [
      'no rows: the file needs a header (postcode,latitude,longitude) and at least one row',
    ]);
  });
});
