/**
 * Candidate family profiles for the recruitment gap: what compatibility reads of a household
 * (how many children, ages, brothers and sisters, needs it can consider, contact it can support,
 * where it lives, Welsh, its support network), for a family not yet approved. Made from the
 * children the optimal assignment leaves waiting, or written by hand by the manager. Pure.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { NEED_CATEGORIES } from '../children/index.ts';
import { CONTACT_ARRANGEMENTS, SUPPORT_NETWORK_LEVELS } from '../recruitment/index.ts';
import type { HouseholdInput } from './compatibility.ts';
import type { Unit } from './pool.ts';

export const candidateProfileSchema = z
  .strictObject({
    childrenMin: z.number().int().min(1).max(4),
    /** 4 means "4 or more". */
    childrenMax: z.number().int().min(1).max(4),
    ageMin: z.number().int().min(0).max(17),
    ageMax: z.number().int().min(0).max(17),
    siblingGroups: z.boolean(),
    /** The needs the family can consider (with support or not); every other need it cannot. */
    needs: z.partialRecord(z.enum(NEED_CATEGORIES), z.enum(['can', 'with_support'])),
    contact: z.array(z.enum(CONTACT_ARRANGEMENTS)).max(CONTACT_ARRANGEMENTS.length),
    /** Where the family would live (a postcode); null: anywhere the agency recruits. */
    postcode: z.string().trim().min(2).max(8).nullable(),
    welsh: z.boolean(),
    supportNetwork: z.enum(SUPPORT_NETWORK_LEVELS),
    therapeuticPreparation: z.boolean(),
  })
  .refine((p) => p.childrenMin <= p.childrenMax, { path: ['childrenMax'], message: 'matches:gap.errors.children' })
  .refine((p) => p.ageMin <= p.ageMax, { path: ['ageMax'], message: 'matches:gap.errors.ages' });

export type CandidateProfile = z.infer<typeof candidateProfileSchema>;

/** A candidate as the gap ranks it: generated ones carry an id made from their profile, so it stays the same from day to day. */
export type Candidate = { id: string; source: 'generated' | 'manual'; profile: CandidateProfile; version: number | null };

/** The household compatibility reads for a candidate: a family that has done its preparation and whose experience is known. */
export function candidateHousehold(candidate: Candidate): HouseholdInput {
  const p = candidate.profile;
  return {
    id: candidate.id,
    profile: {
      childrenMin: p.childrenMin,
      childrenMax: p.childrenMax,
      ageMin: p.ageMin,
      ageMax: p.ageMax,
      siblingGroups: p.siblingGroups,
      needs: Object.fromEntries(NEED_CATEGORIES.map((n) => [n, p.needs[n] ?? 'cannot'])),
      contact: p.contact,
    },
    languages: p.welsh ? ['Welsh', 'English'] : ['English'],
    ethnicity: null,
    religion: null,
    postcode: p.postcode,
    experienceOfChildren: true,
    supportNetwork: p.supportNetwork,
    therapeuticPreparationComplete: p.therapeuticPreparation,
    capacity: 1,
  };
}

/** A stable id for a generated profile (a UUID's shape, from a hash of the profile). */
export function profileId(profile: CandidateProfile): string {
  const key = JSON.stringify([
    profile.childrenMin,
    profile.childrenMax,
    profile.ageMin,
    profile.ageMax,
    profile.siblingGroups,
    NEED_CATEGORIES.map((n) => profile.needs[n] ?? ''),
    [...profile.contact].sort(),
    profile.postcode,
    profile.welsh,
    profile.supportNetwork,
    profile.therapeuticPreparation,
  ]);
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const SEVERE = new Set(['severe', 'profound']);

/**
 * One profile per kind of waiting unit: a family for exactly these children's number, an age
 * range around theirs, every need they have (with support when one is severe), the contact
 * their plans require, Welsh when a child speaks it or it was judged important; anywhere the agency
 * recruits. Units alike give the same profile (counted once).
 */
export function generateCandidates(waiting: readonly Unit[], limit = 200): Candidate[] {
  const byId = new Map<string, { candidate: Candidate; units: number }>();
  for (const unit of waiting) {
    const size = unit.children.length;
    const ages = unit.children.map((c) => c.ageYears).filter((a): a is number => a !== null);
    const needs: CandidateProfile['needs'] = {};
    for (const child of unit.children)
      for (const need of child.needs) if (needs[need.category] !== 'with_support') needs[need.category] = SEVERE.has(need.severity) ? 'with_support' : 'can';
    const profile: CandidateProfile = {
      childrenMin: 1,
      childrenMax: Math.min(4, size),
      ageMin: ages.length ? Math.max(0, Math.floor(Math.min(...ages)) - 1) : 0,
      ageMax: ages.length ? Math.min(17, Math.floor(Math.max(...ages)) + 2) : 17,
      siblingGroups: size > 1,
      needs,
      contact: [...unit.requiredContact].sort(),
      postcode: null,
      welsh: Boolean(unit.identity?.welshLanguageImportant) || unit.children.some((c) => c.languages.includes('cy')),
      supportNetwork: 'strong',
      therapeuticPreparation: true,
    };
    const id = profileId(profile);
    const known = byId.get(id);
    if (known) known.units += 1;
    else byId.set(id, { candidate: { id, source: 'generated', profile, version: null }, units: 1 });
  }
  return [...byId.values()]
    .sort((a, b) => b.units - a.units || a.candidate.id.localeCompare(b.candidate.id))
    .slice(0, limit)
    .map((e) => e.candidate);
}

type T = (key: string, options?: Record<string, unknown>) => string;

/** The candidate in words ("A family for up to 3 brothers and sisters aged 5 to 9, …"), in the reader's language. */
export function describeCandidate(profile: CandidateProfile, t: T): string {
  const parts: string[] = [];
  const children =
    profile.childrenMax === 1
      ? t('matches:gap.words.oneChild')
      : profile.siblingGroups
        ? t('matches:gap.words.siblings', { max: profile.childrenMax === 4 ? '4+' : profile.childrenMax })
        : t('matches:gap.words.children', { max: profile.childrenMax === 4 ? '4+' : profile.childrenMax });
  parts.push(t('matches:gap.words.family', { children, from: profile.ageMin, to: profile.ageMax }));
  const needs = NEED_CATEGORIES.filter((n) => profile.needs[n]);
  if (needs.length)
    parts.push(
      t('matches:gap.words.needs', {
        needs: needs
          .map(
            (n) => `${t(`children:vocabulary.need.${n}`).toLowerCase()}${profile.needs[n] === 'with_support' ? ` ${t('matches:gap.words.withSupport')}` : ''}`,
          )
          .join(', '),
      }),
    );
  if (profile.contact.length)
    parts.push(t('matches:gap.words.contact', { contact: profile.contact.map((c) => t(`recruitment:vocabulary.contact.${c}`).toLowerCase()).join(', ') }));
  if (profile.welsh) parts.push(t('matches:gap.words.welsh'));
  parts.push(profile.postcode ? t('matches:gap.words.near', { postcode: profile.postcode }) : t('matches:gap.words.anywhere'));
  return parts.join('; ');
}
