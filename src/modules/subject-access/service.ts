import { recordAudit } from '../../platform/audit/audit.ts';
import { auditEntriesAbout } from '../../platform/audit/subject-access.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize, can } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { accountForSubjectAccess } from '../organisations/index.ts';
import { conversationsForSubjectAccess } from '../portal/index.ts';
import { applicantForSubjectAccess, householdForSubjectAccess } from '../recruitment/index.ts';
import { bundle, redactForPerson, type BundleFile, type PersonRecords } from './redact.ts';

/**
 * A subject access request: everything the platform holds on one person (an applicant, an adopter
 * or a member of staff, by their applicant or account id), read through the owning modules' front
 * doors as the platform's subjectAccess job, once the person asking (an administrator of the same
 * organisation, or the operator at the command line) has been checked as themselves. Other
 * people's names are redacted; the request is audited in the asker's name.
 */
export function createSubjectAccessService(runner: UseCaseRunner, clock: () => Date = () => new Date()) {
  async function gather(ctx: RequestContext, personId: string): Promise<{ files: BundleFile[]; kind: 'user' | 'applicant' }> {
    if (!can(ctx.actor, 'subjectAccess.export')) await runner.run(ctx, () => Promise.resolve(authorize(ctx.actor, 'subjectAccess.export')));
    const asker = ctx.actor;
    return runner.runAsSystemJob('subjectAccess', ctx, async (tx) => {
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

  return { gather };
}

export type SubjectAccessService = ReturnType<typeof createSubjectAccessService>;
