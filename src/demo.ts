import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Services } from './server/services.ts';
import { anonymous, type RequestContext } from './platform/policy/actor.ts';
import { systemJobContext } from './platform/policy/actor.ts';
import { generatePassword } from './platform/auth/secrets.ts';
import { newTotpSecret } from './platform/auth/totp.ts';
import { needsSecondFactor, type Role } from './platform/policy/roles.ts';
import { createChildrenService } from './modules/children/index.ts';
import { campaignDirectory, seedSyntheticRecruitment } from './modules/campaigns/index.ts';
import { seedDemoTraining } from './modules/training/index.ts';
import { dateInWales } from './platform/dates/dates.ts';
import { createRecruitmentService } from './modules/recruitment/index.ts';
import { createPortalService } from './modules/portal/index.ts';
import { as, DEMO_ORGANISATIONS, DEMO_PEOPLE, one, type DemoCast } from './demo/cast.ts';
import { storyClock } from './demo/clock.ts';
import { loadDemoPlaces, outwardCodes, syntheticPostcode } from './demo/places.ts';
import { referDemoChildren } from './demo/referrals.ts';
import { seedDemoRecruitment } from './demo/recruitment.ts';
import { seedDemoStory } from './demo/story.ts';
import { seedDemoResearch } from './demo/research.ts';
import { seedDemoAgreements, seedDemoInvoices } from './demo/finance-billing.ts';
import { seedDemoPlacedHistory } from './demo/placed-history.ts';
import { seedDemoReport } from './demo/reports.ts';
import { seedDemoFinanceCosts } from './modules/finance/index.ts';

/**
 * Synthetic demo data: invented organisations and obviously fictional people, one per role, the
 * children two demo local authorities referred, adopter households at every stage, and one story
 * across the modules (src/demo/). Nothing here describes a real child, family or worker.
 */
export type DemoSignIn = { role: Role; organisation: string; email: string; password: string; totpKey?: string };

const SIGN_INS_FILE = 'demo-sign-ins.json';

/**
 * Fills an empty database once. Passwords are random and kept only in the data folder
 * (mode 600), so a second run can print the same sign-ins without storing them anywhere else.
 */
export async function seedDemo(
  services: Services,
  dataDir: string,
  options: { children?: number; families?: number; seed?: number } = {},
): Promise<{ created: boolean; signIns: DemoSignIn[]; children: number; families: number }> {
  const file = path.join(dataDir, SIGN_INS_FILE);
  const ctx: RequestContext = systemJobContext('demo', { requestId: 'demo', channel: 'cli', language: 'en' });
  const existing = await services.organisations.getOrganisationBySlug(ctx, 'demo-agency');
  if (existing) {
    const signIns = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoSignIn[]) : [];
    return { created: false, signIns, children: 0, families: 0 };
  }
  const seed = options.seed ?? 1;
  const today = dateInWales(new Date());
  const ids = new Map<string, string>();
  for (const organisation of DEMO_ORGANISATIONS) {
    const { part: _part, ...fields } = organisation;
    const created = await services.organisations.createOrganisation(ctx, fields);
    ids.set(organisation.slug, created.id);
  }
  const signIns: DemoSignIn[] = [];
  const cast: DemoCast = [];
  for (const person of DEMO_PEOPLE) {
    const password = generatePassword();
    const totpKey = needsSecondFactor([person.role]) ? newTotpSecret() : undefined;
    const organisationId = ids.get(person.organisation)!;
    const created = await services.organisations.createUser(
      ctx,
      { email: person.email, name: person.name, organisationId, roles: [person.role], preferredLanguage: person.language, password },
      { totpSecret: totpKey },
    );
    cast.push({ ...person, userId: created.id, organisationId, organisationType: DEMO_ORGANISATIONS.find((o) => o.slug === person.organisation)!.type });
    signIns.push({ role: person.role, organisation: person.organisation, email: person.email, password, totpKey });
  }
  const agencyId = ids.get('demo-agency')!;
  const { clock, setDay } = storyClock();
  const children = createChildrenService(services.runner, services.children.defaults, clock);
  const everywhere = outwardCodes().map(syntheticPostcode);

  // The agreements with both authorities, before any referral: the story's steps raise their fees as they happen.
  const authorities = { north: ids.get('demo-council-north')!, south: ids.get('demo-council-south')! };
  await seedDemoAgreements(services, one(cast, 'finance_officer'), authorities);
  // District centres, so distances between families, birth families and important people are known.
  await loadDemoPlaces(services.runner, ctx);
  // Children referred by the two authorities' referrers, accepted by the agency's family finder.
  const referred = await referDemoChildren(children, {
    count: options.children ?? 60,
    seed,
    today,
    agencyId,
    authorities: DEMO_ORGANISATIONS.filter((o) => o.type === 'local_authority').map((o) => {
      const organisationId = ids.get(o.slug)!;
      return {
        organisationId,
        referrer: as(cast.find((p) => p.role === 'la_referrer' && p.organisationId === organisationId)!),
        postcodes: outwardCodes(o.part).map(syntheticPostcode),
      };
    }),
    familyFinder: one(cast, 'family_finder'),
    setDay,
  });
  // Recruitment campaigns with their costs, and adopter households at every stage attributed to them.
  const recruitment = await seedSyntheticRecruitment(services.runner, ctx, {
    households: options.families ?? 40,
    seed,
    today,
    organisationId: agencyId,
    socialWorkerIds: cast.filter((p) => p.role === 'family_finder' || p.role === 'social_worker').map((p) => p.userId),
    everyStage: true,
    postcodes: everywhere,
  });
  // Preparation courses with past and coming sessions, facilitated by the agency's staff.
  await services.runner.run(ctx, (tx) => seedDemoTraining(tx, agencyId));
  const story = await seedDemoStory(services, cast, {
    seed,
    today,
    agencyId,
    clinicalPartnerId: ids.get('demo-clinic')!,
    clock,
    setDay,
    children,
    postcodes: everywhere,
  });
  await seedDemoRecruitment(
    { recruitment: createRecruitmentService(services.runner, campaignDirectory, undefined, clock), portal: createPortalService(services.runner, clock) },
    {
      today,
      setDay,
      public: { actor: anonymous, requestId: 'demo', channel: 'web', language: 'en' },
      manager: one(cast, 'service_manager'),
      workers: cast.filter((p) => p.role === 'family_finder' || p.role === 'social_worker').map(as),
      postcodes: everywhere,
      skipHouseholdIds: [...story.households.values()],
    },
  );
  // The demo university's active data-sharing agreement, with one extract taken.
  await seedDemoResearch(services, cast, { today });
  // The placed history before the story: about four children a year since 2018, most adopted since (the financial return counts them).
  await seedDemoPlacedHistory(services.runner, ctx, {
    today,
    agencyId,
    authorityIds: [authorities.north, authorities.south],
    referrerOf: (authorityId) => cast.find((p) => p.role === 'la_referrer' && p.organisationId === authorityId)!.userId,
    seed,
  });
  // Invoices issued by the finance officer: one part paid, one overdue.
  await seedDemoInvoices(services, one(cast, 'finance_officer'), authorities, today);
  // What the work cost and what the placements saved: the service manager's rates, costs and reinvestment.
  await seedDemoFinanceCosts({ settings: services.financeCostSettings, reports: services.financeCosts }, one(cast, 'service_manager'), {
    today,
    northAuthorityId: ids.get(DEMO_ORGANISATIONS.find((o) => o.type === 'local_authority' && o.part === 'north')!.slug)!,
  });
  // The funder's report for the last financial year, issued once everything above is in.
  await seedDemoReport(services, cast, { today });
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(signIns, null, 2), { mode: 0o600 });
  return { created: true, signIns, children: referred.children, families: recruitment.households };
}

export function formatSignIns(signIns: DemoSignIn[], baseUrl: string): string {
  const lines = [`Demo sign-ins for ${baseUrl}/sign-in (synthetic accounts; staff add the key to an authenticator app):`, ''];
  for (const s of signIns) {
    lines.push(`  ${s.role.padEnd(26)} ${s.email.padEnd(32)} password ${s.password}${s.totpKey ? `   authenticator key ${s.totpKey}` : ''}`);
  }
  lines.push('', 'Print a current code for a key with: npx together totp-code KEY (demo only)');
  return lines.join('\n');
}
