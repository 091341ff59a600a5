import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Browser, type TestApp, type TestUser } from '../support/app.ts';
import { sql } from 'drizzle-orm';
import { matchedFamily } from '../support/fixtures.ts';
import { inActorTransaction } from '../../src/platform/db/transaction.ts';
import type { UserActor } from '../../src/platform/policy/actor.ts';
import { addDays, addMonths, dateInWales } from '../../src/platform/dates/dates.ts';

/**
 * The satisfaction of local authorities and workers beside the families': a referrer answers for
 * their authority's placed child (a mistake first, in Welsh, nothing stored; never twice; another
 * authority's child is not found), workers of the agency and the clinical partner answer theirs once
 * a year, anonymously, and the service manager reads the three groups with their comments, which
 * nobody outside the agency can open. All people are fictional.
 */
describe('satisfaction of local authorities and workers', () => {
  let t: TestApp;
  let agency: string;
  let council: string;
  let otherCouncil: string;
  let partner: string;
  let referrer: TestUser;
  let otherReferrer: TestUser;
  let manager: TestUser;
  let worker: TestUser;
  let psychologist: TestUser;
  let funder: TestUser;
  let adopter: TestUser;
  let child: string;
  let recentChild: string;
  let otherChild: string;
  const browsers: Record<string, Browser> = {};
  const today = () => dateInWales(new Date());
  const count = async (sql: string, values: unknown[] = []) => Number((await t.database.adminQuery(sql, values)).rows[0].count);
  const problems = (body: string) => [...body.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => m[1]!);
  const authorityItems = ['referral', 'kept_informed', 'family_meets_needs', 'therapeutic', 'partnership', 'value', 'refer_again'];
  const workerItems = ['training', 'supervision', 'consultation', 'supported', 'workload'];
  const form = (codes: string[], value: (code: string) => string) => Object.fromEntries(codes.map((c) => [`answer-${c}`, value(c)]));

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('partner-sat-agency', 'agency');
    council = await t.organisation('partner-sat-council', 'local_authority');
    otherCouncil = await t.organisation('partner-sat-other-council', 'local_authority');
    partner = await t.organisation('partner-sat-clinic', 'clinical_partner');
    const funderOrg = await t.organisation('partner-sat-funder', 'funder');
    referrer = await t.user(['la_referrer'], council);
    otherReferrer = await t.user(['la_referrer'], otherCouncil);
    manager = await t.user(['service_manager'], agency);
    worker = await t.user(['social_worker'], agency);
    psychologist = await t.user(['clinical_psychologist'], partner);
    funder = await t.user(['funder'], funderOrg);
    adopter = await t.user(['adopter'], agency);
    for (const [name, user] of Object.entries({ referrer, otherReferrer, manager, worker, psychologist, funder, adopter }))
      browsers[name] = await t.signIn(user);
    const placed = async (la: string, name: string, movedIn: string, family: { adopterUserIds?: string[] } = {}) =>
      (
        await matchedFamily(t, {
          agency,
          council: la,
          child: { legalGivenNames: name, dateOfBirth: addMonths(today(), -80) },
          household: { reference: `SAT-${name.replace(/\W/g, '').slice(-6)}`, stageSince: movedIn, ...family },
          ...(family.adopterUserIds ? { applicant: { userId: family.adopterUserIds[0]!, email: 'heulwen.family@test.invalid', preferredLanguage: 'en' } } : {}),
          match: { stageSince: movedIn, linkedDate: addMonths(movedIn, -2), placementDate: movedIn },
        })
      ).child;
    // Moved in three months and five days ago: the authority's questionnaire is due (and the family's first is overdue).
    child = await placed(council, 'Fictional Heulwen', addDays(addMonths(today(), -3), -5), { adopterUserIds: [adopter.id] });
    recentChild = await placed(council, 'Fictional Recent', addMonths(today(), -1));
    otherChild = await placed(otherCouncil, 'Fictional Elsewhere', addDays(addMonths(today(), -3), -5));
  });
  after(async () => t.close());

  it('shows the referrer what is due for their authority’s placed child only, linked from their home page', async () => {
    const home = await browsers.referrer!.get('/');
    assert.ok(home.body.includes('href="/outcomes/authority-questionnaires"'));
    const list = await browsers.referrer!.get('/outcomes/authority-questionnaires');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(`/outcomes/authority-questionnaires/${child}`));
    assert.ok(!list.body.includes(recentChild), 'a child placed a month ago is not due yet');
    assert.ok(!list.body.includes(otherChild) && !list.body.includes('Fictional Elsewhere'), 'another authority’s child is not listed');
    assert.match(list.body, /Due now/);
  });

  it('answers "not found" for another authority’s child, and stores nothing', async () => {
    const page = await browsers.referrer!.get(`/outcomes/authority-questionnaires/${otherChild}`);
    assert.equal(page.statusCode, 404);
    assert.ok(!page.body.includes('Fictional Elsewhere'));
    const sent = await browsers.referrer!.post(
      `/outcomes/authority-questionnaires/${otherChild}`,
      { dueOn: addDays(addMonths(today(), -3), -5), ...form(authorityItems, () => '5') },
      { csrfFrom: '/outcomes/authority-questionnaires' },
    );
    assert.equal(sent.statusCode, 404);
    assert.equal(await count('select count(*) from partner_satisfaction_responses'), 0);
    assert.ok((await count("select count(*) from audit_log where action = 'satisfaction.authorityAnswer' and outcome = 'not_found'")) >= 2);
  });

  it('lets the referrer answer in Welsh: every mistake named in Welsh and nothing stored, then sent once', async () => {
    const url = `/outcomes/authority-questionnaires/${child}`;
    const page = await browsers.referrer!.get(`${url}?lang=cy`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('Ymatebodd yr asiantaeth i’n hatgyfeiriad'), 'the statements are in Welsh');
    const dueOn = /name="dueOn" value="([0-9-]{10})"/.exec(page.body)![1]!;
    const answers = form(authorityItems, (c) => (c === 'refer_again' ? '5' : '4'));
    const wrong = await browsers.referrer!.post(url, { dueOn, ...answers, 'answer-referral': '', 'answer-value': '', comment: 'x'.repeat(2001) });
    assert.equal(wrong.statusCode, 422);
    assert.deepEqual(problems(wrong.body), ['answer-referral', 'answer-value', 'comment']);
    assert.ok(wrong.body.includes('Dewiswch ateb'), 'the errors are in Welsh');
    assert.ok(wrong.body.includes('Rhaid i’r sylwadau fod yn 2000 nod neu lai'));
    assert.equal(await count('select count(*) from partner_satisfaction_responses'), 0, 'nothing half-written is kept');

    const sent = await browsers.referrer!.post(url, { dueOn, ...answers, comment: 'Clear, regular updates on Heulwen.' });
    assert.equal(sent.statusCode, 303);
    const rows = (await t.database.adminQuery('select * from partner_satisfaction_responses')).rows;
    assert.equal(rows.length, 1);
    assert.equal(rows[0].respondent_group, 'local_authority');
    assert.equal(rows[0].organisation_id, council);
    assert.equal(rows[0].agency_id, agency);
    assert.equal(rows[0].child_id, child);
    assert.equal(rows[0].respondent_user_id, referrer.id);
    assert.equal(rows[0].language, 'cy');
    assert.equal(rows[0].due_months, 3);
    assert.deepEqual(rows[0].scores, { satisfaction: 29 });

    const again = await browsers.referrer!.post(url, { dueOn, ...answers }, { csrfFrom: '/outcomes/authority-questionnaires' });
    assert.equal(again.statusCode, 409, 'one answer per child per due point');
    assert.ok(again.body.includes('Mae’r holiadur hwn eisoes wedi’i ateb'));
    assert.equal(await count('select count(*) from partner_satisfaction_responses'), 1);
    const list = await browsers.referrer!.get('/outcomes/authority-questionnaires');
    assert.ok(!list.body.includes(`/outcomes/authority-questionnaires/${child}`), 'answered: no longer due');
  });

  it('lets workers of the agency and the clinical partner answer theirs once a year, without storing who answered what', async () => {
    const page = await browsers.worker!.get('/outcomes/worker-questionnaire?lang=en');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('The training I receive helps me'));
    const early = await browsers.worker!.post(
      '/outcomes/worker-questionnaire',
      form(workerItems, () => ''),
    );
    assert.equal(early.statusCode, 422);
    assert.equal(problems(early.body).length, workerItems.length);
    const sent = await browsers.worker!.post('/outcomes/worker-questionnaire', {
      ...form(workerItems, (c) => (c === 'training' ? '5' : '4')),
      comment: 'Supervision every month helps.',
    });
    assert.equal(sent.statusCode, 303);
    const twice = await browsers.worker!.post(
      '/outcomes/worker-questionnaire',
      form(workerItems, () => '1'),
    );
    assert.equal(twice.statusCode, 409, 'once each financial year');

    const clinic = await browsers.psychologist!.post('/outcomes/worker-questionnaire', {
      agencyId: agency,
      ...form(workerItems, (c) => (c === 'training' ? '3' : '2')),
    });
    assert.equal(clinic.statusCode, 303);

    const answers = (await t.database.adminQuery("select * from partner_satisfaction_responses where respondent_group = 'worker' order by organisation_id"))
      .rows;
    assert.equal(answers.length, 2);
    for (const row of answers) {
      assert.equal(row.respondent_user_id, null);
      assert.equal(row.submitted_on, null);
      assert.equal(row.agency_id, agency);
      assert.match(row.period, /^\d{4}-\d{2}$/);
    }
    assert.deepEqual(answers.map((r) => r.organisation_id).sort(), [agency, partner].sort());
    assert.equal(await count('select count(*) from worker_questionnaire_receipts where user_id = any($1)', [[worker.id, psychologist.id]]), 2);
    const audit = (
      await t.database.adminQuery("select resource_id from audit_log where action = 'satisfaction.workerAnswer' and resource_type = 'worker_questionnaire'")
    ).rows;
    assert.ok(audit.length > 0 && audit.every((a) => a.resource_id === null), 'the audit never points at the answer');
    const done = await browsers.worker!.get('/outcomes/worker-questionnaire');
    assert.ok(done.body.includes('data-testid="questionnaire-closed"'));
  });

  it('lets the family leave a comment with its questionnaire, refused when too long', async () => {
    const list = await browsers.adopter!.get('/my-application/questionnaires');
    const url = /\/my-application\/questionnaires\/[0-9a-f-]{36}/.exec(list.body)![0];
    const page = await browsers.adopter!.get(url);
    assert.ok(page.body.includes('name="comment"'));
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const answers = {
      'answer-information': '4',
      'answer-introductions': '4',
      'answer-contact': '4',
      'answer-support_access': '4',
      'answer-therapeutic': '5',
      'answer-confidence': '4',
      'answer-language': '5',
      'answer-recommend': '5',
    };
    const long = await browsers.adopter!.post(url, { version, intent: 'submit', ...answers, comment: 'x'.repeat(2001) });
    assert.equal(long.statusCode, 422);
    assert.deepEqual(problems(long.body), ['comment']);
    const sent = await browsers.adopter!.post(url, { version, intent: 'submit', ...answers, comment: 'Introductions went at Heulwen’s pace.' });
    assert.equal(sent.statusCode, 303);
    const row = (await t.database.adminQuery("select status, comment from questionnaire_responses where household_id is not null and status = 'submitted'"))
      .rows;
    assert.deepEqual(row, [{ status: 'submitted', comment: 'Introductions went at Heulwen’s pace.' }]);
  });

  it('shows the service manager the three groups with the right means and the comments, never who answered', async () => {
    const page = await browsers.manager!.get('/outcomes/satisfaction');
    assert.equal(page.statusCode, 200);
    for (const group of ['families', 'localAuthorities', 'workers']) assert.ok(page.body.includes(`data-testid="satisfaction-${group}"`), group);
    const section = (group: string) => {
      const start = page.body.indexOf(`data-testid="satisfaction-${group}"`);
      return page.body.slice(start, page.body.indexOf('</section>', start));
    };
    const rowOf = (html: string, statement: string) => {
      const start = html.indexOf(statement);
      return html
        .slice(start, html.indexOf('</tr>', start))
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    };
    const authorities = section('localAuthorities');
    assert.match(authorities, /1 questionnaire answered by local authorities/);
    assert.equal(rowOf(authorities, 'We would refer another child'), 'We would refer another child to Adopting Together. 1 5 100%' + ` 100%`);
    assert.ok(authorities.includes('Mean overall score: 29 (from 7 to 35).'));
    assert.ok(authorities.includes('Clear, regular updates on Heulwen.'));
    const workers = section('workers');
    assert.match(workers, /2 questionnaires answered by workers/);
    assert.match(rowOf(workers, 'The training I receive'), / 2 4 50% /);
    assert.match(rowOf(workers, 'I receive regular clinical supervision'), / 2 3 50% /);
    assert.ok(workers.includes('Mean overall score: 16 (from 5 to 25).'), '21 and 11');
    assert.ok(workers.includes('Supervision every month helps.'));
    for (const person of [worker, psychologist, referrer]) {
      assert.ok(!page.body.includes(person.email), 'no respondent’s address');
    }
    const families = section('families');
    assert.match(families, /1 questionnaire sent by families/);
    assert.ok(families.includes('Mean overall score: 35 (from 8 to 40).'));
    assert.ok(families.includes('Introductions went at Heulwen’s pace.'));
  });

  it('keeps the report and its comments from funders and authorities; an authority reads its own figures disclosure-controlled', async () => {
    for (const who of ['funder', 'referrer', 'otherReferrer', 'worker', 'psychologist']) {
      const response = await browsers[who]!.get('/outcomes/satisfaction');
      assert.equal(response.statusCode, 403, who);
      assert.ok(!response.body.includes('Clear, regular updates'));
    }
    const own = await browsers.referrer!.get('/outcomes/authority-satisfaction?lang=en');
    assert.equal(own.statusCode, 200);
    assert.ok(own.body.includes('Questionnaires answered: c'), 'one answer is a small number');
    assert.ok(!own.body.includes('Clear, regular updates'), 'no comments outside the agency');
    const items = own.body.slice(own.body.indexOf('data-testid="authority-items"'));
    assert.ok(!/>\s*1\s*</.test(items.slice(0, items.indexOf('</table>'))), 'no count of 1 is shown');
    assert.ok(!own.body.includes('>29<'), 'no mean over a suppressed count');
    const elsewhere = await browsers.otherReferrer!.get('/outcomes/authority-satisfaction');
    assert.equal(elsewhere.statusCode, 200);
    assert.ok(elsewhere.body.includes('Questionnaires answered: 0'), 'another authority reads only its own answers');
    const funderPage = await browsers.funder!.get('/outcomes/authority-satisfaction');
    assert.equal(funderPage.statusCode, 403);
  });

  it('holds the walls without the policy: row-level security shows an authority only its own answers, and refuses a forged one', async () => {
    const actor = (user: TestUser, organisationId: string): UserActor => ({
      kind: 'user',
      userId: user.id,
      organisationId,
      organisationType: 'local_authority',
      roles: ['la_referrer'],
      name: 'Fictional',
    });
    const countAs = (user: TestUser, organisationId: string) =>
      inActorTransaction(t.database.db, actor(user, organisationId), async (tx) =>
        Number((await tx.execute<{ n: string }>(sql`select count(*) as n from partner_satisfaction_responses`)).rows[0]!.n),
      );
    assert.equal(await countAs(referrer, council), 1, 'control: the authority sees its own answer');
    assert.equal(await countAs(otherReferrer, otherCouncil), 0);
    await assert.rejects(
      inActorTransaction(t.database.db, actor(otherReferrer, otherCouncil), (tx) =>
        tx.execute(sql`insert into partner_satisfaction_responses (respondent_group, organisation_id, agency_id, child_id, instrument_code, instrument_version, due_on, period, answers, scores, language)
          values ('local_authority', ${council}, ${agency}, ${otherChild}, 'authority-satisfaction', 1, ${today()}, '2026', '{}', '{}', 'en')`),
      ),
      (error: Error) => /row-level security/.test(String((error.cause as Error | undefined)?.message ?? error.message)),
    );
  });
});
