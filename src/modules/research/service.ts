import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { recordAudit } from '../../platform/audit/audit.ts';
import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { PageRequest } from '../../platform/db/keyset.ts';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { DEFAULT_DISCLOSURE, type DisclosureConfig } from '../reporting/index.ts';
import { agreementStanding, refusalOfFields } from './agreement-rules.ts';
import { CHOOSABLE_FIELDS } from './dictionary.ts';
import { buildExtract } from './extract.ts';
import type { AgreementInput, AgreementPatch, ExtractInput } from './inputs.ts';
import * as repo from './repository.ts';

export type Agreement = repo.AgreementListRow;
export type Extract = repo.ExtractRow;

type AgreementAction = 'researchAgreements.view' | 'researchExtracts.create' | 'researchExtracts.download';

/**
 * Data-sharing agreements with research partners and the pseudonymised extracts made under them.
 * `secret` gives the server's pseudonym secret (keys.ts), read only when an extract is made.
 */
export function createResearchService(
  runner: UseCaseRunner,
  secret: () => string,
  options: { clock?: () => Date; disclosure?: DisclosureConfig; partBytes?: number } = {},
) {
  const { run } = runner;
  const today = (): IsoDate => dateInWales((options.clock ?? (() => new Date()))());

  /** Loads an agreement and asserts the action on it: the agency that made it, or the partner it names; anyone else 404. */
  async function load(tx: Tx, ctx: RequestContext, id: string, action: AgreementAction): Promise<Agreement> {
    const agreement = await repo.getAgreement(tx, id);
    if (!agreement) throw new NotFoundError();
    authorize(ctx.actor, action, {
      type: 'research_agreement',
      id,
      organisationId: agreement.organisationId,
      sharedWithOrganisationIds: [agreement.partnerOrganisationId],
    });
    return agreement;
  }

  async function pageAgreements(ctx: RequestContext, page: PageRequest) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'researchAgreements.view');
      return repo.listAgreements(tx, { organisationId: ctx.actor.kind === 'user' ? ctx.actor.organisationId : undefined }, page);
    });
  }

  /** An agreement with its versions and the extracts the reader may see (the partner's own). */
  async function getAgreement(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      const agreement = await load(tx, ctx, id, 'researchAgreements.view');
      const [versions, extracts] = [await repo.versionsOf(tx, id), await repo.extractsOf(tx, id)];
      await recordAudit(tx, ctx, { action: 'researchAgreements.view', resourceType: 'research_agreement', resourceId: id });
      return { agreement, versions, extracts, standing: agreementStanding(agreement, today()) };
    });
  }

  /** The research partner organisations an agreement may name (the form's choice). */
  async function partners(ctx: RequestContext) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'researchAgreements.create');
      return repo.researchPartners(tx);
    });
  }

  async function createAgreement(ctx: RequestContext, input: AgreementInput): Promise<Agreement> {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'researchAgreements.create');
      if (ctx.actor.kind !== 'user') throw new NotFoundError();
      const partner = await repo.researchPartner(tx, input.partnerOrganisationId);
      if (!partner) throw new ValidationError([{ field: 'partnerOrganisationId', key: 'research:errors.partner.unknown' }]);
      const created = await repo.insertAgreement(tx, { ...input, organisationId: ctx.actor.organisationId, createdBy: ctx.actor.userId });
      await repo.recordVersion(tx, created, ctx.actor.userId);
      await recordAudit(tx, ctx, {
        action: 'researchAgreements.create',
        resourceType: 'research_agreement',
        resourceId: created.id,
        detail: { event: 'created', version: created.version, fields: created.fields.length, endDate: created.endDate },
      });
      return { ...created, partnerName: partner.name, partnerNameCy: partner.nameCy };
    });
  }

  /**
   * Amends an agreement (an end date extended, a field added or taken away): saved only on the
   * version read, kept as a new version with who made it, audited with the fields changed.
   * Extracts already made keep the version they were made under.
   */
  async function amendAgreement(ctx: RequestContext, id: string, patch: Omit<AgreementPatch, 'version'>, version: number): Promise<Agreement> {
    return run(ctx, async (tx) => {
      const agreement = await load(tx, ctx, id, 'researchAgreements.view');
      authorize(ctx.actor, 'researchAgreements.amend', { type: 'research_agreement', id, organisationId: agreement.organisationId });
      const startDate = patch.startDate ?? agreement.startDate;
      const endDate = patch.endDate ?? agreement.endDate;
      if (endDate < startDate) throw new ValidationError([{ field: 'endDate', key: 'research:errors.endDate.beforeStart' }]);
      const changed = Object.entries(patch)
        .filter(([field, value]) => value !== undefined && JSON.stringify((agreement as Record<string, unknown>)[field]) !== JSON.stringify(value))
        .map(([field]) => field);
      const updated = await repo.updateAgreement(tx, id, version, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
      if (!updated) throw new ConflictError('errors.conflict.body', agreement.version);
      await repo.recordVersion(tx, updated, ctx.actor.kind === 'user' ? ctx.actor.userId : null);
      await recordAudit(tx, ctx, {
        action: 'researchAgreements.amend',
        resourceType: 'research_agreement',
        resourceId: id,
        detail: { event: 'amended', version: updated.version, fields: changed.join(',') },
      });
      return { ...updated, partnerName: agreement.partnerName, partnerNameCy: agreement.partnerNameCy };
    });
  }

  /** Refuses with its reason, and audits the refusal in a transaction of its own. */
  async function refuse(ctx: RequestContext, agreementId: string, action: AgreementAction, error: DomainError): Promise<never> {
    await runner.recordStandalone(ctx, {
      action,
      resourceType: 'research_agreement',
      resourceId: agreementId,
      outcome: 'denied',
      detail: { reason: error instanceof ValidationError ? (error.fieldErrors[0]?.key ?? error.key) : error.key },
    });
    throw error;
  }

  /**
   * Makes an extract under an agreement for its research partner: refused before the start date,
   * after the end date and for a field outside the agreement. The children are read as the
   * platform's researchExtract job (a partner may not see a record); only the pseudonymised,
   * coarsened zip is stored, part by part, with its SHA-256 in the audit log.
   */
  async function createExtract(ctx: RequestContext, agreementId: string, input: ExtractInput): Promise<Extract> {
    const on = today();
    const agreement = await run(ctx, (tx) => load(tx, ctx, agreementId, 'researchExtracts.create'));
    const standing = agreementStanding(agreement, on);
    if (standing !== 'active') await refuse(ctx, agreementId, 'researchExtracts.create', standingError(standing, agreement));
    const fields = input.fields ?? agreement.fields;
    const outside = refusalOfFields(fields, agreement.fields);
    if (outside) await refuse(ctx, agreementId, 'researchExtracts.create', outside);
    return runner.runAsSystemJob('researchExtract', ctx, async (tx) => {
      const extractId = randomUUID();
      let part = 0;
      const summary = await buildExtract(tx, {
        agreement,
        // Columns in the data dictionary's order, whatever order they were agreed or asked in.
        fields: CHOOSABLE_FIELDS.filter((f) => agreement.fields.includes(f) && fields.includes(f)),
        secret: secret(),
        asOf: on,
        minimumCount: (options.disclosure ?? DEFAULT_DISCLOSURE).minimumCount,
        partBytes: options.partBytes,
        savePart: (bytes) => repo.insertPart(tx, { extractId, part: part++, organisationId: agreement.partnerOrganisationId, bytes }),
      });
      const extract = await repo.insertExtract(tx, {
        id: extractId,
        organisationId: agreement.partnerOrganisationId,
        agreementId,
        agreementVersion: agreement.version,
        fields: summary.fields,
        asOf: on,
        children: summary.children,
        sha256: summary.sha256,
        bytes: summary.bytes,
        requestedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      });
      await recordAudit(tx, ctx, {
        action: 'researchExtracts.create',
        resourceType: 'research_extract',
        resourceId: extractId,
        detail: { agreementId, agreementVersion: agreement.version, sha256: summary.sha256, bytes: summary.bytes, children: summary.children },
      });
      return extract;
    });
  }

  /** An extract's record (the partner's own; anyone else 404). */
  async function getExtract(ctx: RequestContext, id: string): Promise<Extract> {
    return run(ctx, async (tx) => {
      const extract = await repo.getExtract(tx, id);
      if (!extract) throw new NotFoundError();
      authorize(ctx.actor, 'researchExtracts.download', { type: 'research_extract', id, organisationId: extract.organisationId });
      return extract;
    });
  }

  /**
   * Opens an extract's zip for download: audited with its checksum, refused once the agreement
   * has ended. The bytes are read a part at a time, each in its own transaction as the person.
   */
  async function openDownload(ctx: RequestContext, id: string): Promise<{ extract: Extract; stream: Readable }> {
    const { extract, agreement } = await run(ctx, async (tx) => {
      const extract = await repo.getExtract(tx, id);
      if (!extract) throw new NotFoundError();
      authorize(ctx.actor, 'researchExtracts.download', { type: 'research_extract', id, organisationId: extract.organisationId });
      return { extract, agreement: await load(tx, ctx, extract.agreementId, 'researchExtracts.download') };
    });
    const standing = agreementStanding(agreement, today());
    if (standing === 'ended') await refuse(ctx, agreement.id, 'researchExtracts.download', standingError(standing, agreement));
    await runner.recordStandalone(ctx, {
      action: 'researchExtracts.download',
      resourceType: 'research_extract',
      resourceId: id,
      detail: { sha256: extract.sha256, bytes: extract.bytes },
    });
    const parts = async function* () {
      for (let part = 0; ; part++) {
        const bytes = await run(ctx, (tx) => repo.partOf(tx, id, part));
        if (!bytes) return;
        yield bytes;
      }
    };
    return { extract, stream: Readable.from(parts()) };
  }

  return { today, pageAgreements, getAgreement, partners, createAgreement, amendAgreement, createExtract, getExtract, openDownload };
}

export type ResearchService = ReturnType<typeof createResearchService>;

function standingError(standing: 'not_started' | 'ended', agreement: Agreement): DomainError {
  return standing === 'ended'
    ? new DomainError(403, 'research:errors.extract.ended', { endDate: agreement.endDate })
    : new DomainError(403, 'research:errors.extract.notStarted', { startDate: agreement.startDate });
}
