import { createHmac, createSecretKey, hash, hkdfSync, type KeyObject } from 'node:crypto';
import type { IsoDate } from '../../platform/dates/dates.ts';
import type { ResearchRecord } from '../children/index.ts';
import type { ChoosableField } from './dictionary.ts';

/**
 * How a child's record is made safe for a research partner: the id replaced by a keyed hash,
 * dates cut to the month, ages in whole years, postcodes cut to the district. Pure: no database,
 * no clock (the extract's date is passed in).
 */

/**
 * The key of one agreement's pseudonyms, derived from the server's secret (RESEARCH_PSEUDONYM_SECRET,
 * configuration, never in the repository or the database) and the agreement's id with HKDF-SHA-256.
 * Nothing stores it and no extract holds it: the same child has the same pseudonym in every extract
 * of an agreement, and an unrelated one under another agreement, so partners cannot link theirs.
 */
export function agreementKey(serverSecret: string, agreementId: string): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', serverSecret, agreementId, 'adopting-together research pseudonym v1', 32)));
}

/** HMAC-SHA-256 of the record's id under the agreement's key, as 64 hexadecimal characters. */
export function pseudonym(key: KeyObject, id: string): string {
  return createHmac('sha256', key).update(id).digest('hex');
}

const BLOCK = 64; // SHA-256's block, in bytes
const ROOM = 128; // bytes of an id hashed without allocating: a UUID takes 36

/**
 * The same HMAC-SHA-256 as `pseudonym`, for every child of an extract: HMAC is
 * SHA-256((key ⊕ opad) ‖ SHA-256((key ⊕ ipad) ‖ id)) for a key of one block or less (RFC 2104),
 * so the padded keys are made once and each id costs two one-shot hashes, where createHmac sets
 * the key up again for every id (the largest part of an extract's time in node). Same values.
 */
export function pseudonymiser(key: KeyObject): (id: string) => string {
  const raw = key.export();
  if (raw.length > BLOCK) return (id) => pseudonym(key, id);
  const inner = Buffer.alloc(BLOCK + ROOM, 0x36);
  const outer = Buffer.alloc(BLOCK + 32, 0x5c);
  for (let i = 0; i < raw.length; i++) {
    inner[i]! ^= raw[i]!;
    outer[i]! ^= raw[i]!;
  }
  return (id) => {
    // A UTF-16 unit is at most 3 bytes of UTF-8: a longer id than the room takes the plain path.
    if (id.length * 3 > ROOM) return pseudonym(key, id);
    const length = inner.write(id, BLOCK, 'utf8');
    hash('sha256', inner.subarray(0, BLOCK + length), 'buffer').copy(outer, BLOCK);
    return hash('sha256', outer, 'hex');
  };
}

/** A date cut to its month (2019-04-23 → 2019-04). */
export function monthOf(date: IsoDate | null): string {
  return date ? date.slice(0, 7) : '';
}

/**
 * A UK postcode cut to its district, the outward code (CF10 1AB → CF10, SA1 → SA1); anything that
 * is not a postcode gives nothing rather than leak what was typed.
 */
export function postcodeDistrict(postcode: string): string {
  const compact = postcode.toUpperCase().replace(/\s+/g, '');
  const match = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})?$/.exec(compact);
  return match ? match[1]! : '';
}

/**
 * Whole years from one date to another (an age), as dates.ts's ageInYears counts them, without
 * splitting the dates: this runs twice for every child of an extract. A birthday is passed when
 * the later date's month and day ("MM-DD") are at or after the earlier's.
 */
export function wholeYears(from: IsoDate, to: IsoDate): number {
  return yearsFromParts(Number(to.slice(0, 4)) - Number(from.slice(0, 4)), to.slice(5) >= from.slice(5));
}

/** Whole years from the difference of two dates' years and whether the later one's "MM-DD" is at or after the earlier's (the birthday passed). */
export function yearsFromParts(years: number, birthdayPassed: boolean): number {
  return birthdayPassed ? years : years - 1;
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');
const count = (value: number | null) => (value === null ? '' : String(value));

/** One field of a record as the extract holds it, before small categories are merged. */
export function coarsenField(field: ChoosableField, record: ResearchRecord, asOf: IsoDate): string {
  switch (field) {
    case 'birthMonth':
      return monthOf(record.dateOfBirth);
    case 'ageAtReferral':
      return String(wholeYears(record.dateOfBirth, record.referralDate));
    case 'ageAtExtract':
      return String(wholeYears(record.dateOfBirth, asOf));
    case 'sex':
      return record.sex;
    case 'ethnicity':
      return record.ethnicity;
    case 'legalStatus':
      return record.legalStatus;
    case 'status':
      return record.status;
    case 'region':
      return record.region ?? '';
    case 'needCategories':
      return [...new Set(record.needCategories)].sort().join(';');
    case 'developmentalUncertainty':
      return yesNo(record.developmentalUncertainty);
    case 'additionalLearningNeeds':
      return yesNo(record.additionalLearningNeeds);
    case 'acesKnown':
      return count(record.aceKnown);
    case 'acesKnownOrSuspected':
      return count(record.aceKnownOrSuspected);
    case 'referralMonth':
      return monthOf(record.referralDate);
    case 'enteredCareMonth':
      return monthOf(record.enteredCareDate);
    case 'placementOrderMonth':
      return monthOf(record.placementOrderDate);
    case 'adoptionPlanMonth':
      return monthOf(record.adoptionPlanDate);
    case 'outcome':
      return record.outcome ?? '';
    case 'outcomeMonth':
      return monthOf(record.outcomeDate);
    case 'importantContactDistricts':
      return [...new Set(record.importantContactPostcodes.map(postcodeDistrict).filter(Boolean))].sort().join(';');
  }
}
