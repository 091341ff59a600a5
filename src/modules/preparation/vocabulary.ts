/**
 * Words of therapeutic preparation, as codes: pages translate them (preparation:vocabulary.*).
 */

/** Topics of a therapeutic preparation session with adopters (the agency's preparation curriculum). */
export const PREPARATION_TOPICS = [
  'trauma_and_attachment',
  'therapeutic_parenting',
  'child_development',
  'developmental_uncertainty',
  'brothers_and_sisters',
  'life_story_work',
  'birth_family_contact',
  'identity_and_belonging',
  'education_and_school',
  'introductions_and_moving',
  'looking_after_yourselves',
] as const;
export type PreparationTopic = (typeof PREPARATION_TOPICS)[number];

/** Roles who deliver therapeutic preparation and write clinical records (the clinical team). */
export const CLINICAL_ROLES = ['clinical_psychologist', 'therapeutic_social_worker'] as const;

/** Roles who may own an action agreed at a Team Around the Child meeting (people who work with children). */
export const ACTION_OWNER_ROLES = [
  'family_finder',
  'social_worker',
  'therapeutic_social_worker',
  'clinical_psychologist',
  'service_manager',
  'la_referrer',
] as const;

/** States of an agreed action as its owner sees it. */
export const ACTION_STATES = ['overdue', 'due_today', 'due_soon', 'open', 'done'] as const;

/** The parts of a formulation, in the order a psychologist writes and a reader reads them. */
export const FORMULATION_FIELDS = ['history', 'presentingNeeds', 'whatHelps', 'strategiesForParents', 'recommendedSupport'] as const;
export type FormulationField = (typeof FORMULATION_FIELDS)[number];
