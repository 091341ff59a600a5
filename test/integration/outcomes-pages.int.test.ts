import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestApp, type Browser, type TestApp, type TestUser } from '../support/app.ts';
import { matchedFamily } from '../support/fixtures.ts';
import { addDays, addMonths, dateInWales } from '../../src/platform/dates/dates.ts';

/**
 * The outcomes pages as people use them: a worker enters SDQ scores from paper with one mistake
 * first (nothing saved until it is right), the family answers its satisfaction questionnaire in
 * Welsh, saving half way and sending once, the service manager reminds families through the
 * outbox in their own language and reads satisfaction by item, the cohort's children stay with
 * the agency, and the administrator adds a new version of an instrument. All people are fictional.
 */
describe('outcomes pages', () => {
  let t: TestApp;
  let agency: string;
  let council: string;
  let worker: TestUser;
  let manager: TestUser;
  let referrer: TestUser;
  let adopter: TestUser;
  let admin: TestUser;
  let child: string;
  let family: string;
  const browsers: Record<string, Browser> = {};
  const today = () => dateInWales(new Date());
  const count = async (sql: string, values: unknown[] = []) => Number((await t.database.adminQuery(sql, values)).rows[0].count);
  const problems = (body: string) => [...body.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => m[1]!);

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('pages-agency', 'agency');
    council = await t.organisation('pages-council', 'local_authority');
    worker = await t.user(['social_worker'], agency);
    manager = await t.user(['service_manager'], agency);
    referrer = await t.user(['la_referrer'], council);
    adopter = await t.user(['adopter'], agency);
    admin = await t.user(['administrator'], agency);
    for (const [name, user] of Object.entries({ worker, manager, referrer, adopter, admin })) browsers[name] = await t.signIn(user);
    // Moved in six months and a week ago: the baseline window has passed and the 6-month questionnaire is due.
    const movedIn = addDays(addMonths(today(), -6), -7);
    ({ child, household: family } = await matchedFamily(t, {
      agency,
      council,
      child: { legalGivenNames: 'Fictional Pages', dateOfBirth: addMonths(today(), -90), sex: 'male', socialWorkerId: worker.id },
      household: { reference: 'OUT-PAGES', stageSince: addMonths(today(), -6), email: 'pages@test.invalid', adopterUserIds: [adopter.id] },
      applicant: { userId: adopter.id, email: 'parent@test.invalid', preferredLanguage: 'cy' },
      match: { stageSince: movedIn, linkedDate: addMonths(today(), -8), placementDate: movedIn },
    }));
  });
  after(async () => t.close());

  it('shows the worker what is due on the home page and the child’s outcomes page', async () => {
    const home = await browsers.worker!.get('/');
    assert.ok(home.body.includes('data-testid="outcomes-due"'));
    assert.ok(home.body.includes(`/children/${child}/outcomes`));
    const page = await browsers.worker!.get(`/children/${child}/outcomes`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Overdue|Due now|Missed/);
  });

  it('shows the same due and overdue measures, in the same words, on the home page and in "my work", in English and Welsh', async () => {
    /** The due panel's table rows, as text: the one source (outcomes.dueForMe, dueMeasureRows) renders both. */
    const panelRows = (body: string) => {
      const start = body.indexOf('data-testid="outcomes-due"');
      assert.ok(start >= 0, 'the page has the due panel');
      const panel = body.slice(start, body.indexOf('</section>', start));
      return [...panel.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((m) =>
        m[1]!
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
      );
    };
    for (const language of ['en', 'cy']) {
      const home = await browsers.worker!.get(`/?lang=${language}`);
      const myWork = await browsers.worker!.get(`/my-work?lang=${language}`);
      assert.equal(myWork.statusCode, 200);
      const fromHome = panelRows(home.body);
      assert.ok(fromHome.length > 1, 'a header and at least one measure');
      assert.deepEqual(panelRows(myWork.body), fromHome);
    }
    // Overdue measures, and only they, are named among the things needing attention, with their number.
    const myWork = await browsers.worker!.get('/my-work?lang=en');
    const overdue = panelRows(myWork.body).filter((row) => row.endsWith('Overdue')).length;
    const line = /data-testid="attention-outcomesOverdue"><a class="govuk-link" href="#outcomes-due">Outcome measures overdue: (\d+)</.exec(myWork.body);
    assert.equal(line ? Number(line[1]) : 0, overdue);
  });

  it('re-shows the entry form with the one mistake and saves nothing, then saves when corrected', async () => {
    const url = `/children/${child}/outcomes/new`;
    const [y, m, d] = addMonths(today(), -6).split('-');
    const form = {
      instrument: 'sdq-parent',
      'completedOn-day': String(Number(d)),
      'completedOn-month': String(Number(m)),
      'completedOn-year': y!,
      respondent: 'parent_carer',
      'score-emotional': '6',
      'score-conduct': '5',
      'score-hyperactivity': '8',
      'score-peer': '4',
      'score-prosocial': '5',
      'score-total': '24',
      'score-impact': '3',
    };
    const wrong = await browsers.worker!.post(url, form);
    assert.equal(wrong.statusCode, 422);
    assert.deepEqual(problems(wrong.body), ['score-total']);
    assert.ok(wrong.body.includes('value="24"'), 'what was typed is kept');
    assert.equal(await count('select count(*) from outcome_administrations'), 0);
    const right = await browsers.worker!.post(url, { ...form, 'score-total': '23' });
    assert.equal(right.statusCode, 303);
    assert.equal(await count('select count(*) from outcome_administrations'), 1);
  });

  it('lets the family answer in Welsh, save half way and come back, and send once', async () => {
    const list = await browsers.adopter!.get('/my-application/questionnaires?lang=cy');
    assert.equal(list.statusCode, 200);
    const id = /\/my-application\/questionnaires\/([0-9a-f-]{36})/.exec(list.body)![1]!;
    const url = `/my-application/questionnaires/${id}`;
    const form = await browsers.adopter!.get(url);
    assert.ok(form.body.includes('Cawsom yr wybodaeth'), 'the statements are in Welsh');
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const half = await browsers.adopter!.post(url, {
      version,
      intent: 'save',
      'answer-information': '4',
      'answer-introductions': '5',
      'answer-contact': '3',
      'answer-support_access': '4',
    });
    assert.equal(half.statusCode, 303);
    const back = await browsers.adopter!.get(url);
    assert.ok(back.body.includes('4 of 8') || back.body.includes('4 o 8'));
    const early = await browsers.adopter!.post(url, { version: String(Number(version) + 1), intent: 'submit' });
    assert.equal(early.statusCode, 422, 'sending needs every statement');
    assert.equal(problems(early.body).length, 4);
    const rest = { 'answer-therapeutic': '5', 'answer-confidence': '4', 'answer-language': '5', 'answer-recommend': '5' };
    const sent = await browsers.adopter!.post(url, { version: String(Number(version) + 1), intent: 'submit', ...rest });
    assert.equal(sent.statusCode, 303);
    const row = (await t.database.adminQuery('select status, scores from questionnaire_responses where id = $1', [id])).rows[0];
    assert.equal(row.status, 'submitted');
    assert.deepEqual(row.scores, { satisfaction: 35 });
    const again = await browsers.adopter!.post(url, { version: String(Number(version) + 2), intent: 'submit', ...rest });
    assert.equal(again.statusCode, 409, 'a questionnaire is sent once');
  });

  it('shows the service manager satisfaction by item, and reminds families in their own language through the outbox', async () => {
    const page = await browsers.manager!.get('/outcomes/satisfaction');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('data-testid="satisfaction-items"'));
    // Open a new due questionnaire for the family (a second placement date would be needed): remind what is open now.
    await t.database.adminQuery(
      "insert into questionnaire_responses (household_id, organisation_id, instrument_code, instrument_version, due_months, due_on) values ($1, $2, 'placement-satisfaction', 1, 12, $3)",
      [family, agency, today()],
    );
    const before = await count("select count(*) from outbox where template = 'notifications.questionnaireDue'");
    const remind = await browsers.manager!.post('/outcomes/satisfaction/reminders', {}, { csrfFrom: '/outcomes/satisfaction' });
    assert.equal(remind.statusCode, 303);
    const mail = (await t.database.adminQuery("select language, subject, recipient from outbox where template = 'notifications.questionnaireDue'")).rows;
    assert.equal(mail.length, before + 1);
    assert.equal(mail[0].language, 'cy');
    assert.match(mail[0].subject, /Mae holiadur yn barod i chi/);
    const twice = await browsers.manager!.post('/outcomes/satisfaction/reminders', {}, { csrfFrom: '/outcomes/satisfaction' });
    assert.equal(twice.statusCode, 303);
    assert.equal(await count("select count(*) from outbox where template = 'notifications.questionnaireDue'"), before + 1, 'each family is reminded once');
  });

  it('opens the children behind a cohort figure for the agency only', async () => {
    const inside = await browsers.manager!.get('/outcomes');
    assert.equal(inside.statusCode, 200);
    assert.ok(inside.body.includes('data-testid="cohort-table"'));
    const list = await browsers.manager!.get('/outcomes/children?scale=total&change=improved');
    assert.equal(list.statusCode, 200);
    const outside = await browsers.referrer!.get('/outcomes/children?scale=total&change=improved');
    assert.equal(outside.statusCode, 403);
    const audited = await count("select count(*) from audit_log where action = 'outcomes.cohortChildren' and user_id = $1 and outcome = 'denied'", [
      referrer.id,
    ]);
    assert.equal(audited, 1);
  });

  it('marks the SDQ norms entered from memory as to be confirmed by the clinical lead, in English and Welsh', async () => {
    const en = await browsers.admin!.get('/admin/instruments?lang=en');
    assert.equal(en.statusCode, 200);
    assert.ok(en.body.includes('data-testid="norms-to-be-confirmed"'));
    const norms = en.body.slice(en.body.indexOf('data-testid="norms"'));
    assert.match(norms, /Emotional symptoms[\s\S]*?2\.0[\s\S]*?0\.67[\s\S]*?To be confirmed by the clinical lead/);
    const cy = await browsers.admin!.get('/admin/instruments?lang=cy');
    assert.ok(cy.body.includes('I’w gadarnhau gan yr arweinydd clinigol'));
  });

  it('lets the administrator add a new version of an instrument, refusing a definition missing its Welsh', async () => {
    const form = await browsers.admin!.get('/admin/instruments/new?from=developmental-check');
    const json = /<textarea[^>]*>([\s\S]*?)<\/textarea>/
      .exec(form.body)![1]!
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    const definition = JSON.parse(json);
    const withoutWelsh = { ...definition, name: { en: definition.name.en, cy: '' } };
    const refused = await browsers.admin!.post('/admin/instruments/new', { definition: JSON.stringify(withoutWelsh) });
    assert.equal(refused.statusCode, 400);
    assert.equal(await count('select count(*) from outcome_instruments'), 0);
    const saved = await browsers.admin!.post('/admin/instruments/new', { definition: JSON.stringify({ ...definition, followUp: undefined }) });
    assert.equal(saved.statusCode, 303);
    const row = (await t.database.adminQuery('select code, version from outcome_instruments')).rows[0];
    assert.deepEqual(row, { code: 'developmental-check', version: 2 });
    assert.equal(await count("select count(*) from audit_log where action = 'instruments.manage' and user_id = $1", [admin.id]), 1);
    assert.equal((await browsers.worker!.get('/admin/instruments')).statusCode, 403);
  });

  it('answers "not found" to an unknown child’s outcomes page', async () => {
    assert.equal((await browsers.worker!.get(`/children/${randomUUID()}/outcomes`)).statusCode, 404);
  });
});
