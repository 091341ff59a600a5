import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { inActorTransaction } from '../../src/platform/db/transaction.ts';
import { type UserActor } from '../../src/platform/policy/actor.ts';
import { fixturesActor } from '../support/system.ts';
import { deliverOutbox } from '../../src/platform/mail/outbox.ts';
import type { OutgoingEmail, Sender } from '../../src/platform/mail/sender.ts';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { applicants, householdChecks, households } from '../../src/modules/recruitment/schema.ts';
import { courseBookings, courseSessions, courses } from '../../src/modules/training/schema.ts';
import { Browser, startTestApp, type TestApp, type TestUser } from '../support/app.ts';

/**
 * The adopters' own view: a worker invites an applicant by e-mail link, the applicant chooses a
 * password and sees their own application (only theirs), and the outbox delivers the e-mail.
 */
describe('adopters’ portal and invitations', () => {
  let t: TestApp;
  let agency: string;
  let worker: TestUser;
  let workerBrowser: Browser;
  let workerToken: string;
  const today = () => dateInWales(new Date());
  const stage1Since = addMonths(today(), -1);
  let sequence = 0;

  type Person = { givenNames: string; familyName: string; email: string | null; preferredLanguage: 'en' | 'cy' };

  /** A household in Stage 1 with its applicants, built as the platform (the recruitment pages are not under test here). */
  async function household(people: Person[], options: { socialWorkerId?: string } = {}) {
    return inActorTransaction(t.database.db, fixturesActor(), async (tx) => {
      const [row] = await tx
        .insert(households)
        .values({
          organisationId: agency,
          reference: `AT-TEST-${String(++sequence).padStart(5, '0')}`,
          stage: 'stage1',
          stageSince: stage1Since,
          stage1Date: stage1Since,
          enquiryDate: addMonths(today(), -3),
          email: people[0]?.email ?? 'household@example.test',
          preferredLanguage: people[0]?.preferredLanguage ?? 'en',
          socialWorkerId: options.socialWorkerId ?? null,
        })
        .returning();
      const ids: string[] = [];
      for (const person of people) {
        const [applicant] = await tx
          .insert(applicants)
          .values({ ...person, householdId: row!.id, organisationId: agency })
          .returning();
        ids.push(applicant!.id);
      }
      return { id: row!.id, applicantIds: ids };
    });
  }

  const outboxRows = async () =>
    (
      await t.database.adminQuery(
        'select id, recipient, language, template, subject, body, detail, sent_at, failed_at, failure from outbox order by created_at',
      )
    ).rows as {
      id: string;
      recipient: string;
      language: string;
      template: string;
      subject: string;
      body: string;
      detail: Record<string, string>;
      sent_at: Date | null;
      failed_at: Date | null;
      failure: string | null;
    }[];
  const count = async (table: 'users' | 'invitations' | 'outbox') => Number((await t.database.adminQuery(`select count(*) from ${table}`)).rows[0].count);
  /** The link of the newest e-mail to this address, as a path the test browser can follow. */
  const linkTo = async (recipient: string) => {
    const rows = (await outboxRows()).filter((r) => r.recipient === recipient);
    const body = rows.at(-1)?.body ?? assert.fail(`no e-mail to ${recipient}`);
    const url = new URL(/https?:\/\/\S+\/invitations\/\S+/.exec(body)?.[0] ?? assert.fail('no link in the e-mail'));
    return `${url.pathname}${url.search}`;
  };
  const invite = (householdId: string, applicantId: string) =>
    workerBrowser.post(`/households/${householdId}/applicants/${applicantId}/invitation`, {}, { csrfFrom: '/account' });
  const apiInvite = (householdId: string, applicantId: string, token = workerToken) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/households/${householdId}/applicants/${applicantId}/invitation`,
      headers: { authorization: `Bearer ${token}` },
      payload: {},
    });
  /** Follows a link and chooses a password, as the person would. */
  async function accept(path: string, password = 'a long enough family password') {
    const browser = new Browser(t.app);
    const page = await browser.get(path);
    assert.equal(page.statusCode, 200, page.body.slice(0, 300));
    const done = await browser.post(path.split('?')[0]!, { password, confirmPassword: password }, { csrfFrom: path });
    return { browser, done };
  }
  const adopterIdOf = async (applicantId: string) =>
    (await t.database.adminQuery('select user_id from applicants where id = $1', [applicantId])).rows[0].user_id as string | null;

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    worker = await t.user(['social_worker'], agency);
    workerBrowser = await t.signIn(worker);
    workerToken = await t.token(worker, 'write');
  });
  after(async () => t.close());

  describe('an invitation followed through to the family’s own page', () => {
    let home: { id: string; applicantIds: string[] };
    let adopterBrowser: Browser;

    before(async () => {
      home = await household(
        [
          { givenNames: 'Morwenna', familyName: 'Testfamily', email: 'morwenna.testfamily@example.test', preferredLanguage: 'cy' },
          { givenNames: 'Tegid', familyName: 'Testfamily', email: null, preferredLanguage: 'en' },
        ],
        { socialWorkerId: worker.id },
      );
      await inActorTransaction(t.database.db, fixturesActor(), async (tx) => {
        const [first, second] = home.applicantIds as [string, string];
        await tx.insert(householdChecks).values([
          {
            householdId: home.id,
            organisationId: agency,
            applicantId: first,
            kind: 'dbs',
            requestedDate: stage1Since,
            receivedDate: today(),
            outcome: 'satisfactory',
          },
          {
            householdId: home.id,
            organisationId: agency,
            applicantId: first,
            kind: 'medical',
            requestedDate: stage1Since,
            receivedDate: today(),
            outcome: 'satisfactory',
          },
          {
            householdId: home.id,
            organisationId: agency,
            applicantId: second,
            kind: 'medical',
            requestedDate: stage1Since,
            receivedDate: today(),
            outcome: 'concerns',
            notes: 'Private note about a knee',
          },
          {
            householdId: home.id,
            organisationId: agency,
            kind: 'reference',
            subject: 'Referee Alpha Example',
            requestedDate: stage1Since,
            receivedDate: today(),
            outcome: 'satisfactory',
          },
          {
            householdId: home.id,
            organisationId: agency,
            kind: 'local_authority',
            subject: 'Council Example',
            requestedDate: stage1Since,
            receivedDate: today(),
            outcome: 'satisfactory',
          },
        ]);
        const [course] = await tx
          .insert(courses)
          .values({ organisationId: agency, title: 'Preparation day one', titleCy: 'Diwrnod paratoi un', kind: 'preparation' })
          .returning();
        const [session] = await tx
          .insert(courseSessions)
          .values({
            courseId: course!.id,
            organisationId: agency,
            startsAt: new Date(Date.now() + 7 * 86_400_000),
            endsAt: new Date(Date.now() + 7 * 86_400_000 + 3 * 3_600_000),
            venue: 'Test Hall',
            capacity: 10,
          })
          .returning();
        await tx.insert(courseBookings).values({ sessionId: session!.id, applicantId: first, householdId: home.id, organisationId: agency });
      });
    });

    it('queues an e-mail in the applicant’s language with a link, and tells the worker', async () => {
      const response = await invite(home.id, home.applicantIds[0]!);
      assert.equal(response.statusCode, 303, response.body.slice(0, 300));
      assert.equal(response.headers.location, `/households/${home.id}`);
      const rows = await outboxRows();
      assert.equal(rows.length, 1);
      const email = rows[0]!;
      assert.equal(email.recipient, 'morwenna.testfamily@example.test');
      assert.equal(email.language, 'cy');
      assert.equal(email.subject, 'Dilynwch eich cais mabwysiadu ar-lein');
      assert.match(email.body, /^Helo Morwenna,/);
      assert.match(email.body, /http:\/\/localhost(:\d+)?\/invitations\/[A-Za-z0-9_-]{40,}\?lang=cy/);
      assert.equal(email.detail.household, home.id);
      assert.equal(email.sent_at, null);
    });

    it('creates the adopter account with a password no one knows, linked to the applicant and the household', async () => {
      const userId = await adopterIdOf(home.applicantIds[0]!);
      assert.ok(userId);
      const user = (await t.database.adminQuery('select roles, organisation_id, preferred_language from users where id = $1', [userId])).rows[0];
      assert.deepEqual(user, { roles: ['adopter'], organisation_id: agency, preferred_language: 'cy' });
      const row = (await t.database.adminQuery('select adopter_user_ids from households where id = $1', [home.id])).rows[0];
      assert.deepEqual(row.adopter_user_ids, [userId]);
      const hash = (await t.database.adminQuery('select password_hash from users where id = $1', [userId])).rows[0].password_hash as string;
      assert.match(hash, /^\$argon2id\$/, 'a real hash, of a secret nobody was given');
      assert.deepEqual(await t.services.portal.portalAccess(t.system, home.id), { [home.applicantIds[0]!]: 'invited' });
    });

    it('records the invitation in the audit log against the household', async () => {
      const rows = (await t.database.adminQuery(`select resource_type, resource_id, user_id, detail from audit_log where action = 'households.invite'`)).rows;
      assert.equal(rows.length, 1);
      assert.equal(rows[0].resource_type, 'household');
      assert.equal(rows[0].resource_id, home.id);
      assert.equal(rows[0].user_id, worker.id);
      assert.doesNotMatch(JSON.stringify(rows[0].detail), /morwenna|example\.test/i);
    });

    it('opens the link in Welsh, refuses a short or mismatched password, and signs the person in on a good one', async () => {
      const path = await linkTo('morwenna.testfamily@example.test');
      const browser = new Browser(t.app);
      const page = await browser.get(path);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Dewiswch gyfrinair/);
      assert.match(page.body, /morwenna\.testfamily@example\.test/);
      const tokenPath = path.split('?')[0]!;
      const short = await browser.post(tokenPath, { password: 'short', confirmPassword: 'short' }, { csrfFrom: path });
      assert.equal(short.statusCode, 400);
      assert.match(short.body, /govuk-error-summary/);
      const mismatch = await browser.post(
        tokenPath,
        { password: 'a long enough family password', confirmPassword: 'something else entirely' },
        { csrfFrom: path },
      );
      assert.equal(mismatch.statusCode, 400);
      const done = await browser.post(
        tokenPath,
        { password: 'a long enough family password', confirmPassword: 'a long enough family password' },
        { csrfFrom: path },
      );
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, '/my-application');
      adopterBrowser = browser;
    });

    it('shows the family their stage, since when, its due date, what is outstanding, their training and their social worker', async () => {
      const page = await adopterBrowser.get('/my-application');
      assert.equal(page.statusCode, 200, page.body.slice(0, 300));
      assert.match(page.body, /Cam 1: gwiriadau a pharatoi/);
      const workerName = (await t.database.adminQuery('select name from users where id = $1', [worker.id])).rows[0].name as string;
      assert.match(page.body, new RegExp(workerName));
      // Tegid's DBS was never requested; one reference of three and the local authority check are in.
      assert.match(page.body, /Gwiriad DBS ar gyfer Tegid/);
      assert.match(page.body, /2 eirda arall/);
      assert.doesNotMatch(page.body, /Gwiriad DBS ar gyfer Morwenna/);
      assert.doesNotMatch(page.body, /Archwiliad meddygol/, 'a medical that came back is not outstanding');
      assert.doesNotMatch(page.body, /Referee Alpha|Council Example|knee|concerns|satisfactory/i, 'no referee, outcome or note reaches the family');
      assert.match(page.body, /Diwrnod paratoi un/, 'the training booking in Welsh');
      const english = await adopterBrowser.get('/my-application?lang=en');
      assert.match(english.body, /Stage 1: checks and preparation/);
      assert.match(english.body, /DBS check for Tegid/);
      assert.match(english.body, /2 more references/);
      assert.match(english.body, /Expected to finish by/);
      assert.match(english.body, /Preparation day one/);
    });

    it('lets the person sign in again later with the password they chose, without a second factor', async () => {
      const browser = new Browser(t.app);
      const response = await browser.post('/sign-in', { email: 'morwenna.testfamily@example.test', password: 'a long enough family password' });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/');
      assert.equal((await browser.get('/my-application')).statusCode, 200);
      assert.deepEqual(await t.services.portal.portalAccess(t.system, home.id), { [home.applicantIds[0]!]: 'active' });
    });

    it('answers a used link with a clear page, never an error', async () => {
      const path = await linkTo('morwenna.testfamily@example.test');
      const page = await new Browser(t.app).get(path);
      assert.equal(page.statusCode, 410);
      assert.match(page.body, /Mae’r ddolen hon eisoes wedi’i defnyddio/);
      const again = await new Browser(t.app).get(path.replace('lang=cy', 'lang=en'));
      assert.match(again.body, /This link has already been used/);
      assert.doesNotMatch(again.body, /Morwenna|AT-TEST|Stage 1/);
    });

    it('refuses to invite an applicant with no e-mail address, with a clear message, and writes nothing', async () => {
      const before = { users: await count('users'), invitations: await count('invitations'), outbox: await count('outbox') };
      const api = await apiInvite(home.id, home.applicantIds[1]!);
      assert.equal(api.statusCode, 422);
      assert.match(api.json().detail, /no e-mail address/);
      const page = await invite(home.id, home.applicantIds[1]!);
      assert.equal(page.statusCode, 422);
      assert.match(page.body, /This applicant has no e-mail address/);
      assert.deepEqual({ users: await count('users'), invitations: await count('invitations'), outbox: await count('outbox') }, before);
      assert.equal(await adopterIdOf(home.applicantIds[1]!), null);
      const row = (await t.database.adminQuery('select adopter_user_ids from households where id = $1', [home.id])).rows[0];
      assert.equal(row.adopter_user_ids.length, 1);
    });

    it('does not let staff open the portal', async () => {
      assert.equal((await workerBrowser.get('/my-application')).statusCode, 403);
      const api = await t.app.inject({ method: 'GET', url: '/api/v1/my-application', headers: { authorization: `Bearer ${workerToken}` } });
      assert.equal(api.statusCode, 403);
      const manager = await t.signIn(await t.user(['service_manager'], agency));
      assert.equal((await manager.get('/my-application')).statusCode, 403);
    });
  });

  describe('a second household', () => {
    let first: { id: string; applicantIds: string[] };
    let second: { id: string; applicantIds: string[] };
    let secondAdopter: UserActor;

    before(async () => {
      first = await household([{ givenNames: 'Iolo', familyName: 'Examplefamily', email: 'iolo.examplefamily@example.test', preferredLanguage: 'en' }]);
      second = await household([{ givenNames: 'Branwen', familyName: 'Samplefamily', email: 'branwen.samplefamily@example.test', preferredLanguage: 'en' }]);
      assert.equal((await apiInvite(first.id, first.applicantIds[0]!)).statusCode, 201);
      const created = await apiInvite(second.id, second.applicantIds[0]!);
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().language, 'en');
      assert.equal(created.json().applicantId, second.applicantIds[0]);
      await accept(await linkTo('iolo.examplefamily@example.test'));
      const { done } = await accept(await linkTo('branwen.samplefamily@example.test'));
      assert.equal(done.statusCode, 303);
      const userId = (await adopterIdOf(second.applicantIds[0]!))!;
      secondAdopter = { kind: 'user', userId, organisationId: agency, organisationType: 'agency', roles: ['adopter'], name: 'Branwen Samplefamily' };
    });

    it('sees only their own application, through the page and the API', async () => {
      const token = await t.token({ id: secondAdopter.userId, email: 'branwen.samplefamily@example.test', roles: ['adopter'], organisationId: agency }, 'read');
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/my-application', headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.statusCode, 200);
      const body = response.json();
      assert.equal(body.application.householdId, second.id);
      assert.equal(body.application.stage, 'stage1');
      assert.deepEqual(body.application.applicants, [{ id: second.applicantIds[0], givenNames: 'Branwen' }]);
      assert.doesNotMatch(response.body, /Iolo|Morwenna/);
      const browser = new Browser(t.app);
      await browser.post('/sign-in', { email: 'branwen.samplefamily@example.test', password: 'a long enough family password' });
      const page = await browser.get('/my-application');
      assert.match(page.body, /Branwen/);
      assert.doesNotMatch(page.body, /Iolo|Morwenna|AT-TEST-00002/);
    });

    it('cannot reach another household even by querying the database directly as the adopter', async () => {
      const seen = await inActorTransaction(t.database.db, secondAdopter, (tx) => tx.select({ id: households.id }).from(households));
      assert.deepEqual(
        seen.map((r) => r.id),
        [second.id],
      );
      const theirs = await inActorTransaction(t.database.db, secondAdopter, (tx) =>
        tx.select({ id: applicants.id }).from(applicants).where(eq(applicants.householdId, first.id)),
      );
      assert.deepEqual(theirs, []);
    });

    it('cannot invite anyone: the adopter is refused by the policy', async () => {
      const token = await t.token(
        { id: secondAdopter.userId, email: 'branwen.samplefamily@example.test', roles: ['adopter'], organisationId: agency },
        'write',
      );
      assert.equal((await apiInvite(first.id, first.applicantIds[0]!, token)).statusCode, 403);
    });
  });

  describe('links that no longer work', () => {
    it('says an expired link has expired and to ask the social worker, and does not let it set a password', async () => {
      const home = await household([{ givenNames: 'Gwydion', familyName: 'Stalefamily', email: 'gwydion.stalefamily@example.test', preferredLanguage: 'en' }]);
      assert.equal((await apiInvite(home.id, home.applicantIds[0]!)).statusCode, 201);
      const path = await linkTo('gwydion.stalefamily@example.test');
      const userId = await adopterIdOf(home.applicantIds[0]!);
      await t.database.adminQuery(`update invitations set expires_at = now() - interval '1 minute' where user_id = $1`, [userId]);
      const hashBefore = (await t.database.adminQuery('select password_hash from users where id = $1', [userId])).rows[0].password_hash;
      const browser = new Browser(t.app);
      const page = await browser.get(path);
      assert.equal(page.statusCode, 410);
      assert.match(page.body, /This link has expired — ask your social worker for a new one/);
      assert.doesNotMatch(page.body, /Gwydion|AT-TEST/);
      const csrf = /name="_csrf" value="([^"]+)"/.exec((await browser.get('/sign-in')).body)![1]!;
      const post = await browser.post(
        path.split('?')[0]!,
        { password: 'a long enough family password', confirmPassword: 'a long enough family password' },
        { csrf },
      );
      assert.equal(post.statusCode, 410);
      assert.doesNotMatch(String(post.headers['set-cookie'] ?? ''), /together_session=/);
      const hashAfter = (await t.database.adminQuery('select password_hash from users where id = $1', [userId])).rows[0].password_hash;
      assert.equal(hashAfter, hashBefore, 'the password was not set');
      assert.deepEqual(await t.services.portal.portalAccess(t.system, home.id), { [home.applicantIds[0]!]: 'expired' });
    });

    it('replaces the earlier link when the worker invites again', async () => {
      const home = await household([
        { givenNames: 'Rhiannon', familyName: 'Twicefamily', email: 'rhiannon.twicefamily@example.test', preferredLanguage: 'en' },
      ]);
      await apiInvite(home.id, home.applicantIds[0]!);
      const firstLink = await linkTo('rhiannon.twicefamily@example.test');
      await apiInvite(home.id, home.applicantIds[0]!);
      const secondLink = await linkTo('rhiannon.twicefamily@example.test');
      assert.notEqual(firstLink, secondLink);
      assert.equal((await new Browser(t.app).get(firstLink)).statusCode, 410);
      const { done } = await accept(secondLink);
      assert.equal(done.statusCode, 303);
      const users = (await t.database.adminQuery(`select count(*) from users where lower(email) = 'rhiannon.twicefamily@example.test'`)).rows[0];
      assert.equal(Number(users.count), 1, 'one account, reused');
    });

    it('writes the new link in the language the person chose on their account, else the application’s', async () => {
      const home = await household([{ givenNames: 'Elen', familyName: 'Choosefamily', email: 'elen.choosefamily@example.test', preferredLanguage: 'en' }]);
      // The agency has a Welsh name: each e-mail names it in its reader's language (put back at the end).
      const { name: agencyName } = (await t.database.adminQuery("update organisations set name_cy = 'Asiantaeth Prawf' where id = $1 returning name", [agency]))
        .rows[0];
      await apiInvite(home.id, home.applicantIds[0]!);
      assert.match(await linkTo('elen.choosefamily@example.test'), /\?lang=en$/, 'nobody chose yet: the application’s language');
      const inEnglish = (await outboxRows()).filter((r) => r.recipient === 'elen.choosefamily@example.test').at(-1)!;
      assert.ok(inEnglish.body.includes(agencyName) && !inEnglish.body.includes('Asiantaeth Prawf'), 'the English e-mail names the agency in English');
      // Elen chooses Welsh on her account; the application still says English.
      const userId = await adopterIdOf(home.applicantIds[0]!);
      await t.database.adminQuery("update users set preferred_language = 'cy', language_chosen_at = now() where id = $1", [userId]);
      await apiInvite(home.id, home.applicantIds[0]!);
      assert.match(await linkTo('elen.choosefamily@example.test'), /\?lang=cy$/);
      const mail = (await outboxRows()).filter((r) => r.recipient === 'elen.choosefamily@example.test').at(-1)!;
      assert.equal(mail.language, 'cy', 'and the e-mail is in her language');
      assert.ok(mail.body.includes('Asiantaeth Prawf') && !mail.body.includes(agencyName), 'naming the agency by its Welsh name');
      await t.database.adminQuery('update organisations set name_cy = null where id = $1', [agency]);
      const account = (await t.database.adminQuery('select preferred_language from users where id = $1', [userId])).rows[0];
      assert.equal(account.preferred_language, 'cy', 'inviting again keeps the language she chose');
    });

    it('answers a made-up link with the same clear page', async () => {
      const page = await new Browser(t.app).get('/invitations/not-a-real-token');
      assert.equal(page.statusCode, 410);
      assert.match(page.body, /This link has expired/);
    });
  });

  it('refuses an e-mail address that belongs to a member of staff', async () => {
    const home = await household([{ givenNames: 'Pryderi', familyName: 'Clashfamily', email: worker.email.toUpperCase(), preferredLanguage: 'en' }]);
    const before = await count('invitations');
    const response = await apiInvite(home.id, home.applicantIds[0]!);
    assert.equal(response.statusCode, 422);
    assert.match(response.json().detail, /already used by another account, such as a member of staff’s/);
    assert.equal(await count('invitations'), before);
    assert.equal(await adopterIdOf(home.applicantIds[0]!), null);
  });

  it('shows an adopter with no household a friendly page', async () => {
    const loner = await t.user(['adopter'], agency);
    const browser = await t.signIn(loner);
    const page = await browser.get('/my-application');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /There is no application to show yet/);
  });

  describe('the outbox', () => {
    class RecordingSender implements Sender {
      readonly name = 'recording';
      sent: OutgoingEmail[] = [];
      send(message: OutgoingEmail) {
        this.sent.push(message);
        return Promise.resolve();
      }
    }

    it('delivers each waiting e-mail once and marks it sent', async () => {
      const waiting = (await outboxRows()).filter((r) => !r.sent_at).length;
      assert.ok(waiting >= 5);
      const sender = new RecordingSender();
      assert.deepEqual(await deliverOutbox(t.database.db, sender), { sent: waiting, failed: 0 });
      assert.equal(sender.sent.length, waiting);
      assert.ok(sender.sent.some((m) => m.recipient === 'morwenna.testfamily@example.test' && m.language === 'cy'));
      assert.ok((await outboxRows()).every((r) => r.sent_at));
      assert.deepEqual(await deliverOutbox(t.database.db, sender), { sent: 0, failed: 0 });
      assert.equal(sender.sent.length, waiting);
    });

    it('marks a message the sender could not deliver as failed, and tries again later', async () => {
      const home = await household([{ givenNames: 'Math', familyName: 'Bouncefamily', email: 'math.bouncefamily@example.test', preferredLanguage: 'en' }]);
      await apiInvite(home.id, home.applicantIds[0]!);
      const failing: Sender = { name: 'failing', send: async () => Promise.reject(new Error('relay refused the message')) };
      assert.deepEqual(await deliverOutbox(t.database.db, failing), { sent: 0, failed: 1 });
      const row = (await outboxRows()).find((r) => r.recipient === 'math.bouncefamily@example.test')!;
      assert.equal(row.sent_at, null);
      assert.ok(row.failed_at);
      assert.equal(row.failure, 'relay refused the message');
      const sender = new RecordingSender();
      assert.deepEqual(await deliverOutbox(t.database.db, sender), { sent: 0, failed: 0 }, 'not retried at once');
      assert.deepEqual(await deliverOutbox(t.database.db, sender, { now: new Date(Date.now() + 20 * 60_000) }), { sent: 1, failed: 0 });
      assert.equal(sender.sent[0]!.recipient, 'math.bouncefamily@example.test');
    });

    it('does not let two deliveries at once send the same message twice', async () => {
      const home = await household([{ givenNames: 'Pwyll', familyName: 'Racefamily', email: 'pwyll.racefamily@example.test', preferredLanguage: 'en' }]);
      await apiInvite(home.id, home.applicantIds[0]!);
      const slow: OutgoingEmail[] = [];
      const slowSender: Sender = {
        name: 'slow',
        send: async (m) => {
          slow.push(m);
          await new Promise((resolve) => setTimeout(resolve, 200));
        },
      };
      const results = await Promise.all([deliverOutbox(t.database.db, slowSender), deliverOutbox(t.database.db, slowSender)]);
      assert.equal(results[0].sent + results[1].sent, 1);
      assert.equal(slow.length, 1);
    });
  });
});
