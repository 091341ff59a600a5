import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import type { Action } from '../../platform/policy/actions.ts';
import { authorize, can, reachesOrganisation } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import type { WorkforceConfig } from './config.ts';
import { cpdHoursByYear, cpdYearOf, cpdYearRange, type CpdYear } from './cpd.ts';
import type { TrainingInput, TrainingPatch } from './inputs.ts';
import { holdsAny, personOf, TRAINED_ROLES } from './people.ts';
import * as repo from './repository.ts';

/** A member of staff's training and CPD hours: theirs, and their managers'. */
export function createTrainingUseCases(runner: UseCaseRunner, config: WorkforceConfig, clock: () => Date) {
  const { run } = runner;
  const today = () => dateInWales(clock());

  const resourceOf = (record: { id?: string; organisationId: string; userId: string }) => ({
    type: 'staff_training',
    id: record.id,
    organisationId: record.organisationId,
    subjectUserId: record.userId,
  });

  async function loadRecord(tx: Tx, ctx: RequestContext, id: string, action: Action) {
    const record = await repo.getTraining(tx, id);
    if (!record) throw new NotFoundError();
    authorize(ctx.actor, action, resourceOf(record));
    return record;
  }

  /** The person a record is for: someone whose training is kept, whom the actor may record for; else the field is wrong. */
  async function recordablePerson(tx: Tx, ctx: RequestContext, userId: string) {
    const person = await repo.getStaffMember(tx, userId);
    if (
      !person ||
      person.disabled ||
      !holdsAny(person, TRAINED_ROLES) ||
      !can(ctx.actor, 'staffTraining.edit', { type: 'user', organisationId: person.organisationId, subjectUserId: person.id })
    ) {
      throw new ValidationError([{ field: 'userId', key: 'workforce:errors.person.unknown' }]);
    }
    return person;
  }

  function checkDate(completedDate: string | undefined): void {
    if (completedDate && completedDate > today()) throw new ValidationError([{ field: 'completedDate', key: 'workforce:errors.completedDate.future' }]);
  }

  /** Whom the training form offers: the managers' whole organisation, or only the person themself. */
  async function trainingFormOptions(ctx: RequestContext) {
    const actor = personOf(ctx);
    return run(ctx, async (tx) => {
      authorize(actor, 'staffTraining.edit');
      const people = reachesOrganisation(actor, 'staffTraining.edit') ? await repo.staffWithRoles(tx, TRAINED_ROLES, actor.organisationId) : [];
      return { people: people.map((p) => ({ id: p.id, name: p.name })), selfId: actor.userId };
    });
  }

  async function recordTraining(ctx: RequestContext, input: TrainingInput) {
    const actor = personOf(ctx);
    return run(ctx, async (tx) => {
      authorize(actor, 'staffTraining.edit');
      const person = await recordablePerson(tx, ctx, input.userId ?? actor.userId);
      checkDate(input.completedDate);
      const record = await repo.insertTraining(tx, {
        organisationId: person.organisationId,
        userId: person.id,
        course: input.course,
        completedDate: input.completedDate,
        hours: input.hours,
        provider: input.provider,
        certificateReference: input.certificateReference,
        recordedBy: actor.userId,
      });
      await recordAudit(tx, ctx, {
        action: 'staffTraining.edit',
        resourceType: 'staff_training',
        resourceId: record.id,
        detail: { user: person.id, created: true },
      });
      return record;
    });
  }

  async function getTraining(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      const record = await loadRecord(tx, ctx, id, 'staffTraining.view');
      const person = await repo.getStaffMember(tx, record.userId);
      await recordAudit(tx, ctx, { action: 'staffTraining.view', resourceType: 'staff_training', resourceId: id, detail: { user: record.userId } });
      return { record, personName: person?.name ?? '' };
    });
  }

  async function updateTraining(ctx: RequestContext, id: string, patch: TrainingPatch, version: number) {
    return run(ctx, async (tx) => {
      const record = await loadRecord(tx, ctx, id, 'staffTraining.edit');
      checkDate(patch.completedDate);
      const updated = await repo.updateTraining(tx, id, version, patch);
      if (!updated) throw new ConflictError('errors.conflict.body', record.version);
      await recordAudit(tx, ctx, {
        action: 'staffTraining.edit',
        resourceType: 'staff_training',
        resourceId: id,
        detail: { user: record.userId, fields: Object.keys(patch).length },
      });
      return updated;
    });
  }

  /** One person's training, latest first, with their CPD hours per year against the target. */
  async function trainingOf(ctx: RequestContext, userId: string) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'staffTraining.view');
      const person = await repo.getStaffMember(tx, userId);
      if (!person) throw new NotFoundError();
      authorize(ctx.actor, 'staffTraining.view', { type: 'user', id: userId, organisationId: person.organisationId, subjectUserId: userId });
      const records = await repo.trainingOfUser(tx, userId);
      await recordAudit(tx, ctx, { action: 'staffTraining.view', resourceType: 'user', resourceId: userId, detail: { training: records.length } });
      return {
        person,
        records,
        cpd: cpdHoursByYear(records, today(), config.cpd),
        mayEdit: can(ctx.actor, 'staffTraining.edit', { type: 'user', organisationId: person.organisationId, subjectUserId: userId }),
      };
    });
  }

  /**
   * CPD hours of one year: for managers every trained person of their organisation (fewest hours
   * first, so who is behind shows at the top), for anyone else only themself.
   */
  async function cpdOverview(
    ctx: RequestContext,
    startYear?: number,
  ): Promise<{ year: CpdYear; organisationWide: boolean; people: { id: string; name: string; tenths: number; records: number; targetMet: boolean }[] }> {
    const actor = personOf(ctx);
    return run(ctx, async (tx) => {
      authorize(actor, 'staffTraining.view');
      const yearStart = startYear ?? cpdYearOf(today(), config.cpd.yearStartMonth);
      const range = cpdYearRange(yearStart, config.cpd.yearStartMonth);
      const organisationWide = reachesOrganisation(actor, 'staffTraining.view');
      const totals = await repo.trainingTotals(tx, actor.organisationId, range.from, range.to);
      const people = organisationWide ? await repo.staffWithRoles(tx, TRAINED_ROLES, actor.organisationId) : [{ id: actor.userId, name: actor.name }];
      const targetTenths = Math.round(config.cpd.targetHoursPerYear * 10);
      const lines = people
        .map((p) => {
          const total = totals.get(p.id) ?? { tenths: 0, records: 0 };
          return { id: p.id, name: p.name, tenths: total.tenths, records: total.records, targetMet: total.tenths >= targetTenths };
        })
        .sort((a, b) => a.tenths - b.tenths || a.name.localeCompare(b.name));
      const all = lines.reduce((n, l) => n + l.tenths, 0);
      await recordAudit(tx, ctx, {
        action: 'staffTraining.view',
        resourceType: 'staff_training',
        detail: { year: yearStart, people: lines.length, organisationWide },
      });
      return {
        year: {
          startYear: yearStart,
          ...range,
          tenths: all,
          records: lines.reduce((n, l) => n + l.records, 0),
          targetTenths,
          targetMet: lines.every((l) => l.targetMet),
        },
        organisationWide,
        people: lines,
      };
    });
  }

  return { trainingFormOptions, recordTraining, getTraining, updateTraining, trainingOf, cpdOverview };
}
