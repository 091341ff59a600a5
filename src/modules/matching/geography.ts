/**
 * Distances between postcodes, from centroids the agency loads (an extract of the ONS postcode
 * directory: full postcodes, sectors or outward codes with a latitude and longitude). Pure: the
 * caller hands in the lookup; nothing here reads a file or the database.
 *
 * Distances are great-circle (haversine) distances between centroids: good to a few hundred metres
 * at the scale of Wales, which is as good as a centroid is.
 */

export type LatLon = { lat: number; lon: number };

/** Centroids keyed by a full postcode ("CF10 1AA"), a sector ("CF10 1") or an outward code ("CF10"), in any spelling. */
export type CentroidLookup = ReadonlyMap<string, LatLon>;

/** A point on the unit sphere: distances then need no trigonometry (see chord2). */
export type UnitVector = { x: number; y: number; z: number };

/** Mean radius of the Earth (IUGG), in km. */
export const EARTH_RADIUS_KM = 6371.0088;

const OUTWARD = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;
const INWARD = /^[0-9][A-Z]{2}$/;
const FULL_COMPACT = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;
const SECTOR_COMPACT = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9])$/;

export type NormalisedPostcode = {
  /** "CF10 1AA", or null when only a sector or outward code was given. */
  full: string | null;
  /** "CF10 1", or null when only an outward code was given. */
  sector: string | null;
  /** "CF10". */
  outward: string;
};

/**
 * Reads a UK postcode however it was typed ("cf101aa", " CF10  1AA ", "CF10", "CF10 1"), or null
 * when it is not one. Without a space, the inward code is the last three characters, and four
 * characters or fewer are an outward code ("CF10" is the district, not sector 0 of CF1).
 */
export function normalisePostcode(raw: string): NormalisedPostcode | null {
  const parts = raw.trim().toUpperCase().split(/\s+/);
  if (parts.length === 2) {
    const [outward, inward] = parts as [string, string];
    if (!OUTWARD.test(outward)) return null;
    if (INWARD.test(inward)) return { full: `${outward} ${inward}`, sector: `${outward} ${inward[0]}`, outward };
    if (/^[0-9]$/.test(inward)) return { full: null, sector: `${outward} ${inward}`, outward };
    return null;
  }
  if (parts.length !== 1) return null;
  const compact = parts[0]!;
  const full = FULL_COMPACT.exec(compact);
  if (full) return { full: `${full[1]} ${full[2]}`, sector: `${full[1]} ${full[2]![0]}`, outward: full[1]! };
  if (OUTWARD.test(compact)) return { full: null, sector: null, outward: compact };
  const sector = SECTOR_COMPACT.exec(compact);
  if (sector) return { full: null, sector: `${sector[1]} ${sector[2]}`, outward: sector[1]! };
  return null;
}

/** The key a centroid is stored under once normalised: the most precise part given. */
export function postcodeKey(raw: string): string | null {
  const p = normalisePostcode(raw);
  return p ? (p.full ?? p.sector ?? p.outward) : null;
}

const normalisedLookups = new WeakMap<CentroidLookup, Map<string, LatLon>>();

/**
 * The lookup with its keys normalised; entries whose key is not a postcode or whose coordinates
 * are not a real latitude and longitude are left out. Cached per lookup object: treat a lookup as
 * read-only once it has been used.
 */
export function normaliseCentroids(lookup: CentroidLookup): Map<string, LatLon> {
  const cached = normalisedLookups.get(lookup);
  if (cached) return cached;
  const out = new Map<string, LatLon>();
  for (const [raw, point] of lookup) {
    const key = postcodeKey(raw);
    if (key === null || !validLatLon(point)) continue;
    out.set(key, { lat: point.lat, lon: point.lon });
  }
  normalisedLookups.set(lookup, out);
  return out;
}

function validLatLon(p: LatLon | undefined): p is LatLon {
  return !!p && Number.isFinite(p.lat) && Number.isFinite(p.lon) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180;
}

/**
 * The centroid of a postcode: the full postcode's own if loaded, else its sector's, else its
 * outward code's; null when none is loaded or the text is not a postcode.
 */
export function findCentroid(lookup: CentroidLookup | undefined, postcode: string | null | undefined): LatLon | null {
  if (!lookup || !postcode) return null;
  const p = normalisePostcode(postcode);
  if (!p) return null;
  const centroids = normaliseCentroids(lookup);
  return (p.full && centroids.get(p.full)) || (p.sector && centroids.get(p.sector)) || centroids.get(p.outward) || null;
}

const RADIANS = Math.PI / 180;

/** Great-circle distance in km by the haversine formula. */
export function haversineKm(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * RADIANS;
  const dLon = (b.lon - a.lon) * RADIANS;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RADIANS) * Math.cos(b.lat * RADIANS) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function toUnitVector(p: LatLon): UnitVector {
  const lat = p.lat * RADIANS;
  const lon = p.lon * RADIANS;
  return { x: Math.cos(lat) * Math.cos(lon), y: Math.cos(lat) * Math.sin(lon), z: Math.sin(lat) };
}

/**
 * Squared straight-line (chord) distance between two points of the unit sphere. The haversine
 * term is exactly chord² / 4, so comparing chords compares great-circle distances, and scoring
 * millions of pairs needs three multiplications per pair instead of four trigonometric calls.
 */
export function chord2(ax: number, ay: number, az: number, bx: number, by: number, bz: number): number {
  const dx = ax - bx;
  const dy = ay - by;
  const dz = az - bz;
  return dx * dx + dy * dy + dz * dz;
}

/** The squared chord of a great-circle distance in km (for "within N km" tests). */
export function chord2ForKm(km: number): number {
  const half = Math.sin(Math.min(Math.PI / 2, km / (2 * EARTH_RADIUS_KM)));
  return 4 * half * half;
}

/** The great-circle distance in km of a squared chord: the haversine formula with h = chord² / 4. */
export function kmFromChord2(c2: number): number {
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(c2) / 2));
}
