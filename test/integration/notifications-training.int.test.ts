import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inActorTransaction } from '../../src/platform/db/transaction.ts';
import { fixturesActor } from '../support/system.ts';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { applicants, households } from '../../src/modules/recruitment/schema.ts';
import { courseBookings, courses, courseSessions } from '../../src/modules/training/schema.ts';
import { startTestApp, type Browser, type TestApp, type TestUser } from '../support/app.ts';
import { callApi } from '../support/api-client.ts';

/**
 * Training reminders (system job `trainingReminders`, run every hour by `serve`): a booked place on
 * a session beginning within the agency's reminder period (its training settings, else the server's
 * TRAINING_REMINDER_DAYS) is reminded once, in the applicant's language; a run repeated, or two runs
 * at once, never remind one place twice.
 */
describe('training reminders', () => {
  let t: TestApp;
  let agency: string;
  let adopter: TestUser;
  let manager: TestUser;
  let managerBrowser: Browser;
  let household: string;
  let applicant: string;
  let course: string;
  const today = () => dateInWales(new Date());
  const day = 24 * 3_600_000;

  const reminders = async () =>
    (
      await t.database.adminQuery(
        "select language, subject, body, delivery, detail->>'bookingId' as booking from outbox where template = 'notifications.trainingReminder' order by created_at, id",
      )
    ).rows as { language: string; subject: string; body: string; delivery: string; booking: string }[];
  const run = () => t.services.trainingReminders.sendDueReminders(t.system);
  const problems = (body: string) => [...body.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[1]}: ${m[2]}`).join('; ') || body.slice(0, 400);

  /** The settings form as the service manager sees it, with the boxes filled in. */
  async function saveSettings(values: Record<string, string>, url = '/training/settings') {
    const page = await managerBrowser.get(url);
    assert.equal(page.statusCode, 200);
    const version = /name="version" value="(-?\d+)"/.exec(page.body)?.[1] ?? assert.fail('no version on the settings page');
    return managerBrowser.post(url, { version, ...values });
  }

  /** A session of the course beginning `inDays` days from now, with the applicant booked on it. */
  async function bookedPlace(inDays: number, status: 'booked' | 'cancelled' = 'booked'): Promise<string> {
    return inActorTransaction(t.database.db, fixturesActor(), async (tx) => {
      const startsAt = new Date(Date.now() + inDays * day);
      const [session] = await tx
        .insert(courseSessions)
        .values({ courseId: course, organisationId: agency, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000), venue: 'Room 1', capacity: 10 })
        .returning();
      const [booking] = await tx
        .insert(courseBookings)
        .values({ sessionId: session!.id, applicantId: applicant, householdId: household, organisationId: agency, status })
        .returning();
      return booking!.id;
    });
  }

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('training-reminders-agency', 'agency');
    adopter = await t.user(['adopter'], agency);
    manager = await t.user(['service_manager'], agency);
    managerBrowser = await t.signIn(manager);
    await inActorTransaction(t.database.db, fixturesActor(), async (tx) => {
      const [h] = await tx
        .insert(households)
        .values({
          organisationId: agency,
          reference: 'AT-TRAIN-REMIND-1',
          stage: 'stage1',
          stageSince: addMonths(today(), -1),
          stage1Date: addMonths(today(), -1),
          enquiryDate: addMonths(today(), -2),
          email: adopter.email,
          preferredLanguage: 'cy',
          adopterUserIds: [adopter.id],
        })
        .returning();
      household = h!.id;
      const [a] = await tx
        .insert(applicants)
        .values({
          householdId: household,
          organisationId: agency,
          givenNames: 'Heulwen',
          familyName: 'Testfamily',
          email: adopter.email,
          preferredLanguage: 'cy',
          userId: adopter.id,
        })
        .returning();
      applicant = a!.id;
      const [c] = await tx
        .insert(courses)
        .values({ organisationId: agency, title: 'Preparing to adopt', titleCy: 'Paratoi i fabwysiadu', kind: 'preparation' })
        .returning();
      course = c!.id;
    });
  });
  after(async () => t.close());

  it('reminds a place within the server’s default period, then within the period the agency chose, once, in the applicant’s language', async () => {
    const soon = await bookedPlace(3);
    const later = await bookedPlace(20);
    await bookedPlace(2, 'cancelled');
    assert.equal((await run()).sent, 1);
    const [mail, ...more] = await reminders();
    assert.equal(more.length, 0, 'a cancelled place and a session further off are not reminded');
    assert.equal(mail!.booking, soon);
    assert.equal(mail!.language, 'cy');
    assert.equal(mail!.subject, 'Nodyn atgoffa: eich cwrs paratoi');
    assert.match(mail!.body, /^Helo Heulwen,/);
    assert.match(mail!.body, /Paratoi i fabwysiadu ar /);
    assert.equal((await run()).sent, 0, 'a run repeated reminds nobody again');

    // The service manager says families should hear 30 days ahead: the later session's place is reminded (once).
    const page = await managerBrowser.get('/training/settings');
    assert.match(page.body, /families are reminded 7 days before each session/);
    const saved = await saveSettings({ reminderDays: '30', changeReason: 'Families asked for more notice' });
    assert.equal(saved.statusCode, 303, problems(saved.body));
    const after = await managerBrowser.get('/training/settings');
    assert.match(after.body, /Version 1, saved on .*: Families asked for more notice/);
    assert.match(after.body, /name="reminderDays"[^>]*value="30"/);
    assert.equal((await run()).sent, 1);
    assert.equal((await run()).sent, 0);
    assert.deepEqual(
      (await reminders()).map((m) => m.booking),
      [soon, later],
    );
    const audit = (await t.database.adminQuery("select detail from audit_log where action = 'system.trainingReminders' order by id")).rows;
    assert.equal(audit.length, 4, 'each run audits itself, with counts only');
    assert.deepEqual(audit[0].detail, { defaultDays: 7, agencies: 1, sent: 1 });
    const change = (await t.database.adminQuery("select resource_type, detail from audit_log where action = 'training.configure' and outcome = 'success'"))
      .rows;
    assert.deepEqual(change, [{ resource_type: 'training_settings', detail: { version: 1 } }]);
  });

  it('refuses a period out of range or without a reason, in Welsh too, and a change made on a stale version', async () => {
    const bad = await saveSettings({ reminderDays: '90', changeReason: '' }, '/training/settings?lang=cy');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Rhowch nifer y diwrnodau fel rhif cyfan o 1 i 60/);
    assert.match(bad.body, /Rhowch y rheswm dros y newid/);
    assert.match(bad.body, /name="reminderDays"[^>]*value="90"/, 'what was typed is shown again');

    const page = await managerBrowser.get('/training/settings');
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    assert.equal((await managerBrowser.post('/training/settings', { version, reminderDays: '10', changeReason: 'First' })).statusCode, 303);
    const stale = await managerBrowser.post('/training/settings', { version, reminderDays: '12', changeReason: 'Second, on the old page' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Newidiodd rhywun arall y gosodiadau hyfforddiant/, 'the page stays in the language the manager chose');
    assert.match(stale.body, /name="reminderDays"[^>]*value="10"/, 'the settings in force are shown');

    // The API: the version is the ETag, an edit needs If-Match, a stale one is 412.
    const token = await t.token(manager, 'write');
    const read = await callApi(t, token, 'GET', '/api/v1/training/settings');
    assert.equal(read.status, 200);
    assert.equal(read.body.settings.reminderDays, 10);
    const etag = read.headers.etag as string;
    const put = await callApi(
      t,
      token,
      'PUT',
      '/api/v1/training/settings',
      { settings: { reminderDays: 14 }, changeReason: 'A fortnight' },
      { 'if-match': etag },
    );
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.settings.reminderDays, 14);
    const again = await callApi(
      t,
      token,
      'PUT',
      '/api/v1/training/settings',
      { settings: { reminderDays: 5 }, changeReason: 'Too late' },
      { 'if-match': etag },
    );
    assert.equal(again.status, 412);
  });

  it('is the service manager’s and the administrator’s page, not the family’s', async () => {
    const family = await t.signIn(adopter);
    assert.equal((await family.get('/training/settings')).statusCode, 403);
    const administrator = await t.signIn(await t.user(['administrator'], agency));
    assert.equal((await administrator.get('/training/settings')).statusCode, 200);
  });

  it('reminds a place once when two runs happen at the same moment', async () => {
    const place = await bookedPlace(1);
    const both = await Promise.all([run(), run()]);
    assert.equal(both[0].sent + both[1].sent, 1, 'one of the two runs claimed it');
    assert.equal((await reminders()).filter((m) => m.booking === place).length, 1);
  });

  it('holds the reminder for the daily digest of someone who chose one', async () => {
    await t.database.adminQuery("update users set notification_preference = 'digest' where id = $1", [adopter.id]);
    const place = await bookedPlace(2);
    await run();
    const mail = (await reminders()).find((m) => m.booking === place);
    assert.equal(mail?.delivery, 'digest');
  });
});
