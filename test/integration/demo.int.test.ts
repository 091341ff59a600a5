import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { seedDemo, type DemoSignIn } from '../../src/demo.ts';
import { Browser, startDemoApp, type TestApp } from '../support/app.ts';

/**
 * The demo as a person trying it finds it: signed in with the printed sign-ins, each role's pages
 * show the story the demo tells (matching at every step, a transition plan, a Team Around the
 * Child meeting, the psychologist's records, support after placement, staff training and supervision).
 */
describe('the demo', () => {
  let t: TestApp & { signIns: DemoSignIn[]; dataDir: string };
  let signIns: DemoSignIn[];
  const browsers = new Map<string, Browser>();

  before(async () => {
    // A copy of the demo as `seedDemo` with seed 1 created it (test/support/app.ts: seeded for real once
    // per server and day, where this file seeded a second one of its own), with the data folder it left.
    // How long seeding takes is measured by `npm run bench` (bench/demo-seed.bench.ts), never asserted here.
    t = await startDemoApp();
    signIns = t.signIns;
  });
  after(async () => {
    await t.close();
  });

  const one = async (sql: string, params: unknown[] = []) => (await t.database.adminQuery(sql, params)).rows[0] as Record<string, string>;

  /** Signs in as the demo person with this address, with their printed password and authenticator key. */
  async function as(email: string): Promise<Browser> {
    const known = browsers.get(email);
    if (known) return known;
    const signIn = signIns.find((s) => s.email === email)!;
    const user = await one('select id, organisation_id from users where email = $1', [email]);
    const browser = new Browser(t.app);
    const first = await browser.post('/sign-in', { email, password: signIn.password });
    assert.equal(first.statusCode, 303, `${email} signs in`);
    if (signIn.totpKey) {
      const code = await t.nextCode({ id: user.id!, email, roles: [signIn.role], organisationId: user.organisation_id!, totpSecret: signIn.totpKey });
      assert.equal((await browser.post('/sign-in/second-factor', { code })).statusCode, 303, `${email} passes the second factor`);
    }
    browsers.set(email, browser);
    return browser;
  }

  async function page(email: string, url: string): Promise<string> {
    const response = await (await as(email)).get(url);
    assert.equal(response.statusCode, 200, `${email} GET ${url}: ${response.statusCode}`);
    return response.body;
  }

  /** The story's match of a household, by its reference. */
  const matchOf = (reference: string, stage: string) =>
    one(
      'select m.id, m.child_ids[1] as child_id, m.placement_date::text as placement_date from matches m join households h on h.id = m.household_id where h.reference = $1 and m.stage = $2',
      [reference, stage],
    );

  it('shows the workers a link or match at every step of the workflow, and the declined one with its reason', async () => {
    // Every match on one page (the list pages 20 a page unless asked for more).
    const all = await page('social.worker@demo.invalid', '/matches?open=false&limit=200');
    for (const stage of ['Link being explored', 'Shortlisted', 'Agency decision', 'Introductions', 'Placed', 'Link declined', 'Adoption order made'])
      assert.ok(all.includes(stage), `the list shows a match at "${stage}"`);
    for (const reference of ['SYN-1-S01', 'SYN-1-S02', 'SYN-1-S03', 'SYN-1-S04', 'SYN-1-S05'])
      assert.ok(all.includes(reference), `the list names ${reference}`);

    const declined = await matchOf('SYN-1-S01', 'declined');
    assert.match(await page('social.worker@demo.invalid', `/matches/${declined.id}`), /could not yet give the one-to-one attention the child needs/);
    const placed = await matchOf('SYN-1-S01', 'placed');
    const placedPage = await page('social.worker@demo.invalid', `/matches/${placed.id}`);
    const placedOn = new Date(`${placed.placement_date}T12:00:00Z`).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    assert.ok(placedPage.includes(placedOn), `the placed match shows its placement date ${placedOn}`);
    assert.ok(Date.parse(placed.placement_date!) < Date.now() - 21 * 86_400_000, 'placed some weeks ago');
  });

  it('shows a child’s links on their own page: the family that declined and the family exploring now', async () => {
    const declined = await matchOf('SYN-1-S01', 'declined');
    const childPage = await page('family.finder@demo.invalid', `/children/${declined.child_id}`);
    assert.ok(childPage.includes('SYN-1-S01'), 'the family who declined the link');
    assert.ok(childPage.includes('SYN-1-S05'), 'the family exploring a link now');
  });

  it('shows the profile of a child whose link is being explored to approved families, and the child’s page says so', async () => {
    const shown = await one('select id from children where profile_shared_at is not null order by date_of_birth limit 1');
    assert.ok(shown?.id, 'a waiting child’s profile is shown to approved families');
    const sharing = await page('family.finder@demo.invalid', `/children/${shown.id}/profile-sharing`);
    assert.match(sharing, /Ffion Finder/, 'who chose to show it');
  });

  it('keeps a transition plan for introductions, with steps done, moved and to come', async () => {
    const introductions = await matchOf('SYN-1-S03', 'introductions');
    const plan = await page('social.worker@demo.invalid', `/matches/${introductions.id}/transition-plan`);
    assert.match(plan, /First meeting with/);
    assert.match(plan, /Moving day/);
    assert.match(plan, /foster carers have a family event/, 'the reason a step moved');
  });

  it('records a Team Around the Child meeting with minutes, attendees and actions', async () => {
    const meeting = await one('select id from tac_meetings where minutes is not null');
    const body = await page('social.worker@demo.invalid', `/tac-meetings/${meeting.id}`);
    assert.match(body, /Introductions are going well/);
    assert.match(body, /Morgan Carer \(fictional\)/);
    assert.match(body, /Visit the new school with the family/, 'the social worker’s action');
    const myWork = await page('social.worker@demo.invalid', '/my-work');
    assert.match(myWork, /Visit the new school with the family/, 'the action is on its owner’s "my work"');
  });

  it('shows the psychologist their consultation notes and the formulation’s versions', async () => {
    const placed = await matchOf('SYN-1-S01', 'placed');
    const formulation = await page('psychologist@demo.invalid', `/children/${placed.child_id}/formulation`);
    assert.match(formulation, /Night waking has returned/, 'the current (second) version');
    const consultation = await one('select id from consultations order by consultation_date limit 1');
    assert.match(await page('psychologist@demo.invalid', `/consultations/${consultation.id}`), /night waking and watchfulness/);
  });

  it('shows the placed family’s support plan, its sessions, the family’s waiting request and the placement’s stability', async () => {
    assert.match(await page('social.worker@demo.invalid', '/support/plans'), /SYN-1-S01/);
    const plan = await one('select id from support_plans');
    const body = await page('social.worker@demo.invalid', `/support/plans/${plan.id}`);
    assert.match(body, /Settling and attachment/);
    assert.match(body, /School liaison before the first term/);
    assert.match(await page('social.worker@demo.invalid', '/support/requests'), /SYN-1-S01/, 'the family’s request waits on the list');
    const stability = await page('service.manager@demo.invalid', '/support/stability');
    assert.match(stability, /SYN-1-S01/, 'the recent placement, on the manager’s stability report');
    assert.match(stability, /SYN-1-S06/, 'and the one placed over a year ago, adopted since');
  });

  it('shows the adopter their placed children, the declined link’s reason, the plan, the formulation written for them and their request', async () => {
    const body = await page('adopter@demo.invalid', '/my-application');
    assert.match(body, /SYN-1-S01/);
    const children = await one(
      "select string_agg(coalesce(c.preferred_name, c.legal_given_names), ',') as names from matches m join households h on h.id = m.household_id join children c on c.id = any (m.child_ids) where h.reference = 'SYN-1-S01' and m.stage = 'placed'",
    );
    for (const name of children.names!.split(',')) assert.ok(body.includes(name), `the portal names ${name}`);
    assert.match(body, /could not yet give the one-to-one attention the child needs/, 'why the first link ended');
    assert.match(body, /Moving day/, 'the transition plan');
    assert.match(body, /a transitional object carried between home and school/, 'what helps, from the current formulation');
    assert.doesNotMatch(body, /Synthetic demo history/, 'never the child’s history');
    assert.match(body, /waking in the night again since starting school/, 'their own request for support');
    assert.match(body, /Life story work/, 'the preparation session the clinical partner’s psychologist led');
    assert.doesNotMatch(body, /Not complete/, 'their preparation training, attended in Stage 1');
    assert.ok(body.indexOf('Alex Adopter (fictional)') < body.indexOf('Jordan Adopter (fictional)'), 'the signed-in adopter first');
  });

  it('keeps the workers’ training and supervision, with someone overdue for supervision', async () => {
    const me = await one("select id from users where email = 'social.worker@demo.invalid'");
    assert.match(await page('social.worker@demo.invalid', `/workforce/staff/${me.id}/training`), /Trauma-informed practice, level 2/);
    const supervision = await page('psychologist@demo.invalid', '/workforce/supervision');
    assert.match(supervision, /Sam Worker/);
    assert.match(supervision, /Ffion Finder/);
  });

  it('lists the referrals: each authority’s referrer sees their own, the agency sees both authorities’', async () => {
    const counts = await one(
      "select count(*) filter (where o.slug = 'demo-council-north') as north, count(*) filter (where o.slug = 'demo-council-south') as south, count(*) as total from referrals r join organisations o on o.id = r.organisation_id",
    );
    assert.ok(Number(counts.north) > 0 && Number(counts.south) > 0, JSON.stringify(counts));
    assert.equal((await one('select count(*) as n from children where referral_id is null')).n, '0', 'every child came through a referral');
    for (const email of ['family.finder@demo.invalid', 'service.manager@demo.invalid', 'referrer.north@demo.invalid', 'referrer.south@demo.invalid']) {
      const ctx = { actor: await t.services.organisations.actorForEmail(t.system, email), requestId: 'test', channel: 'web' as const, language: 'en' as const };
      const rows = (await t.services.children.listReferrals(ctx)).items;
      const expected = email.startsWith('referrer.north') ? counts.north : email.startsWith('referrer.south') ? counts.south : counts.total;
      assert.equal(String(rows.length), expected, `${email} sees the referrals`);
    }
    const referral = await one("select r.id from referrals r join organisations o on o.id = r.organisation_id where o.slug = 'demo-council-north' limit 1");
    for (const email of ['referrer.north@demo.invalid', 'family.finder@demo.invalid']) {
      // The decided ones are paged: all on one page.
      const body = await page(email, '/referrals?limit=200');
      assert.doesNotMatch(body, /data-testid="no-referrals"/, `${email}: the list is not empty`);
      assert.ok(body.includes(`/referrals/${referral.id}`), `${email} sees the north referral`);
    }
  });

  it('keeps each child’s story in order (born, in care, decision, placement order, referral), mostly aged 4 to 10, brothers and sisters with their relationships', async () => {
    const wrong = await one(
      'select count(*) as n from children where not (date_of_birth < entered_care_date and entered_care_date < adoption_plan_date and adoption_plan_date < coalesce(placement_order_date, referral_date) and coalesce(placement_order_date, referral_date) <= referral_date)',
    );
    assert.equal(wrong.n, '0');
    const ages = await one(
      "select count(*) filter (where age(referral_date, date_of_birth) >= interval '4 years' and age(referral_date, date_of_birth) < interval '11 years') as four_to_ten, count(*) as total from children",
    );
    assert.ok(Number(ages.four_to_ten) / Number(ages.total) > 0.8, JSON.stringify(ages));
    const groups = await one(
      'select count(distinct group_id) as groups, (select count(*) from sibling_relationships) as relationships from sibling_group_members',
    );
    assert.ok(Number(groups.groups) >= 3 && Number(groups.relationships) >= Number(groups.groups), JSON.stringify(groups));
  });

  it('dates a child’s timeline in the story’s time, not all on the day the demo was seeded', async () => {
    const placed = await matchOf('SYN-1-S01', 'placed');
    const days = await one(
      "select count(distinct (at at time zone 'Europe/London')::date) as days, min(at)::date::text as first, (select referral_date::text from children where id = $1) as referred from child_events where child_id = $1",
      [placed.child_id],
    );
    assert.ok(Number(days.days) >= 4, `${days.days} different days on the timeline`);
    assert.equal(days.first, days.referred, 'the first entry is the referral, on the day it was made');
    const today = await one(
      "select count(*) filter (where (at at time zone 'Europe/London')::date = (now() at time zone 'Europe/London')::date) as today, count(*) as total from child_events",
    );
    assert.ok(Number(today.today) < Number(today.total) / 4, JSON.stringify(today));
  });

  it('lets matching work: district centroids known, distances worked out, and most recommendations resting on well over 90% of the weight', async () => {
    assert.ok(Number((await one('select count(*) as n from postcode_centroids')).n) >= 10);
    const finder = {
      actor: await t.services.organisations.actorForEmail(t.system, 'family.finder@demo.invalid'),
      requestId: 'test',
      channel: 'web' as const,
      language: 'en' as const,
    };
    const waiting = await t.database.adminQuery("select id from children where status = 'family_finding'");
    const coverages: number[] = [];
    let withContacts = 0;
    let distancesKnown = 0;
    const seen = new Set<string>();
    for (const { id } of waiting.rows as { id: string }[]) {
      const result = await t.services.recommendations.forChild(finder, id);
      if (seen.has(result.unit.id)) continue;
      seen.add(result.unit.id);
      for (const { result: pair } of result.eligible) {
        coverages.push(pair.coverage!);
        const distance = pair.reasons.find((r) => r.criterion === 'contactDistance')!;
        if (distance.status === 'not_applicable') continue;
        withContacts++;
        if (distance.status !== 'unknown') distancesKnown++;
      }
    }
    assert.ok(coverages.length >= 10, `${coverages.length} recommended pairs`);
    const wellCovered = coverages.filter((c) => c > 0.9).length / coverages.length;
    assert.ok(wellCovered > 0.75, `${Math.round(wellCovered * 100)}% of ${coverages.length} pairs rest on more than 90% of the weight`);
    assert.ok(withContacts > 0 && distancesKnown === withContacts, `${distancesKnown} of ${withContacts} distances known`);
  });

  it('has enquiries from the public form, Stage 2 home study visits, and portal invitations with their e-mails in the outbox', async () => {
    const counts = await one(
      "select (select count(*) from enquiries) as enquiries, (select count(*) from home_study_visits) as visits, (select count(*) from invitations) as invitations, (select count(*) from outbox where template like '%invitation%') as outbox",
    );
    assert.ok(Number(counts.enquiries) >= 3, JSON.stringify(counts));
    assert.ok(Number(counts.visits) >= 3, JSON.stringify(counts));
    assert.ok(Number(counts.invitations) >= 2, JSON.stringify(counts));
    assert.equal(counts.outbox, counts.invitations, 'one e-mail per invitation');
    const visited = await one('select household_id from home_study_visits limit 1');
    assert.match(
      await page('service.manager@demo.invalid', `/households/${visited.household_id}`),
      /Family history and relationships|Parenting capacity|Support network|Home and neighbourhood|Understanding trauma/,
    );
  });

  it('gives the demo university an active data-sharing agreement whose extract its researcher can download', async () => {
    const researcher = await as('researcher@demo.invalid');
    const list = await researcher.get('/research');
    assert.equal(list.statusCode, 200);
    const agreementId = /href="\/research\/agreements\/([0-9a-f-]{36})"/.exec(list.body)?.[1] ?? assert.fail('no agreement listed');
    const page = await researcher.get(`/research/agreements/${agreementId}`);
    assert.match(page.body, /data-testid="make-extract"/, 'the agreement is active');
    const extractId = /href="\/research\/extracts\/([0-9a-f-]{36})\/download"/.exec(page.body)?.[1] ?? assert.fail('no extract to download');
    const zip = await researcher.get(`/research/extracts/${extractId}/download`);
    assert.equal(zip.statusCode, 200);
    assert.equal(zip.headers['content-type'], 'application/zip');
    const recorded = await one('select sha256 from research_extracts where id = $1', [extractId]);
    assert.equal(createHash('sha256').update(zip.rawPayload).digest('hex'), recorded.sha256);
  });

  it('raises fees from the story under two agreements, and issues invoices with one part paid and one overdue', async () => {
    const agreements = await one(`select count(*)::int as n, string_agg(party, ',' order by party) as parties from agreements`);
    assert.equal(agreements.n, 2);
    assert.equal(agreements.parties, 'local_authority,regional_collaborative');
    const fees = await one(`select string_agg(distinct trigger, ',' order by trigger) as triggers from fee_events`);
    assert.match(fees.triggers!, /placement/);
    assert.match(fees.triggers!, /referral_accepted/);
    const finance = await as('finance.officer@demo.invalid');
    const page = await finance.get('/finance');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="overdue-table"/, 'something is overdue');
    const partPaid = await one(`select count(*)::int as n from invoices i where exists (select 1 from payments p where p.invoice_id = i.id)
      and i.total_pence > (select sum(amount_pence) from payments p where p.invoice_id = i.id)`);
    assert.equal(partPaid.n, 1, 'one invoice part paid');
    const referrer = await as('referrer.south@demo.invalid');
    const theirs = await referrer.get('/finance');
    assert.equal(theirs.statusCode, 200);
    assert.ok(!theirs.body.includes('Demo North Council'), 'an authority sees nothing of the other');
  });

  it('shows a financial return of the order the service reports, from its placed history since 2018, with how the total arises', async () => {
    const method = await page('service.manager@demo.invalid', '/finance/financial-return/method?lang=en');
    const total = /data-testid="method-total">[^£]*£([\d,]+)/.exec(method)!;
    const pounds = Number(total[1]!.replace(/,/g, ''));
    assert.ok(pounds > 8_000_000 && pounds < 25_000_000, `a return of the order of £14.4M, not £${pounds}`);
    const children = Number(/Children placed: (\d+)/.exec(method)![1]);
    assert.ok(children >= 25, `${children} placed children behind it`);
    assert.match(method, /data-testid="method-arises"/);
    assert.match(method, /Mean age at placement/);
    const welsh = await page('service.manager@demo.invalid', '/finance/financial-return/method?lang=cy');
    assert.match(welsh, /Sut mae’r cyfanswm yn codi/);
  });

  it('has the funder’s report for the last financial year on the funder’s reports page, with figures in it', async () => {
    const list = await page('funder@demo.invalid', '/reports');
    const reportId = /href="\/reports\/([0-9a-f-]{36})"/.exec(list)?.[1] ?? assert.fail('no report listed for the funder');
    const report = await page('funder@demo.invalid', `/reports/${reportId}`);
    assert.match(report, /R-\d{4}-0001 v1/);
    assert.match(report, /data-testid="download-pdf"/);
    const issued = await one('select document from reports where id = $1', [reportId]);
    const sections = (issued.document as unknown as { sections: { code: string; tables: { rows: { values: unknown[] }[] }[] }[] }).sections;
    const figures = sections.flatMap((s) => s.tables.flatMap((tb) => tb.rows.flatMap((r) => r.values))).filter((v) => typeof v === 'number' && v > 0);
    assert.ok(figures.length >= 5, `a report with figures in it, not an empty year: ${figures.length}`);
    const agency = await page('administrator@demo.invalid', '/reports');
    assert.ok(agency.includes(reportId), 'the agency’s list shows what it issued');
  });

  it('seeds once: a second run reuses the data and adds nothing', async () => {
    const before = await one(
      'select (select count(*) from matches) as matches, (select count(*) from support_plans) as plans, (select count(*) from tac_meetings) as meetings',
    );
    const again = await seedDemo(t.services, t.dataDir, { seed: 1 });
    assert.equal(again.created, false);
    assert.deepEqual(again.signIns, signIns);
    assert.deepEqual(
      await one(
        'select (select count(*) from matches) as matches, (select count(*) from support_plans) as plans, (select count(*) from tac_meetings) as meetings',
      ),
      before,
    );
  });
});
