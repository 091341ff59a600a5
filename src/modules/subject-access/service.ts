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
import { caseDocumentsFiledOn } from '../case-documents/index.ts';
import { childForSubjectAccess } from '../children/index.ts';
import { childMatchesForSubjectAccess } from '../matching/index.ts';
import { childOutcomesForSubjectAccess } from '../outcomes/index.ts';
import { childPreparationForSubjectAccess } from '../preparation/index.ts';
import { supportOfMatchesForSubjectAccess } from '../support/index.ts';
import { redactForChild } from './child-redact.ts';
import { summaryPdf } from './pdf.ts';
import { bundle, bundleReadme, redactForPerson, withManifest, type BundleFile, type PersonRecords } from './redact.ts';

/** Reads the documents' bytes, verified against their checksum (the store audits each read). */
const documentStore = createDocumentStore();

/** The child bundle's README: what is in it, what was redacted, what to read before sending. */
function childReadme(childId: string, generatedAt: Date, result: { files: BundleFile[]; redacted: string[]; forReview: string[] }): string {
  return bundleReadme(`Subject access request: child ${childId}`, generatedAt, 'about this child', result, {
    files: [
      'documents/: the case documents filed on the child, as stored (their SHA-256 is in documents.json and manifest.json)',
      'summary.pdf: this summary as a PDF, in English and Welsh',
      'manifest.json: the SHA-256 of every file',
    ],
    closing: ['Staff are not named. Documents filed on the child’s sibling group, matches or adoptive family are not included.'],
  });
}

/**
 * A subject access request: everything the platform holds on one person (an applicant, an adopter
 * or a member of staff, by their applicant or account id), read through the owning modules' front
 * doors as the platform's subjectAccess job, once the person asking (an administrator of the same
 * organisation, or the operator at the command line) has been checked as themselves. Other
 * people's names are redacted; the request is audited in the asker's name.
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
      const conversations = household ? await conversationsForSubjectAccess(tx, household.household.id) : undefined;
      const resourceIds = [personId, account?.id, applicant?.id, household?.household.id].filter((id): id is string => Boolean(id));
      const records: PersonRecords = {
        account: account ? { ...account } : undefined,
        applicant: applicant ? { ...applicant } : undefined,
        household,
        conversations,
        audit: await auditEntriesAbout(tx, { userId: account?.id ?? applicant?.userId ?? undefined, resourceIds: [...new Set(resourceIds)] }),
      };
      const files = bundle(personId, clock(), redactForPerson(records));
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
      const documents = await caseDocumentsFiledOn(tx, 'child', [childId]);
      const documentFiles: BundleFile[] = [];
      const listed = [];
      for (const document of documents) {
        const read = await documentStore.read(tx, ctx, document.documentId, { action: 'subjectAccess.export' });
        const file = read?.state === 'intact' ? read.file : undefined;
        const name = file ? `documents/${document.id}-${file.filename}` : null;
        if (file && name) documentFiles.push({ name, content: file.bytes });
        listed.push({ ...document, file: name, sha256: file?.sha256 ?? null, contentType: file?.contentType ?? null, state: read?.state ?? 'missing' });
      }
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
        documents: listed,
        audit: await auditEntriesAbout(tx, { resourceIds: [childId, ...documents.map((d) => d.id)] }),
      });
      const generatedAt = clock();
      const readme = childReadme(childId, generatedAt, result);
      const files = [{ name: 'README.md', content: readme }, ...result.files, ...documentFiles];
      const pdf = await summaryPdf(
        {
          title: { en: `Subject access request: child ${childId}`, cy: `Cais gwrthrych am wybodaeth: plentyn ${childId}` },
          intro: {
            en: 'Everything the Adopting Together platform holds about this child, with other people redacted. Review every file before it is sent.',
            cy: 'Popeth sydd gan blatfform Adopting Together am y plentyn hwn, gyda phobl eraill wedi’u golygu. Adolygwch bob ffeil cyn ei hanfon.',
          },
          redacted: result.redacted,
          forReview: result.forReview,
          generatedAt,
        },
        files,
      );
      const bundled = withManifest({ childId }, generatedAt, [...files, pdf]);
      await recordAudit(tx, ctx, { action: 'subjectAccess.export', resourceType: 'child', resourceId: childId, detail: { files: bundled.length } });
      return { files: bundled };
    });
  }

  return { gather, gatherChild };
}

export type SubjectAccessService = ReturnType<typeof createSubjectAccessService>;
