import { STANDARD_ACES, ACE_STATUSES, countAces, type AceEntry } from './aces.ts';
import { addMonths, type IsoDate } from '../../platform/dates/dates.ts';
import { classifyPriority, DEFAULT_PRIORITY_CONFIG } from './priority.ts';
import { ETHNICITIES, NEED_CATEGORIES, SEVERITIES, type NeedCategory, type Severity } from './vocabulary.ts';

/**
 * Synthetic children for demos and benchmarks, deterministic from a seed. Family names are
 * invented and marked as such; no record resembles a real child's.
 */
const GIVEN_NAMES = ['Alys', 'Bryn', 'Cai', 'Deio', 'Efa', 'Ffion', 'Gethin', 'Heledd', 'Iolo', 'Jac', 'Lili', 'Macsen', 'Nia', 'Osian', 'Pip', 'Rhodri', 'Seren', 'Tomos', 'Wil', 'Ynyr', 'Amara', 'Kofi', 'Zara', 'Idris'];
/** Names usually given to girls or to boys, so a synthetic child's recorded sex reads naturally; the rest go either way. */
const GIRLS = new Set(['Alys', 'Efa', 'Ffion', 'Heledd', 'Lili', 'Nia', 'Seren', 'Amara', 'Zara']);
const BOYS = new Set(['Bryn', 'Cai', 'Deio', 'Gethin', 'Iolo', 'Jac', 'Macsen', 'Osian', 'Rhodri', 'Tomos', 'Wil', 'Ynyr', 'Kofi', 'Idris']);

/** A name no brother or sister in the group has yet (the next one in the list when drawn twice). */
function distinctName(drawn: string, taken: Set<string>): string {
  let name = drawn;
  while (taken.has(name) && taken.size < GIVEN_NAMES.length) name = GIVEN_NAMES[(GIVEN_NAMES.indexOf(name) + 1) % GIVEN_NAMES.length]!;
  taken.add(name);
  return name;
}
const FAMILY_NAMES = ['Demoford', 'Sampleton', 'Fictionby', 'Madeupson', 'Testwell', 'Inventley', 'Placeholder', 'Exampleby'];

/** mulberry32: a small, well-known deterministic PRNG (not for secrets). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type SyntheticChild = {
  legalGivenNames: string;
  legalFamilyName: string;
  dateOfBirth: IsoDate;
  sex: 'female' | 'male';
  ethnicity: string;
  legalStatus: string;
  enteredCareDate: IsoDate;
  placementOrderDate: IsoDate | null;
  adoptionPlanDate: IsoDate | null;
  referralDate: IsoDate;
  developmentalUncertainty: boolean;
  needs: { category: NeedCategory; severity: Severity }[];
  aces: AceEntry[];
  aceKnown: number;
  aceKnownOrSuspected: number;
  organisationIndex: number;
  /** Children sharing a number were referred together as brothers and sisters. */
  siblingGroup: number | null;
  priorityReasons: string[];
};

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function dateBefore(random: () => number, today: IsoDate, minMonths: number, maxMonths: number): IsoDate {
  return addMonths(today, -(minMonths + Math.floor(random() * (maxMonths - minMonths + 1))));
}

export function generateChildren(options: { count: number; seed: number; today: IsoDate; organisations: number }): SyntheticChild[] {
  const random = prng(options.seed);
  const out: SyntheticChild[] = [];
  let group = 0;
  while (out.length < options.count) {
    // About a third of referrals are sibling groups of two to four.
    const size = random() < 0.33 ? 2 + Math.floor(random() * 3) : 1;
    const family = `${pick(random, FAMILY_NAMES)} (fictional)`;
    const organisationIndex = Math.floor(random() * options.organisations);
    const referralDate = dateBefore(random, options.today, 0, 30);
    const siblingGroup = size > 1 ? ++group : null;
    const namesInGroup = new Set<string>();
    for (let i = 0; i < size && out.length < options.count; i++) {
      const dateOfBirth = addMonths(referralDate, -(6 + Math.floor(random() * 120)));
      const clamp = (date: IsoDate) => (date < dateOfBirth ? dateOfBirth : date > referralDate ? referralDate : date);
      const enteredCareDate = clamp(addMonths(dateOfBirth, 1 + Math.floor(random() * 24)));
      const placementOrderDate = random() < 0.8 ? clamp(addMonths(referralDate, -Math.floor(random() * 6))) : null;
      const needs: SyntheticChild['needs'] = [];
      const needCount = random() < 0.5 ? 0 : 1 + Math.floor(random() * 2);
      for (const category of [...NEED_CATEGORIES].sort(() => random() - 0.5).slice(0, needCount)) needs.push({ category, severity: pick(random, SEVERITIES) });
      // ACE profiles skew high, as in the service's cohort (about 7 on average).
      const aces: AceEntry[] = STANDARD_ACES.map((category) => {
        const r = random();
        const status = r < 0.62 ? 'known' : r < 0.75 ? 'suspected' : r < 0.9 ? 'none' : pick(random, ACE_STATUSES);
        return { category, status, source: 'synthetic', recordedOn: referralDate };
      });
      const counts = countAces(aces);
      const ethnicity = random() < 0.82 ? 'white_british' : pick(random, ETHNICITIES.filter((e) => e !== 'white_british'));
      const developmentalUncertainty = random() < 0.2;
      const priorityReasons = classifyPriority(
        { dateOfBirth, referralDate, inSiblingGroup: size > 1, needs, developmentalUncertainty, ethnicity: ethnicity as never, placementOrderDate: null },
        referralDate,
        DEFAULT_PRIORITY_CONFIG,
      ).map((r) => r.reason);
      const givenName = distinctName(pick(random, GIVEN_NAMES), namesInGroup);
      const drawnSex = random() < 0.5 ? 'female' : 'male';
      out.push({
        legalGivenNames: givenName,
        legalFamilyName: family,
        dateOfBirth,
        sex: GIRLS.has(givenName) ? 'female' : BOYS.has(givenName) ? 'male' : drawnSex,
        ethnicity,
        legalStatus: placementOrderDate ? 'placement_order' : 'care_order',
        enteredCareDate,
        placementOrderDate,
        adoptionPlanDate: placementOrderDate ? clamp(addMonths(placementOrderDate, -2)) : null,
        referralDate,
        developmentalUncertainty,
        needs,
        aces,
        aceKnown: counts.known,
        aceKnownOrSuspected: counts.knownOrSuspected,
        organisationIndex,
        siblingGroup,
        priorityReasons,
      });
    }
  }
  return out;
}
