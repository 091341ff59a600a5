import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Services } from './server/services.ts';
import { systemActor, type RequestContext } from './platform/policy/actor.ts';
import { generatePassword } from './platform/auth/secrets.ts';
import { newTotpSecret } from './platform/auth/totp.ts';
import { needsSecondFactor, type Role } from './platform/policy/roles.ts';
import type { OrganisationType } from './platform/auth/schema.ts';
import { seedSyntheticChildren } from './modules/children/service.ts';
import { seedSyntheticRecruitment } from './modules/campaigns/service.ts';
import { seedDemoTraining } from './modules/training/demo.ts';
import { applicants, households } from './modules/recruitment/schema.ts';
import { and, asc, eq } from 'drizzle-orm';
import { dateInWales } from './modules/children/dates.ts';

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
  let adopterId: string | undefined;
  for (const person of DEMO_PEOPLE) {
    const password = generatePassword();
    const totpKey = needsSecondFactor([person.role]) ? newTotpSecret() : undefined;
    const created = await services.organisations.createUser(
      ctx,
      { email: person.email, name: person.name, organisationId: ids.get(person.organisation)!, roles: [person.role], preferredLanguage: person.language, password },
      { totpSecret: totpKey },
    );
    if (person.role === 'family_finder') familyFinderIds.push(created.id);
    if (person.role === 'adopter') adopterId = created.id;
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
  await services.runner.run(ctx, async (tx) => {
    // Preparation courses with past and coming sessions, facilitated by the agency's staff.
    await seedDemoTraining(tx, agencyId);
    // The demo adopter is an applicant of one household in Stage 1, so the portal has something to show.
    if (adopterId) {
      const [household] = await tx.select({ id: households.id }).from(households).where(and(eq(households.organisationId, agencyId), eq(households.stage, 'stage1'))).orderBy(asc(households.reference)).limit(1);
      if (household) {
        const [applicant] = await tx.select({ id: applicants.id }).from(applicants).where(eq(applicants.householdId, household.id)).orderBy(asc(applicants.createdAt)).limit(1);
        if (applicant) await tx.update(applicants).set({ userId: adopterId, email: 'adopter@demo.invalid' }).where(eq(applicants.id, applicant.id));
        await tx.update(households).set({ adopterUserIds: [adopterId] }).where(eq(households.id, household.id));
      }
    }
  });
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(signIns, null, 2), { mode: 0o600 });
  return { created: true, signIns, children, families: recruitment.households };
}

export function formatSignIns(signIns: DemoSignIn[], baseUrl: string): string {
  const lines = [`Demo sign-ins for ${baseUrl}/sign-in (synthetic accounts; staff add the key to an authenticator app):`, ''];
  for (const s of signIns) {
    lines.push(`  ${s.role.padEnd(26)} ${s.email.padEnd(32)} password ${s.password}${s.totpKey ? `   authenticator key ${s.totpKey}` : ''}`);
  }
  lines.push('', 'Print a current code for a key with: npx together totp-code KEY (demo only)');
  return lines.join('\n');
}
