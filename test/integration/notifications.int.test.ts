import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inActorTransaction } from '../../src/platform/db/transaction.ts';
import { fixturesActor } from '../support/system.ts';
import { deliverOutbox } from '../../src/platform/mail/outbox.ts';
import type { OutgoingEmail, Sender } from '../../src/platform/mail/sender.ts';
import { dateInWales } from '../../src/platform/dates/dates.ts';
import { applicants, households } from '../../src/modules/recruitment/schema.ts';
import { composeDigest, notify } from '../../src/modules/notifications/index.ts';
import { Browser, startTestApp, type TestApp, type TestUser } from '../support/app.ts';

/**
 * Notifications through the outbox: the public enquiry acknowledged in the family's language, each
 * person's preferences respected, delivery by two processes at once, retries with back-off, digests,
 * and the administrator's view that shows counts and nothing a message said or whom it was for.
 */
describe('notifications', () => {
  let t: TestApp;
  let agency: string;
  let worker: TestUser;
  let workerToken: string;
  const today = () => dateInWales(new Date());
  let sequence = 0;

  type Row = {
    id: string;
    recipient: string;
    recipient_user_id: string | null;
    language: string;
    template: string;
    subject: string;
    body: string;
    delivery: string;
    attempts: number;
    next_attempt_at: Date | null;
    sent_at: Date | null;
    failed_at: Date | null;
    digested_into: string | null;
  };
  const rows = async (where = 'true', values: unknown[] = []) =>
    (await t.database.adminQuery(`select * from outbox where ${where} order by created_at, id`, values)).rows as Row[];
  /** Marks everything queued so far as sent, so a test counts only its own messages. */
  const settle = () => t.database.adminQuery('update outbox set sent_at = now() where sent_at is null');

  async function household(person: { givenNames: string; email: string; preferredLanguage: 'en' | 'cy'; userId?: string }) {
    return inActorTransaction(t.database.db, fixturesActor(), async (tx) => {
      const [row] = await tx
        .insert(households)
        .values({
          organisationId: agency,
          reference: `AT-NOTE-${String(++sequence).padStart(5, '0')}`,
          stage: 'enquiry',
          stageSince: today(),
          enquiryDate: today(),
          email: person.email,
          preferredLanguage: person.preferredLanguage,
        })
        .returning();
      const [applicant] = await tx
        .insert(applicants)
        .values({ ...person, familyName: 'Notefamily', userId: person.userId ?? null, householdId: row!.id, organisationId: agency })
        .returning();
      return { id: row!.id, applicantId: applicant!.id };
    });
  }

  const api = (method: 'POST' | 'GET', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${workerToken}` }, ...(payload ? { payload } : {}) });

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    worker = await t.user(['social_worker'], agency);
    workerToken = await t.token(worker, 'write');
  });
  after(async () => t.close());

  describe('the public enquiry', () => {
    it('acknowledges a Welsh enquiry in Welsh, and an English one in English', async () => {
      const browser = new Browser(t.app);
      for (const [language, email] of [
        ['cy', 'nia.enquirer@example.invalid'],
        ['en', 'owen.enquirer@example.invalid'],
      ] as const) {
        const sent = await browser.post(
          '/enquire',
          { givenNames: language === 'cy' ? 'Nia' : 'Owen', familyName: 'Dychmygol', email, postcode: 'SA1 1AA', preferredLanguage: language, consent: 'yes' },
          { csrfFrom: `/enquire?lang=${language}` },
        );
        assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
        const [mail] = await rows('recipient = $1', [email]);
        assert.ok(mail, `an acknowledgement to ${email}`);
        assert.equal(mail.template, 'notifications.enquiryAcknowledged');
        assert.equal(mail.language, language);
        assert.equal(mail.subject, language === 'cy' ? 'Rydym wedi cael eich ymholiad am fabwysiadu' : 'We have received your enquiry about adoption');
      }
      const stored = await t.database.adminQuery("select preferred_language from enquiries where email = 'nia.enquirer@example.invalid'");
      assert.equal(stored.rows[0].preferred_language, 'cy', 'the language is stored with the enquiry');
    });
  });

  describe('each person’s preferences', () => {
    let adopter: TestUser;
    let adopterBrowser: Browser;
    let home: { id: string; applicantId: string };

    before(async () => {
      adopter = await t.user(['adopter'], agency, 'gwen.notefamily@example.invalid');
      adopterBrowser = await t.signIn(adopter);
      home = await household({ givenNames: 'Gwen', email: adopter.email, preferredLanguage: 'en', userId: adopter.id });
      await settle();
    });

    const tell = (event: 'trainingBooked' | 'stageChanged') =>
      inActorTransaction(t.database.db, fixturesActor(), (tx) =>
        notify(tx, {
          event,
          organisationId: agency,
          recipient: { email: adopter.email, language: 'en', userId: adopter.id },
          data: { course: 'Preparing to adopt', courseCy: 'Paratoi i fabwysiadu', date: today(), stage: 'registration' },
        }),
      );

    it('writes in the language recorded with the applicant until the person chooses on their account, then in their choice', async () => {
      assert.equal(await tell('trainingBooked'), 'now');
      assert.equal((await rows('recipient = $1 and sent_at is null', [adopter.email]))[0]!.language, 'en');
      await settle();
      const account = await adopterBrowser.get('/account');
      assert.equal(account.statusCode, 200);
      const saved = await adopterBrowser.post('/account/preferences', { language: 'cy', notifications: 'immediate' }, { csrfFrom: '/account' });
      assert.equal(saved.statusCode, 303);
      const user = (await t.database.adminQuery('select preferred_language, language_chosen_at from users where id = $1', [adopter.id])).rows[0];
      assert.equal(user.preferred_language, 'cy');
      assert.ok(user.language_chosen_at);
      await tell('trainingBooked');
      const [mail] = await rows('recipient = $1 and sent_at is null', [adopter.email]);
      assert.equal(mail!.language, 'cy');
      assert.equal(mail!.subject, 'Mae gennych le ar gwrs paratoi');
      assert.equal(mail!.recipient_user_id, adopter.id);
      await settle();
    });

    it('writes both languages, Welsh first, to someone whose language nobody knows', async () => {
      await inActorTransaction(t.database.db, fixturesActor(), (tx) =>
        notify(tx, { event: 'supportRequestAllocated', organisationId: agency, recipient: { email: 'unknown.language@example.invalid', language: null } }),
      );
      const [mail] = await rows("recipient = 'unknown.language@example.invalid'");
      assert.equal(mail!.language, 'cy+en');
      assert.ok(mail!.body.indexOf('Mae eich cais am gymorth') < mail!.body.indexOf('Your request for adoption support'));
      await settle();
    });

    it('holds for the daily digest, then gathers one message per person, once', async () => {
      await adopterBrowser.post('/account/preferences', { language: 'cy', notifications: 'digest' }, { csrfFrom: '/account' });
      assert.equal(await tell('trainingBooked'), 'digest');
      assert.equal(await tell('trainingBooked'), 'digest');
      assert.equal(await tell('stageChanged'), 'now', 'a decision is never held back');
      const held = await rows("recipient = $1 and delivery = 'digest'", [adopter.email]);
      assert.equal(held.length, 2);
      const sender = new RecordingSender();
      await deliverOutbox(t.database.db, sender);
      assert.deepEqual(
        sender.sent.filter((m) => m.recipient === adopter.email).map((m) => m.template),
        ['notifications.stageChanged'],
        'held messages are not sent on their own',
      );
      const tomorrow = new Date(Date.now() + 24 * 3600_000);
      assert.equal(await t.services.outbox.gatherDigests(composeDigest, tomorrow), 1);
      assert.equal(await t.services.outbox.gatherDigests(composeDigest, tomorrow), 0, 'gathered once');
      const [digest] = await rows("template = 'notifications.digest' and recipient = $1", [adopter.email]);
      assert.equal(digest!.language, 'cy');
      assert.match(digest!.body, /\(2 neges\)/);
      assert.ok((await rows("recipient = $1 and delivery = 'digest'", [adopter.email])).every((r) => r.digested_into === digest!.id));
      await deliverOutbox(t.database.db, sender);
      assert.equal(sender.sent.filter((m) => m.template === 'notifications.digest').length, 1);
    });

    it('sends only what the law requires to someone who asked for that', async () => {
      await adopterBrowser.post('/account/preferences', { language: 'en', notifications: 'required' }, { csrfFrom: '/account' });
      await settle();
      assert.equal(await tell('trainingBooked'), 'none');
      assert.equal((await rows('recipient = $1 and sent_at is null', [adopter.email])).length, 0);
      // A stage change through the API: the agency must tell them, and does, in English.
      const moved = await api('POST', `/api/v1/households/${home.id}/transitions`, { to: 'registration', date: today() });
      assert.equal(moved.statusCode, 200, moved.body);
      const [mail] = await rows('recipient = $1 and sent_at is null', [adopter.email]);
      assert.equal(mail!.template, 'notifications.stageChanged');
      assert.equal(mail!.language, 'en');
      assert.match(mail!.body, /Registration of interest/);
      await settle();
    });

    it('offers to remember a language chosen with the toggle, and remembers it', async () => {
      const page = await adopterBrowser.get('/account?lang=cy');
      assert.ok(page.body.includes('data-testid="remember-language"'), 'offered when the page is not in the account’s language');
      assert.ok(page.body.includes('Cofio’r dewis hwn'));
      const remembered = await adopterBrowser.post('/account/language', { language: 'cy', returnTo: '/account' }, { csrfFrom: '/account?lang=cy' });
      assert.equal(remembered.statusCode, 303);
      assert.equal(remembered.headers.location, '/account');
      assert.equal((await t.database.adminQuery('select preferred_language from users where id = $1', [adopter.id])).rows[0].preferred_language, 'cy');
      const after = await adopterBrowser.get('/account');
      assert.ok(!after.body.includes('data-testid="remember-language"'), 'not offered once remembered');
      const elsewhere = await adopterBrowser.post('/account/language', { language: 'en', returnTo: '//evil.example/' }, { csrfFrom: '/account' });
      assert.equal(elsewhere.headers.location, '/account', 'never sent to another site');
    });
  });

  class RecordingSender implements Sender {
    readonly name = 'recording';
    sent: OutgoingEmail[] = [];
    send(message: OutgoingEmail) {
      this.sent.push(message);
      return Promise.resolve();
    }
  }

  const queue = (count: number, prefix: string) =>
    inActorTransaction(t.database.db, fixturesActor(), async (tx) => {
      for (let i = 0; i < count; i++) {
        await notify(tx, {
          event: 'questionnaireDue',
          organisationId: agency,
          recipient: { email: `${prefix}${i}@example.invalid`, language: 'en' },
          data: { date: today() },
        });
      }
    });

  describe('delivery', () => {
    it('never sends one message twice when two deliverers work the same outbox at once', async () => {
      await settle();
      await queue(24, 'race');
      const sent: string[] = [];
      const slow: Sender = {
        name: 'slow',
        send: async (m) => {
          sent.push(m.id);
          await new Promise((resolve) => setTimeout(resolve, 20));
        },
      };
      const [a, b] = await Promise.all([deliverOutbox(t.database.db, slow), deliverOutbox(t.database.db, slow)]);
      assert.equal(a.sent + b.sent, 24);
      assert.equal(new Set(sent).size, sent.length, 'no message went twice');
      assert.equal(sent.length, 24);
      assert.equal((await rows("recipient like 'race%' and sent_at is null")).length, 0);
      assert.deepEqual(await deliverOutbox(t.database.db, slow), { sent: 0, failed: 0 }, 'a message marked sent is never chosen again');
    });

    it('retries a failed message later and later, and sends it once when the relay answers', async () => {
      await settle();
      await queue(1, 'bounce');
      const failing: Sender = { name: 'failing', send: () => Promise.reject(new Error('relay refused')) };
      const start = Date.now();
      assert.deepEqual(await deliverOutbox(t.database.db, failing, { now: new Date(start) }), { sent: 0, failed: 1 });
      let [row] = await rows("recipient = 'bounce0@example.invalid'");
      assert.equal(row!.attempts, 1);
      assert.equal(row!.next_attempt_at!.getTime(), start + 5 * 60_000);
      assert.deepEqual(await deliverOutbox(t.database.db, failing, { now: new Date(start + 4 * 60_000) }), { sent: 0, failed: 0 }, 'not before its time');
      assert.deepEqual(await deliverOutbox(t.database.db, failing, { now: new Date(start + 5 * 60_000) }), { sent: 0, failed: 1 });
      [row] = await rows("recipient = 'bounce0@example.invalid'");
      assert.equal(row!.attempts, 2);
      assert.equal(row!.next_attempt_at!.getTime(), start + 15 * 60_000, 'twice as long the second time');
      const sender = new RecordingSender();
      assert.deepEqual(await deliverOutbox(t.database.db, sender, { now: new Date(start + 15 * 60_000) }), { sent: 1, failed: 0 });
      assert.deepEqual(await deliverOutbox(t.database.db, sender, { now: new Date(start + 24 * 3600_000) }), { sent: 0, failed: 0 });
      [row] = await rows("recipient = 'bounce0@example.invalid'");
      assert.ok(row!.sent_at);
      assert.equal(row!.attempts, 3);
    });

    it('stops after the last try, leaving the message failed for a person to look at', async () => {
      await settle();
      await queue(1, 'dead');
      const failing: Sender = { name: 'failing', send: () => Promise.reject(new Error('relay refused')) };
      for (let i = 0; i < 3; i++) await deliverOutbox(t.database.db, failing, { now: new Date(Date.now() + (i + 1) * 48 * 3600_000), maxAttempts: 3 });
      assert.deepEqual(await deliverOutbox(t.database.db, failing, { now: new Date(Date.now() + 10 * 48 * 3600_000), maxAttempts: 3 }), { sent: 0, failed: 0 });
      const [row] = await rows("recipient = 'dead0@example.invalid'");
      assert.equal(row!.attempts, 3);
      assert.equal(row!.sent_at, null);
    });
  });

  describe('the administrator’s view of the outbox', () => {
    it('shows counts by template and day in the reader’s language, and no address, subject or body', async () => {
      const administrator = await t.user(['administrator'], agency);
      const browser = await t.signIn(administrator);
      for (const lang of ['en', 'cy'] as const) {
        const page = await browser.get(`/admin/outbox?lang=${lang}`);
        assert.equal(page.statusCode, 200);
        assert.ok(page.body.includes('data-testid="outbox-summary"'));
        assert.ok(page.body.includes(lang === 'cy' ? 'Cydnabod ymholiad' : 'Enquiry acknowledged'), 'templates named in words');
        for (const secret of ['@example.invalid', 'Rydym wedi cael', 'We have received', 'Helo', 'Hello', 'relay refused', 'Nia', 'Owen']) {
          assert.ok(!page.body.includes(secret), `the page shows "${secret}"`);
        }
      }
      const audited = await t.database.adminQuery("select count(*)::int as n from audit_log where action = 'outbox.summary'");
      assert.ok(audited.rows[0].n >= 2);
      const workerBrowser = await t.signIn(worker);
      assert.notEqual((await workerBrowser.get('/admin/outbox')).statusCode, 200, 'a worker may not open it');
    });

    it('filters by day, month and year boxes, and names a date that is not real in the reader’s language', async () => {
      const browser = await t.signIn(await t.user(['administrator'], agency));
      const boxes = await browser.get('/admin/outbox?from-day=1&from-month=1&from-year=2026&to-day=31&to-month=1&to-year=2026&lang=en');
      assert.equal(boxes.statusCode, 200);
      assert.match(boxes.body, /name="from-day"[^>]*value="1"/);
      assert.doesNotMatch(boxes.body, /type="date"/, 'no browser date picker');
      const wrong = await browser.get('/admin/outbox?from-day=31&from-month=2&from-year=2026&lang=cy');
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /href="#from-day"/);
      assert.ok(wrong.body.includes('Rhowch y dyddiad dechrau fel dyddiad go iawn'));
      assert.match(wrong.body, /name="from-day"[^>]*value="31"/, 'what was typed is kept');
    });
  });
});
