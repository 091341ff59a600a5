import { ACTIONS } from '../policy/actions.ts';

/**
 * What the audit log's codes are called in the reader's language (locales/{en,cy}/audit.json): the
 * administrator reads "View a child’s record", never `children.view`. The glossary test checks that
 * every action and kind of record written anywhere in src has a name in both languages.
 */

/** Actions written to the audit log beside the policy's own (sign-in steps, setup, loading the demo, finance's steps). */
export const EXTRA_AUDIT_ACTIONS = [
  'documents.store',
  'agreements.create',
  'agreements.version',
  'feeEvents.raise',
  'invoices.pdf',
  'invoices.credit',
  'payments.reverse',
  'demo.children',
  'demo.households',
  'save-later',
  'setup.first-administrator',
  'auth.sign-in',
  'auth.second-factor',
  'auth.totp-enrol',
  'auth.sign-out',
  'auth.token-create',
  'auth.token-revoke',
  'auth.password-change',
  'auth.sessions-view',
  'auth.session-end',
  'auth.sessions-end-others',
  // Reading a child's or a household's chronology (route actions children.view / households.view).
  'chronology.view',
  // `together restore`: the restored database's first entry of its own.
  'backup.restore',
  // `together transfer export` / `import`: an organisation's records leaving one installation and arriving in another.
  'transfer.export',
  'transfer.import',
  // Lifting a legal hold (route action retention.hold).
  'retention.hold-lift',
];

/** Every kind of record an audit entry may name. */
export const AUDIT_RECORD_TYPES = [
  'document',
  'case_document',
  'report',
  'portal_document',
  'portal_thread',
  'portal_message',
  'gap_candidate',
  'household',
  'child',
  'user',
  'cohort',
  'support_request',
  'match',
  'tac_meeting',
  'support_plan',
  'referral',
  'invoice',
  'support_session',
  'support_event',
  'supervision_session',
  'staff_training',
  'sibling_group',
  'research_agreement',
  'organisation',
  'campaign',
  'calendar_feed',
  'agreement',
  'transition_step',
  'tac_action',
  'payment',
  'fee_event',
  'course_session',
  'consultation',
  'adopter_preparation_session',
  'ace_category',
  'research_extract',
  'questionnaire_response',
  'instrument',
  'formulation',
  'fee_rate',
  'billing_settings',
  'course',
  'access_token',
  'support_hours',
  'questionnaire_reminders',
  'training_reminders',
  'postcode_centroids',
  'outcomes_due',
  'outcome_administration',
  'outbox',
  'matching_config',
  'invitation',
  'financial-return',
  'enquiry',
  'cost-recovery',
  'cohort_children',
  'children_settings',
  'training_settings',
  'retention_settings',
  'search',
  'backup',
  'applicant',
  'authority_questionnaires',
  'partner_satisfaction_response',
  'worker_questionnaire',
  'interest',
];

export function auditedActions(): string[] {
  return [...Object.keys(ACTIONS), ...EXTRA_AUDIT_ACTIONS];
}

/** The message key of an action's or a record kind's name ("children.view" → "audit:actions.children_view"). */
export function auditNameKey(group: 'actions' | 'records', code: string): string {
  return `audit:${group}.${code.replace(/[.-]/g, '_')}`;
}
