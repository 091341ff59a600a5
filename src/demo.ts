import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Services } from './server/services.ts';
import { systemActor, type RequestContext } from './platform/policy/actor.ts';
import { generatePassword } from './platform/auth/secrets.ts';
import { newTotpSecret } from './platform/auth/totp.ts';
import { needsSecondFactor, type Role } from './platform/policy/roles.ts';
import type { OrganisationType } from './platform/auth/schema.ts';
import { seedSyntheticChildren } from './modules/children/index.ts';
import { seedSyntheticRecruitment } from './modules/campaigns/index.ts';
import { seedDemoTraining } from './modules/training/index.ts';
import { dateInWales, type IsoDate } from './platform/dates/dates.ts';
import { walesInstant } from './platform/dates/times.ts';
import { createMatchingService } from './modules/matching/index.ts';
import { seedDemoMatching, type SetDay } from './modules/matching/index.ts';
import { householdFacts } from './modules/recruitment/index.ts';
import { createTrainingService } from './modules/training/index.ts';
import { seedStoryTraining } from './modules/training/index.ts';
import { createPreparationService } from './modules/preparation/index.ts';
import { seedDemoPreparation } from './modules/preparation/index.ts';
import { createSupportService } from './modules/support/index.ts';
import { seedDemoSupport } from './modules/support/index.ts';
import { createWorkforceService } from './modules/workforce/index.ts';
import { seedDemoWorkforce } from './modules/workforce/index.ts';

/**
 * Synthetic demo data: invented organisations and obviously fictional people, one per role.
 * Nothing here describes a real child, family or worker.
 */
const DEMO_ORGANISATIONS: { slug: string; name: string; type: OrganisationType; region: string | null }[] = [
  { slug: 'demo-agency', name: 'Demo Adoption Agency (fictional)', type: 'agency', region: 'Wales' },
  { slug: 'demo-council-north', name: 'Demo North Council (fictional)', type: 'local_authority', region: 'North Wales' },
  { slug: 'demo-council-south', name: 'Demo South Council (fictional)', type: 'local_authority', region: 'South East Wales' },
  { slug: 'demo-clinic', name: 'Demo Clinical Partner (fictional)', type: 'clinical_partner', region: 'Wales' },
  { slug: 'demo-funder', name: 'Demo Funder (fictional)', type: 'funder', region: null },
  { slug: 'demo-university', name: 'Demo University (fictional)', type: 'research_partner', region: null },
];

const DEMO_PEOPLE: { role: Role; organisation: string; name: string; email: string; language: 'en' | 'cy' }[] = [
  { role: 'administrator', organisation: 'demo-agency', name: 'Ada Admin', email: 'administrator@demo.invalid', language: 'en' },
  { role: 'service_manager', organisation: 'demo-agency', name: 'Seren Manager', email: 'service.manager@demo.invalid', language: 'cy' },
  { role: 'family_finder', organisation: 'demo-agency', name: 'Ffion Finder', email: 'family.finder@demo.invalid', language: 'cy' },
  { role: 'social_worker', organisation: 'demo-agency', name: 'Sam Worker', email: 'social.worker@demo.invalid', language: 'en' },
  { role: 'therapeutic_social_worker', organisation: 'demo-agency', name: 'Tomos Therapeutic', email: 'therapeutic.worker@demo.invalid', language: 'cy' },
  { role: 'clinical_psychologist', organisation: 'demo-clinic', name: 'Dr Pat Psychologist', email: 'psychologist@demo.invalid', language: 'en' },
  { role: 'la_referrer', organisation: 'demo-council-north', name: 'Rhys Referrer', email: 'referrer.north@demo.invalid', language: 'cy' },
  { role: 'la_referrer', organisation: 'demo-council-south', name: 'Rosa Referrer', email: 'referrer.south@demo.invalid', language: 'en' },
  { role: 'adopter', organisation: 'demo-agency', name: 'Alex Adopter', email: 'adopter@demo.invalid', language: 'en' },
  { role: 'funder', organisation: 'demo-funder', name: 'Fran Funder', email: 'funder@demo.invalid', language: 'en' },
  { role: 'research_partner', organisation: 'demo-university', name: 'Robin Researcher', email: 'researcher@demo.invalid', language: 'en' },
];

export type DemoSignIn = { role: Role; organisation: string; email: string; password: string; totpKey?: string };

const SIGN_INS_FILE = 'demo-sign-ins.json';

/**
 * Fills an empty database once. Passwords are random and kept only in the data folder
 * (mode 600), so a second run can print the same sign-ins without storing them anywhere else.
 */
export async function seedDemo(services: Services, dataDir: string, options: { children?: number; families?: number; seed?: number } = {}): Promise<{ created: boolean; signIns: DemoSignIn[]; children: number; families: number }> {
  const file = path.join(dataDir, SIGN_INS_FILE);
  const ctx: RequestContext = { actor: systemActor('demo'), requestId: 'demo', channel: 'cli', language: 'en' };
  const existing = await services.organisations.getOrganisationBySlug(ctx, 'demo-agency');
  if (existing) {
    const signIns = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoSignIn[]) : [];
    return { created: false, signIns, children: 0, families: 0 };
  }
  const ids = new Map<string, string>();
  for (const organisation of DEMO_ORGANISATIONS) {
    const created = await services.organisations.createOrganisation(ctx, organisation);
    ids.set(organisation.slug, created.id);
  }
  const signIns: DemoSignIn[] = [];
  const familyFinderIds: string[] = [];
  // The adoption workers households are allocated to: the demo's family finder and social worker.
  const householdWorkerIds: string[] = [];
  const cast: DemoCast = [];
  for (const person of DEMO_PEOPLE) {
    const password = generatePassword();
    const totpKey = needsSecondFactor([person.role]) ? newTotpSecret() : undefined;
    const created = await services.organisations.createUser(
      ctx,
      { email: person.email, name: person.name, organisationId: ids.get(person.organisation)!, roles: [person.role], preferredLanguage: person.language, password },
      { totpSecret: totpKey },
    );
    if (person.role === 'family_finder') familyFinderIds.push(created.id);
    cast.push({ ...person, userId: created.id, organisationId: ids.get(person.organisation)!, organisationType: DEMO_ORGANISATIONS.find((o) => o.slug === person.organisation)!.type });
    if (person.role === 'family_finder' || person.role === 'social_worker') householdWorkerIds.push(created.id);
    signIns.push({ role: person.role, organisation: person.organisation, email: person.email, password, totpKey });
  }
  const children = await seedSyntheticChildren(services.runner, ctx, {
    count: options.children ?? 60,
    seed: options.seed ?? 1,
    today: dateInWales(new Date()),
    localAuthorityIds: DEMO_ORGANISATIONS.filter((o) => o.type === 'local_authority').map((o) => ids.get(o.slug)!),
    agencyId: ids.get('demo-agency')!,
    familyFinderIds,
  });
  // Recruitment campaigns with their costs, and adopter households at every stage attributed to them.
  const recruitment = await seedSyntheticRecruitment(services.runner, ctx, {
    households: options.families ?? 40,
    seed: options.seed ?? 1,
    today: dateInWales(new Date()),
    organisationId: ids.get('demo-agency')!,
    socialWorkerIds: householdWorkerIds,
    everyStage: true,
  });
  const agencyId = ids.get('demo-agency')!;
  // Preparation courses with past and coming sessions, facilitated by the agency's staff.
  await services.runner.run(ctx, (tx) => seedDemoTraining(tx, agencyId));
  await seedDemoStory(services, cast, { seed: options.seed ?? 1, today: dateInWales(new Date()), agencyId, clinicalPartnerId: ids.get('demo-clinic')! });
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(signIns, null, 2), { mode: 0o600 });
  return { created: true, signIns, children, families: recruitment.households };
}

type DemoCast = ((typeof DEMO_PEOPLE)[number] & { userId: string; organisationId: string; organisationType: OrganisationType })[];

/**
 * The demo's story across the modules, so every role's pages show the work: families linked with
 * waiting children at each step of matching (one declined), a transition plan, a placement and its
 * support, Team Around the Child meetings, the psychologist's records, staff training and
 * supervision. The demo adopter is the placed family. Everything goes through the modules' own
 * services as the people who would do it, on the day it happened: the services share a clock the
 * story moves, so their rules about dates and order hold as they would have then.
 */
async function seedDemoStory(services: Services, cast: DemoCast, options: { seed: number; today: IsoDate; agencyId: string; clinicalPartnerId: string }) {
  let now: Date | null = null;
  const clock = () => now ?? new Date();
  const setDay: SetDay = (day, time = '10:00') => {
    now = day ? walesInstant(day, time) : null;
  };
  const runner = services.runner;
  const matching = createMatchingService(runner, services.matching.config, clock);
  const preparation = createPreparationService(runner, clock);
  const support = createSupportService(runner, { clock, config: services.support.config });
  const workforce = createWorkforceService(runner, services.workforce.config, clock);

  const system: RequestContext = { actor: systemActor('demo'), requestId: 'demo', channel: 'cli', language: 'en' };
  const as = (person: DemoCast[number]): RequestContext & { userId: string } => ({
    actor: { kind: 'user', userId: person.userId, organisationId: person.organisationId, organisationType: person.organisationType, roles: [person.role], name: person.name },
    requestId: 'demo',
    channel: 'cli',
    language: person.language,
    userId: person.userId,
  });
  const one = (role: Role) => as(cast.find((p) => p.role === role)!);
  const referrerOf = (organisationId: string) => as(cast.find((p) => p.role === 'la_referrer' && p.organisationId === organisationId)!);
  const familyFinder = one('family_finder');
  const socialWorker = one('social_worker');
  const therapeuticWorker = one('therapeutic_social_worker');
  const psychologist = one('clinical_psychologist');
  const adopter = cast.find((p) => p.role === 'adopter');

  const story = await seedDemoMatching(
    runner,
    { matching, transitions: preparation.transitions, children: services.children },
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
    },
  );
  await seedDemoPreparation(preparation, story, { today: options.today, clinicalPartnerId: options.clinicalPartnerId, setDay, familyFinder, socialWorker, therapeuticWorker, psychologist, referrerOf });
  await seedDemoSupport(support, story, { today: options.today, setDay, socialWorker, familyFinder, therapeuticWorker, adopter: adopter ? as(adopter) : null });
  const families = await runner.run(system, (tx) => householdFacts(tx, [...story.households.values()]));
  await seedStoryTraining(createTrainingService(runner, clock), families, { worker: socialWorker, facilitatorIds: [therapeuticWorker.userId], setDay });
  await seedDemoWorkforce(workforce, { today: options.today, setDay, manager: one('service_manager'), psychologist, familyFinder, socialWorker, therapeuticWorker, caseReferences: families.map((f) => f.reference) });
}

export function formatSignIns(signIns: DemoSignIn[], baseUrl: string): string {
  const lines = [`Demo sign-ins for ${baseUrl}/sign-in (synthetic accounts; staff add the key to an authenticator app):`, ''];
  for (const s of signIns) {
    lines.push(`  ${s.role.padEnd(26)} ${s.email.padEnd(32)} password ${s.password}${s.totpKey ? `   authenticator key ${s.totpKey}` : ''}`);
  }
  lines.push('', 'Print a current code for a key with: npx together totp-code KEY (demo only)');
  return lines.join('\n');
}
