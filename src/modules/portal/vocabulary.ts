/** What a family sends for the assessment, and what the agency shares with it. */
export const FAMILY_DOCUMENT_KINDS = ['proof_of_identity', 'medical_form', 'reference_letter', 'other_from_family'] as const;
export const AGENCY_DOCUMENT_KINDS = ['prospective_adopters_report', 'transition_plan', 'support_plan', 'other_from_agency'] as const;
export const PORTAL_DOCUMENT_KINDS = [...FAMILY_DOCUMENT_KINDS, ...AGENCY_DOCUMENT_KINDS] as const;
export type PortalDocumentKind = (typeof PORTAL_DOCUMENT_KINDS)[number];

/** requested → submitted → accepted, or asked_again (→ submitted again); shared: from the agency. */
export const PORTAL_DOCUMENT_STATUSES = ['requested', 'submitted', 'accepted', 'asked_again', 'shared'] as const;
export type PortalDocumentStatus = (typeof PORTAL_DOCUMENT_STATUSES)[number];
