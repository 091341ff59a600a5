import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chord2, chord2ForKm, findCentroid, haversineKm, kmFromChord2, normaliseCentroids, normalisePostcode, toUnitVector } from './geography.ts';

describe('postcodes however they were typed', () => {
  it('reads a full postcode with or without spaces and in any case', () => {
    for (const typed of ['cf10 1aa', 'CF101AA', '  Cf10   1Aa ']) {
      assert.deepEqual(normalisePostcode(typed), { full: 'CF10 1AA', sector: 'CF10 1', outward: 'CF10' });
    }
    assert.deepEqual(normalisePostcode('sw1a1aa'), { full: 'SW1A 1AA', sector: 'SW1A 1', outward: 'SW1A' });
    assert.deepEqual(normalisePostcode('B1 1AA'), { full: 'B1 1AA', sector: 'B1 1', outward: 'B1' });
  });

  it('reads an outward code and a sector', () => {
    assert.deepEqual(normalisePostcode('ll57'), { full: null, sector: null, outward: 'LL57' });
    assert.deepEqual(normalisePostcode('LL57 2'), { full: null, sector: 'LL57 2', outward: 'LL57' });
    assert.deepEqual(normalisePostcode('LL572'), { full: null, sector: 'LL57 2', outward: 'LL57' });
  });

  it('refuses text that is not a postcode', () => {
    for (const typed of ['', 'not a postcode', '12345', 'CF10 1AA X', 'CF10 AA1']) assert.equal(normalisePostcode(typed), null, typed);
  });
});

describe('centroids the agency loads', () => {
  const lookup = new Map([
    ['zz1 1ab', { lat: 51.5, lon: -3.2 }],
    ['ZZ1 2', { lat: 51.6, lon: -3.3 }],
    ['ZZ1', { lat: 51.7, lon: -3.4 }],
    ['nonsense', { lat: 0, lon: 0 }],
    ['ZZ9 9ZZ', { lat: 200, lon: 0 }],
  ]);

  it('finds the most precise centroid loaded: postcode, then sector, then outward code', () => {
    assert.deepEqual(findCentroid(lookup, 'ZZ11AB'), { lat: 51.5, lon: -3.2 });
    assert.deepEqual(findCentroid(lookup, 'zz1 2xy'), { lat: 51.6, lon: -3.3 });
    assert.deepEqual(findCentroid(lookup, 'ZZ1 7XY'), { lat: 51.7, lon: -3.4 });
    assert.deepEqual(findCentroid(lookup, 'ZZ1'), { lat: 51.7, lon: -3.4 });
  });

  it('answers null for an unknown postcode, an empty one, or no lookup', () => {
    assert.equal(findCentroid(lookup, 'ZZ2 1AB'), null);
    assert.equal(findCentroid(lookup, null), null);
    assert.equal(findCentroid(lookup, 'not a postcode'), null);
    assert.equal(findCentroid(undefined, 'ZZ1 1AB'), null);
  });

  it('leaves out entries that are not postcodes or not real coordinates', () => {
    assert.deepEqual([...normaliseCentroids(lookup).keys()].sort(), ['ZZ1', 'ZZ1 1AB', 'ZZ1 2']);
  });
});

describe('distances', () => {
  const london = { lat: 51.5074, lon: -0.1278 };
  const paris = { lat: 48.8566, lon: 2.3522 };

  it('measures great-circle distance by the haversine formula', () => {
    assert.ok(Math.abs(haversineKm(london, paris) - 343.6) < 1, String(haversineKm(london, paris)));
    assert.equal(haversineKm(london, london), 0);
    // A degree of latitude is about 111.2 km anywhere.
    assert.ok(Math.abs(haversineKm({ lat: 52, lon: -3 }, { lat: 53, lon: -3 }) - 111.2) < 0.1);
  });

  it('gives the same distance from unit-vector chords', () => {
    const a = toUnitVector(london);
    const b = toUnitVector(paris);
    assert.ok(Math.abs(kmFromChord2(chord2(a.x, a.y, a.z, b.x, b.y, b.z)) - haversineKm(london, paris)) < 1e-6);
  });

  it('turns a distance into the chord threshold for "within N km"', () => {
    assert.ok(Math.abs(kmFromChord2(chord2ForKm(20)) - 20) < 1e-9);
    assert.equal(chord2ForKm(0), 0);
    const a = toUnitVector({ lat: 52, lon: -3 });
    const near = toUnitVector({ lat: 52.17, lon: -3 }); // about 18.9 km north
    const far = toUnitVector({ lat: 52.19, lon: -3 }); // about 21.1 km north
    assert.ok(chord2(a.x, a.y, a.z, near.x, near.y, near.z) <= chord2ForKm(20));
    assert.ok(chord2(a.x, a.y, a.z, far.x, far.y, far.z) > chord2ForKm(20));
  });
});
