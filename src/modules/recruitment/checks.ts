import type { CheckKind, CheckOutcome } from './vocabulary.ts';

/** What Stage 1 needs before Stage 2 may start: a DBS and a medical per applicant, references, a local authority check. */
export type CheckRequirements = { referencesRequired: number; localAuthorityChecksRequired: number };
export const DEFAULT_CHECK_REQUIREMENTS: CheckRequirements = { referencesRequired: 3, localAuthorityChecksRequired: 1 };

export type CheckFacts = { kind: CheckKind; applicantId: string | null; receivedDate: string | null; outcome: CheckOutcome };

/** One thing still missing, in words the worker (and the adopter) will recognise. */
export type MissingCheck = { kind: CheckKind; applicantId: string | null; problem: 'not_requested' | 'awaited' | 'unsatisfactory'; needed?: number };

/** A check counts once it came back with an outcome the agency can proceed on. */
function concluded(check: CheckFacts): boolean {
  return Boolean(check.receivedDate) && (check.outcome === 'satisfactory' || check.outcome === 'concerns');
}

/**
 * Every Stage 1 check still outstanding for these applicants. Empty means Stage 1's checks are
 * complete; an unsatisfactory outcome is always listed (the household cannot go on to Stage 2).
 */
export function missingChecks(
  applicantIds: readonly string[],
  checks: readonly CheckFacts[],
  requirements: CheckRequirements = DEFAULT_CHECK_REQUIREMENTS,
): MissingCheck[] {
  const missing: MissingCheck[] = [];
  for (const check of checks) {
    if (check.outcome === 'unsatisfactory') missing.push({ kind: check.kind, applicantId: check.applicantId, problem: 'unsatisfactory' });
  }
  for (const applicantId of applicantIds) {
    for (const kind of ['dbs', 'medical'] as const) {
      const theirs = checks.filter((c) => c.kind === kind && c.applicantId === applicantId);
      if (theirs.length === 0) missing.push({ kind, applicantId, problem: 'not_requested' });
      else if (!theirs.some(concluded)) missing.push({ kind, applicantId, problem: 'awaited' });
    }
  }
  const counted: [CheckKind, number][] = [
    ['reference', requirements.referencesRequired],
    ['local_authority', requirements.localAuthorityChecksRequired],
  ];
  for (const [kind, needed] of counted) {
    const ofKind = checks.filter((c) => c.kind === kind);
    const done = ofKind.filter(concluded).length;
    if (done < needed) missing.push({ kind, applicantId: null, problem: ofKind.length >= needed ? 'awaited' : 'not_requested', needed: needed - done });
  }
  return missing;
}
