import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DemoSignIn } from '../../src/demo.ts';
import { Browser, startDemoApp, type TestApp } from '../support/app.ts';

/**
 * Each demo person's home page and "My work" list the same work (one gathering, one rule:
 * workforce/work-list.ts), and each role sees the kinds of work its day is made of.
 */
describe('the home page and My work', () => {
  let t: TestApp & { signIns: DemoSignIn[] };
  let signIns: DemoSignIn[];

  before(async () => {
    t = await startDemoApp();
    signIns = t.signIns;
    // The scenario beyond the demo: the family is asked for a medical form by a date, one e-mail failed for good,
    // and an API token is about to end.
    const adopter = signIns.find((s) => s.role === 'adopter')!;
    const household = (
      await t.database.adminQuery(
        'select h.id, h.organisation_id from households h join applicants a on a.household_id = h.id join users u on u.id = a.user_id where u.email = $1',
        [adopter.email],
      )
    ).rows[0] as { id: string; organisation_id: string };
    await t.database.adminQuery(
      `insert into portal_documents (organisation_id, household_id, kind, from_family, status, due_on) values ($1, $2, 'medical_form', true, 'requested', current_date + 10)`,
      [household.organisation_id, household.id],
    );
    // The administrator's API token stops working in five days.
    await t.database.adminQuery(
      `insert into access_tokens (user_id, name, token_hash, scopes, expires_at) select id, 'Nightly export', 'home-work-test-hash', array['read'], now() + interval '5 days' from users where email = $1`,
      [signIns.find((s) => s.role === 'administrator')!.email],
    );
    // The psychologist held a consultation yesterday about a child they have not formulated and has not written it up;
    // the social worker asked for a reference for a household allocated to them and booked its home study visit.
    const psychologist = signIns.find((s) => s.role === 'clinical_psychologist')!;
    const clinic = (await t.database.adminQuery('select id, organisation_id from users where email = $1', [psychologist.email])).rows[0] as {
      id: string;
      organisation_id: string;
    };
    const unformulated = (
      await t.database.adminQuery(
        `select id from children ch where ch.status = 'family_finding'
         and not exists (select 1 from formulations f where ch.id = any(f.child_ids)) order by ch.referral_date limit 1`,
      )
    ).rows[0] as { id: string };
    // Shared with the clinical partner, as a Team Around the Child would share it.
    await t.database.adminQuery(`update children set shared_with = array(select distinct unnest(shared_with || $2::uuid)) where id = $1`, [
      unformulated.id,
      clinic.organisation_id,
    ]);
    await t.database.adminQuery(
      `insert into consultations (organisation_id, child_ids, psychologist_id, consultation_date, duration_minutes) values ($1, array[$2::uuid], $3, current_date - 1, 60)`,
      [clinic.organisation_id, unformulated.id, clinic.id],
    );
    const worker = signIns.find((s) => s.role === 'social_worker')!;
    const allocated = (
      await t.database.adminQuery(
        `select h.id, h.organisation_id from households h join users u on u.id = h.social_worker_id
         where u.email = $1 and h.stage in ('stage1', 'stage2') order by h.reference limit 1`,
        [worker.email],
      )
    ).rows[0] as { id: string; organisation_id: string };
    await t.database.adminQuery(
      `insert into household_checks (household_id, organisation_id, kind, subject, requested_date) values ($1, $2, 'reference', 'Referee', current_date - 20)`,
      [allocated.id, allocated.organisation_id],
    );
    await t.database.adminQuery(
      `insert into home_study_visits (household_id, organisation_id, visit_date, focus) values ($1, $2, current_date + 3, 'Support network')`,
      [allocated.id, allocated.organisation_id],
    );
    await t.database.adminQuery(
      `insert into outbox (recipient, language, template, subject, body, attempts, failed_at) values ('nobody@demo.invalid', 'en', 'invitation', 'Invitation', 'Body', 99, now())`,
    );
  });
  after(async () => {
    await t?.close();
  });

  async function as(signIn: DemoSignIn): Promise<Browser> {
    const user = (await t.database.adminQuery('select id, organisation_id from users where email = $1', [signIn.email])).rows[0] as Record<string, string>;
    const browser = new Browser(t.app);
    assert.equal((await browser.post('/sign-in', { email: signIn.email, password: signIn.password })).statusCode, 303, `${signIn.role} signs in`);
    if (signIn.totpKey) {
      const code = await t.nextCode({
        id: user.id!,
        email: signIn.email,
        roles: [signIn.role],
        organisationId: user.organisation_id!,
        totpSecret: signIn.totpKey,
      });
      assert.equal((await browser.post('/sign-in/second-factor', { code })).statusCode, 303, `${signIn.role} passes the second factor`);
    }
    return browser;
  }

  /** The work items a page lists, as "kind:count", in the page's order. */
  const itemsOf = (body: string) => [...body.matchAll(/data-work-item="([A-Za-z]+:\d+)"/g)].map((m) => m[1]!);
  const kinds = (items: string[]) => [...new Set(items.map((i) => i.split(':')[0]!))];

  const seen = new Map<string, string[]>();

  it('lists the same work on the home page and on My work for every demo person who has My work', async () => {
    for (const signIn of signIns) {
      const browser = await as(signIn);
      const home = await browser.get('/');
      assert.equal(home.statusCode, 200, `${signIn.role}: home`);
      const onHome = itemsOf(home.body);
      seen.set(signIn.role, onHome);
      const myWork = await browser.get('/my-work');
      if (myWork.statusCode === 200) assert.deepEqual(itemsOf(myWork.body), onHome, `${signIn.role}: My work and home list the same items`);
      else assert.ok([403, 404].includes(myWork.statusCode), `${signIn.role}: has no My work`);
      // Every item says why it is there and by when.
      const list = /data-testid="work-items"[\s\S]*?<\/ul>/.exec(home.body)?.[0] ?? '';
      for (const hint of list.match(/class="govuk-task-list__hint">[^<]*<span[^>]*>([^<]*)</g) ?? [])
        assert.match(hint, /By |Waiting since |No date set|Erbyn |Yn aros ers |Dim dyddiad/);
    }
  });

  it('gives each role the kinds of work its day is made of', () => {
    const expected: Partial<Record<DemoSignIn['role'], string[]>> = {
      family_finder: ['childrenWaiting', 'linksWaiting'],
      social_worker: ['timescalesPassed', 'supervisionOverdue', 'checksAwaited', 'visitsDue'],
      therapeutic_social_worker: ['actionsOverdue', 'supportWaiting', 'supportAllocated'],
      clinical_psychologist: ['outcomesOverdue', 'consultationsToWrite', 'formulationsToWrite'],
      service_manager: ['childrenWaiting', 'teamSupervisionOverdue'],
      la_referrer: ['childrenWaiting'],
      adopter: ['familyDocument'],
      administrator: ['outboxFailed', 'tokensExpiring'],
    };
    for (const [role, want] of Object.entries(expected)) {
      const got = kinds(seen.get(role) ?? []);
      for (const kind of want) assert.ok(got.includes(kind), `${role}: ${kind} is on their home page (they have ${got.join(', ')})`);
    }
    // Work that is not theirs is not on their page.
    assert.ok(!kinds(seen.get('adopter') ?? []).some((k) => k !== 'familyDocument' && k !== 'familyMessages'), 'the family sees only their own next steps');
    assert.ok(!kinds(seen.get('la_referrer') ?? []).includes('supportWaiting'), 'a referrer is not asked to allocate support');
    assert.deepEqual(seen.get('funder'), [], 'a funder has nothing due');
  });

  it('shows the referrer every child their authority referred who is with the agency: stage, days since referral and next step', async () => {
    const referrer = signIns.find((s) => s.role === 'la_referrer')!;
    const authority = (await t.database.adminQuery('select organisation_id from users where email = $1', [referrer.email])).rows[0] as {
      organisation_id: string;
    };
    const expected = (
      await t.database.adminQuery(
        `select id, status, current_date - referral_date as days from children
         where organisation_id = $1 and status in ('referred', 'family_finding', 'linked', 'matched', 'placed') order by referral_date, id`,
        [authority.organisation_id],
      )
    ).rows as { id: string; status: string; days: number }[];
    assert.ok(
      expected.some((c) => c.status !== 'referred' && c.status !== 'family_finding'),
      'the demo has children further on than waiting',
    );
    const browser = await as(referrer);
    const home = await browser.get('/?lang=en');
    const table = /data-testid="referred-children-table"[\s\S]*?<\/table>/.exec(home.body)?.[0] ?? '';
    const rows = [...table.matchAll(/href="\/children\/([0-9a-f-]+)"[\s\S]*?<\/tr>/g)];
    assert.equal(rows.length, Math.min(50, expected.length), 'every child (up to the panel’s 50), not only those past their clocks');
    const stageWords: Record<string, string> = {
      referred: 'Referred',
      family_finding: 'Family finding',
      linked: 'Linked',
      matched: 'Matched',
      placed: 'Placed',
    };
    for (const row of rows) {
      const child = expected.find((c) => c.id === row[1])!;
      assert.ok(child, 'a child of their own authority');
      const cells = [...row[0].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.trim());
      assert.equal(cells[0], stageWords[child.status]);
      assert.equal(cells[1], String(child.days));
      assert.ok(cells[2]!.length > 10, 'says what happens next');
    }
    const welsh = await browser.get('/?lang=cy');
    assert.match(welsh.body, /Plant a atgyfeiriwyd gan eich awdurdod/);
    assert.match(welsh.body, /Y cam nesaf/);
  });

  it('shows the administrator active accounts by role, the accounts that cannot sign in, and the audit chain’s last check', async () => {
    const admin = signIns.find((s) => s.role === 'administrator')!;
    const worker = signIns.find((s) => s.role === 'social_worker')!;
    await t.database.adminQuery('update users set disabled_at = now() where email = $1', [worker.email]);
    const browser = await as(admin);
    let home = await browser.get('/?lang=en');
    const panel = /data-testid="administration"[\s\S]*?<\/section>/.exec(home.body)?.[0] ?? '';
    const total = (await t.database.adminQuery('select count(*)::int as n from users where disabled_at is null and cardinality(roles) > 0')).rows[0] as {
      n: number;
    };
    const roleSum = [...panel.matchAll(/data-testid="people-role">(\d+)</g)].reduce((sum, m) => sum + Number(m[1]), 0);
    const multiRole = (await t.database.adminQuery('select coalesce(sum(cardinality(roles)), 0)::int as n from users where disabled_at is null')).rows[0] as {
      n: number;
    };
    assert.equal(roleSum, multiRole.n, 'each active account counted under each of its roles');
    assert.ok(total.n > 0);
    const disabled = (await t.database.adminQuery('select id from users where email = $1', [worker.email])).rows[0] as { id: string };
    assert.match(panel, new RegExp(`href="/admin/users/${disabled.id}">Enable the account`), 'the disabled account links to where it is enabled');
    assert.match(panel, /data-testid="audit-verification">[\s\S]*has not been checked yet/);

    // Checking the chain from the page (as the command line does) leaves the result the home page shows.
    assert.equal((await browser.post('/admin/audit/verify', {}, { csrfFrom: '/' })).statusCode, 303);
    home = await browser.get('/?lang=en');
    assert.match(home.body, /data-testid="audit-verification">[\s\S]*?Passed[\s\S]*?Last checked [^:]+\d\d:\d\d: the chain of \d+ entries held/);
    const stored = (await t.database.adminQuery('select passed, channel from audit_verifications order by id desc limit 1')).rows[0] as {
      passed: boolean;
      channel: string;
    };
    assert.deepEqual(stored, { passed: true, channel: 'web' });
    const welsh = await browser.get('/?lang=cy');
    assert.match(welsh.body, /Gwiriwyd ddiwethaf/);
    await t.database.adminQuery('update users set disabled_at = null where email = $1', [worker.email]);
  });
});
