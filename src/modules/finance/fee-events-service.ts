import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { EventChild, WorkflowEventBus, WorkflowEvents } from '../../platform/events/events.ts';
import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize, listScope } from '../../platform/policy/policy.ts';
import type { PageRequest } from '../../platform/db/keyset.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { childNamesOf } from '../children/index.ts';
import { childLabelOf, financialYearOf, priceFee, versionInForce, type AgreementTerms } from './fees.ts';
import { describeFee } from './fees-words.ts';
import * as repo from './fee-events-repository.ts';
import { billingSettingsOf } from './billing-settings-repository.ts';
import type { FeeTrigger } from './schema.ts';

const actorId = (ctx: RequestContext) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/** A fee event as the policy sees it: the agency's, shared with the paying authority. */
export const feeEventResource = (event: { id: string; organisationId: string; localAuthorityId: string }) => ({
  type: 'fee_event',
  id: event.id,
  organisationId: event.organisationId,
  sharedWithOrganisationIds: [event.localAuthorityId],
});

/**
 * Raises the fees of one step for each child, in the step's transaction: priced under the agreement
 * in force for the child's authority on the step's date (or the inter-agency fee), once per trigger
 * and child (the unique key makes a repeat, even a racing one, do nothing).
 */
export async function raiseFees(
  tx: Tx,
  ctx: RequestContext,
  step: { trigger: FeeTrigger; key: string; agencyId: string; children: EventChild[]; date: IsoDate },
) {
  const names = await childNamesOf(
    tx,
    step.children.map((c) => c.id),
  );
  const rates = await repo.ratesOf(tx, step.agencyId);
  const raised: repo.FeeEventRow[] = [];
  for (const [index, child] of step.children.entries()) {
    const versions = await repo.versionsCovering(tx, step.agencyId, child.localAuthorityId);
    const version = versionInForce(versions, step.date);
    const terms: AgreementTerms | null = version && {
      agreementId: version.agreementId,
      versionId: version.id,
      effectiveFrom: version.effectiveFrom,
      feeSchedule: version.feeSchedule,
      uplift: version.uplift,
      childCapPerYear: version.childCapPerYear,
    };
    const year = financialYearOf(step.date);
    const counted = terms ? await repo.childrenCounted(tx, terms.agreementId, `${year}-04-01`, `${year + 1}-03-31`, child.id) : { count: 0, includes: false };
    const priced = priceFee({
      trigger: step.trigger,
      occurredOn: step.date,
      siblingPosition: index + 1,
      terms,
      childAlreadyCounted: counted.includes,
      childrenCountedThisYear: counted.count,
      rates: rates.map((r) => ({ ...r })),
    });
    if (!priced) continue;
    const words = describeFee(step.trigger, priced);
    const row = await repo.insertFeeEventOnce(tx, {
      organisationId: step.agencyId,
      localAuthorityId: child.localAuthorityId,
      agreementId: priced.agreementId,
      agreementVersionId: priced.versionId,
      childId: child.id,
      childLabel: childLabelOf(child.id, names.get(child.id)?.name),
      trigger: step.trigger,
      triggerKey: step.key,
      occurredOn: step.date,
      basis: priced.basis,
      siblingPosition: index + 1,
      amountPence: priced.amountPence,
      vatStatus: priced.vatStatus,
      description: words.en,
      descriptionCy: words.cy,
      raisedBy: actorId(ctx),
    });
    if (!row) continue;
    raised.push(row);
    await recordAudit(tx, ctx, { action: 'feeEvents.raise', resourceType: 'fee_event', resourceId: row.id, detail: { trigger: step.trigger } });
  }
  return raised;
}

/** Reverses every live charge a step raised (the step was recorded in error): a negative event each, never an edit. */
export async function reverseStep(tx: Tx, ctx: RequestContext, trigger: FeeTrigger, key: string, reason: string, date: IsoDate) {
  const reversed: repo.FeeEventRow[] = [];
  for (const charge of await repo.unreversedChargesOf(tx, trigger, key)) {
    const row = await insertReversal(tx, ctx, charge, reason, date);
    if (row) reversed.push(row);
  }
  return reversed;
}

async function insertReversal(tx: Tx, ctx: RequestContext, charge: repo.FeeEventRow, reason: string, date: IsoDate) {
  const { id: _id, createdAt: _createdAt, ...rest } = charge;
  const row = await repo.insertFeeEventOnce(tx, {
    ...rest,
    kind: 'reversal',
    reversesId: charge.id,
    amountPence: -charge.amountPence,
    occurredOn: date,
    reason,
    description: `Reversal: ${charge.description}`,
    descriptionCy: `Gwrthdroi: ${charge.descriptionCy}`,
    raisedBy: actorId(ctx),
  });
  if (row) await recordAudit(tx, ctx, { action: 'feeEvents.reverse', resourceType: 'fee_event', resourceId: row.id, detail: { reverses: charge.id } });
  return row;
}

const STEP_TRIGGER: Record<WorkflowEvents['step.reversed']['step'], FeeTrigger> = {
  'referral.accepted': 'referral_accepted',
  'match.approved': 'match_approved',
  'match.placed': 'placement',
  'match.adoptionOrder': 'adoption_order',
};

/** Finance follows the workflow: the composition root calls this once with the runner's event bus. */
export function subscribeFeeRaising(events: WorkflowEventBus): void {
  events.subscribe('referral.accepted', (tx, ctx, e) => raiseFees(tx, ctx, { trigger: 'referral_accepted', key: e.referralId, ...e }).then(() => undefined));
  events.subscribe('match.approved', (tx, ctx, e) => raiseFees(tx, ctx, { trigger: 'match_approved', key: e.matchId, ...e }).then(() => undefined));
  events.subscribe('match.placed', (tx, ctx, e) => raiseFees(tx, ctx, { trigger: 'placement', key: e.matchId, ...e }).then(() => undefined));
  events.subscribe('match.adoptionOrder', (tx, ctx, e) => raiseFees(tx, ctx, { trigger: 'adoption_order', key: e.matchId, ...e }).then(() => undefined));
  events.subscribe('support.yearBegan', (tx, ctx, e) =>
    raiseFees(tx, ctx, { trigger: 'support_year', key: `${e.placementKey}:${e.year}`, ...e }).then(() => undefined),
  );
  events.subscribe('step.reversed', async (tx, ctx, e) => {
    // A disruption takes back the placement fees unless the agency chose that the authority keeps
    // paying for the work done (its billing settings, read in the step's own transaction).
    if (e.because === 'disruption' && !(await billingSettingsOf(tx, e.agencyId)).reversePlacementFeesOnDisruption) return;
    await reverseStep(tx, ctx, STEP_TRIGGER[e.step], e.key, e.reason, e.date);
  });
}

/** The finance officer's and the authorities' use cases on fee events. */
export function createFeeEventUseCases(runner: UseCaseRunner, clock: () => Date) {
  const { run } = runner;
  return {
    /** Fee events the person may see: the agency's finance people all, an authority its own. */
    async listFeeEvents(ctx: RequestContext, filter: repo.FeeEventFilter, page: PageRequest) {
      return run(ctx, async (tx) => {
        authorize(ctx.actor, 'feeEvents.view');
        const scope = listScope(ctx.actor, 'feeEvents.view');
        const found = await repo.listFeeEvents(tx, { ...filter, visibleTo: scope.kind === 'organisation' ? scope.organisationId : undefined }, page);
        await recordAudit(tx, ctx, { action: 'feeEvents.view', resourceType: 'fee_event', detail: { rows: found.items.length } });
        return found;
      });
    },
    /** One fee for the page that reverses it: the charge, whether it is reversed, and the invoice carrying it. */
    async getFeeEvent(ctx: RequestContext, id: string) {
      return run(ctx, async (tx) => {
        const event = await repo.getFeeEvent(tx, id);
        if (!event) throw new NotFoundError();
        authorize(ctx.actor, 'feeEvents.view', feeEventResource(event));
        const state = await repo.feeEventState(tx, id);
        await recordAudit(tx, ctx, { action: 'feeEvents.view', resourceType: 'fee_event', resourceId: id });
        return { event, ...state };
      });
    },
    /** A charge raised in error (a placement record corrected): reversed with a reason, never edited. */
    async reverseFeeEvent(ctx: RequestContext, id: string, reason: string) {
      return run(ctx, async (tx) => {
        const charge = await repo.getFeeEvent(tx, id);
        if (!charge) throw new NotFoundError();
        authorize(ctx.actor, 'feeEvents.reverse', feeEventResource(charge));
        if (charge.kind !== 'charge') throw new ConflictError('billing:errors.feeEvent.notACharge');
        const row = await insertReversal(tx, ctx, charge, reason, dateInWales(clock()));
        if (!row) throw new ConflictError('billing:errors.feeEvent.alreadyReversed');
        return row;
      });
    },
  };
}
