import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { TestUser } from '../support/app.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';
import { EnquiryPage } from './support/pages/recruitment.ts';
import { AccountPreferencesPage, OutboxPage } from './support/pages/notifications.ts';

let suite: E2eSuite;
describe('notifications (browser)', () => {
  before(async () => {
    suite = await openSuite('notifications');
  });
  afterEach(async () => suite?.endSessions());
  after(async () => suite?.close());

  /**
   * From the issue: a family enquires in Welsh and a Welsh acknowledgement waits in the outbox; a
   * person chooses their language and how they are told on their account page, or remembers the
   * toggle's choice; the administrator sees the outbox in counts. All people are fictional.
   */
  describe('notifications in the browser', () => {
    let adopter: TestUser;
    let administrator: TestUser;

    before(async () => {
      const { t } = suite;
      const agency = await t.organisation('agency', 'agency');
      adopter = await t.user(['adopter'], agency);
      administrator = await t.user(['administrator'], agency);
    });

    it('a family enquires in Welsh and a Welsh acknowledgement is in the outbox', async () => {
      const session = await suite.session();
      session.language = 'cy';
      const form = await session.open('/enquire?lang=cy', EnquiryPage);
      await form.send({
        givenNames: 'Lowri',
        familyName: 'Dychmygol',
        email: 'lowri.dychmygol@example.invalid',
        postcode: 'SA1 1AA',
        language: 'cy',
        consent: true,
      });
      const mail = (
        await suite.t.database.adminQuery("select language, template, subject, body from outbox where recipient = 'lowri.dychmygol@example.invalid'")
      ).rows as { language: string; template: string; subject: string; body: string }[];
      assert.equal(mail.length, 1);
      assert.equal(mail[0]!.template, 'notifications.enquiryAcknowledged');
      assert.equal(mail[0]!.language, 'cy');
      assert.equal(mail[0]!.subject, 'Rydym wedi cael eich ymholiad am fabwysiadu');
      assert.match(mail[0]!.body, /^Helo Lowri,\n\nDiolch am eich ymholiad/);
    });

    it('a person chooses Welsh and a daily digest on their account page, and the toggle offers to remember a language', async () => {
      const session = await suite.session();
      await signIn(session, adopter);
      let account = await session.open('/account', AccountPreferencesPage);
      account = await account.choose('cy', 'digest');
      assert.equal(await account.flash(), 'Mae eich dewisiadau wedi’u cadw');
      const row = (await suite.t.database.adminQuery('select preferred_language, notification_preference from users where id = $1', [adopter.id])).rows[0];
      assert.deepEqual(row, { preferred_language: 'cy', notification_preference: 'digest' });

      session.language = 'en';
      account = await session.open('/account?lang=en', AccountPreferencesPage);
      account = await account.rememberLanguage();
      assert.equal(await account.flash(), 'We will use this language for your pages and e-mails');
      assert.equal((await suite.t.database.adminQuery('select preferred_language from users where id = $1', [adopter.id])).rows[0].preferred_language, 'en');
    });

    it('the administrator sees the outbox in counts by template and day, in English and Welsh', async () => {
      const session = await suite.session();
      await signIn(session, administrator);
      let outbox = await session.open('/admin/outbox', OutboxPage);
      const rows = await outbox.rows();
      assert.ok(
        rows.some((cells) => cells[1] === 'Enquiry acknowledged'),
        JSON.stringify(rows),
      );
      outbox = await outbox.switchLanguage('cy');
      assert.ok((await outbox.rows()).some((cells) => cells[1] === 'Cydnabod ymholiad'));
      const text = await outbox.page.locator('main').innerText();
      assert.ok(!text.includes('@example.invalid') && !text.includes('Diolch am eich ymholiad'), 'no address or body on the page');
    });
  });
});
