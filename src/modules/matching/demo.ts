import type { RequestContext } from '../../platform/policy/actor.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import type { IsoDate } from '../../platform/dates/dates.ts';
import type { ChildrenService } from '../children/index.ts';
import { insertStoryHouseholds, linkAdopterToHousehold } from '../recruitment/index.ts';
import { addDays } from '../../platform/dates/add-days.ts';
import { waitingChildren } from './pool-repository.ts';
import { childrenByIds } from './repository.ts';
import type { MatchingService } from './service.ts';
import { chooseStoryUnits, childFirstName, STORY_DAYS, storyFamilies, storyProfile, type StoryUnit } from './synthetic-story.ts';
import type { StepInput, TransitionService } from './transition-service.ts';

/** One match of the story, with what the other modules' demo data hangs on. */
export type StoryMatch = { matchId: string; householdId: string; childIds: string[]; childNames: string[]; childOrganisationId: string };

export type MatchingStory = {
  /** The story's households by key: placed, decision, introductions, shortlisted, explored, adopted. */
  households: Map<string, string>;
  placed?: StoryMatch;
  decision?: StoryMatch;
  introductions?: StoryMatch;
  shortlisted?: StoryMatch;
  explored?: StoryMatch;
  declined?: StoryMatch;
  /** Placed over a year ago, the adoption order since made. */
  adopted?: StoryMatch;
};

/** Moves the services' clock to a day of the story (10:00 in Wales unless said), or back to now without one. */
export type SetDay = (day?: IsoDate, time?: string) => void;

export type MatchingDemoOptions = {
  today: IsoDate;
  seed: number;
  agencyId: string;
  /** Workers the story's households are allocated to, in turn. */
  socialWorkerIds: string[];
  adopter: { userId: string; email: string } | null;
  /** Who does what: the family finder links and moves matches; each child's authority agrees. */
  system: RequestContext;
  familyFinder: RequestContext;
  referrerOf: (organisationId: string) => RequestContext;
  setDay: SetDay;
  /** Synthetic postcodes the story's families live at, in turn. */
  postcodes?: readonly string[];
};

const DECISION_MAKER = 'Agency decision maker (fictional)';

/**
 * The matching part of the demo's story, through the matching service as the people who would do
 * it, each step on its own day (the services' clock is moved to it), so every rule of the workflow
 * holds: households approved, one active match per unit, one per household, stages in order.
 */
export async function seedDemoMatching(
  runner: UseCaseRunner,
  services: { matching: MatchingService; transitions: TransitionService; children: ChildrenService },
  options: MatchingDemoOptions,
): Promise<MatchingStory> {
  const { today, setDay, familyFinder } = options;
  const day = (days: number) => addDays(today, days);
  const units = chooseStoryUnits(await runner.run(options.system, (tx) => waitingChildren(tx)), today);

  // Profiles written for families, which adopters read from the shortlist on.
  let index = 0;
  for (const unit of Object.values(units)) {
    const current = await runner.run(options.system, (tx) =>
      childrenByIds(
        tx,
        unit.children.map((c) => c.id),
      ),
    );
    for (const child of unit.children) {
      const version = current.find((c) => c.id === child.id)!.version;
      await services.children.updateChild(options.system, child.id, storyProfile(unit, child, index++, today), version);
    }
  }

  const families = storyFamilies(units, today, options.adopter?.email ?? 'adopter@demo.invalid');
  const households = await runner.run(options.system, async (tx) => {
    const ids = await insertStoryHouseholds(tx, families, {
      seed: options.seed,
      organisationId: options.agencyId,
      socialWorkerIds: options.socialWorkerIds,
      postcodes: options.postcodes,
    });
    if (options.adopter) await linkAdopterToHousehold(tx, ids.get('placed')!, options.adopter);
    return ids;
  });
  const story: MatchingStory = { households };

  async function link(householdKey: string, unit: StoryUnit, on: number): Promise<StoryMatch> {
    setDay(day(on));
    const householdId = households.get(householdKey)!;
    const match = await services.matching.createLink(familyFinder, { householdId, childId: unit.children[0]!.id, source: 'manual' });
    return {
      matchId: match.id,
      householdId,
      childIds: match.childIds,
      childNames: unit.children.map(childFirstName),
      childOrganisationId: unit.organisationId,
    };
  }

  async function step(match: StoryMatch, on: number, move: Omit<Parameters<MatchingService['progress']>[2], 'date'>) {
    setDay(day(on));
    await services.matching.progress(familyFinder, match.matchId, { ...move, date: day(on) });
  }

  /** From link to the agency decision: shortlist, visits, matching meeting, panel and its recommendation, the authority's agreement. */
  async function toDecision(match: StoryMatch, days: { shortlisted: number; visits: number; matchingMeeting: number; panel: number; agreed: number }) {
    await step(match, days.shortlisted, { to: 'shortlisted' });
    await step(match, days.visits, { to: 'visits' });
    await step(match, days.matchingMeeting, { to: 'matching_meeting' });
    await step(match, days.panel, { to: 'matching_panel' });
    await step(match, days.panel, { to: 'agency_decision', panelRecommendation: 'match' });
    setDay(day(days.agreed), '14:00');
    await services.matching.agree(options.referrerOf(match.childOrganisationId), match.matchId);
  }

  if (units.declined) {
    const first = await link('placed', units.declined, STORY_DAYS.placed.declinedLinked);
    await step(first, STORY_DAYS.placed.declined, {
      to: 'declined',
      declinedBy: 'household',
      reason:
        'After reading the child’s profile and meeting their social worker, the family felt they could not yet give the one-to-one attention the child needs, and asked for the link to end.',
    });
    story.declined = first;
  }
  if (units.placed) {
    const match = await link('placed', units.placed, STORY_DAYS.placed.linked);
    await toDecision(match, STORY_DAYS.placed);
    await step(match, STORY_DAYS.placed.introductions, { to: 'introductions', decision: 'match', decisionMaker: DECISION_MAKER });
    await step(match, STORY_DAYS.placed.placed, { to: 'placed' });
    story.placed = match;
  }
  if (units.decision) {
    const match = await link('decision', units.decision, STORY_DAYS.decision.linked);
    await toDecision(match, STORY_DAYS.decision);
    story.decision = match;
  }
  if (units.introductions) {
    const match = await link('introductions', units.introductions, STORY_DAYS.introductions.linked);
    await toDecision(match, STORY_DAYS.introductions);
    await step(match, STORY_DAYS.introductions.introductions, { to: 'introductions', decision: 'match', decisionMaker: DECISION_MAKER });
    story.introductions = match;
  }
  if (units.shortlisted) {
    const match = await link('shortlisted', units.shortlisted, STORY_DAYS.shortlisted.linked);
    await step(match, STORY_DAYS.shortlisted.shortlisted, { to: 'shortlisted' });
    story.shortlisted = match;
  }
  if (units.declined) story.explored = await link('explored', units.declined, STORY_DAYS.explored.linked);
  if (units.adopted) {
    const match = await link('adopted', units.adopted, STORY_DAYS.adopted.linked);
    await toDecision(match, STORY_DAYS.adopted);
    await step(match, STORY_DAYS.adopted.introductions, { to: 'introductions', decision: 'match', decisionMaker: DECISION_MAKER });
    await step(match, STORY_DAYS.adopted.placed, { to: 'placed' });
    await step(match, STORY_DAYS.adopted.adoptionOrder, { to: 'adoption_order' });
    story.adopted = match;
  }

  // Transition plans, written today as the workers keep them: what happened, what is to come.
  setDay();
  if (story.placed) await seedPlan(services.transitions, familyFinder, story.placed.matchId, placedPlan(today, story.placed.childNames));
  if (story.introductions) {
    const steps = await seedPlan(services.transitions, familyFinder, story.introductions.matchId, introductionsPlan(today, story.introductions.childNames));
    // One overnight stay moved by a day, with the reason, as plans change.
    const overnight = steps.find((s) => s.kind === 'overnight_stay');
    if (overnight) {
      await services.transitions.updateStep(
        familyFinder,
        overnight.id,
        {
          ...overnight,
          plannedDate: addDays(overnight.plannedDate, 1),
          reason: 'The foster carers have a family event that evening; everyone agreed to move the stay by a day.',
        },
        overnight.version,
      );
    }
  }
  return story;
}

type PlannedStep = Omit<StepInput, 'reason'>;

async function seedPlan(transitions: TransitionService, ctx: RequestContext, matchId: string, steps: PlannedStep[]) {
  const saved = [];
  for (const s of steps) {
    const row = await transitions.addStep(ctx, matchId, { ...s, reason: null });
    saved.push({ ...s, id: row.id, version: row.version, status: s.status });
  }
  return saved;
}

const names = (childNames: string[]) => childNames.join(' and ');

/** Introductions that ended with moving day six weeks ago, and the reviews since. */
function placedPlan(today: IsoDate, childNames: string[]): PlannedStep[] {
  const placed = STORY_DAYS.placed.placed;
  const on = (days: number) => addDays(today, days);
  const who = 'Alex and Jordan, foster carers (fictional), family finder';
  return [
    {
      kind: 'first_meeting',
      plannedDate: on(STORY_DAYS.placed.introductions),
      description: `First meeting with ${names(childNames)} at the foster carers’ home`,
      attendees: who,
      status: 'done',
      notes: 'Short and warm; the children showed their bedrooms.',
    },
    {
      kind: 'visit',
      plannedDate: on(STORY_DAYS.placed.introductions + 2),
      description: 'Afternoon at the foster home: tea and bath time',
      attendees: who,
      status: 'done',
      notes: null,
    },
    {
      kind: 'day_visit',
      plannedDate: on(STORY_DAYS.placed.introductions + 7),
      description: 'A day at the family’s home, back for bedtime',
      attendees: 'Alex and Jordan, the children',
      status: 'done',
      notes: null,
    },
    {
      kind: 'overnight_stay',
      plannedDate: on(placed - 6),
      description: 'First night at the family’s home',
      attendees: 'Alex and Jordan, the children',
      status: 'done',
      notes: 'Settled well after a story; woke once.',
    },
    {
      kind: 'review',
      plannedDate: on(placed - 3),
      description: 'Introductions review: go ahead with moving day',
      attendees: 'Family finder, social workers, foster carers, Alex and Jordan',
      status: 'done',
      notes: 'Everyone agreed the children were ready.',
    },
    {
      kind: 'moving_day',
      plannedDate: on(placed),
      description: 'Moving day',
      attendees: 'Alex and Jordan, foster carers (fictional)',
      status: 'done',
      notes: null,
    },
    {
      kind: 'review',
      plannedDate: on(placed + 28),
      description: 'First review after moving in',
      attendees: 'Social workers, Alex and Jordan',
      status: 'done',
      notes: 'Sleep is the main worry; support plan sessions under way.',
    },
    {
      kind: 'review',
      plannedDate: on(placed + 70),
      description: 'Second review, before the application for the adoption order',
      attendees: 'Social workers, Alex and Jordan',
      status: 'planned',
      notes: null,
    },
  ];
}

/** Introductions twelve days in: the first steps done, the overnight stays and moving day to come. */
function introductionsPlan(today: IsoDate, childNames: string[]): PlannedStep[] {
  const start = STORY_DAYS.introductions.introductions;
  const on = (days: number) => addDays(today, days);
  const who = 'Elin and Gareth, foster carer (fictional), family finder';
  return [
    {
      kind: 'first_meeting',
      plannedDate: on(start),
      description: `First meeting with ${names(childNames)} at the foster carer’s home`,
      attendees: who,
      status: 'done',
      notes: 'Shared the family’s welcome book.',
    },
    { kind: 'visit', plannedDate: on(start + 2), description: 'Morning visit and a walk to the park', attendees: who, status: 'done', notes: null },
    { kind: 'day_visit', plannedDate: on(start + 6), description: 'A day at the family’s home', attendees: 'Elin and Gareth', status: 'done', notes: null },
    {
      kind: 'visit',
      plannedDate: on(start + 10),
      description: 'School run together, then tea at the foster home',
      attendees: who,
      status: 'done',
      notes: null,
    },
    {
      kind: 'overnight_stay',
      plannedDate: on(2),
      description: 'First night at the family’s home',
      attendees: 'Elin and Gareth',
      status: 'planned',
      notes: null,
    },
    {
      kind: 'review',
      plannedDate: on(5),
      description: 'Introductions review',
      attendees: 'Family finder, social workers, foster carer, Elin and Gareth',
      status: 'planned',
      notes: null,
    },
    {
      kind: 'moving_day',
      plannedDate: on(9),
      description: 'Moving day',
      attendees: 'Elin and Gareth, foster carer (fictional)',
      status: 'planned',
      notes: null,
    },
    {
      kind: 'review',
      plannedDate: on(23),
      description: 'First review after moving in',
      attendees: 'Social workers, Elin and Gareth',
      status: 'planned',
      notes: null,
    },
  ];
}
