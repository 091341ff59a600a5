import { recordAudit } from '../../platform/audit/audit.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { type RequestContext } from '../../platform/policy/actor.ts';
import { adopterMayRead, authorize, formulationPartsForAdopter, ADOPTER_FORMULATION_PARTS } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import { matchesOfHousehold, transitionStepsOf } from '../matching/index.ts';
import { inOrder, planProgress, type PlanProgress, type StepKind, type StepStatus } from '../matching/index.ts';
import * as clinical from './clinical-repository.ts';
import * as people from './people-repository.ts';
import * as sessions from './sessions-repository.ts';

type FormulationPart = (typeof ADOPTER_FORMULATION_PARTS)[number];

/** What a family reads of one match in their portal: only what the policy allows at its step. */
export type FamilyMatch = {
  matchId: string;
  stage: string;
  /** First names, once the policy lets the family read the children's profile. */
  childNames: string[];
  transitionPlan: {
    steps: { id: string; kind: StepKind; plannedDate: IsoDate; description: string | null; attendees: string | null; status: StepStatus }[];
    progress: PlanProgress;
  } | null;
  formulations: (Partial<Record<FormulationPart, string | null>> & { version: number; recordedAt: Date })[];
};

export type FamilyPreparation = {
  matches: FamilyMatch[];
  /** The household's therapeutic preparation sessions: when, what about, who came (never the worker's reflection). */
  sessions: { id: string; sessionDate: IsoDate; durationMinutes: number; topics: string[]; attendedBy: string[] }[];
};

/**
 * The adopter's own view of their preparation: their sessions, and for each match the transition
 * plan and the formulation of the children's needs, each from the step the policy module names.
 */
export function createFamilyService(runner: UseCaseRunner, clock: () => Date = () => new Date()) {
  const { run } = runner;

  async function familyPreparation(ctx: RequestContext, householdId: string): Promise<FamilyPreparation> {
    const found = await run(ctx, async (tx) => {
      authorize(ctx.actor, 'portal.view');
      if (ctx.actor.kind !== 'user') throw new NotFoundError();
      const actor = ctx.actor;
      const household = await sessions.getHousehold(tx, householdId);
      if (!household) throw new NotFoundError();
      // Being of the agency is not enough: only an adopter of this household.
      authorize(actor, 'portal.view', {
        type: 'household',
        id: householdId,
        organisationId: null,
        subjectUserId: household.adopterUserIds.includes(actor.userId) ? actor.userId : null,
      });
      // Only matches at a step where the family reads something of them (closed links show nothing more).
      const open = (await matchesOfHousehold(tx, householdId)).filter(
        (m) => adopterMayRead('transitionPlan', m.stage) || formulationPartsForAdopter(m.stage).length > 0,
      );
      const planned = open.filter((m) => adopterMayRead('transitionPlan', m.stage));
      const steps = await transitionStepsOf(
        tx,
        planned.map((m) => m.id),
      );
      const readable = open.filter((m) => formulationPartsForAdopter(m.stage).length > 0);
      const formulations = await clinical.currentFormulationsOfChildren(
        tx,
        readable.flatMap((m) => m.childIds),
      );
      const applicants = await sessions.applicantsOf(tx, householdId);
      const ownSessions = await sessions.sessionsOfHousehold(tx, householdId);
      await recordAudit(tx, ctx, {
        action: 'portal.view',
        resourceType: 'household',
        resourceId: householdId,
        detail: { part: 'preparation', plans: planned.length, formulations: formulations.length, sessions: ownSessions.length },
      });
      const on = dateInWales(clock());
      const names = new Map(applicants.map((a) => [a.id, a.givenNames]));
      return {
        open,
        sessions: ownSessions.map(({ session }) => ({
          id: session.id,
          sessionDate: session.sessionDate,
          durationMinutes: session.durationMinutes,
          topics: session.topics,
          attendedBy: Object.entries(session.attendance)
            .filter(([, came]) => came)
            .map(([id]) => names.get(id))
            .filter((n): n is string => Boolean(n)),
        })),
        matches: open.map((m): FamilyMatch => {
          const own = inOrder(steps.filter((s) => s.step.matchId === m.id).map((s) => s.step));
          const parts = formulationPartsForAdopter(m.stage);
          return {
            matchId: m.id,
            stage: m.stage,
            childNames: [],
            transitionPlan: adopterMayRead('transitionPlan', m.stage)
              ? {
                  steps: own.map((s) => ({
                    id: s.id,
                    kind: s.kind,
                    plannedDate: s.plannedDate,
                    description: s.description,
                    attendees: s.attendees,
                    status: s.status,
                  })),
                  progress: planProgress(own, on),
                }
              : null,
            formulations: formulations
              .filter((f) => parts.length > 0 && f.childIds.some((id) => m.childIds.includes(id)))
              .map((f) => ({ version: f.formulationVersion, recordedAt: f.recordedAt, ...Object.fromEntries(parts.map((p) => [p, f[p]])) })),
          };
        }),
      };
    });
    // A family may not read children's records; the first names the policy allows them are read by the platform, and nothing else.
    const named = found.open.filter((m) => adopterMayRead('profile', m.stage));
    if (named.length) {
      const children = await runner.runAsSystemJob('familyFirstNames', ctx, (tx) =>
        people.childrenByIds(
          tx,
          named.flatMap((m) => m.childIds),
        ),
      );
      const first = new Map(children.map((c) => [c.id, c.name]));
      for (const match of found.matches) {
        const source = named.find((m) => m.id === match.matchId);
        if (source) match.childNames = source.childIds.map((id) => first.get(id)).filter((n): n is string => Boolean(n));
      }
    }
    return { matches: found.matches.filter((m) => m.transitionPlan || m.formulations.length), sessions: found.sessions };
  }

  return { familyPreparation };
}
