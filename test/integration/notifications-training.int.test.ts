import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inActorTransaction } from '../../src/platform/db/transaction.ts';
import { fixturesActor } from '../support/system.ts';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { applicants, households } from '../../src/modules/recruitment/schema.ts';
import { courseBookings, courses, courseSessions } from '../../src/modules/training/schema.ts';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';

/**
 * Training reminders (system job `trainingReminders`, run every hour by `serve`): a booked place on
 * a session beginning within the configured number of days is reminded once, in the applicant's
 * language; a run repeated, or two runs at once, never remind one place twice.
 */
describe('training reminders', () => {
  let t: TestApp;
  let agency: string;
  let adopter: TestUser;
  let household: string;
  let applicant: string;
  let course: string;
  const today = dateInWales(new Date());
  const day = 24 * 3_600_000;

  const reminders = async () =>
    (
      await t.database.adminQuery(
        "select language, subject, body, delivery, detail->>'bookingId' as booking from outbox where template = 'notifications.trainingReminder' order by created_at, id",
      )
    ).rows as { language: string; subject: string; body: string; delivery: string; booking: string }[];
  const run = (daysBefore = 7) => t.services.trainingReminders.sendDueReminders(t.system, { daysBefore });

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
    await inActorTransaction(t.database.db, fixturesActor(), async (tx) => {
      const [h] = await tx
        .insert(households)
        .values({
          organisationId: agency,
          reference: 'AT-TRAIN-REMIND-1',
          stage: 'stage1',
          stageSince: addMonths(today, -1),
          stage1Date: addMonths(today, -1),
          enquiryDate: addMonths(today, -2),
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

  it('reminds a place on a session within the days configured, once, in the applicant’s language', async () => {
    const soon = await bookedPlace(3);
    const later = await bookedPlace(20);
    await bookedPlace(2, 'cancelled');
    assert.equal((await run(7)).sent, 1);
    const [mail, ...more] = await reminders();
    assert.equal(more.length, 0, 'a cancelled place and a session further off are not reminded');
    assert.equal(mail!.booking, soon);
    assert.equal(mail!.language, 'cy');
    assert.equal(mail!.subject, 'Nodyn atgoffa: eich cwrs paratoi');
    assert.match(mail!.body, /^Helo Heulwen,/);
    assert.match(mail!.body, /Paratoi i fabwysiadu ar /);
    assert.equal((await run(7)).sent, 0, 'a run repeated reminds nobody again');
    // Configured further ahead, the later session's place is reminded too (once).
    assert.equal((await run(30)).sent, 1);
    assert.deepEqual(
      (await reminders()).map((m) => m.booking),
      [soon, later],
    );
    const audit = (await t.database.adminQuery("select detail from audit_log where action = 'system.trainingReminders' order by id")).rows;
    assert.equal(audit.length, 3, 'each run audits itself, with counts only');
    assert.deepEqual(audit[0].detail, { daysBefore: 7, sent: 1 });
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
