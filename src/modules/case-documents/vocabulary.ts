/** The words of case documents: what a document is, and which records carry them. */

/** Kinds of case document social workers file on a record (the last, "other", for anything else). */
export const CASE_DOCUMENT_KINDS = [
  'child_permanence_report',
  'court_order',
  'prospective_adopters_report',
  'panel_minutes',
  'life_story_work',
  'medical_report',
  'other',
] as const;
export type CaseDocumentKind = (typeof CASE_DOCUMENT_KINDS)[number];

/** The records a document may be attached to. */
export const OWNER_KINDS = ['child', 'sibling_group', 'household', 'match'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

/** Where each record's pages live: its documents are under `/<path>/:id/documents`. */
export const OWNER_PATHS: Record<OwnerKind, string> = {
  child: 'children',
  sibling_group: 'sibling-groups',
  household: 'households',
  match: 'matches',
};
