import type { Ethnicity, LANGUAGE_CODES, NeedCategory, Severity } from '../children/index.ts';
import type { ConsiderationLevel, ContactArrangement } from '../recruitment/index.ts';
import type { SupportNetworkLevel } from './matching-config.ts';

/**
 * What the compatibility score reads of a sibling group and of a household, and the status of a
 * reason: the shapes compatibility.ts and its rules (compatibility-rules.ts) share.
 */

export type LanguageCode = (typeof LANGUAGE_CODES)[number];

export type ChildInput = {
  id: string;
  /** Age in completed years; null when not known (then the age limit cannot be checked for this child). */
  ageYears: number | null;
  needs: readonly { category: NeedCategory; severity: Severity }[];
  /** The languages the child speaks. */
  languages: readonly LanguageCode[];
  ethnicity: Ethnicity | null;
  religion: string | null;
};

/**
 * What the children's worker has recorded about identity: whether the family should share the
 * children's religion, reflect their heritage, and speak Welsh with them. In Wales an adoption
 * agency must give due consideration to the child's religious persuasion, racial origin and
 * cultural and linguistic background (Adoption and Children Act 2002, s.1(5)); it is the worker's
 * judgement for each child, so the score follows what the worker recorded and never infers that
 * ethnicity or religion matters merely because one is recorded on the child's file.
 */
export type IdentityConsiderations = {
  religionImportant: boolean;
  /** The religion a family should share; null = the children's own recorded religion. */
  religion: string | null;
  ethnicityImportant: boolean;
  /** The heritage a family should reflect; empty = the children's own recorded ethnicities. */
  ethnicities: readonly Ethnicity[];
  welshLanguageImportant: boolean;
};

/** The children matched as one unit: the matcher scores and places a group whole, never split. */
export type SiblingGroupInput = {
  id: string;
  children: readonly ChildInput[];
  /** The contact the children's plan requires after placement. */
  requiredContact: readonly ContactArrangement[];
  /** null = not recorded by the children's worker (shown as unknown). */
  identity: IdentityConsiderations | null;
  /** Birth family postcodes: a household within the safety distance of any of them is excluded. */
  birthFamilyPostcodes: readonly string[];
  /** People the children should stay near (a sibling placed elsewhere, a grandparent). */
  importantContactPostcodes: readonly string[];
  /** Days waited. Not part of compatibility: the assignment adds its own priority bonus for waiting. */
  waitingDays: number;
};

/** The family's current consideration profile (recruitment's consideration_profiles). */
export type ConsiderationProfileInput = {
  childrenMin: number;
  /** 4 means "4 or more". */
  childrenMax: number;
  ageMin: number;
  ageMax: number;
  siblingGroups: boolean;
  /** A need category the family has not rated excludes children with that need until they say. */
  needs: Partial<Record<NeedCategory, ConsiderationLevel>>;
  contact: readonly ContactArrangement[];
};

export type HouseholdInput = {
  id: string;
  profile: ConsiderationProfileInput;
  /** Free text as recorded ("Welsh", "Cymraeg", "English"); empty = not recorded. */
  languages: readonly string[];
  ethnicity: Ethnicity | null;
  religion: string | null;
  postcode: string | null;
  experienceOfChildren: boolean | null;
  supportNetwork: SupportNetworkLevel | null;
  therapeuticPreparationComplete: boolean | null;
  /** How many groups the family may take at once (default 1); used by the assignment, not the score. */
  capacity?: number;
};

/** 'not_applicable' and 'unknown' criteria earn no points and are left out of the share of 100. */
export type ReasonStatus = 'met' | 'partly' | 'not_met' | 'unknown' | 'not_applicable';
