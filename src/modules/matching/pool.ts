import { ageInYears, daysBetween, type IsoDate } from '../../platform/dates/dates.ts';
import { ETHNICITIES, LANGUAGE_CODES, NEED_CATEGORIES, type Ethnicity, type NeedCategory, type Severity } from '../children/index.ts';
import type { ConsiderationLevel, ContactArrangement, SupportNetworkLevel } from '../recruitment/index.ts';
import type { HouseholdInput, IdentityConsiderations, LanguageCode, SiblingGroupInput } from './compatibility.ts';

/**
 * Records as the matcher sees them: each waiting child's unit (their sibling group to be placed
 * together, or the child alone) and each available family's current terms. Pure mapping.
 */

export type WaitingChildRow = {
  id: string;
  organisationId: string;
  givenNames: string;
  familyName: string;
  preferredName: string | null;
  dateOfBirth: string;
  languages: string[];
  ethnicity: string;
  religion: string | null;
  referralDate: string;
  requiredContact: string[];
  identityConsiderations: { religionImportant?: boolean; religion?: string | null; ethnicityImportant?: boolean; welshLanguageImportant?: boolean } | null;
  birthFamilyPostcodes: string[];
  importantContactPostcodes: string[];
  groupId: string | null;
  inActiveMatch: boolean;
  needs: { category: string; severity: string }[];
};

export type Unit = SiblingGroupInput & { childNames: string[]; organisationId: string };

const isEthnicity = (e: string): e is Ethnicity => (ETHNICITIES as readonly string[]).includes(e) && e !== 'not_known' && e !== 'not_stated';

/** Waiting children grouped into units; units with a match already in progress are left out. */
export function unitsOf(rows: readonly WaitingChildRow[], today: IsoDate): Unit[] {
  const byUnit = new Map<string, WaitingChildRow[]>();
  for (const row of rows) {
    const key = row.groupId ?? row.id;
    byUnit.set(key, [...(byUnit.get(key) ?? []), row]);
  }
  const units: Unit[] = [];
  for (const [id, members] of byUnit) {
    if (members.some((m) => m.inActiveMatch)) continue;
    const recorded = members.map((m) => m.identityConsiderations).filter((i): i is NonNullable<typeof i> => Boolean(i));
    const identity: IdentityConsiderations | null = recorded.length
      ? {
          religionImportant: recorded.some((i) => i.religionImportant),
          religion: recorded.find((i) => i.religion)?.religion ?? null,
          ethnicityImportant: recorded.some((i) => i.ethnicityImportant),
          ethnicities: [],
          welshLanguageImportant: recorded.some((i) => i.welshLanguageImportant),
        }
      : null;
    units.push({
      id,
      organisationId: members[0]!.organisationId,
      childNames: members.map((m) => m.preferredName ?? m.givenNames),
      children: members.map((m) => ({
        id: m.id,
        ageYears: ageInYears(m.dateOfBirth, today),
        needs: m.needs
          .filter((n) => (NEED_CATEGORIES as readonly string[]).includes(n.category))
          .map((n) => ({ category: n.category as NeedCategory, severity: n.severity as Severity })),
        languages: m.languages.filter((l): l is LanguageCode => (LANGUAGE_CODES as readonly string[]).includes(l)),
        ethnicity: isEthnicity(m.ethnicity) ? m.ethnicity : null,
        religion: m.religion,
      })),
      requiredContact: [...new Set(members.flatMap((m) => m.requiredContact))] as ContactArrangement[],
      identity,
      birthFamilyPostcodes: [...new Set(members.flatMap((m) => m.birthFamilyPostcodes))],
      importantContactPostcodes: [...new Set(members.flatMap((m) => m.importantContactPostcodes))],
      waitingDays: Math.max(...members.map((m) => daysBetween(m.referralDate, today))),
    });
  }
  return units.sort((a, b) => b.waitingDays - a.waitingDays || a.id.localeCompare(b.id));
}

export type AvailableHouseholdRow = {
  id: string;
  reference: string;
  languages: string[];
  ethnicity: string | null;
  religion: string | null;
  postcode: string | null;
  experienceOfChildren: string | null;
  supportNetworkRating: SupportNetworkLevel | null;
  names: string[];
  therapeuticPreparation: boolean;
  profile: {
    childrenMin: number;
    childrenMax: number;
    ageMin: number;
    ageMax: number;
    siblingGroups: boolean;
    needs: Record<string, ConsiderationLevel>;
    contact: string[];
  } | null;
};

export type Family = HouseholdInput & { reference: string; names: string[] };

/**
 * Available families with their current terms. A family with no recorded terms cannot be matched
 * (it is listed separately, not guessed). Experience is known when the worker described it; the
 * support network counts only once the assessing worker has rated it (the free-text description
 * is never rated by the software).
 */
export function familiesOf(rows: readonly AvailableHouseholdRow[]): {
  families: Family[];
  withoutProfile: { id: string; reference: string; names: string[] }[];
} {
  const families: Family[] = [];
  const withoutProfile: { id: string; reference: string; names: string[] }[] = [];
  for (const row of rows) {
    if (!row.profile) {
      withoutProfile.push({ id: row.id, reference: row.reference, names: row.names });
      continue;
    }
    families.push({
      id: row.id,
      reference: row.reference,
      names: row.names,
      profile: { ...row.profile, contact: row.profile.contact as ContactArrangement[] },
      languages: row.languages,
      ethnicity: row.ethnicity && isEthnicity(row.ethnicity) ? row.ethnicity : null,
      religion: row.religion,
      postcode: row.postcode,
      experienceOfChildren: row.experienceOfChildren?.trim() ? true : null,
      supportNetwork: row.supportNetworkRating,
      therapeuticPreparationComplete: row.therapeuticPreparation,
      capacity: 1,
    });
  }
  return { families, withoutProfile };
}

/** Waiting time's priority bonus for the assignment (never part of the compatibility score). */
export function waitingBonus(waitingDays: number, perMonth: number, max: number): number {
  return Math.min(max, Math.max(0, (waitingDays / 30.4375) * perMonth));
}

/** A coarse description of what a family would need to be able to consider to place this unit. */
export function recruitmentProfile(unit: Unit): { size: string; oldestAge: string; needs: string[] } {
  const size = unit.children.length >= 4 ? '4+' : String(unit.children.length);
  const oldest = Math.max(...unit.children.map((c) => c.ageYears ?? 0));
  const oldestAge = oldest >= 12 ? '12+' : oldest >= 8 ? '8-11' : oldest >= 4 ? '4-7' : '0-3';
  const needs = [...new Set(unit.children.flatMap((c) => c.needs.map((n) => n.category)))].sort();
  return { size, oldestAge, needs };
}
