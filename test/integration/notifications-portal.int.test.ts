import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inActorTransaction } from '../../src/platform/db/transaction.ts';
import { fixturesActor } from '../support/system.ts';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { applicants, households } from '../../src/modules/recruitment/schema.ts';
import { createContactBook } from '../../src/platform/auth/contacts.ts';
import { jobMay } from '../../src/platform/policy/system-jobs.ts';
import { ACTIONS, type Action } from '../../src/platform/policy/actions.ts';
import type { RequestContext } from '../../src/platform/policy/actor.ts';
import { Browser, startTestApp, type TestApp, type TestUser } from '../support/app.ts';

/**
 * The portal's steps reach the people they concern: a family's message its worker, a worker's
 * message or a document asked for the family, each in the recipient's language and by the way
 * they chose; the addresses are read by the platform's contact book, which can do only that.
 */
describe('notifications of the portal’s messages and documents', () => {
  let t: TestApp;
  let agency: string;
  let otherAgency: string;
  let worker: TestUser;
  let adopter: TestUser;
  let stranger: TestUser;
  let family: Browser;
  let workerBrowser: Browser;
  let home: string;
  const today = () => dateInWales(new Date());

  type Row = { recipient: string; recipient_user_id: string | null; language: string; template: string; subject: string; body: string; delivery: string };
  const queuedFor = async (userId: string) =>
    (await t.database.adminQuery('select * from outbox where recipient_user_id = $1 and sent_at is null order by created_at, id', [userId])).rows as Row[];
  const settle = () => t.database.adminQuery('update outbox set sent_at = now() where sent_at is null');
  const userCtx = (user: TestUser): RequestContext => ({
    requestId: 'test',
    channel: 'web',
    language: 'en',
    actor: { kind: 'user', userId: user.id, organisationId: user.organisationId, organisationType: 'agency', roles: user.roles, name: 'Test' },
  });

  /** A form with no file, sent as the new-message page sends it (multipart). */
  async function multipart(browser: Browser, url: string, fields: Record<string, string>) {
    const boundary = '----together-notify-boundary';
    const parts = Object.entries({ _csrf: await browser.csrfFrom(url), ...fields }).map(
      ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
    return t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: browser.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `${parts.join('')}--${boundary}--\r\n`,
    });
  }

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    otherAgency = await t.organisation('other-agency', 'agency');
    worker = await t.user(['social_worker'], agency);
    adopter = await t.user(['adopter'], agency);
    stranger = await t.user(['social_worker'], otherAgency);
    // The family recorded Welsh with their application.
    await t.database.adminQuery("update users set preferred_language = 'cy' where id = $1", [adopter.id]);
    home = await inActorTransaction(t.database.db, fixturesActor(), async (tx) => {
      const [row] = await tx
        .insert(households)
        .values({
          organisationId: agency,
          reference: 'AT-NOTIFY-00001',
          stage: 'stage1',
          stageSince: addMonths(today(), -1),
          stage1Date: addMonths(today(), -1),
          enquiryDate: addMonths(today(), -3),
          email: adopter.email,
          preferredLanguage: 'cy',
          socialWorkerId: worker.id,
          adopterUserIds: [adopter.id],
        })
        .returning();
      await tx.insert(applicants).values({
        householdId: row!.id,
        organisationId: agency,
        givenNames: 'Gwenllian',
        familyName: 'Testfamily',
        email: adopter.email,
        preferredLanguage: 'cy',
        userId: adopter.id,
      });
      return row!.id;
    });
    family = await t.signIn(adopter);
    workerBrowser = await t.signIn(worker);
  });
  after(async () => t.close());

  it('tells the worker a family has written, in both languages while the worker has not chosen one', async () => {
    await settle();
    const sent = await multipart(family, '/my-application/messages/new', { subject: 'Our GP', body: 'The form is with the GP.' });
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
    const [mail, ...more] = await queuedFor(worker.id);
    assert.equal(more.length, 0);
    assert.equal(mail!.recipient, worker.email);
    assert.equal(mail!.template, 'notifications.familyMessageReceived');
    assert.equal(mail!.language, 'cy+en');
    assert.match(mail!.subject, /^Mae teulu wedi anfon neges atoch \/ A family has sent you a message$/);
    assert.ok(!mail!.body.includes('GP'), 'the message itself does not travel by e-mail');
  });

  it('tells the family, in Welsh, of the worker’s answer', async () => {
    await settle();
    const threadId = (await t.database.adminQuery('select id from portal_threads where household_id = $1', [home])).rows[0].id as string;
    const answered = await workerBrowser.post(`/portal/messages/${threadId}`, { body: 'Thank you, I have it.' });
    assert.equal(answered.statusCode, 303, answered.body.slice(0, 300));
    const [mail, ...more] = await queuedFor(adopter.id);
    assert.equal(more.length, 0);
    assert.equal(mail!.template, 'notifications.messageReceived');
    assert.equal(mail!.language, 'cy');
    assert.match(mail!.body, /^Helo Test/);
    assert.equal((await queuedFor(worker.id)).length, 0, 'the worker is not told of their own message');
  });

  it('holds a document request for the family’s daily digest when they chose one, naming the document in Welsh', async () => {
    await settle();
    await t.database.adminQuery("update users set notification_preference = 'digest' where id = $1", [adopter.id]);
    const asked = await workerBrowser.post(
      `/households/${home}/portal-documents/request`,
      { kind: 'medical_form' },
      { csrfFrom: `/households/${home}/portal-documents` },
    );
    assert.equal(asked.statusCode, 303, asked.body.slice(0, 300));
    const [mail] = await queuedFor(adopter.id);
    assert.equal(mail!.template, 'notifications.documentRequested');
    assert.equal(mail!.delivery, 'digest');
    assert.match(mail!.body, /Anfonwch y ddogfen hon atom: Ffurflen feddygol\./);
    assert.ok(!mail!.body.includes('medical_form'), 'no code in the message');
  });

  it('sends nothing to a family that asked for only what the law requires', async () => {
    await settle();
    await t.database.adminQuery("update users set notification_preference = 'required' where id = $1", [adopter.id]);
    const threadId = (await t.database.adminQuery('select id from portal_threads where household_id = $1', [home])).rows[0].id as string;
    assert.equal((await workerBrowser.post(`/portal/messages/${threadId}`, { body: 'One more thing.' })).statusCode, 303);
    assert.equal((await queuedFor(adopter.id)).length, 0);
    await t.database.adminQuery("update users set notification_preference = 'immediate' where id = $1", [adopter.id]);
  });

  describe('the contact book', () => {
    it('gives a family its worker’s address, and nobody’s of another organisation', async () => {
      const contacts = createContactBook(t.database.db);
      const found = await contacts.contactsFor(userCtx(adopter), [worker.id, stranger.id]);
      assert.deepEqual(
        found.map((c) => c.email),
        [worker.email],
      );
      assert.deepEqual(Object.keys(found[0]!).sort(), [
        'chosenLanguage',
        'disabled',
        'email',
        'name',
        'notificationPreference',
        'organisationId',
        'preferredLanguage',
        'userId',
      ]);
    });

    it('finds nobody for someone not signed in', async () => {
      const contacts = createContactBook(t.database.db);
      assert.deepEqual(await contacts.contactsFor({ requestId: 'test', channel: 'web', language: 'en', actor: { kind: 'anonymous' } }, [worker.id]), []);
    });

    it('audits each reading as the job, by reference', async () => {
      const rows = (await t.database.adminQuery("select detail from audit_log where action = 'system.notificationContacts' order by id desc limit 1")).rows;
      assert.ok(rows.length === 1);
      assert.ok(!JSON.stringify(rows[0].detail).includes('@'), 'no address in the audit log');
    });

    it('is a job that may do nothing but read contacts', () => {
      const allowed = (Object.keys(ACTIONS) as Action[]).filter((action) => jobMay('notificationContacts', action));
      assert.deepEqual(allowed, ['system.notificationContacts']);
    });
  });
});
