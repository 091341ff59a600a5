import { addDays, type IsoDate } from '../../platform/dates/dates.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { childrenByIds, childrenInPreparation } from '../children/index.ts';
import type { MatchingStory } from '../matching/index.ts';
import { PLACEMENT_SATISFACTION } from './definitions.ts';
import { AUTHORITY_SATISFACTION, WORKFORCE_SATISFACTION } from './partner-definitions.ts';
import * as partners from './partner-repository.ts';
import { financialYearOf } from './partner-rules.ts';
import * as repo from './repository.ts';
import { scoreAnswers } from './scores.ts';
import type { OutcomesService } from './service.ts';

/** SDQ scale scores with the total worked out, as a worker copies them from the paper form. */
function sdq(emotional: number, conduct: number, hyperactivity: number, peer: number, prosocial: number, impact: number) {
  return { emotional, conduct, hyperactivity, peer, prosocial, impact, total: emotional + conduct + hyperactivity + peer };
}

/**
 * Trajectories of the demo's children (fictional): most improve reliably, some do not change
 * reliably, one deteriorates, so the child pages and the cohort show each kind.
 */
const TRAJECTORIES: { days: number; scores: ReturnType<typeof sdq> }[][] = [
  [
    { days: -330, scores: sdq(7, 6, 9, 5, 4, 5) },
    { days: -150, scores: sdq(5, 4, 8, 4, 6, 3) },
    { days: -20, scores: sdq(3, 2, 6, 2, 8, 1) },
  ],
  [
    { days: -300, scores: sdq(6, 5, 8, 4, 5, 4) },
    { days: -40, scores: sdq(3, 3, 5, 2, 7, 1) },
  ],
  [
    { days: -280, scores: sdq(8, 4, 7, 6, 6, 6) },
    { days: -90, scores: sdq(4, 3, 6, 3, 7, 2) },
  ],
  [
    { days: -260, scores: sdq(4, 3, 6, 3, 7, 2) },
    { days: -60, scores: sdq(4, 2, 6, 3, 7, 2) },
  ],
  [
    { days: -250, scores: sdq(5, 4, 7, 3, 6, 3) },
    { days: -30, scores: sdq(4, 4, 6, 3, 7, 2) },
  ],
  [
    { days: -240, scores: sdq(3, 2, 5, 2, 8, 1) },
    { days: -25, scores: sdq(7, 5, 8, 4, 5, 5) },
  ],
];

/** A family's answers to the eight statements, from the first to the last. */
const ANSWERS: number[][] = [
  [4, 3, 3, 4, 4, 3, 5, 4],
  [4, 4, 4, 5, 5, 4, 5, 5],
  [5, 4, 5, 5, 5, 5, 5, 5],
];

/**
 * The demo's outcome measures, entered by the agency’s therapeutic social worker for the days they were completed: the
 * adopted child's SDQ at placement, 6 and 12 months (reliable improvement) and developmental checks;
 * children in preparation with varied trajectories and, for three in four, their developmental check;
 * the newly placed child's baseline left due;
 * and the adopted family's satisfaction questionnaires over two years.
 */
export async function seedDemoOutcomes(
  runner: UseCaseRunner,
  outcomes: OutcomesService,
  story: MatchingStory,
  options: { today: IsoDate; agencyId: string; clinician: RequestContext; system: RequestContext },
): Promise<{ administrations: number }> {
  const { today, clinician } = options;
  const day = (days: number) => addDays(today, days);
  let administrations = 0;
  const enter = async (childId: string, days: number, instrument: string, scores: Record<string, number>, respondent = 'parent_carer') => {
    await outcomes.recordAdministration(clinician, childId, { instrument, completedOn: day(days), respondent, scores });
    administrations += 1;
  };

  const adopted = story.adopted?.childIds[0];
  if (adopted) {
    await enter(adopted, -420, 'sdq-parent', sdq(8, 6, 9, 5, 4, 6));
    await enter(adopted, -240, 'sdq-parent', sdq(6, 4, 8, 4, 6, 4));
    await enter(adopted, -62, 'sdq-parent', sdq(3, 2, 6, 2, 8, 1));
    await enter(adopted, -400, 'developmental-check', { communication: 2, motor: 1, social: 2, learning: 1 }, 'worker');
    await enter(adopted, -60, 'developmental-check', { communication: 1, motor: 0, social: 1, learning: 0 }, 'worker');
  }

  // Children being prepared for a family, assessed by the clinical team as part of their preparation.
  const waiting = await runner.run(clinician, (tx) => childrenInPreparation(tx, 40));
  const others = waiting.filter((c) => !story.placed?.childIds.includes(c.id) && c.id !== adopted && c.status !== 'placed');
  for (const [i, trajectory] of TRAJECTORIES.entries()) {
    const child = others[i];
    if (!child) break;
    for (const point of trajectory) await enter(child.id, point.days, 'sdq-parent', point.scores);
  }
  // Most children waiting have had their developmental check this week; every fourth has not yet,
  // so the worker's list shows what is due or overdue.
  for (const [i, child] of others.entries()) {
    if (i % 4 === 3) continue;
    await enter(child.id, -7, 'developmental-check', { communication: i % 3, motor: 0, social: (i + 1) % 3, learning: i % 2 }, 'worker');
  }

  // The adopted family's questionnaires at placement, 6 and 12 months; the placed family's first is due in the portal.
  const family = story.adopted?.householdId;
  if (family) {
    await runner.run(options.system, async (tx) => {
      for (const [i, months] of [0, 6, 12].entries()) {
        const dueOn = day(-425 + Math.round(months * 30.4));
        await repo.openResponse(tx, {
          householdId: family,
          organisationId: options.agencyId,
          matchId: story.adopted!.matchId,
          instrumentCode: PLACEMENT_SATISFACTION.code,
          instrumentVersion: PLACEMENT_SATISFACTION.version,
          dueMonths: months,
          dueOn,
        });
        const [opened] = (await repo.responsesOfHouseholds(tx, [family])).filter((r) => r.dueOn === dueOn);
        const answers = Object.fromEntries((PLACEMENT_SATISFACTION.items ?? []).map((item, j) => [item.code, ANSWERS[i]![j]!]));
        await repo.saveResponse(tx, opened!.id, opened!.version, {
          answers,
          status: 'submitted',
          submittedOn: addDays(dueOn, 10),
          scores: scoreAnswers(PLACEMENT_SATISFACTION, answers),
          language: i === 1 ? 'cy' : 'en',
        });
      }
    });
  }
  await seedPartnerSatisfaction(runner, story, { today, agencyId: options.agencyId, system: options.system });
  return { administrations };
}

/** Workers' answers (fictional, anonymous): this financial year's and last year's, with a few comments. */
const WORKER_ANSWERS: { lastYear: boolean; answers: number[]; comment: string | null }[] = [
  { lastYear: true, answers: [4, 4, 5, 4, 2], comment: 'Supervision every month keeps me going; the caseload is heavy.' },
  { lastYear: true, answers: [5, 4, 4, 4, 3], comment: null },
  { lastYear: true, answers: [3, 3, 4, 3, 2], comment: null },
  { lastYear: true, answers: [4, 5, 5, 5, 3], comment: 'Mae’r hyfforddiant ar drawma wedi bod yn werthfawr iawn.' },
  { lastYear: true, answers: [4, 4, 4, 4, 3], comment: null },
  { lastYear: false, answers: [5, 5, 5, 4, 3], comment: 'Consultations with the psychologist help me plan visits.' },
  { lastYear: false, answers: [4, 4, 5, 5, 3], comment: null },
  { lastYear: false, answers: [4, 5, 4, 4, 2], comment: null },
  { lastYear: false, answers: [5, 4, 5, 5, 4], comment: null },
  { lastYear: false, answers: [4, 4, 4, 4, 3], comment: null },
];

/**
 * The partners' satisfaction in the demo: the adopted child's local authority answered its
 * questionnaire three months after the move (fictional, no account behind it), and the agency's
 * workers answered theirs last financial year and this one.
 */
async function seedPartnerSatisfaction(runner: UseCaseRunner, story: MatchingStory, options: { today: IsoDate; agencyId: string; system: RequestContext }) {
  const score = (definition: typeof AUTHORITY_SATISFACTION, values: number[]) => {
    const answers = Object.fromEntries((definition.items ?? []).map((item, j) => [item.code, values[j]!]));
    return { answers, scores: scoreAnswers(definition, answers) };
  };
  await runner.run(options.system, async (tx) => {
    const adopted = story.adopted?.childIds[0];
    const [child] = adopted ? await childrenByIds(tx, [adopted]) : [];
    if (child) {
      const dueOn = addDays(options.today, -425 + 91);
      await partners.insertAuthorityAnswer(tx, {
        organisationId: child.organisationId,
        agencyId: options.agencyId,
        childId: child.id,
        instrumentCode: AUTHORITY_SATISFACTION.code,
        instrumentVersion: AUTHORITY_SATISFACTION.version,
        dueOn,
        dueMonths: 3,
        submittedOn: addDays(dueOn, 12),
        period: addDays(dueOn, 12).slice(0, 4),
        language: 'en',
        respondentUserId: null,
        ...score(AUTHORITY_SATISFACTION, [5, 4, 5, 4, 5, 4, 5]),
        comment: 'Clear updates throughout, and the therapeutic support was there from the first week.',
      });
    }
    const thisYear = financialYearOf(options.today);
    const lastYear = financialYearOf(addDays(thisYear.startsOn, -1));
    for (const w of WORKER_ANSWERS) {
      const year = w.lastYear ? lastYear : thisYear;
      await partners.insertWorkerAnswer(tx, {
        organisationId: options.agencyId,
        agencyId: options.agencyId,
        instrumentCode: WORKFORCE_SATISFACTION.code,
        instrumentVersion: WORKFORCE_SATISFACTION.version,
        dueOn: year.startsOn,
        period: year.period,
        language: w.comment?.startsWith('Mae’r') ? 'cy' : 'en',
        ...score(WORKFORCE_SATISFACTION, w.answers),
        comment: w.comment,
      });
    }
  });
}
