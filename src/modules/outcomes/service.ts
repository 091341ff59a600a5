import { recordAudit } from '../../platform/audit/audit.ts';
import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize, can } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { outcomeFactsOf, type ChildFacts } from '../children/index.ts';
import { placementsOfChildren } from '../matching/index.ts';
import { auditedNotFound, childOutcomesResource, loadChild, readsBandsOnly, type OutcomesDeps } from './access.ts';
import { createCohortUseCases } from './cohort-service.ts';
import { createDueUseCases } from './due-service.ts';
import { checkDefinition, instrumentDefinition, recordedByWorkers, RESPONDENTS, type InstrumentDefinition } from './instrument.ts';
import { createPartnerSatisfactionUseCases } from './partner-service.ts';
import { createQuestionnaireUseCases } from './questionnaire-service.ts';
import { loadRegister, type InstrumentRegister } from './register.ts';
import * as repo from './repository.ts';
import { anchorsOf as scheduleAnchors, scheduleFor, type SchedulePoint } from './schedule.ts';
import { scoreProblems, wholeScores } from './scores.ts';
import { changeBetween, changesOf, trajectoriesOf, type InstrumentTrajectory } from './trajectory.ts';

/** `completedOn` null when the form's date could not be read: it is named beside the other mistakes. */
export type AdministrationInput = { instrument: string; completedOn: IsoDate | null; respondent: string; scores: Record<string, unknown> };

export type ChildOutcomes = {
  child: { id: string; name: string; dateOfBirth: IsoDate };
  /** The child's local authority sees bands and changes, never the scores or the working. */
  bandsOnly: boolean;
  mayEnter: boolean;
  instruments: InstrumentTrajectory[];
  /** When each instrument the worker records is due, and how it stands today. */
  schedules: { definition: InstrumentDefinition; points: SchedulePoint[] }[];
  compared?: { instrument: string; fromId: string; toId: string; scales: NonNullable<ReturnType<typeof changeBetween>> };
};

export function createOutcomesService(runner: UseCaseRunner, options: { clock?: () => Date } = {}) {
  const deps: OutcomesDeps = {
    run: runner.run,
    recordStandalone: runner.recordStandalone,
    runAsSystemJob: runner.runAsSystemJob,
    clock: options.clock ?? (() => new Date()),
  };
  const { run } = deps;
  const today = () => dateInWales(deps.clock());

  async function listInstruments(ctx: RequestContext) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'instruments.view');
      const register = await loadRegister(tx);
      await recordAudit(tx, ctx, { action: 'instruments.view', resourceType: 'instrument', detail: { count: register.all.length } });
      return { current: register.current(), all: register.all };
    });
  }

  /** Adds an instrument, or a new version of one (the next version number is given by the platform). */
  async function addInstrument(ctx: RequestContext, input: unknown): Promise<InstrumentDefinition> {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'instruments.manage');
      const register = await loadRegister(tx);
      const parsed = instrumentDefinition.safeParse(input);
      if (!parsed.success)
        throw new ValidationError([
          { field: 'definition', key: 'outcomes:errors.definition.invalid', params: { reason: parsed.error.issues[0]?.message ?? '' } },
        ]);
      const previous = register.latest(parsed.data.code);
      const definition = { ...parsed.data, version: (previous?.version ?? 0) + 1 };
      const problems = checkDefinition(definition);
      if (problems.length)
        throw new ValidationError([{ field: 'definition', key: 'outcomes:errors.definition.invalid', params: { reason: problems.join('; ') } }]);
      await repo.addInstrument(tx, definition, ctx.actor.kind === 'user' ? ctx.actor.userId : null);
      await recordAudit(tx, ctx, {
        action: 'instruments.manage',
        resourceType: 'instrument',
        resourceId: undefined,
        detail: { code: definition.code, version: definition.version },
      });
      return definition;
    });
  }

  async function anchorsOf(tx: Tx, child: ChildFacts) {
    // One query at a time: a transaction is one connection.
    const facts = await outcomeFactsOf(tx, [child.id]);
    const placements = await placementsOfChildren(tx, [child.id]);
    return scheduleAnchors(facts.get(child.id), placements.get(child.id));
  }

  async function childOutcomes(ctx: RequestContext, childId: string, compare?: { instrument: string; from: string; to: string }): Promise<ChildOutcomes> {
    return auditedNotFound(deps, ctx, { action: 'outcomes.view', resourceType: 'child', resourceId: childId }, () =>
      run(ctx, async (tx) => {
        const child = await loadChild(tx, ctx, childId, 'outcomes.view');
        const register = await loadRegister(tx);
        const rows = await repo.administrationsOf(tx, [childId]);
        const anchors = await anchorsOf(tx, child);
        const instruments = trajectoriesOf(register, rows);
        const schedules = register
          .current()
          .filter(recordedByWorkers)
          .map((definition) => ({
            definition,
            points: scheduleFor(
              definition.schedule,
              anchors,
              rows.filter((r) => r.instrumentCode === definition.code).map((r) => r.completedOn),
              today(),
            ),
          }))
          .filter((s) => s.points.length > 0);
        let compared: ChildOutcomes['compared'];
        if (compare) {
          const trajectory = instruments.find((i) => i.definition.code === compare.instrument);
          const scales = trajectory && changeBetween(trajectory, compare.from, compare.to);
          if (scales) compared = { instrument: compare.instrument, fromId: compare.from, toId: compare.to, scales };
        }
        await recordAudit(tx, ctx, { action: 'outcomes.view', resourceType: 'child', resourceId: childId, detail: { administrations: rows.length } });
        return {
          child: { id: child.id, name: child.name, dateOfBirth: child.dateOfBirth },
          bandsOnly: readsBandsOnly(ctx),
          mayEnter: can(ctx.actor, 'outcomes.edit', childOutcomesResource(child)),
          instruments,
          schedules,
          compared,
        };
      }),
    );
  }

  /** What the entry form offers for a child: the instruments a worker records, at their latest version. */
  async function entryForm(ctx: RequestContext, childId: string) {
    return auditedNotFound(deps, ctx, { action: 'outcomes.edit', resourceType: 'child', resourceId: childId }, () =>
      run(ctx, async (tx) => {
        const child = await loadChild(tx, ctx, childId, 'outcomes.edit');
        const register = await loadRegister(tx);
        return { child: { id: child.id, name: child.name }, instruments: register.current().filter(recordedByWorkers) };
      }),
    );
  }

  /**
   * Records scale scores entered from a paper form (or the worker's developmental check). Every
   * mistake is named beside its field and nothing is saved while any remains (422).
   */
  async function recordAdministration(ctx: RequestContext, childId: string, input: AdministrationInput) {
    return auditedNotFound(deps, ctx, { action: 'outcomes.edit', resourceType: 'child', resourceId: childId }, () =>
      run(ctx, async (tx) => {
        const child = await loadChild(tx, ctx, childId, 'outcomes.edit');
        const register = await loadRegister(tx);
        const definition = register.latest(input.instrument);
        const problems: FieldError[] = [];
        if (!definition || !recordedByWorkers(definition)) problems.push({ field: 'instrument', key: 'outcomes:errors.instrument.unknown' });
        if (!input.completedOn) problems.push({ field: 'completedOn', key: 'outcomes:errors.completedOn.required' });
        else if (input.completedOn > today()) problems.push({ field: 'completedOn', key: 'outcomes:errors.completedOn.future' });
        else if (input.completedOn < child.dateOfBirth) problems.push({ field: 'completedOn', key: 'outcomes:errors.completedOn.beforeBirth' });
        if (!(RESPONDENTS as readonly string[]).includes(input.respondent)) problems.push({ field: 'respondent', key: 'outcomes:errors.respondent.unknown' });
        if (definition) problems.push(...scoreProblems(definition, input.scores));
        if (problems.length || !definition || !input.completedOn) throw new ValidationError(problems, 422);
        const actor = ctx.actor;
        const saved = await repo.insertAdministration(tx, {
          childId,
          organisationId: child.organisationId,
          enteredByOrganisationId: actor.kind === 'user' ? actor.organisationId : child.organisationId,
          instrumentCode: definition.code,
          instrumentVersion: definition.version,
          completedOn: input.completedOn,
          respondent: input.respondent,
          scores: wholeScores(definition, input.scores),
          enteredBy: actor.kind === 'user' ? actor.userId : null,
        });
        await refreshTrajectory(tx, child, definition.code, register);
        await recordAudit(tx, ctx, {
          action: 'outcomes.edit',
          resourceType: 'outcome_administration',
          resourceId: saved.id,
          detail: { childId, instrument: definition.code, version: definition.version },
        });
        return { saved, register };
      }),
    );
  }

  /** A child's administrations, oldest first (a local authority reader gets bands only). */
  async function administrations(ctx: RequestContext, childId: string) {
    return auditedNotFound(deps, ctx, { action: 'outcomes.view', resourceType: 'child', resourceId: childId }, () =>
      run(ctx, async (tx) => {
        await loadChild(tx, ctx, childId, 'outcomes.view');
        const register = await loadRegister(tx);
        const rows = await repo.administrationsOf(tx, [childId]);
        await recordAudit(tx, ctx, { action: 'outcomes.view', resourceType: 'child', resourceId: childId, detail: { administrations: rows.length } });
        return { rows, register, bandsOnly: readsBandsOnly(ctx) };
      }),
    );
  }

  /** Recomputes the child's first-to-latest change on one instrument (what the cohort report reads). */
  async function refreshTrajectory(tx: Tx, child: ChildFacts, code: string, register: InstrumentRegister) {
    const rows = await repo.administrationsOf(tx, [child.id]);
    const placements = await placementsOfChildren(tx, [child.id]);
    const [trajectory] = trajectoriesOf(
      register,
      rows.filter((r) => r.instrumentCode === code),
    );
    if (!trajectory) return;
    const own = trajectory.administrations;
    await repo.saveTrajectory(tx, {
      childId: child.id,
      instrumentCode: code,
      organisationId: child.organisationId,
      sharedWith: child.sharedWith,
      familyFinderId: child.familyFinderId,
      socialWorkerId: child.socialWorkerId,
      placementDate: placements.get(child.id)?.placementDate ?? null,
      administrations: own.length,
      firstOn: own[0]!.completedOn,
      latestOn: own[own.length - 1]!.completedOn,
      changes: changesOf(trajectory),
    });
  }

  return {
    listInstruments,
    addInstrument,
    childOutcomes,
    entryForm,
    recordAdministration,
    administrations,
    ...createCohortUseCases(deps),
    ...createDueUseCases(deps),
    ...createQuestionnaireUseCases(deps),
    ...createPartnerSatisfactionUseCases(deps),
  };
}

export type OutcomesService = ReturnType<typeof createOutcomesService>;
