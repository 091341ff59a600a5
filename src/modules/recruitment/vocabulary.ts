/** The controlled vocabularies of an adopter household's record: codes stored, words translated. */

/**
 * Where a household is on the adopter's journey (domain.md, "The adopter's journey"). The first
 * twelve are the main line in order; the last three are where a journey pauses or ends.
 */
export const STAGES = [
  'enquiry',
  'information_event',
  'registration',
  'stage1',
  'break',
  'stage2',
  'panel',
  'agency_decision',
  'approved',
  'linked',
  'matched',
  'placed',
  'on_hold',
  'withdrawn',
  'not_approved',
] as const;
export type Stage = (typeof STAGES)[number];

/** The stages a campaign funnel counts, in order: each is "reached" once its date is set. */
export const FUNNEL_STAGES = ['enquiry', 'information_event', 'registration', 'stage1', 'stage2', 'panel', 'approved', 'linked', 'matched', 'placed'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** Stages after which the household is an approved adopter (matching may consider them). */
export const APPROVED_STAGES = ['approved', 'linked', 'matched', 'placed'] as const satisfies readonly Stage[];
export const CLOSED_STAGES = ['withdrawn', 'not_approved'] as const satisfies readonly Stage[];

/** Stage 1 checks (Adoption Agencies (Wales) Regulations: statutory checks and references). */
export const CHECK_KINDS = ['dbs', 'medical', 'reference', 'local_authority', 'other'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];
export const CHECK_OUTCOMES = ['pending', 'satisfactory', 'concerns', 'unsatisfactory'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

export const RECOMMENDATIONS = ['suitable', 'not_suitable'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export const HEALTH_DECLARATION_STATUSES = ['not_started', 'submitted', 'medical_requested', 'complete'] as const;
export type HealthDeclarationStatus = (typeof HEALTH_DECLARATION_STATUSES)[number];

/** How a person heard of the service: the channels a campaign is run and measured through. */
export const CHANNELS = [
  'social_media',
  'search',
  'website',
  'radio',
  'television',
  'print',
  'information_event',
  'word_of_mouth',
  'community_event',
  'other',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** What a family can consider, per need: the low / medium / high scale of Link Maker, in words. */
export const CONSIDERATION_LEVELS = ['can', 'with_support', 'cannot'] as const;
export type ConsiderationLevel = (typeof CONSIDERATION_LEVELS)[number];

/** Contact arrangements a family can support after placement: the children's vocabulary of contact after placement. */
export { CONTACT_ARRANGEMENTS, type ContactArrangement } from '../children/vocabulary.ts';

/** People in the household besides the applicants. */
/** The assessing worker's judgement of the family's support network (friends, family, community). */
export const SUPPORT_NETWORK_LEVELS = ['strong', 'some', 'limited'] as const;
export type SupportNetworkLevel = (typeof SUPPORT_NETWORK_LEVELS)[number];

export const MEMBER_KINDS = ['child', 'adult'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];

/** The largest number a family can consider is stored as 4 and shown as "4 or more". */
export const MAX_CHILDREN_CONSIDERED = 4;
