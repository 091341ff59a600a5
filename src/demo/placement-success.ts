import type { RequestContext } from '../platform/policy/actor.ts';
import type { UseCaseRunner } from '../platform/use-case.ts';
import { addDays, type IsoDate } from '../platform/dates/dates.ts';
import { waitingForMatching, type ChildrenService } from '../modules/children/index.ts';
import type { MatchingStory, SetDay } from '../modules/matching/index.ts';
import { createMatchingService } from '../modules/matching/index.ts';
import { insertStoryHouseholds } from '../modules/recruitment/index.ts';

type MatchingService = ReturnType<typeof createMatchingService>;

/**
 * The parts of the story the placement success page needs beyond the matching story: a placement
 * that moved in ten months ago and ended before the adoption order three months ago (a
 * disruption, with its reasons), and a child whose plan changed from adoption to long-term
 * fostering six weeks ago. Both through the services, as the people who would do it, on their day.
 */
export async function seedDemoPlacementSuccess(
  runner: UseCaseRunner,
  services: { matching: MatchingService; children: ChildrenService },
  story: MatchingStory,
  options: {
    today: IsoDate;
    seed: number;
    agencyId: string;
    system: RequestContext;
    familyFinder: RequestContext;
    socialWorkerIds: string[];
    referrerOf: (organisationId: string) => RequestContext;
    setDay: SetDay;
  },
): Promise<void> {
  const { today, setDay, familyFinder } = options;
  const day = (days: number) => addDays(today, days);
  const inStory = new Set(
    [story.placed, story.decision, story.introductions, story.shortlisted, story.declined, story.adopted].flatMap((m) => m?.childIds ?? []),
  );
  // Children on their own, waiting since a placement order, not in the matching story: the longest waiting first.
  const alone = (await runner.run(options.system, (tx) => waitingForMatching(tx, ['family_finding'])))
    .filter((c) => !c.groupId && c.placementOrderDate && !inStory.has(c.id))
    .sort((a, b) => a.placementOrderDate!.localeCompare(b.placementOrderDate!));
  const [disrupted, planChanged] = alone;
  if (!disrupted || !planChanged) return;

  if (disrupted.placementOrderDate! < day(-420)) {
    const households = await runner.run(options.system, (tx) =>
      insertStoryHouseholds(
        tx,
        [
          {
            key: 'disrupted',
            approvedOn: day(-450),
            applicants: [{ givenNames: 'Morgan', familyName: 'Tŷ Newydd (fictional)' }],
            town: 'Aberystwyth',
            localAuthorityArea: 'Ceredigion',
            welsh: true,
            terms: {
              childrenMax: 1,
              ageMin: 4,
              ageMax: 12,
              siblingGroups: false,
              needs: [],
              contact: ['letterbox'],
              strengths: 'Calm home, experience of caring for a nephew.',
            },
          },
        ],
        { seed: options.seed + 100, organisationId: options.agencyId, socialWorkerIds: options.socialWorkerIds },
      ),
    );
    const householdId = households.get('disrupted')!;
    setDay(day(-400));
    const match = await services.matching.createLink(familyFinder, { householdId, childId: disrupted.id, source: 'manual' });
    const step = async (on: number, move: Omit<Parameters<MatchingService['progress']>[2], 'date'>) => {
      setDay(day(on));
      await services.matching.progress(familyFinder, match.id, { ...move, date: day(on) });
    };
    await step(-390, { to: 'shortlisted' });
    await step(-380, { to: 'visits' });
    await step(-365, { to: 'matching_meeting' });
    await step(-345, { to: 'matching_panel' });
    await step(-345, { to: 'agency_decision', panelRecommendation: 'match' });
    setDay(day(-341), '14:00');
    await services.matching.agree(options.referrerOf(disrupted.organisationId), match.id);
    await step(-335, { to: 'introductions', decision: 'match', decisionMaker: 'Agency decision maker (fictional)' });
    await step(-300, { to: 'placed' });
    await step(-90, {
      to: 'disrupted',
      reason: 'Fictional: the family and the child’s team agreed that the child needs a family with no other demands at home; support continues for both.',
    });
  }

  setDay(day(-45));
  {
    const child = await services.children.getChild(familyFinder, planChanged.id);
    await services.children.recordOutcome(
      familyFinder,
      planChanged.id,
      {
        outcome: 'plan_changed_long_term_fostering',
        reason:
          'Fictional: after two years of family finding, the child’s review agreed that staying with the foster carers they are settled with is best for them.',
        outcomeDate: day(-45),
      },
      child.child.version,
    );
  }
  setDay();
}
