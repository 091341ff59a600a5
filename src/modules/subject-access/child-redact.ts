import type { BundleFile } from './bundle.ts';
import { REDACTED } from './redact.ts';

/**
 * What a subject access bundle shows of a child's records: pure rules, unit-tested. The child's own
 * details are given in full; other people are redacted (the adoptive family, birth relatives'
 * postcodes, who attended or was consulted, other children's ids), staff are not named (their ids
 * are left out), and free text that may name others is kept but listed for review.
 */

type Row = Record<string, unknown>;

export type ChildRecords = {
  child: Row & { id: string };
  referral?: Row | undefined;
  aces: Row[];
  preparation: { meetings: Row[]; attendees: Row[]; actions: Row[]; consultations: Row[]; formulations: Row[] };
  matches: Row[];
  support: { plans: Row[]; planItems: Row[]; sessions: Row[] };
  outcomes: Row[];
  documents: Row[];
  audit: Row[];
};

/** Staff ids: the bundle says what was done, not which member of staff did it. */
const STAFF_FIELDS = [
  'familyFinderId',
  'socialWorkerId',
  'referredBy',
  'decidedBy',
  'recordedBy',
  'createdBy',
  'enteredBy',
  'ownerId',
  'doneBy',
  'psychologistId',
  'workerId',
  'localAuthorityAgreedBy',
  'userId',
  'uploadedBy',
];

function clean(row: Row, options: { redact?: string[]; childId?: string } = {}): Row {
  const copy: Row = { ...row };
  for (const field of STAFF_FIELDS) delete copy[field];
  for (const field of options.redact ?? []) if (copy[field] !== null && copy[field] !== undefined) copy[field] = REDACTED;
  // Other children of a meeting, a consultation or a match (brothers and sisters, other children discussed).
  if (options.childId && Array.isArray(copy.childIds)) copy.childIds = (copy.childIds as string[]).map((id) => (id === options.childId ? id : REDACTED));
  return copy;
}

const withText = (rows: Row[], fields: string[]) => rows.some((row) => fields.some((f) => typeof row[f] === 'string' && row[f].trim() !== ''));

/** The child's records as files of JSON, with what was redacted and what needs reading before the bundle is sent. */
export function redactForChild(records: ChildRecords): { files: BundleFile[]; redacted: string[]; forReview: string[] } {
  const childId = records.child.id;
  const files: BundleFile[] = [];
  const redacted: string[] = [];
  const forReview: string[] = [];
  const json = (name: string, value: unknown) => files.push({ name, content: `${JSON.stringify(value, null, 2)}\n` });
  const review = (file: string, rows: Row[], fields: string[], why: string) => {
    if (withText(rows, fields)) forReview.push(`${file}: ${why}`);
  };

  const child = clean(records.child, { redact: ['birthFamilyPostcodes', 'importantContactPostcodes'] });
  if (records.child.birthFamilyPostcodes || records.child.importantContactPostcodes)
    redacted.push('child.json: the postcodes of birth relatives and other important people');
  json('child.json', child);
  review(
    'child.json',
    [records.child],
    ['contactBirthFamily', 'contactSiblings', 'requiredContact', 'identityConsiderations', 'healthSummary'],
    'contact, identity and health notes may name birth relatives or others',
  );
  if (records.referral) {
    json('referral.json', clean(records.referral));
    review('referral.json', [records.referral], ['legalBasisNotes', 'declineReason'], 'notes may name birth relatives or others');
    if (records.referral.draft) forReview.push('referral.json: the referral as the local authority wrote it may name birth relatives');
  }
  json(
    'aces.json',
    records.aces.map((a) => clean(a)),
  );

  const { meetings, attendees, actions, consultations, formulations } = records.preparation;
  json(
    'tac-meetings.json',
    meetings.map((m) => clean(m, { childId })),
  );
  review('tac-meetings.json', meetings, ['agenda', 'minutes', 'decisions'], 'agendas, minutes and decisions are as written and may name others');
  if (attendees.length) redacted.push(`tac-attendees.json: who attended each meeting (${attendees.length})`);
  json(
    'tac-attendees.json',
    attendees.map((a) => clean(a, { redact: ['name', 'organisationName'] })),
  );
  json(
    'tac-actions.json',
    actions.map((a) => clean(a)),
  );
  if (consultations.some((c) => c.consultees)) redacted.push('consultations.json: who was consulted');
  json(
    'consultations.json',
    consultations.map((c) => clean(c, { childId, redact: ['consultees'] })),
  );
  review('consultations.json', consultations, ['notes'], 'consultation notes may name others');
  json(
    'formulations.json',
    formulations.map((f) => clean(f, { childId })),
  );
  review(
    'formulations.json',
    formulations,
    ['presentingNeeds', 'whatHelps', 'strategiesForParents', 'recommendedSupport'],
    'formulations may name the adoptive family or others',
  );

  // The adoptive family is another person: their household, the decision maker and the score's reasons (about the family) are left out.
  if (records.matches.length) redacted.push('matches.json: the family each match was with, the decision maker and the reasons of the match score');
  json(
    'matches.json',
    records.matches.map((m) => clean({ ...m, scoreReasons: undefined, sharedWith: undefined }, { childId, redact: ['householdId', 'decisionMaker'] })),
  );
  review('matches.json', records.matches, ['closeReason', 'disruptionReasons'], 'reasons a match ended may name the family');

  const { plans, planItems, sessions } = records.support;
  json(
    'support-plans.json',
    plans.map((p) => clean(p, { redact: ['householdId'] })),
  );
  json(
    'support-plan-items.json',
    planItems.map((p) => clean(p, { redact: ['householdId'] })),
  );
  json(
    'support-sessions.json',
    sessions.map((s) => clean(s, { redact: ['householdId'] })),
  );
  if (plans.length || sessions.length) redacted.push('support-*.json: the family supported');
  review('support-plans.json', plans, ['needsSummary'], 'the needs summary may be about the family');
  review('support-sessions.json', sessions, ['notes'], 'session notes are as written and may be about the family');

  json(
    'outcomes.json',
    records.outcomes.map((o) => clean(o)),
  );
  json(
    'documents.json',
    records.documents.map((d) => clean(d)),
  );
  if (records.documents.length) forReview.push('documents/: the documents themselves (court orders, reports) may name others: read each one');
  if (records.documents.some((d) => d.ownerKind === 'sibling_group' || d.ownerKind === 'match'))
    forReview.push('documents/: those filed on the sibling group or a match are also about the brothers and sisters or the adoptive family');
  json('audit.json', records.audit);
  return { files, redacted, forReview };
}
