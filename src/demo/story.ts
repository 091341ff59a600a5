import type { Services } from '../server/services.ts';
import type { RequestContext } from '../platform/policy/actor.ts';
import { systemJobContext } from '../platform/policy/actor.ts';
import type { IsoDate } from '../platform/dates/dates.ts';
import type { ChildrenService } from '../modules/children/index.ts';
import { createMatchingService } from '../modules/matching/index.ts';
import { seedDemoMatching, type MatchingStory, type SetDay } from '../modules/matching/index.ts';
import { householdFacts } from '../modules/recruitment/index.ts';
import { createTrainingService } from '../modules/training/index.ts';
import { seedStoryTraining } from '../modules/training/index.ts';
import { createPreparationService } from '../modules/preparation/index.ts';
import { seedDemoPreparation } from '../modules/preparation/index.ts';
import { createSupportService } from '../modules/support/index.ts';
import { seedDemoSupport } from '../modules/support/index.ts';
import { createWorkforceService } from '../modules/workforce/index.ts';
import { seedDemoWorkforce } from '../modules/workforce/index.ts';
import { createOutcomesService, seedDemoOutcomes } from '../modules/outcomes/index.ts';
import { as, one, type DemoCast } from './cast.ts';
import { seedDemoPlacementSuccess } from './placement-success.ts';

/**
 * The demo's story across the modules, so every role's pages show the work: families linked with
 * waiting children at each step of matching (one declined), a transition plan, a placement and its
 * support, Team Around the Child meetings, the psychologist's records, staff training and
 * supervision. The demo adopter is the placed family. Everything goes through the modules' own
 * services as the people who would do it, on the day it happened: the services share the story's
 * clock, so their rules about dates and order hold as they would have then.
 */
export async function seedDemoStory(
  services: Services,
  cast: DemoCast,
  options: {
    seed: number;
    today: IsoDate;
    agencyId: string;
    clinicalPartnerId: string;
    clock: () => Date;
    setDay: SetDay;
    children: ChildrenService;
    postcodes: readonly string[];
  },
): Promise<MatchingStory> {
  const { clock, setDay } = options;
  const runner = services.runner;
  const matching = createMatchingService(runner, services.matching.config, clock);
  const preparation = createPreparationService(runner, clock);
  const support = createSupportService(runner, { clock, config: services.support.config });
  const workforce = createWorkforceService(runner, services.workforce.config, clock);

  const system: RequestContext = systemJobContext('demo', { requestId: 'demo', channel: 'cli', language: 'en' });
  const referrerOf = (organisationId: string) => as(cast.find((p) => p.role === 'la_referrer' && p.organisationId === organisationId)!);
  const familyFinder = one(cast, 'family_finder');
  const socialWorker = one(cast, 'social_worker');
  const therapeuticWorker = one(cast, 'therapeutic_social_worker');
  const psychologist = one(cast, 'clinical_psychologist');
  const adopter = cast.find((p) => p.role === 'adopter');

  const story = await seedDemoMatching(
    runner,
    { matching, transitions: preparation.transitions, children: options.children },
    {
      today: options.today,
      seed: options.seed,
      agencyId: options.agencyId,
      socialWorkerIds: [socialWorker.userId, familyFinder.userId],
      adopter: adopter ? { userId: adopter.userId, email: adopter.email } : null,
      system,
      familyFinder,
      referrerOf,
      setDay,
      postcodes: options.postcodes,
    },
  );
  // The family finder shows the profiles of the children whose links are being explored to the
  // agency's approved families (expressions of interest), where the children may be shown.
  for (const explored of [story.explored, story.shortlisted]) {
    const childId = explored?.childIds[0];
    if (!childId) continue;
    const sharing = await options.children.profileSharing(familyFinder, childId);
    if (sharing.refusals.length === 0 && !sharing.shared) await options.children.shareProfile(familyFinder, childId, true, sharing.version);
  }
  // Placement success: a disruption and a plan changed away from adoption.
  await seedDemoPlacementSuccess(runner, { matching, children: options.children }, story, {
    today: options.today,
    seed: options.seed,
    agencyId: options.agencyId,
    system,
    familyFinder,
    socialWorkerIds: [socialWorker.userId, familyFinder.userId],
    referrerOf,
    setDay,
  });
  await seedDemoPreparation(preparation, story, {
    today: options.today,
    clinicalPartnerId: options.clinicalPartnerId,
    setDay,
    familyFinder,
    socialWorker,
    therapeuticWorker,
    psychologist,
    referrerOf,
  });
  await seedDemoSupport(support, story, {
    today: options.today,
    setDay,
    socialWorker,
    familyFinder,
    therapeuticWorker,
    // The clinical partner's psychologist leads the placed family's dyadic developmental psychotherapy.
    psychologist,
    adopter: adopter ? as(adopter) : null,
  });
  const families = await runner.run(system, (tx) => householdFacts(tx, [...story.households.values()]));
  await seedStoryTraining(createTrainingService(runner, clock), families, { worker: socialWorker, facilitatorIds: [therapeuticWorker.userId], setDay });
  await seedDemoWorkforce(workforce, {
    today: options.today,
    setDay,
    manager: one(cast, 'service_manager'),
    psychologist,
    familyFinder,
    socialWorker,
    therapeuticWorker,
    caseReferences: families.map((f) => f.reference),
  });
  // Outcome measures are entered on the day they are recorded: today, with the story's clock back at now.
  setDay();
  await seedDemoOutcomes(runner, createOutcomesService(runner, { clock }), story, {
    today: options.today,
    agencyId: options.agencyId,
    clinician: therapeuticWorker,
    system,
  });
  return story;
}
