import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize, listScope } from '../../platform/policy/policy.ts';
import type { PageRequest } from '../../platform/db/keyset.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { getOrganisation } from '../organisations/index.ts';
import type { AgreementInput, RateInput, TermsInput } from './agreements-inputs.ts';
import * as repo from './agreements-repository.ts';
import { billingSettingsOf } from './billing-settings-repository.ts';
import { localAuthorities } from './costs-repository.ts';
import { agencyOf } from './invoices-service.ts';

/** An agreement as the policy sees it: the agency's, shared with each authority party to it. */
export const agreementResource = (a: { id: string; organisationId: string; authorityIds: string[] }) => ({
  type: 'agreement',
  id: a.id,
  organisationId: a.organisationId,
  sharedWithOrganisationIds: a.authorityIds,
});

const actorId = (ctx: RequestContext) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

const isUniqueViolation = (error: unknown, constraint: string) => {
  const cause = ((error as { cause?: unknown }).cause ?? error) as { code?: string; constraint?: string };
  return cause.code === '23505' && cause.constraint === constraint;
};

export function createAgreementUseCases(runner: UseCaseRunner) {
  const { run } = runner;

  async function checkAuthorities(tx: Tx, ids: string[]) {
    for (const id of ids) {
      const org = await getOrganisation(tx, id);
      if (!org || org.type !== 'local_authority') throw new ValidationError([{ field: 'authorityIds', key: 'billing:errors.authorities.unknown' }]);
    }
  }

  const versionValues = (agreement: repo.AgreementRow, terms: TermsInput, number: number, ctx: RequestContext): repo.NewAgreementVersion => ({
    agreementId: agreement.id,
    organisationId: agreement.organisationId,
    authorityIds: agreement.authorityIds,
    versionNumber: number,
    ...terms,
    feeSchedule: terms.feeSchedule,
    createdBy: actorId(ctx),
  });

  return {
    /** A new agreement with its first terms. */
    async createAgreement(ctx: RequestContext, input: AgreementInput & { agencyId?: string }) {
      return run(ctx, async (tx) => {
        const agencyId = agencyOf(ctx, input.agencyId);
        authorize(ctx.actor, 'agreements.edit', { type: 'agreement', organisationId: agencyId });
        await checkAuthorities(tx, input.authorityIds);
        let agreement: repo.AgreementRow;
        try {
          agreement = await repo.insertAgreement(tx, {
            organisationId: agencyId,
            party: input.party,
            name: input.name,
            reference: input.reference,
            authorityIds: input.authorityIds,
            language: input.language,
            createdBy: actorId(ctx),
          });
        } catch (error) {
          if (isUniqueViolation(error, 'agreements_reference_idx')) throw new ValidationError([{ field: 'reference', key: 'billing:errors.reference.taken' }]);
          throw error;
        }
        const version = await repo.insertVersion(tx, versionValues(agreement, input.terms, 1, ctx));
        await recordAudit(tx, ctx, { action: 'agreements.create', resourceType: 'agreement', resourceId: agreement.id, detail: { version: 1 } });
        return { agreement, version };
      });
    },
    /**
     * New terms from a date: a new version, never an edit of the old one (which still prices what
     * happened under it). The agreement's version check makes a stale change fail.
     */
    async addVersion(ctx: RequestContext, id: string, terms: TermsInput, expectedVersion?: number) {
      return run(ctx, async (tx) => {
        const agreement = await repo.getAgreement(tx, id, true);
        if (!agreement) throw new NotFoundError();
        authorize(ctx.actor, 'agreements.edit', agreementResource(agreement));
        if (expectedVersion !== undefined && expectedVersion !== agreement.version) throw new PreconditionFailedError(agreement.version);
        const versions = await repo.versionsOf(tx, id);
        const latest = versions.at(-1)!;
        if (terms.effectiveFrom <= latest.effectiveFrom) throw new ValidationError([{ field: 'effectiveFrom', key: 'billing:errors.version.notAfterLatest' }]);
        const version = await repo.insertVersion(tx, versionValues(agreement, terms, latest.versionNumber + 1, ctx));
        const updated = await repo.touchAgreement(tx, id, agreement.version);
        if (!updated) throw new ConflictError();
        await recordAudit(tx, ctx, {
          action: 'agreements.version',
          resourceType: 'agreement',
          resourceId: id,
          detail: { version: version.versionNumber, from: version.effectiveFrom, reasonGiven: Boolean(version.reason) },
        });
        return { agreement: updated, version };
      });
    },
    async listAgreements(ctx: RequestContext, page: PageRequest) {
      return run(ctx, async (tx) => {
        authorize(ctx.actor, 'agreements.view');
        const scope = listScope(ctx.actor, 'agreements.view');
        const found = await repo.listAgreements(tx, { visibleTo: scope.kind === 'organisation' ? scope.organisationId : undefined }, page);
        await recordAudit(tx, ctx, { action: 'agreements.view', resourceType: 'agreement', detail: { rows: found.items.length } });
        return found;
      });
    },
    /** One agreement with every version of its terms (newest last). */
    async getAgreement(ctx: RequestContext, id: string) {
      return run(ctx, async (tx) => {
        const agreement = await repo.getAgreement(tx, id);
        if (!agreement) throw new NotFoundError();
        authorize(ctx.actor, 'agreements.view', agreementResource(agreement));
        const versions = await repo.versionsOf(tx, id);
        // The agency's choice about disrupted placements, said on the agreement (the authority reads it too).
        const billingSettings = await billingSettingsOf(tx, agreement.organisationId);
        // Names in English and Welsh (when they have one): the page names them in the reader's language.
        const named = (o: { name: string; nameCy: string | null } | undefined) => ({ name: o?.name ?? '', nameCy: o?.nameCy ?? null });
        const agency = named(await getOrganisation(tx, agreement.organisationId));
        const authorities = [];
        for (const a of agreement.authorityIds) authorities.push({ id: a, ...named(await getOrganisation(tx, a)) });
        await recordAudit(tx, ctx, { action: 'agreements.view', resourceType: 'agreement', resourceId: id });
        return { agreement, versions, authorities, billingSettings, agency };
      });
    },
    /** The local authorities an agreement may cover (the choices of the agreement form). */
    async authorityChoices(ctx: RequestContext, agencyId?: string) {
      return run(ctx, async (tx) => {
        authorize(ctx.actor, 'agreements.edit', { type: 'agreement', organisationId: agencyOf(ctx, agencyId) });
        return localAuthorities(tx);
      });
    },
    /** One row of the inter-agency fee table (its edit form). */
    async getRate(ctx: RequestContext, id: string) {
      return run(ctx, async (tx) => {
        const rate = await repo.getRate(tx, id);
        if (!rate) throw new NotFoundError();
        authorize(ctx.actor, 'feeRates.view', { type: 'fee_rate', id, organisationId: rate.organisationId });
        return rate;
      });
    },
    async listRates(ctx: RequestContext, agencyId?: string) {
      return run(ctx, async (tx) => {
        const agency = agencyOf(ctx, agencyId);
        authorize(ctx.actor, 'feeRates.view', { type: 'fee_rate', organisationId: agency });
        return repo.listRates(tx, agency);
      });
    },
    /** A row of the inter-agency fee table (next April's rate, a sibling rate). */
    async addRate(ctx: RequestContext, input: RateInput & { agencyId?: string }) {
      return run(ctx, async (tx) => {
        const agency = agencyOf(ctx, input.agencyId);
        authorize(ctx.actor, 'feeRates.edit', { type: 'fee_rate', organisationId: agency });
        try {
          const row = await repo.insertRate(tx, {
            organisationId: agency,
            effectiveFrom: input.effectiveFrom,
            firstChildPence: input.firstChildPence,
            siblingPence: input.siblingPence,
            description: input.description,
            createdBy: actorId(ctx),
          });
          await recordAudit(tx, ctx, { action: 'feeRates.edit', resourceType: 'fee_rate', resourceId: row.id });
          return row;
        } catch (error) {
          if (isUniqueViolation(error, 'inter_agency_fee_rates_date_idx'))
            throw new ValidationError([{ field: 'effectiveFrom', key: 'billing:errors.rate.dateTaken' }]);
          throw error;
        }
      });
    },
    async editRate(ctx: RequestContext, id: string, input: RateInput, version: number) {
      return run(ctx, async (tx) => {
        const rate = await repo.getRate(tx, id);
        if (!rate) throw new NotFoundError();
        authorize(ctx.actor, 'feeRates.edit', { type: 'fee_rate', id, organisationId: rate.organisationId });
        let updated: repo.RateRow | undefined;
        try {
          updated = await repo.updateRate(tx, id, version, input);
        } catch (error) {
          if (isUniqueViolation(error, 'inter_agency_fee_rates_date_idx'))
            throw new ValidationError([{ field: 'effectiveFrom', key: 'billing:errors.rate.dateTaken' }]);
          throw error;
        }
        if (!updated) throw new ConflictError();
        await recordAudit(tx, ctx, { action: 'feeRates.edit', resourceType: 'fee_rate', resourceId: id });
        return updated;
      });
    },
  };
}
