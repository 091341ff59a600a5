import { sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import type { Action } from '../../platform/policy/actions.ts';
import { authorize, can } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { caseDocumentEntriesOf, destroyCaseDocumentsFiledOnInTx, destroyCaseDocumentsInTx } from '../case-documents/index.ts';
import { destroyChildInTx } from '../children/index.ts';
import { removeCareChoicesOfChildInTx } from '../finance/index.ts';
import { removeChildFromMatchesInTx } from '../matching/index.ts';
import { destroyLeaverAccountInTx } from '../organisations/index.ts';
import { destroyConversationInTx, destroyPortalOfHouseholdInTx } from '../portal/index.ts';
import { removeChildFromPreparationInTx } from '../preparation/index.ts';
import { destroyHouseholdInTx } from '../recruitment/index.ts';
import { destroySupportOfHouseholdInTx } from '../support/index.ts';
import { destroyCalendarFeedsOfInTx, destroyStaffTrainingOfInTx } from '../workforce/index.ts';
import { candidatesOf } from './candidates.ts';
import { withAgencyPeriods } from './periods.ts';
import * as repo from './repository.ts';
import { retentionPeriodVersions } from './settings-repository.ts';
import { judge, reviewList, ruleApplied, type Candidate, type RecordKind } from './rules.ts';

export type DestroyOutcome = {
  destroyed: { kind: RecordKind; id: string; tombstoneId: string }[];
  /** Asked for but not destroyed: held, not yet due, gone, or still referred to by another record. */
  skipped: { kind: RecordKind; id: string; why: 'held' | 'not_due' | 'not_found' | 'blocked' }[];
};

/**
 * Records kept for their time: the administrator's review list, legal holds and destruction. An
 * administrator may not open a household, so the records are read and removed as the platform's
 * retention job, each call first checked as the person and always narrowed to their organisation.
 * What was done is audited in the person's name.
 */
export function createRetentionService(runner: UseCaseRunner, clock: () => Date = () => new Date()) {
  /** The person's right, checked as them (a refusal is audited in its own transaction). */
  async function allowed(ctx: RequestContext, action: Action): Promise<{ organisationId: string; userId: string }> {
    if (!can(ctx.actor, action) || ctx.actor.kind !== 'user') await runner.run(ctx, () => Promise.resolve(authorize(ctx.actor, action)));
    if (ctx.actor.kind !== 'user') throw new NotFoundError();
    return { organisationId: ctx.actor.organisationId, userId: ctx.actor.userId };
  }

  /** The classes as this organisation applies them: its own periods (the versioned setting) over the table's. */
  async function classesOf(tx: Tx, organisationId: string) {
    return withAgencyPeriods(await repo.classes(tx), (await retentionPeriodVersions.current(tx, organisationId)).value);
  }

  /** The review list: records past their period by class, with why; held records apart; the classes; recent tombstones. */
  async function review(ctx: RequestContext) {
    const { organisationId } = await allowed(ctx, 'retention.review');
    return runner.runAsSystemJob('retention', ctx, async (tx) => {
      const classes = await classesOf(tx, organisationId);
      const holds = await repo.holdsInForce(tx, organisationId);
      const today = dateInWales(clock());
      const groups = reviewList(await candidatesOf(tx, organisationId, today), classes, holds, today);
      const tombstones = await repo.recentTombstones(tx, organisationId, 20);
      await recordAudit(tx, ctx, {
        action: 'retention.review',
        detail: { due: groups.reduce((n, g) => n + g.due.length, 0), held: groups.reduce((n, g) => n + g.held.length, 0) },
      });
      return { classes, groups, tombstones };
    });
  }

  /** A legal hold on a record of the organisation that has a retention clock: it is then never destroyed. */
  async function placeHold(
    ctx: RequestContext,
    input: { recordKind: RecordKind; recordId: string; reason: string; classCode?: string | undefined },
  ): Promise<{ id: string }> {
    const { organisationId, userId } = await allowed(ctx, 'retention.hold');
    return runner.runAsSystemJob('retention', ctx, async (tx) => {
      const candidates = (await candidatesOf(tx, organisationId, dateInWales(clock()))).filter((c) => c.id === input.recordId);
      // A class's list may hold records of another kind (a case document follows its case): the class names which.
      const candidate = candidates.find((c) => c.kind === input.recordKind) ?? candidates.find((c) => c.classCode === input.classCode);
      if (!candidate) throw new NotFoundError();
      const hold = await repo.insertHold(tx, {
        organisationId,
        recordKind: candidate.kind,
        recordId: input.recordId,
        reason: input.reason,
        placedBy: userId,
      });
      if (!hold) throw new ValidationError([{ field: 'recordId', key: 'retention:errors.hold.already' }], 422);
      await recordAudit(tx, ctx, { action: 'retention.hold', resourceType: candidate.kind, resourceId: input.recordId, detail: { hold: hold.id } });
      return hold;
    });
  }

  /** Lifts a hold at the version the person saw (409 when someone lifted it first), with the reason. */
  async function liftHold(ctx: RequestContext, holdId: string, input: { reason: string; version: number }): Promise<void> {
    const { organisationId, userId } = await allowed(ctx, 'retention.hold');
    await runner.runAsSystemJob('retention', ctx, async (tx) => {
      const hold = await repo.getHold(tx, organisationId, holdId);
      if (!hold) throw new NotFoundError();
      if (hold.liftedAt || !(await repo.liftHold(tx, holdId, input.version, { liftedBy: userId, liftReason: input.reason })))
        throw new ConflictError('retention:errors.hold.changed', hold.version);
      await recordAudit(tx, ctx, {
        action: 'retention.hold-lift',
        resourceType: hold.recordKind,
        resourceId: hold.recordId,
        detail: { hold: holdId },
      });
    });
  }

  /**
   * Destroys the records asked for, of one class, that are past their period and held by nothing,
   * in one transaction: each record and what hangs off it is removed by its owning module, and
   * leaves a tombstone and an audit entry. A record another record still refers to (a household
   * with a match, support plans or case documents) is left and reported as blocked; the rest go ahead.
   */
  async function destroy(ctx: RequestContext, input: { classCode: string; recordIds: string[] }): Promise<DestroyOutcome> {
    const { organisationId, userId } = await allowed(ctx, 'retention.destroy');
    return runner.runAsSystemJob('retention', ctx, async (tx) => {
      const classes = await classesOf(tx, organisationId);
      const byCode = new Map(classes.map((c) => [c.code, c]));
      const retentionClass = byCode.get(input.classCode);
      if (!retentionClass) throw new ValidationError([{ field: 'classCode', key: 'retention:errors.classCode.unknown' }]);
      const holds = await repo.holdsInForce(tx, organisationId);
      const today = dateInWales(clock());
      const candidates = new Map((await candidatesOf(tx, organisationId, today)).filter((c) => c.classCode === input.classCode).map((c) => [c.id, c]));
      const outcome: DestroyOutcome = { destroyed: [], skipped: [] };
      for (const id of [...new Set(input.recordIds)]) {
        const candidate = candidates.get(id);
        const kind = (candidate?.kind ?? retentionClass.recordKind) as RecordKind;
        if (!candidate) {
          outcome.skipped.push({ kind, id, why: 'not_found' });
          continue;
        }
        const judgement = judge(candidate, byCode, holds, today);
        if (judgement.state !== 'due') {
          outcome.skipped.push({ kind, id, why: judgement.state === 'held' ? 'held' : 'not_due' });
          continue;
        }
        if (!(await removeRecord(tx, organisationId, candidate))) {
          outcome.skipped.push({ kind, id, why: 'blocked' });
          continue;
        }
        const tombstoneId = await repo.insertTombstone(tx, {
          organisationId,
          recordKind: kind,
          recordId: id,
          retentionClass: retentionClass.code,
          rule: ruleApplied(retentionClass),
          eventDate: candidate.eventDate,
          dueDate: judgement.dueDate,
          destroyedBy: userId,
        });
        await recordAudit(tx, ctx, {
          action: 'retention.destroy',
          resourceType: kind,
          resourceId: id,
          detail: { retentionClass: retentionClass.code, tombstone: tombstoneId, dueDate: judgement.dueDate },
        });
        outcome.destroyed.push({ kind, id, tombstoneId });
      }
      return outcome;
    });
  }

  return { review, placeHold, liftHold, destroy };
}

/**
 * Removes one record through its owning module, inside a savepoint: when the database refuses
 * (another record still refers to it) only this record is left, and the rest of the batch goes on.
 */
async function removeRecord(tx: Tx, organisationId: string, candidate: Candidate): Promise<boolean> {
  if (candidate.kind === 'household' && (await caseDocumentEntriesOf(tx, 'household', candidate.id)).length > 0) return false;
  await tx.execute(sql`savepoint retention_record`);
  try {
    const removed = await REMOVERS[candidate.kind](tx, organisationId, candidate.id);
    await tx.execute(sql`release savepoint retention_record`);
    return removed;
  } catch (error) {
    if ((error as { code?: string }).code !== '23503' && (error as { cause?: { code?: string } }).cause?.code !== '23503') throw error;
    await tx.execute(sql`rollback to savepoint retention_record`);
    return false;
  }
}

/**
 * How each kind of record is destroyed, by the modules that own what hangs from it. The candidate
 * was found among the organisation's own records, so a child's records held by another
 * organisation (an agency's meetings about a local authority's child) go with the child.
 */
const REMOVERS: Record<RecordKind, (tx: Tx, organisationId: string, id: string) => Promise<boolean>> = {
  household: async (tx, organisationId, id) => (await destroyPortalOfHouseholdInTx(tx, organisationId, id), destroyHouseholdInTx(tx, organisationId, id)),
  portal_thread: destroyConversationInTx,
  staff_training: destroyStaffTrainingOfInTx,
  // A leaver's account is emptied (organisations); their calendar feeds go with it (workforce).
  user_account: async (tx, organisationId, id) => {
    if (!(await destroyLeaverAccountInTx(tx, organisationId, id))) return false;
    await destroyCalendarFeedsOfInTx(tx, organisationId, id);
    return true;
  },
  support: destroySupportOfHouseholdInTx,
  case_document: async (tx, organisationId, id) => (await destroyCaseDocumentsInTx(tx, organisationId, [id])) > 0,
  // A child: their documents (entries and files), meetings, consultations and formulations, their
  // place on matches (the match stays with the family's record) and care choice, then the record.
  child: async (tx, organisationId, id) => {
    await destroyCaseDocumentsFiledOnInTx(tx, 'child', id);
    await removeChildFromPreparationInTx(tx, id);
    await removeChildFromMatchesInTx(tx, id);
    await removeCareChoicesOfChildInTx(tx, id);
    return destroyChildInTx(tx, organisationId, id);
  },
};

export type RetentionService = ReturnType<typeof createRetentionService>;
