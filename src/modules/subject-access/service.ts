import { recordAudit } from '../../platform/audit/audit.ts';
import { auditEntriesAbout } from '../../platform/audit/subject-access.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize, can } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { accountForSubjectAccess } from '../organisations/index.ts';
import { conversationsForSubjectAccess } from '../portal/index.ts';
import { applicantForSubjectAccess, householdForSubjectAccess } from '../recruitment/index.ts';
import { createDocumentStore } from '../../platform/documents/store.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { caseDocumentsFiledOn } from '../case-documents/index.ts';
import { childForSubjectAccess, childrenByIds } from '../children/index.ts';
import { childMatchesForSubjectAccess, householdInterestsForSubjectAccess, matchesOfHousehold } from '../matching/index.ts';
import { childOutcomesForSubjectAccess, satisfactionAnswersForSubjectAccess } from '../outcomes/index.ts';
import { childPreparationForSubjectAccess, householdPreparationForSubjectAccess } from '../preparation/index.ts';
import { householdSupportForSubjectAccess, supportOfMatchesForSubjectAccess } from '../support/index.ts';
import { householdTrainingForSubjectAccess } from '../training/index.ts';
import { redactForChild } from './child-redact.ts';
import { summaryPdf } from './pdf.ts';
import { bundleReadme, withManifest, type BundleFile } from './bundle.ts';
import { personReadme, redactForPerson, type PersonRecords } from './redact.ts';

/** Reads the documents' bytes, verified against their checksum (the store audits each read). */
const documentStore = createDocumentStore();

type FiledOn = Parameters<typeof caseDocumentsFiledOn>[1];
const en = translator('en');
const cy = translator('cy');
/** One line of the PDF summary in both languages (keys under retention:sar.pdf). */
const both = (key: string, params: Record<string, unknown> = {}) => ({
  en: en(`retention:sar.pdf.${key}`, params),
  cy: cy(`retention:sar.pdf.${key}`, params),
});

/**
 * The case documents filed on the given records, read from the store (verified against their
 * SHA-256; the store audits each read as the asker): the files, and the list with each file's name
 * and checksum (or why it is missing).
 */
async function documentsFiledOn(tx: Tx, ctx: RequestContext, owners: readonly [FiledOn, readonly string[]][]) {
  const files: BundleFile[] = [];
  const listed = [];
  for (const [kind, ids] of owners) {
    for (const document of await caseDocumentsFiledOn(tx, kind, ids)) {
      const read = await documentStore.read(tx, ctx, document.documentId, { action: 'subjectAccess.export' });
      const file = read?.state === 'intact' ? read.file : undefined;
      const name = file ? `documents/${document.id}-${file.filename}` : null;
      if (file && name) files.push({ name, content: file.bytes });
      listed.push({ ...document, file: name, sha256: file?.sha256 ?? null, contentType: file?.contentType ?? null, state: read?.state ?? 'missing' });
    }
  }
  return { files, listed };
}

/** The summary PDF and the manifest added to a bundle's files (the one ending of both bundles). */
async function finish(subject: Record<string, string>, generatedAt: Date, files: BundleFile[], summary: Omit<Parameters<typeof summaryPdf>[0], 'generatedAt'>) {
  const pdf = await summaryPdf({ ...summary, generatedAt }, files);
  return withManifest(subject, generatedAt, [...files, pdf]);
}

/** What a person's bundle holds, for its PDF: a line for each kind of record their family has (their own bookings only). */
function personHolds(records: PersonRecords) {
  const count = (key: string, rows: readonly unknown[] | undefined) => (rows ? [both(`holds.${key}`, { count: rows.length })] : []);
  const ownBookings = records.training?.filter((b) => b.applicantId === records.applicant?.id);
  return [
    ...count('trainingBookings', ownBookings),
    ...count(
      'certificates',
      ownBookings?.filter((b) => b.certificateNumber),
    ),
    ...count('preparationSessions', records.preparation),
    ...count('supportPlans', records.support?.plans),
    ...count('supportSessions', records.support?.sessions),
    ...count('supportRequests', records.support?.requests),
    ...count('supportEvents', records.support?.events),
    ...count('documents', records.documents),
    ...count('messages', records.conversations?.messages),
    ...count('satisfactionAnswers', records.satisfaction?.authorityAnswers.length ? records.satisfaction.authorityAnswers : undefined),
  ];
}

/** The child bundle's README: what is in it, what was redacted, what to read before sending. */
function childReadme(childId: string, generatedAt: Date, result: { files: BundleFile[]; redacted: string[]; forReview: string[] }): string {
  return bundleReadme(`Subject access request: child ${childId}`, generatedAt, 'about this child', result, {
    files: [
      'documents/: the case documents filed on the child, their sibling group and their matches, as stored (their SHA-256 is in documents.json and manifest.json)',
      'summary.pdf: this summary as a PDF, in English and Welsh',
      'manifest.json: the SHA-256 of every file',
    ],
    closing: [
      'Staff are not named. Documents filed on the child’s sibling group and matches are included: they may be about brothers and sisters or the adoptive family, so read them. Documents filed on the adoptive family’s household are theirs, not the child’s.',
    ],
  });
}

/**
 * A subject access request: everything the platform holds on one person (an applicant, an adopter
 * or a member of staff, by their applicant or account id), read through the owning modules' front
 * doors as the platform's subjectAccess job, once the person asking (an administrator of the same
 * organisation, or the operator at the command line) has been checked as themselves. For an
 * applicant: their household's records, conversations, training bookings, preparation sessions,
 * support and the case documents filed on it (the files, verified against their SHA-256), with a
 * PDF summary in English and Welsh. Other people's names are redacted (the children matched with
 * the family masked in free text); the request is audited in the asker's name.
 */
export function createSubjectAccessService(runner: UseCaseRunner, clock: () => Date = () => new Date()) {
  /** The asker's right, checked as them (a refusal is audited in its own transaction); then the records are read as the platform's job. */
  async function asSubjectAccessJob<T>(ctx: RequestContext, work: (tx: Tx) => Promise<T>): Promise<T> {
    if (!can(ctx.actor, 'subjectAccess.export')) await runner.run(ctx, () => Promise.resolve(authorize(ctx.actor, 'subjectAccess.export')));
    return runner.runAsSystemJob('subjectAccess', ctx, work);
  }

  async function gather(ctx: RequestContext, personId: string): Promise<{ files: BundleFile[]; kind: 'user' | 'applicant' }> {
    const asker = ctx.actor;
    return asSubjectAccessJob(ctx, async (tx) => {
      let account = await accountForSubjectAccess(tx, personId);
      const applicant = await applicantForSubjectAccess(tx, account?.id ?? personId);
      // An applicant with an adopter account: their account is theirs too.
      if (!account && applicant?.userId) account = await accountForSubjectAccess(tx, applicant.userId);
      if (!account && !applicant) throw new NotFoundError();
      // An administrator answers for their own organisation's people only (404, as for any record out of reach).
      const organisationId = account?.organisationId ?? applicant!.organisationId;
      if (asker.kind === 'user' && asker.organisationId !== organisationId && applicant?.organisationId !== asker.organisationId) throw new NotFoundError();
      const household = applicant ? await householdForSubjectAccess(tx, applicant.householdId) : undefined;
      const householdId = household?.household.id;
      const conversations = householdId ? await conversationsForSubjectAccess(tx, householdId) : undefined;
      const documents = householdId ? await documentsFiledOn(tx, ctx, [['household', [householdId]]]) : undefined;
      // The children matched with the family: their names are masked in the family's free text.
      const interests = householdId ? await householdInterestsForSubjectAccess(tx, householdId) : undefined;
      const childIds = [
        ...(householdId ? (await matchesOfHousehold(tx, householdId)).flatMap((m) => m.childIds) : []),
        // The children the family expressed interest in are masked the same way.
        ...(interests ?? []).flatMap((i) => i.childIds),
      ];
      const childNames = (await childrenByIds(tx, [...new Set(childIds)])).flatMap((c) => [c.name, c.fullName]);
      const resourceIds = [personId, account?.id, applicant?.id, householdId, ...(documents?.listed.map((d) => d.id) ?? [])].filter((id): id is string =>
        Boolean(id),
      );
      const records: PersonRecords = {
        account: account ? { ...account } : undefined,
        applicant: applicant ? { ...applicant } : undefined,
        household,
        conversations,
        training: householdId ? await householdTrainingForSubjectAccess(tx, householdId) : undefined,
        preparation: householdId ? await householdPreparationForSubjectAccess(tx, householdId) : undefined,
        support: householdId ? await householdSupportForSubjectAccess(tx, householdId) : undefined,
        interests,
        documents: documents?.listed,
        satisfaction: account ? await satisfactionAnswersForSubjectAccess(tx, String(account.id)) : undefined,
        childNames,
        audit: await auditEntriesAbout(tx, { userId: account?.id ?? applicant?.userId ?? undefined, resourceIds: [...new Set(resourceIds)] }),
      };
      const generatedAt = clock();
      const result = redactForPerson(records);
      const more = documents ? ['documents/: the case documents filed on the family, as stored (their SHA-256 is in documents.json and manifest.json)'] : [];
      const readme = personReadme(personId, generatedAt, result, [...more, 'summary.pdf: this summary as a PDF, in English and Welsh']);
      const files = await finish({ personId }, generatedAt, [{ name: 'README.md', content: readme }, ...result.files, ...(documents?.files ?? [])], {
        title: both('personTitle', { id: personId }),
        intro: both('personIntro'),
        holds: personHolds(records),
        redacted: result.redacted,
        forReview: result.forReview,
      });
      const kind = account ? 'user' : 'applicant';
      await recordAudit(tx, ctx, { action: 'subjectAccess.export', resourceType: kind, resourceId: personId, detail: { files: files.length } });
      return { files, kind };
    });
  }

  /**
   * Everything held about a child (their own request, or an adult adoptee's): the record, referral,
   * ACEs, TAC meetings, consultations and formulations, matches, support of their placements,
   * outcome measures, the case documents filed on them (the files themselves, verified against
   * their SHA-256) and what the audit log says was done with them; other people redacted; a PDF
   * summary beside the JSON. An administrator answers for children their organisation holds.
   */
  async function gatherChild(ctx: RequestContext, childId: string): Promise<{ files: BundleFile[] }> {
    const asker = ctx.actor;
    return asSubjectAccessJob(ctx, async (tx) => {
      const found = await childForSubjectAccess(tx, childId);
      if (!found) throw new NotFoundError();
      const holders = [found.child.organisationId, ...(found.child.sharedWith ?? [])];
      if (asker.kind === 'user' && !holders.includes(asker.organisationId)) throw new NotFoundError();
      const matches = await childMatchesForSubjectAccess(tx, childId);
      const documents = await documentsFiledOn(tx, ctx, [
        ['child', [childId]],
        ['sibling_group', found.siblingGroupIds],
        ['match', matches.map((m) => m.id)],
      ]);
      const result = redactForChild({
        child: found.child,
        referral: found.referral,
        aces: found.aces,
        preparation: await childPreparationForSubjectAccess(tx, childId),
        matches,
        support: await supportOfMatchesForSubjectAccess(
          tx,
          matches.map((m) => m.id),
        ),
        outcomes: await childOutcomesForSubjectAccess(tx, childId),
        documents: documents.listed,
        audit: await auditEntriesAbout(tx, { resourceIds: [childId, ...documents.listed.map((d) => d.id)] }),
      });
      const generatedAt = clock();
      const readme = childReadme(childId, generatedAt, result);
      const bundled = await finish({ childId }, generatedAt, [{ name: 'README.md', content: readme }, ...result.files, ...documents.files], {
        title: both('childTitle', { id: childId }),
        intro: both('childIntro'),
        redacted: result.redacted,
        forReview: result.forReview,
      });
      await recordAudit(tx, ctx, { action: 'subjectAccess.export', resourceType: 'child', resourceId: childId, detail: { files: bundled.length } });
      return { files: bundled };
    });
  }

  return { gather, gatherChild };
}

export type SubjectAccessService = ReturnType<typeof createSubjectAccessService>;
