import { recordAudit } from '../../platform/audit/audit.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import { matchesOfHousehold, placementsOf } from '../matching/index.ts';
import { notify } from '../notifications/index.ts';
import { listOrganisations } from '../organisations/index.ts';
import { adopterRecords } from '../recruitment/index.ts';
import type { OutcomesDeps } from './access.ts';
import type { InstrumentDefinition } from './instrument.ts';
import { loadRegister } from './register.ts';
import * as repo from './repository.ts';
import { readComment } from './partner-rules.ts';
import { scheduleFor } from './schedule.ts';
import { answerProblems, scoreAnswers } from './scores.ts';
import { satisfactionByItem, type SatisfactionReport } from './satisfaction.ts';

export type FamilyQuestionnaire = { response: repo.ResponseRow; definition: InstrumentDefinition };

/**
 * Questionnaires families answer in the portal (placement satisfaction): opened when one falls
 * due after their child moved in, saved as they go, submitted once; and the service manager's
 * view of the answers by item and over time.
 */
export function createQuestionnaireUseCases(deps: OutcomesDeps) {
  const { run } = deps;
  const today = () => dateInWales(deps.clock());

  /** The adopter's own household, or 404: a family sees only its own questionnaires. */
  async function ownHousehold(tx: Tx, ctx: RequestContext) {
    authorize(ctx.actor, 'questionnaires.answer');
    if (ctx.actor.kind !== 'user') throw new NotFoundError();
    const applicant = await adopterRecords.applicantOfUser(tx, ctx.actor.userId);
    const household = applicant ? await adopterRecords.getHousehold(tx, applicant.householdId) : undefined;
    if (!household || !household.adopterUserIds.includes(ctx.actor.userId)) throw new NotFoundError();
    authorize(ctx.actor, 'questionnaires.answer', {
      type: 'household',
      id: household.id,
      organisationId: household.organisationId,
      subjectUserId: ctx.actor.userId,
    });
    return household;
  }

  /** Opens every questionnaire now due for the household's placements (once per due date). */
  async function openDue(tx: Tx, household: { id: string; organisationId: string }) {
    const register = await loadRegister(tx);
    const forFamilies = register.current().filter((d) => d.answeredIn === 'portal');
    const existing = await repo.responsesOfHouseholds(tx, [household.id]);
    for (const match of await matchesOfHousehold(tx, household.id)) {
      if (!match.placementDate || match.disruptionDate) continue;
      for (const definition of forFamilies) {
        const done = existing.filter((r) => r.instrumentCode === definition.code && r.status === 'submitted' && r.submittedOn).map((r) => r.submittedOn!);
        const points = scheduleFor(definition.schedule, { referralAcceptedOn: null, placementDate: match.placementDate }, done, today());
        for (const point of points.filter((p) => p.state === 'due' || p.state === 'overdue')) {
          await repo.openResponse(tx, {
            householdId: household.id,
            organisationId: household.organisationId,
            matchId: match.id,
            instrumentCode: definition.code,
            instrumentVersion: definition.version,
            dueMonths: point.months,
            dueOn: point.dueOn,
          });
        }
      }
    }
  }

  async function familyQuestionnaires(ctx: RequestContext): Promise<FamilyQuestionnaire[]> {
    return run(ctx, async (tx) => {
      const household = await ownHousehold(tx, ctx);
      await openDue(tx, household);
      const register = await loadRegister(tx);
      const responses = await repo.responsesOfHouseholds(tx, [household.id]);
      await recordAudit(tx, ctx, {
        action: 'questionnaires.answer',
        resourceType: 'household',
        resourceId: household.id,
        detail: { questionnaires: responses.length },
      });
      return responses.flatMap((response) => {
        const definition = register.version(response.instrumentCode, response.instrumentVersion);
        return definition ? [{ response, definition }] : [];
      });
    });
  }

  async function loadOwn(tx: Tx, ctx: RequestContext, id: string): Promise<FamilyQuestionnaire> {
    const household = await ownHousehold(tx, ctx);
    const response = await repo.getResponse(tx, id);
    if (!response || response.householdId !== household.id) throw new NotFoundError();
    const definition = (await loadRegister(tx)).version(response.instrumentCode, response.instrumentVersion);
    if (!definition) throw new NotFoundError();
    return { response, definition };
  }

  async function familyQuestionnaire(ctx: RequestContext, id: string): Promise<FamilyQuestionnaire> {
    return run(ctx, async (tx) => {
      const found = await loadOwn(tx, ctx, id);
      await recordAudit(tx, ctx, { action: 'questionnaires.answer', resourceType: 'questionnaire_response', resourceId: id });
      return found;
    });
  }

  /**
   * Saves the family's answers on the version they read. Saving keeps unanswered items for later;
   * submitting needs every item and happens once (a submitted questionnaire is no longer open).
   */
  async function answerQuestionnaire(
    ctx: RequestContext,
    id: string,
    input: { answers: Record<string, unknown>; version: number; submit: boolean; comment?: unknown },
  ) {
    return run(ctx, async (tx) => {
      const { response, definition } = await loadOwn(tx, ctx, id);
      if (response.status === 'submitted') throw new ConflictError('outcomes:errors.questionnaire.alreadySubmitted');
      const answers = { ...response.answers };
      for (const item of definition.items ?? []) {
        const raw = input.answers[item.code];
        if (raw === undefined || raw === '') continue;
        answers[item.code] = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : (raw as number);
      }
      // The comment is saved with the draft like the answers; a form that sends none keeps the one saved.
      const typed = input.comment === undefined ? { comment: response.comment, problems: [] } : readComment(definition, input.comment);
      const problems = [...answerProblems(definition, answers, input.submit), ...typed.problems];
      if (problems.length) throw new ValidationError(problems, input.submit ? 422 : 400);
      const saved = await repo.saveResponse(tx, id, input.version, {
        answers,
        comment: typed.comment,
        language: ctx.language,
        ...(input.submit ? { status: 'submitted' as const, submittedOn: today(), scores: scoreAnswers(definition, answers) } : {}),
      });
      if (!saved) throw new ConflictError(undefined, response.version);
      await recordAudit(tx, ctx, {
        action: 'questionnaires.answer',
        resourceType: 'questionnaire_response',
        resourceId: id,
        detail: { submitted: input.submit, answered: Object.keys(answers).length },
      });
      return saved;
    });
  }

  /**
   * Opens what has fallen due for every family the agency placed (whether or not they have signed
   * in since) and reminds each family of each open questionnaire once, in each applicant's language and as
   * they chose to be told (notifications' notify) (sent only if this commits). A questionnaire is claimed before its
   * e-mails are queued (`claimReminder` sets `reminded_at` only where it was empty), so two runs at
   * once, or the button pressed while the hourly job runs, never remind a family twice for one due
   * questionnaire. Returns how many e-mails were queued.
   */
  async function remindAgency(tx: Tx, agencyId: string, baseUrl: string): Promise<number> {
    const households = new Set((await placementsOf(tx, { agencyId })).filter((p) => !p.disruptionDate).map((p) => p.householdId));
    for (const householdId of households) await openDue(tx, { id: householdId, organisationId: agencyId });
    const open = (await repo.openResponsesOf(tx, agencyId)).filter((r) => !r.remindedAt);
    const register = await loadRegister(tx);
    let sent = 0;
    for (const response of open) {
      const definition = register.version(response.instrumentCode, response.instrumentVersion);
      if (!definition) continue;
      if (!(await repo.claimReminder(tx, response.id))) continue;
      for (const applicant of await adopterRecords.applicantsOfHousehold(tx, response.householdId)) {
        if (!applicant.email || !applicant.userId) continue;
        // The family's own choices hold: a digest gathers it, "only what the law requires" leaves it out.
        const delivery = await notify(tx, {
          event: 'questionnaireDue',
          organisationId: response.organisationId,
          recipient: { email: applicant.email, language: applicant.preferredLanguage === 'cy' ? 'cy' : 'en', userId: applicant.userId },
          data: {
            name: applicant.givenNames,
            questionnaire: definition.name.en,
            questionnaireCy: definition.name.cy,
            date: response.dueOn,
            link: `${baseUrl}/my-application/questionnaires/${response.id}`,
          },
          references: { householdId: response.householdId, responseId: response.id },
        });
        if (delivery === 'none') continue;
        sent += 1;
      }
    }
    return sent;
  }

  /** The service manager's button: reminds the agency's families now (the hourly job does the same). */
  async function remindFamilies(ctx: RequestContext, options: { baseUrl: string }): Promise<number> {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'outcomes.satisfaction');
      if (ctx.actor.kind !== 'user') throw new NotFoundError();
      const sent = await remindAgency(tx, ctx.actor.organisationId, options.baseUrl);
      await recordAudit(tx, ctx, { action: 'outcomes.satisfaction', resourceType: 'questionnaire_reminders', detail: { sent } });
      return sent;
    });
  }

  /**
   * The scheduled job (`serve` runs it every hour): the same reminders for every agency, run as the
   * platform (system job `questionnaireReminders`), audited as the job with counts only.
   */
  async function sendDueReminders(ctx: RequestContext, options: { baseUrl: string }): Promise<{ agencies: number; sent: number }> {
    return deps.runAsSystemJob('questionnaireReminders', ctx, async (tx, system) => {
      const agencies = (await listOrganisations(tx)).items.filter((o) => o.type === 'agency');
      let sent = 0;
      for (const agency of agencies) sent += await remindAgency(tx, agency.id, options.baseUrl);
      await recordAudit(tx, system, {
        action: 'system.questionnaireReminders',
        resourceType: 'questionnaire_reminders',
        detail: { agencies: agencies.length, sent },
      });
      return { agencies: agencies.length, sent };
    });
  }

  /**
   * Families' satisfaction by item, over every questionnaire submitted or (a report's period) those
   * submitted between `from` and `to` inclusive.
   */
  async function satisfactionReport(ctx: RequestContext, options: { instrument?: string; from?: string; to?: string } = {}): Promise<SatisfactionReport> {
    const instrument = options.instrument ?? 'placement-satisfaction';
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'outcomes.satisfaction');
      if (ctx.actor.kind !== 'user') throw new NotFoundError();
      const register = await loadRegister(tx);
      const definition = register.latest(instrument);
      if (!definition) throw new NotFoundError();
      const period = options.from && options.to ? { from: options.from, to: options.to } : undefined;
      const rows = await repo.submittedResponses(tx, ctx.actor.organisationId, instrument, period);
      await recordAudit(tx, ctx, {
        action: 'outcomes.satisfaction',
        resourceType: 'cohort',
        detail: { instrument, responses: rows.length, ...(period ?? {}) },
      });
      return satisfactionByItem(definition, rows);
    });
  }

  return { familyQuestionnaires, familyQuestionnaire, answerQuestionnaire, remindFamilies, sendDueReminders, satisfactionReport };
}
