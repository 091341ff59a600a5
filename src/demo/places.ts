import type { RequestContext } from '../platform/policy/actor.ts';
import type { UseCaseRunner } from '../platform/use-case.ts';
import { loadCentroids } from '../modules/matching/index.ts';

/**
 * Places for the demo: Welsh outward codes (the district part of a postcode, public geography, not
 * anyone's address) with the approximate centre of each district. The demo loads them as postcode
 * centroids, as `together postcodes load` would, so distances in matching can be worked out.
 * People's synthetic postcodes are an outward code from here with the inward part "9ZZ" (see
 * syntheticPostcode): obviously invented, and still inside the district the centroid stands for.
 */
export type DemoPlace = { outward: string; town: string; area: string; latitude: number; longitude: number; region: 'north' | 'south' };

export const DEMO_PLACES: readonly DemoPlace[] = [
  { outward: 'LL57', town: 'Bangor', area: 'Gwynedd', latitude: 53.22, longitude: -4.13, region: 'north' },
  { outward: 'LL55', town: 'Caernarfon', area: 'Gwynedd', latitude: 53.14, longitude: -4.27, region: 'north' },
  { outward: 'LL29', town: 'Colwyn Bay', area: 'Conwy', latitude: 53.29, longitude: -3.72, region: 'north' },
  { outward: 'LL18', town: 'Rhyl', area: 'Denbighshire', latitude: 53.32, longitude: -3.49, region: 'north' },
  { outward: 'CH7', town: 'Mold', area: 'Flintshire', latitude: 53.17, longitude: -3.14, region: 'north' },
  { outward: 'LL13', town: 'Wrexham', area: 'Wrexham', latitude: 53.04, longitude: -2.97, region: 'north' },
  { outward: 'SY16', town: 'Newtown', area: 'Powys', latitude: 52.51, longitude: -3.31, region: 'north' },
  { outward: 'SY23', town: 'Aberystwyth', area: 'Ceredigion', latitude: 52.41, longitude: -4.08, region: 'north' },
  { outward: 'LD1', town: 'Llandrindod Wells', area: 'Powys', latitude: 52.24, longitude: -3.38, region: 'south' },
  { outward: 'SA61', town: 'Haverfordwest', area: 'Pembrokeshire', latitude: 51.8, longitude: -4.97, region: 'south' },
  { outward: 'SA31', town: 'Carmarthen', area: 'Carmarthenshire', latitude: 51.86, longitude: -4.31, region: 'south' },
  { outward: 'SA1', town: 'Swansea', area: 'Swansea', latitude: 51.62, longitude: -3.94, region: 'south' },
  { outward: 'CF31', town: 'Bridgend', area: 'Bridgend', latitude: 51.51, longitude: -3.58, region: 'south' },
  { outward: 'CF47', town: 'Merthyr Tydfil', area: 'Merthyr Tydfil', latitude: 51.75, longitude: -3.38, region: 'south' },
  { outward: 'CF14', town: 'Cardiff', area: 'Cardiff', latitude: 51.51, longitude: -3.2, region: 'south' },
  { outward: 'CF10', town: 'Cardiff', area: 'Cardiff', latitude: 51.48, longitude: -3.18, region: 'south' },
  { outward: 'NP44', town: 'Cwmbran', area: 'Torfaen', latitude: 51.65, longitude: -3.02, region: 'south' },
  { outward: 'NP20', town: 'Newport', area: 'Newport', latitude: 51.59, longitude: -3.0, region: 'south' },
];

/** The outward codes of one part of Wales. */
export const outwardCodes = (region?: DemoPlace['region']): string[] => DEMO_PLACES.filter((p) => !region || p.region === region).map((p) => p.outward);

/** A synthetic postcode in a district: the outward code and "9ZZ". */
export const syntheticPostcode = (outward: string): string => `${outward} 9ZZ`;

/** The demo's districts loaded as postcode centroids, as `together postcodes load` loads a file: audited, as the platform. */
export async function loadDemoPlaces(runner: UseCaseRunner, ctx: RequestContext): Promise<number> {
  return loadCentroids(
    runner,
    ctx,
    DEMO_PLACES.map((p) => ({ postcode: p.outward, latitude: p.latitude, longitude: p.longitude })),
    'demo: synthetic district centres',
  );
}
