import { recordAudit } from '../../platform/audit/audit.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext, UserActor } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import { childrenByIds, type ChildFacts } from '../children/index.ts';
import { lastingPlacementsUpTo } from '../matching/index.ts';
import { listOrganisations } from '../organisations/index.ts';
import { DEFAULT_DISCLOSURE, type DisclosureConfig } from '../reporting/index.ts';
import { auditedNotFound, type OutcomesDeps } from './access.ts';
import type { InstrumentDefinition } from './instrument.ts';
import { AUTHORITY_SATISFACTION, WORKFORCE_SATISFACTION } from './partner-definitions.ts';
import * as partners from './partner-repository.ts';
import { authorityQuestionnairesDue, financialYearOf, readAnswers, type AuthorityDue } from './partner-rules.ts';
import { loadRegister } from './register.ts';
import * as repo from './repository.ts';
import { discloseSatisfaction, type DisclosedSatisfaction } from './satisfaction-disclosure.ts';
import { commentsOf, satisfactionByItem, type SatisfactionReports } from './satisfaction.ts';

export type AuthorityQuestionnaire = { child: { id: string; name: string }; due: AuthorityDue };
export type AuthorityForm = { definition: InstrumentDefinition; child: { id: string; name: string }; due: AuthorityDue | undefined };
export type WorkerForm = {
  definition: InstrumentDefinition;
  period: string;
  answered: boolean;
  agencies: { id: string; name: string; nameCy: string | null }[];
};
export type PartnerAnswerInput = { answers: Record<string, unknown>; comment: unknown };

/**
 * The partners' satisfaction: local authorities answer for each child they placed with the agency,
 * workers answer once a year about the support they receive, and the service manager reads all three
 * groups. Every read and write is authorised here and audited in the same transaction.
 */
export function createPartnerSatisfactionUseCases(deps: OutcomesDeps, options: { disclosure?: DisclosureConfig } = {}) {
  const { run } = deps;
  const today = () => dateInWales(deps.clock());
  const disclosure = options.disclosure ?? DEFAULT_DISCLOSURE;

  const latest = async (tx: Tx, code: string) => (await loadRegister(tx)).latest(code)!;

  function referrer(ctx: RequestContext): UserActor {
    authorize(ctx.actor, 'satisfaction.authorityAnswer');
    if (ctx.actor.kind !== 'user' || ctx.actor.organisationType !== 'local_authority') throw new NotFoundError();
    return ctx.actor;
  }

  /** What the authority has due: its children the agency placed (row-level security keeps the reads to them). */
  async function dueForAuthority(tx: Tx, actor: UserActor, definition: InstrumentDefinition) {
    const placements = (await lastingPlacementsUpTo(tx, today())).filter((p) => p.childOrganisationId === actor.organisationId);
    const childIds = placements.flatMap((p) => p.childIds);
    const answered = await partners.authorityAnswersFor(tx, definition.code, childIds);
    const due = authorityQuestionnairesDue(
      definition.schedule,
      placements.map((p) => ({ agencyId: p.organisationId, childIds: p.childIds, placementDate: p.placementDate })),
      answered,
      today(),
    );
    return { due, answered };
  }

  async function authorityQuestionnaires(ctx: RequestContext): Promise<{ definition: InstrumentDefinition; items: AuthorityQuestionnaire[] }> {
    return run(ctx, async (tx) => {
      const actor = referrer(ctx);
      const definition = await latest(tx, AUTHORITY_SATISFACTION.code);
      const { due } = await dueForAuthority(tx, actor, definition);
      const names = new Map(
        (
          await childrenByIds(
            tx,
            due.map((d) => d.childId),
          )
        ).map((c) => [c.id, c.name]),
      );
      const items = due.filter((d) => names.has(d.childId)).map((d) => ({ child: { id: d.childId, name: names.get(d.childId)! }, due: d }));
      await recordAudit(tx, ctx, { action: 'satisfaction.authorityAnswer', resourceType: 'authority_questionnaires', detail: { due: items.length } });
      return { definition, items };
    });
  }

  /** The authority's child, or 404: another authority's child (row-level security hides it) is not found either. */
  async function authorityChild(tx: Tx, actor: UserActor, childId: string): Promise<ChildFacts> {
    const [child] = await childrenByIds(tx, [childId]);
    if (!child) throw new NotFoundError();
    authorize(actor, 'satisfaction.authorityAnswer', { type: 'child', id: child.id, organisationId: child.organisationId });
    return child;
  }

  async function authorityQuestionnaire(ctx: RequestContext, childId: string): Promise<AuthorityForm> {
    return auditedNotFound(deps, ctx, { action: 'satisfaction.authorityAnswer', resourceType: 'child', resourceId: childId }, () =>
      run(ctx, async (tx) => {
        const actor = referrer(ctx);
        const child = await authorityChild(tx, actor, childId);
        const definition = await latest(tx, AUTHORITY_SATISFACTION.code);
        const { due } = await dueForAuthority(tx, actor, definition);
        await recordAudit(tx, ctx, { action: 'satisfaction.authorityAnswer', resourceType: 'child', resourceId: childId });
        return { definition, child: { id: child.id, name: child.name }, due: due.find((d) => d.childId === childId) };
      }),
    );
  }

  /**
   * Stores the authority's answer for the child's due point named in the form, in one go: every
   * mistake named and nothing stored while any remains (422); a point already answered, by this
   * person or a colleague, is refused (409) so there is one answer per child per due point.
   */
  async function answerAuthorityQuestionnaire(ctx: RequestContext, childId: string, input: PartnerAnswerInput & { dueOn: string }) {
    return auditedNotFound(deps, ctx, { action: 'satisfaction.authorityAnswer', resourceType: 'child', resourceId: childId }, () =>
      run(ctx, async (tx) => {
        const actor = referrer(ctx);
        await authorityChild(tx, actor, childId);
        const definition = await latest(tx, AUTHORITY_SATISFACTION.code);
        const { due, answered } = await dueForAuthority(tx, actor, definition);
        const point = due.find((d) => d.childId === childId && d.dueOn === input.dueOn);
        if (!point) {
          if (answered.has(`${childId}|${input.dueOn}`)) throw new ConflictError('outcomes:errors.partnerQuestionnaire.alreadyAnswered');
          throw new NotFoundError();
        }
        const read = readAnswers(definition, input.answers, input.comment);
        if (read.problems.length) throw new ValidationError(read.problems, 422);
        const id = await partners.insertAuthorityAnswer(tx, {
          organisationId: actor.organisationId,
          agencyId: point.agencyId,
          childId,
          instrumentCode: definition.code,
          instrumentVersion: definition.version,
          dueOn: point.dueOn,
          dueMonths: point.months,
          submittedOn: today(),
          period: today().slice(0, 4),
          language: ctx.language,
          respondentUserId: actor.userId,
          answers: read.answers,
          scores: read.scores,
          comment: read.comment,
        });
        if (!id) throw new ConflictError('outcomes:errors.partnerQuestionnaire.alreadyAnswered');
        await recordAudit(tx, ctx, {
          action: 'satisfaction.authorityAnswer',
          resourceType: 'partner_satisfaction_response',
          resourceId: id,
          detail: { childId, dueOn: point.dueOn },
        });
        return id;
      }),
    );
  }

  /** The authority's own answers, as they leave the agency: disclosure-controlled, without comments. */
  async function authorityResults(ctx: RequestContext): Promise<{ definition: InstrumentDefinition; figures: DisclosedSatisfaction }> {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'satisfaction.authorityResults');
      if (ctx.actor.kind !== 'user' || ctx.actor.organisationType !== 'local_authority') throw new NotFoundError();
      const definition = await latest(tx, AUTHORITY_SATISFACTION.code);
      const rows = await partners.answersGivenBy(tx, ctx.actor.organisationId, definition.code);
      await recordAudit(tx, ctx, { action: 'satisfaction.authorityResults', resourceType: 'cohort', detail: { instrument: definition.code } });
      return { definition, figures: discloseSatisfaction(definition, rows, disclosure) };
    });
  }

  function worker(ctx: RequestContext): UserActor {
    authorize(ctx.actor, 'satisfaction.workerAnswer');
    const actor = ctx.actor;
    if (actor.kind !== 'user' || (actor.organisationType !== 'agency' && actor.organisationType !== 'clinical_partner')) throw new NotFoundError();
    return actor;
  }

  /** The agencies a worker may rate: their own, or for the clinical partner's workers the agencies it works with. */
  async function agenciesFor(tx: Tx, actor: UserActor) {
    const agencies = (await listOrganisations(tx)).items.filter((o) => o.type === 'agency');
    const mine = actor.organisationType === 'agency' ? agencies.filter((a) => a.id === actor.organisationId) : agencies;
    return mine.map((a) => ({ id: a.id, name: a.name, nameCy: a.nameCy ?? null }));
  }

  async function workerQuestionnaire(ctx: RequestContext): Promise<WorkerForm> {
    return run(ctx, async (tx) => {
      const actor = worker(ctx);
      const definition = await latest(tx, WORKFORCE_SATISFACTION.code);
      const { period } = financialYearOf(today());
      const answered = await partners.hasWorkerReceipt(tx, actor.userId, definition.code, period);
      await recordAudit(tx, ctx, { action: 'satisfaction.workerAnswer', resourceType: 'worker_questionnaire', detail: { period } });
      return { definition, period, answered, agencies: await agenciesFor(tx, actor) };
    });
  }

  /**
   * Stores a worker's answer for this financial year. The receipt (who answered, which year) and the
   * answer (what, for which agency and year) are separate rows that share nothing else: the report
   * can never say who answered what, and the receipt stops a second answer. The audit names the
   * person and the year, never the answer.
   */
  async function answerWorkerQuestionnaire(ctx: RequestContext, input: PartnerAnswerInput & { agencyId: string }) {
    return run(ctx, async (tx) => {
      const actor = worker(ctx);
      const definition = await latest(tx, WORKFORCE_SATISFACTION.code);
      const year = financialYearOf(today());
      const read = readAnswers(definition, input.answers, input.comment);
      const agencies = await agenciesFor(tx, actor);
      const agency = agencies.length === 1 ? agencies[0] : agencies.find((a) => a.id === input.agencyId);
      if (!agency) read.problems.unshift({ field: 'agencyId', key: 'outcomes:errors.partnerQuestionnaire.agency' });
      if (read.problems.length || !agency) throw new ValidationError(read.problems, 422);
      if (
        !(await partners.claimWorkerReceipt(tx, {
          userId: actor.userId,
          organisationId: actor.organisationId,
          instrumentCode: definition.code,
          period: year.period,
        }))
      )
        throw new ConflictError('outcomes:errors.partnerQuestionnaire.alreadyAnswered');
      await partners.insertWorkerAnswer(tx, {
        organisationId: actor.organisationId,
        agencyId: agency.id,
        instrumentCode: definition.code,
        instrumentVersion: definition.version,
        dueOn: year.startsOn,
        period: year.period,
        language: ctx.language,
        answers: read.answers,
        scores: read.scores,
        comment: read.comment,
      });
      await recordAudit(tx, ctx, {
        action: 'satisfaction.workerAnswer',
        resourceType: 'worker_questionnaire',
        detail: { period: year.period, answered: true },
      });
    });
  }

  /**
   * The service manager's report: families, local authorities and workers, each by statement, overall
   * and by period, with each group's comments.
   * Exact figures: the report is the agency's own and never names who answered.
   */
  async function satisfactionReports(ctx: RequestContext): Promise<SatisfactionReports> {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'outcomes.satisfaction');
      if (ctx.actor.kind !== 'user') throw new NotFoundError();
      const agencyId = ctx.actor.organisationId;
      const register = await loadRegister(tx);
      const families = register.latest('placement-satisfaction')!;
      const familyRows = await repo.submittedResponses(tx, agencyId, families.code);
      const partnerReport = async (definition: InstrumentDefinition) => {
        const rows = await partners.answersAboutAgency(tx, agencyId, definition.code);
        const report = satisfactionByItem(
          definition,
          rows.map((r) => ({ submittedOn: null, year: r.period, answers: r.answers, scores: r.scores })),
        );
        return { ...report, comments: commentsOf(rows.map((r) => ({ year: r.period, comment: r.comment }))) };
      };
      const reports: SatisfactionReports = {
        families: {
          ...satisfactionByItem(families, familyRows),
          comments: commentsOf(familyRows.filter((r) => r.submittedOn).map((r) => ({ year: r.submittedOn!.slice(0, 4), comment: r.comment }))),
        },
        localAuthorities: await partnerReport(register.latest(AUTHORITY_SATISFACTION.code)!),
        workers: await partnerReport(register.latest(WORKFORCE_SATISFACTION.code)!),
      };
      await recordAudit(tx, ctx, {
        action: 'outcomes.satisfaction',
        resourceType: 'cohort',
        detail: { families: reports.families.responses, localAuthorities: reports.localAuthorities.responses, workers: reports.workers.responses },
      });
      return reports;
    });
  }

  return {
    authorityQuestionnaires,
    authorityQuestionnaire,
    answerAuthorityQuestionnaire,
    authorityResults,
    workerQuestionnaire,
    answerWorkerQuestionnaire,
    satisfactionReports,
  };
}
