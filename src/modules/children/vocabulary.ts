/** The controlled vocabularies of a child's record: codes stored, words translated. */

/** Census 2021 ethnic groups (England and Wales), with "not known" and "not stated". */
export const ETHNICITIES = [
  'asian_bangladeshi',
  'asian_chinese',
  'asian_indian',
  'asian_pakistani',
  'asian_other',
  'black_african',
  'black_caribbean',
  'black_other',
  'mixed_white_asian',
  'mixed_white_black_african',
  'mixed_white_black_caribbean',
  'mixed_other',
  'white_british',
  'white_irish',
  'white_gypsy_irish_traveller',
  'white_roma',
  'white_other',
  'other_arab',
  'other_any',
  'not_known',
  'not_stated',
] as const;
export type Ethnicity = (typeof ETHNICITIES)[number];

/** Categories of disability and additional needs, rated by severity. */
export const NEED_CATEGORIES = [
  'learning_disability',
  'physical_disability',
  'sensory_impairment',
  'autism_spectrum',
  'speech_language_communication',
  'emotional_behavioural',
  'attachment_trauma',
  'medical_condition',
  'foetal_alcohol_spectrum',
  'global_developmental_delay',
] as const;
export type NeedCategory = (typeof NEED_CATEGORIES)[number];

export const SEVERITIES = ['mild', 'moderate', 'severe'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SIBLING_RELATIONSHIPS = ['full', 'half', 'step'] as const;
export type SiblingRelationship = (typeof SIBLING_RELATIONSHIPS)[number];

export const LEGAL_STATUSES = ['interim_care_order', 'care_order', 'placement_order', 'parental_consent', 'accommodated'] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];

/** How a child's journey with the service ended; the evaluation counts these. */
export const OUTCOMES = ['placed_for_adoption', 'plan_changed_long_term_fostering', 'siblings_separated', 'returned_home', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const SEXES = ['female', 'male', 'not_known'] as const;
export type Sex = (typeof SEXES)[number];

export const LANGUAGE_CODES = ['cy', 'en', 'other'] as const;

/** The legal basis on which a local authority shares a child's record with the agency. */
export const LEGAL_BASES = ['adoption_agencies_wales_regulations', 'section_17_children_act', 'consent', 'other'] as const;

/** Contact after placement (with brothers and sisters, birth parents, wider family) that a child needs and a family can support. */
export const CONTACT_ARRANGEMENTS = ['letterbox', 'indirect_siblings', 'direct_siblings', 'direct_birth_parents', 'direct_extended_family', 'digital'] as const;
export type ContactArrangement = (typeof CONTACT_ARRANGEMENTS)[number];
