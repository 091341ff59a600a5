import type { Actor } from './actor.ts';

/**
 * Who may read a case document, beyond being allowed to see the record it belongs to:
 * - `case`: everyone who may see the record (the agency, the child's local authority, a clinical
 *   partner the child is shared with);
 * - `agency`: the agency and its clinical partner, not the local authority (the agency's own
 *   working papers);
 * - `clinical`: the clinical team (psychologists, therapeutic social workers) of the agency or its
 *   clinical partner: a medical report or a psychologist's assessment.
 * Row-level security on case_documents says the same (migration 0029).
 */
export const DOCUMENT_VISIBILITIES = ['case', 'agency', 'clinical'] as const;
export type DocumentVisibility = (typeof DOCUMENT_VISIBILITIES)[number];

const AGENCY_SIDE = ['agency', 'clinical_partner'];
const CLINICAL_ROLES = ['clinical_psychologist', 'therapeutic_social_worker'];

/** May this person read documents of this visibility (of a record they may already see)? */
export function mayReadVisibility(actor: Actor, visibility: DocumentVisibility): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  if (visibility === 'case') return true;
  if (!AGENCY_SIDE.includes(actor.organisationType)) return false;
  return visibility === 'agency' || actor.roles.some((role) => CLINICAL_ROLES.includes(role));
}

/** The visibilities this person may give a document: only those they could read themselves. */
export function visibilitiesFor(actor: Actor): DocumentVisibility[] {
  return DOCUMENT_VISIBILITIES.filter((v) => mayReadVisibility(actor, v));
}
