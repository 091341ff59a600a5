import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';
import { matchedFamily } from '../support/fixtures.ts';
import { addDays, addMonths, dateInWales } from '../../src/platform/dates/dates.ts';

/**
 * The scheduled reminders (system job `questionnaireReminders`, run every hour by `serve`): every
 * agency's families whose questionnaire has fallen due are reminded through the outbox, in each
 * applicant's language, without anyone pressing a button; a second run, or two runs at once, never
 * remind a family twice for one due questionnaire. All people are fictional.
 */
describe('questionnaire reminders on a schedule', () => {
  let t: TestApp;
  let agency: string;
  let otherAgency: string;
  let council: string;
  let adopter: TestUser;
  let otherAdopter: TestUser;
  let family: string;
  const today = () => dateInWales(new Date());
  const reminders = async () =>
    (
      await t.database.adminQuery(
        "select language, subject, detail->>'householdId' as household, detail->>'responseId' as response from outbox where template = 'notifications.questionnaireDue' order by id",
      )
    ).rows as { language: string; subject: string; household: string; response: string }[];
  const run = () => t.services.outcomes.sendDueReminders(t.system, { baseUrl: 'https://adopting.example.test' });

  /** A family placed with a child six months and a week ago: their 6-month questionnaire is due. */
  async function placedFamily(organisationId: string, adopterUser: TestUser, language: 'en' | 'cy'): Promise<string> {
    const movedIn = addDays(addMonths(today(), -6), -7);
    const { household } = await matchedFamily(t, {
      agency: organisationId,
      council,
      child: { legalGivenNames: 'Fictional Reminder', dateOfBirth: addMonths(today(), -70) },
      household: { reference: `REM-${randomUUID().slice(0, 6)}`, stageSince: addMonths(today(), -6), adopterUserIds: [adopterUser.id] },
      applicant: { userId: adopterUser.id, email: `${randomUUID()}@test.invalid`, preferredLanguage: language },
      match: { stageSince: movedIn, linkedDate: addMonths(today(), -8), placementDate: movedIn },
    });
    return household;
  }

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('reminders-agency', 'agency');
    otherAgency = await t.organisation('reminders-other-agency', 'agency');
    council = await t.organisation('reminders-council', 'local_authority');
    adopter = await t.user(['adopter'], agency);
    otherAdopter = await t.user(['adopter'], otherAgency);
    family = await placedFamily(agency, adopter, 'cy');
    await placedFamily(otherAgency, otherAdopter, 'en');
  });
  after(async () => t.close());

  it('reminds every agency’s due families once, in their language, with nobody pressing a button', async () => {
    const result = await run();
    assert.ok(result.agencies >= 2);
    const mail = await reminders();
    assert.equal(mail.length, 2, 'one reminder per family with a questionnaire due');
    const welsh = mail.find((m) => m.household === family)!;
    assert.equal(welsh.language, 'cy');
    assert.match(welsh.subject, /Mae holiadur yn barod i chi/);
    assert.ok(mail.some((m) => m.language === 'en'));
    const opened = (await t.database.adminQuery('select due_months, reminded_at from questionnaire_responses where household_id = $1', [family])).rows;
    assert.equal(opened.length, 1);
    assert.equal(opened[0].due_months, 6);
    assert.ok(opened[0].reminded_at, 'the questionnaire is marked reminded');
    const audit = (await t.database.adminQuery("select detail from audit_log where action = 'system.questionnaireReminders' order by id")).rows;
    assert.equal(audit.length, 1, 'the job audits itself, with counts only');
    assert.equal(audit[0].detail.sent, 2);
  });

  it('never reminds twice for one due questionnaire: run again, and two runs at once', async () => {
    assert.equal((await run()).sent, 0);
    assert.equal((await reminders()).length, 2);
    // A new questionnaire falls due for the family: two runs at the same moment remind it once.
    await t.database.adminQuery(
      "insert into questionnaire_responses (household_id, organisation_id, instrument_code, instrument_version, due_months, due_on) values ($1, $2, 'placement-satisfaction', 1, 12, $3)",
      [family, agency, today()],
    );
    const both = await Promise.all([run(), run()]);
    assert.equal(both[0].sent + both[1].sent, 1, 'one of the two runs claimed it');
    const mail = await reminders();
    assert.equal(mail.length, 3);
    assert.equal(new Set(mail.map((m) => m.response)).size, 3, 'no questionnaire reminded twice');
  });

  it('holds a reminder for the family’s daily digest when they chose one, naming the questionnaire in their language', async () => {
    await t.database.adminQuery("update users set notification_preference = 'digest' where id = $1", [adopter.id]);
    await t.database.adminQuery(
      "insert into questionnaire_responses (household_id, organisation_id, instrument_code, instrument_version, due_months, due_on) values ($1, $2, 'placement-satisfaction', 1, 24, $3)",
      [family, agency, addDays(today(), -1)],
    );
    assert.equal((await run()).sent, 1);
    const [mail] = (
      await t.database.adminQuery(
        "select delivery, body, recipient_user_id from outbox where template = 'notifications.questionnaireDue' order by created_at desc, id desc limit 1",
      )
    ).rows;
    assert.equal(mail.delivery, 'digest');
    assert.equal(mail.recipient_user_id, adopter.id);
    assert.match(mail.body, /^Helo Fictional,/);
    assert.match(mail.body, /https:\/\/adopting\.example\.test\/my-application\/questionnaires\//);
    await t.database.adminQuery("update users set notification_preference = 'required' where id = $1", [adopter.id]);
    await t.database.adminQuery(
      "insert into questionnaire_responses (household_id, organisation_id, instrument_code, instrument_version, due_months, due_on) values ($1, $2, 'placement-satisfaction', 1, 36, $3)",
      [family, agency, addDays(today(), -2)],
    );
    assert.equal((await run()).sent, 0, 'a family that asked for only what the law requires is not reminded by e-mail');
    await t.database.adminQuery("update users set notification_preference = 'immediate' where id = $1", [adopter.id]);
  });

  it('leaves alone a family whose placement ended', async () => {
    await t.database.adminQuery('update matches set disruption_date = $2 where household_id = $1', [family, addDays(today(), -1)]);
    await t.database.adminQuery("delete from questionnaire_responses where household_id = $1 and status = 'draft'", [family]);
    assert.equal((await run()).sent, 0);
    assert.equal((await t.database.adminQuery('select count(*) from questionnaire_responses where household_id = $1', [family])).rows[0].count, '0');
  });
});
