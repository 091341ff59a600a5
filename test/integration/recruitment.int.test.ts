import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { Browser, startTestApp, type TestApp, type TestUser } from '../support/app.ts';
import { campaigns } from '../../src/modules/campaigns/schema.ts';
import { enquiries, households } from '../../src/modules/recruitment/schema.ts';
import { auditLog } from '../../src/platform/audit/schema.ts';
import { dateInWales, addMonths } from '../../src/platform/dates/dates.ts';

/** Specialised recruitment: a public enquiry becomes a household the agency moves, stage by guarded stage, to approval. */
describe('recruitment: enquiries and households', () => {
  let t: TestApp;
  let worker: TestUser;
  let manager: TestUser;
  let otherAgencyWorker: TestUser;
  let referrer: TestUser;
  let adopter: TestUser;
  let tokens: Record<string, string>;
  let agency: string;
  const today = () => dateInWales(new Date());

  async function api(token: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await t.app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      payload: body ? JSON.stringify(body) : undefined,
      remoteAddress: headers['x-test-address'] ?? '203.0.113.10',
    });
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined, headers: response.headers };
  }

  const enquiry = (extra: Record<string, unknown> = {}) => ({
    givenNames: 'Morgan',
    familyName: 'Fictional',
    email: 'morgan.fictional@example.invalid',
    postcode: 'cf10 1aa',
    preferredLanguage: 'cy',
    consent: true,
    ...extra,
  });

  const householdsWithEmail = (email: string) =>
    t.services.runner.run(t.system, (tx) =>
      tx
        .select()
        .from(households)
        .where(sql`lower(${households.email}) = lower(${email})`),
    );

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    const otherAgency = await t.organisation('other-agency', 'agency');
    const council = await t.organisation('council', 'local_authority');
    worker = await t.user(['social_worker'], agency);
    manager = await t.user(['service_manager'], agency);
    otherAgencyWorker = await t.user(['social_worker'], otherAgency);
    referrer = await t.user(['la_referrer'], council);
    adopter = await t.user(['adopter'], agency);
    tokens = {
      worker: await t.token(worker),
      manager: await t.token(manager),
      other: await t.token(otherAgencyWorker),
      referrer: await t.token(referrer),
      adopter: await t.token(adopter),
    };
    await t.services.runner.run(t.system, (tx) =>
      tx.insert(campaigns).values({
        organisationId: agency,
        name: 'Brothers and sisters together',
        nameCy: 'Brodyr a chwiorydd gyda’i gilydd',
        startDate: '2026-01-01',
        referrerCode: 'SIBLINGS26',
        channels: ['radio'],
      }),
    );
  });
  after(async () => t.close());

  describe('the public enquiry', () => {
    it('creates a household at enquiry, attributed to the campaign whose link was followed, without a token', async () => {
      const response = await api(null, 'POST', '/api/v1/enquiries', enquiry({ campaign: 'siblings26', channel: 'radio', phone: '029 2000 0000' }));
      assert.equal(response.status, 202);
      assert.deepEqual(response.body, { received: true });
      const [household] = await householdsWithEmail('morgan.fictional@example.invalid');
      assert.ok(household);
      assert.equal(household.stage, 'enquiry');
      assert.equal(household.channel, 'radio');
      assert.equal(household.postcode, 'CF10 1AA');
      assert.equal(household.preferredLanguage, 'cy');
      assert.match(household.reference, /^AT-\d{4}-\d{5}$/);
      const [campaign] = await t.services.runner.run(t.system, (tx) => tx.select().from(campaigns).where(eq(campaigns.referrerCode, 'SIBLINGS26')));
      assert.equal(household.campaignId, campaign!.id);
    });

    it('answers a second enquiry from a known address exactly as the first, joining the same household', async () => {
      const again = await api(null, 'POST', '/api/v1/enquiries', enquiry({ givenNames: 'Morgan again' }));
      assert.equal(again.status, 202);
      assert.deepEqual(again.body, { received: true });
      assert.equal((await householdsWithEmail('morgan.fictional@example.invalid')).length, 1, 'no second household');
      const sent = await t.services.runner.run(t.system, (tx) => tx.select().from(enquiries).where(eq(enquiries.email, 'morgan.fictional@example.invalid')));
      assert.equal(sent.length, 2);
      assert.equal(sent.filter((e) => e.repeat).length, 1);
    });

    it('keeps one enquiry when the same form is sent again, even twice at once, and answers the sender the same', async () => {
      const form = enquiry({
        email: 'resent.fictional@example.invalid',
        interests: ['siblings', 'older_children'],
        message: 'Fictional: we would like to talk',
      });
      // From an address of its own, so the other tests' enquiries do not count towards its hourly limit.
      const from = { 'x-test-address': '198.51.100.21' };
      const send = (body: Record<string, unknown>) => api(null, 'POST', '/api/v1/enquiries', body, from);
      const [first, second] = await Promise.all([send(form), send(form)]);
      const again = await send({ ...form, interests: ['older_children', 'siblings'] });
      for (const answer of [first, second, again]) {
        assert.equal(answer.status, 202);
        assert.deepEqual(answer.body, { received: true });
      }
      const stored = () => t.services.runner.run(t.system, (tx) => tx.select().from(enquiries).where(eq(enquiries.email, 'resent.fictional@example.invalid')));
      assert.equal((await stored()).length, 1, 'one enquiry, however many times it was sent');
      assert.equal((await householdsWithEmail('resent.fictional@example.invalid')).length, 1);
      const different = await send({ ...form, message: 'Fictional: and one more question' });
      assert.equal(different.status, 202);
      assert.equal((await stored()).length, 2, 'a new message is a new enquiry');
    });

    it('accepts a filled honeypot silently and keeps nothing', async () => {
      const response = await api(null, 'POST', '/api/v1/enquiries', enquiry({ email: 'bot@example.invalid', website: 'http://spam.invalid' }));
      assert.equal(response.status, 202);
      assert.deepEqual(response.body, { received: true });
      assert.equal((await householdsWithEmail('bot@example.invalid')).length, 0);
    });

    it('names each mistake in the person’s language, and keeps nothing', async () => {
      const response = await api(null, 'POST', '/api/v1/enquiries', enquiry({ email: 'not-an-address', postcode: 'XYZ', email2: undefined }), {
        'accept-language': 'cy',
      });
      assert.equal(response.status, 400);
      const messages = Object.fromEntries(response.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]));
      assert.equal(messages.postcode, 'Rhowch god post go iawn, fel CF10 1AA');
      assert.ok(messages.email && !messages.email.includes('errors.'), messages.email);
      assert.equal((await householdsWithEmail('not-an-address')).length, 0);
      const noConsent = await api(null, 'POST', '/api/v1/enquiries', enquiry({ email: 'noconsent@example.invalid', consent: undefined }));
      assert.equal(noConsent.status, 400);
      assert.equal(noConsent.body.errors[0].message, 'Tick the box to agree that we may contact you');
    });

    it('refuses more than five enquiries an hour from one address with a clear message', async () => {
      const address = '198.51.100.77';
      for (let i = 0; i < 5; i++) {
        const ok = await api(null, 'POST', '/api/v1/enquiries', enquiry({ email: `limit${i}@example.invalid` }), { 'x-test-address': address });
        assert.equal(ok.status, 202);
      }
      const refused = await api(null, 'POST', '/api/v1/enquiries', enquiry({ email: 'limit5@example.invalid' }), { 'x-test-address': address });
      assert.equal(refused.status, 429);
      assert.match(refused.body.detail, /Too many enquiries/);
      assert.equal((await householdsWithEmail('limit5@example.invalid')).length, 0);
    });

    it('works as a page in Welsh from a campaign link, with errors in Welsh and the typed answers kept', async () => {
      const browser = new Browser(t.app);
      const form = await browser.get('/enquire?campaign=SIBLINGS26&lang=cy');
      assert.equal(form.statusCode, 200);
      assert.ok(form.body.includes('Holi am fabwysiadu'));
      assert.ok(form.body.includes('Brodyr a chwiorydd gyda’i gilydd'), 'the campaign is named in Welsh');
      const wrong = await browser.post(
        '/enquire',
        { givenNames: 'Ceri', familyName: 'Dychmygol', email: 'ceri@example.invalid', postcode: 'nope', campaign: 'SIBLINGS26', preferredLanguage: 'cy' },
        { csrfFrom: '/enquire?lang=cy' },
      );
      assert.equal(wrong.statusCode, 400);
      assert.ok(wrong.body.includes('Rhowch god post go iawn, fel CF10 1AA'));
      assert.ok(wrong.body.includes('Ticiwch y blwch'));
      assert.ok(wrong.body.includes('value="Dychmygol"'), 'answers are kept');
      assert.equal((await householdsWithEmail('ceri@example.invalid')).length, 0);
      const sent = await browser.post(
        '/enquire',
        {
          givenNames: 'Ceri',
          familyName: 'Dychmygol',
          email: 'ceri@example.invalid',
          postcode: 'SA1 1AA',
          campaign: 'SIBLINGS26',
          preferredLanguage: 'cy',
          consent: 'yes',
          interests: ['siblings', 'older_children'],
        },
        { csrfFrom: '/enquire?lang=cy' },
      );
      assert.equal(sent.statusCode, 303);
      assert.equal(sent.headers.location, '/enquire/thank-you');
      const [household] = await householdsWithEmail('ceri@example.invalid');
      assert.equal(household?.preferredLanguage, 'cy');
      assert.ok(household?.campaignId);
    });
  });

  describe('a household through its stages', () => {
    let id: string;
    let applicants: { id: string }[];

    it('is recorded by a worker with two applicants; a bad postcode or address is refused with nothing written', async () => {
      const bad = await api(tokens.worker!, 'POST', '/api/v1/households', {
        email: 'pat@example.invalid',
        preferredLanguage: 'en',
        postcode: 'nowhere',
        applicants: [{ givenNames: 'Pat', familyName: 'Imaginary', email: 'bad' }],
      });
      assert.equal(bad.status, 400);
      const fieldsWrong = bad.body.errors.map((e: { field: string }) => e.field).sort();
      assert.deepEqual(fieldsWrong, ['applicants.0.email', 'postcode']);
      assert.equal((await householdsWithEmail('pat@example.invalid')).length, 0);
      const created = await api(tokens.worker!, 'POST', '/api/v1/households', {
        email: 'pat@example.invalid',
        preferredLanguage: 'en',
        postcode: 'LL57 2DG',
        socialWorkerId: worker.id,
        applicants: [
          { givenNames: 'Pat', familyName: 'Imaginary', email: 'pat@example.invalid' },
          { givenNames: 'Sam', familyName: 'Imaginary' },
        ],
        members: [{ kind: 'child', name: 'Alex Imaginary', relationship: 'Birth son', dateOfBirth: '2015-05-01' }],
      });
      assert.equal(created.status, 201);
      id = created.body.id;
      const record = await api(tokens.worker!, 'GET', `/api/v1/households/${id}`);
      assert.equal(record.status, 200);
      assert.equal(record.body.applicants.length, 2);
      assert.equal(record.body.members[0].name, 'Alex Imaginary');
      assert.equal(record.headers.etag, `"v${record.body.version}"`);
      applicants = record.body.applicants;
    });

    it('refuses a stage that cannot follow the current one with 409 and the reason', async () => {
      const response = await api(tokens.worker!, 'POST', `/api/v1/households/${id}/transitions`, { to: 'approved', date: today() });
      assert.equal(response.status, 409);
      assert.equal(response.body.title, 'This stage change is not possible');
      assert.match(response.body.detail, /cannot move to that stage/);
    });

    it('refuses Stage 2 until every Stage 1 check is back, with 422 saying how many are outstanding', async () => {
      for (const to of ['registration', 'stage1'])
        assert.equal((await api(tokens.worker!, 'POST', `/api/v1/households/${id}/transitions`, { to, date: today() })).status, 200, to);
      const early = await api(tokens.worker!, 'POST', `/api/v1/households/${id}/transitions`, { to: 'stage2', date: today() });
      assert.equal(early.status, 422);
      // Two applicants × (DBS + medical), references, local authority check.
      assert.match(early.body.detail, /\(6 outstanding\)/);
      const inWelsh = await api(tokens.worker!, 'POST', `/api/v1/households/${id}/transitions`, { to: 'stage2', date: today() }, { 'accept-language': 'cy' });
      assert.match(inWelsh.body.detail, /Nid yw gwiriadau Cam 1 wedi’u cwblhau \(6 yn weddill\)/);
      const record = await api(tokens.worker!, 'GET', `/api/v1/households/${id}`);
      assert.equal(record.body.stage, 'stage1', 'nothing changed');
    });

    it('refuses a check whose dates are out of order, then records every check and lets Stage 2 begin', async () => {
      const wrong = await api(tokens.worker!, 'POST', `/api/v1/households/${id}/checks`, {
        kind: 'dbs',
        applicantId: applicants[0]!.id,
        requestedDate: today(),
        receivedDate: addMonths(today(), -1),
        outcome: 'satisfactory',
      });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body.errors[0].message, 'The date received cannot be before the date requested');
      const noApplicant = await api(tokens.worker!, 'POST', `/api/v1/households/${id}/checks`, { kind: 'medical', requestedDate: today() });
      assert.equal(noApplicant.status, 400);
      const done = { requestedDate: today(), receivedDate: today(), outcome: 'satisfactory' };
      for (const applicant of applicants) {
        for (const kind of ['dbs', 'medical'])
          assert.equal((await api(tokens.worker!, 'POST', `/api/v1/households/${id}/checks`, { kind, applicantId: applicant.id, ...done })).status, 201);
      }
      for (const subject of ['Referee One', 'Referee Two'])
        await api(tokens.worker!, 'POST', `/api/v1/households/${id}/checks`, { kind: 'reference', subject, ...done });
      const pendingReference = await api(tokens.worker!, 'POST', `/api/v1/households/${id}/checks`, {
        kind: 'reference',
        subject: 'Referee Three',
        requestedDate: today(),
      });
      await api(tokens.worker!, 'POST', `/api/v1/households/${id}/checks`, { kind: 'local_authority', subject: 'Fictional County Council', ...done });
      const stillOne = await api(tokens.worker!, 'POST', `/api/v1/households/${id}/transitions`, { to: 'stage2', date: today() });
      assert.equal(stillOne.status, 422);
      assert.match(stillOne.body.detail, /\(1 outstanding\)/);
      const stale = await api(tokens.worker!, 'PATCH', `/api/v1/households/${id}/checks/${pendingReference.body.id}`, {
        kind: 'reference',
        subject: 'Referee Three',
        requestedDate: today(),
        receivedDate: today(),
        outcome: 'satisfactory',
        version: 7,
      });
      assert.equal(stale.status, 412);
      const received = await api(tokens.worker!, 'PATCH', `/api/v1/households/${id}/checks/${pendingReference.body.id}`, {
        kind: 'reference',
        subject: 'Referee Three',
        requestedDate: today(),
        receivedDate: today(),
        outcome: 'satisfactory',
        version: 1,
      });
      assert.equal(received.status, 200);
      const moved = await api(tokens.worker!, 'POST', `/api/v1/households/${id}/transitions`, { to: 'stage2', date: today() });
      assert.equal(moved.status, 200);
      assert.equal(moved.body.stage, 'stage2');
      assert.equal(moved.body.stage2Date, today());
    });

    it('needs the report before panel, the panel’s recommendation and a decision maker before approval', async () => {
      const noReport = await api(tokens.worker!, 'POST', `/api/v1/households/${id}/transitions`, { to: 'panel', date: today() });
      assert.equal(noReport.status, 422);
      assert.match(noReport.body.detail, /prospective adopter’s report/);
      assert.equal(
        (await api(tokens.worker!, 'POST', `/api/v1/households/${id}/transitions`, { to: 'panel', date: today(), reportCompletedDate: today() })).status,
        200,
      );
      const noRecommendation = await api(tokens.worker!, 'POST', `/api/v1/households/${id}/transitions`, { to: 'agency_decision', date: today() });
      assert.equal(noRecommendation.status, 422);
      assert.equal(
        (await api(tokens.worker!, 'POST', `/api/v1/households/${id}/transitions`, { to: 'agency_decision', date: today(), panelRecommendation: 'suitable' }))
          .status,
        200,
      );
      const noDecider = await api(tokens.worker!, 'POST', `/api/v1/households/${id}/transitions`, { to: 'approved', date: today() });
      assert.equal(noDecider.status, 422);
      assert.match(noDecider.body.detail, /agency decision maker/);
      const future = await api(tokens.worker!, 'POST', `/api/v1/households/${id}/transitions`, {
        to: 'approved',
        date: addMonths(today(), 1),
        decisionMaker: 'A. Decider',
      });
      assert.equal(future.status, 422);
      const approved = await api(tokens.worker!, 'POST', `/api/v1/households/${id}/transitions`, {
        to: 'approved',
        date: today(),
        decisionMaker: 'A. Decider',
      });
      assert.equal(approved.status, 200);
      assert.equal(approved.body.decision, 'suitable');
      const record = await api(tokens.worker!, 'GET', `/api/v1/households/${id}`);
      assert.deepEqual(record.body.history.map((e: { toStage: string }) => e.toStage).reverse(), [
        'enquiry',
        'registration',
        'stage1',
        'stage2',
        'panel',
        'agency_decision',
        'approved',
      ]);
      const audited = await t.services.runner.run(t.system, (tx) =>
        tx
          .select()
          .from(auditLog)
          .where(sql`${auditLog.action} = 'households.transition' AND ${auditLog.resourceId} = ${id}`),
      );
      assert.equal(audited.length, 6);
    });

    it('keeps every version of what the family can consider, and refuses ranges out of order', async () => {
      const needs = {
        learning_disability: 'with_support',
        physical_disability: 'cannot',
        sensory_impairment: 'cannot',
        autism_spectrum: 'with_support',
        speech_language_communication: 'can',
        emotional_behavioural: 'can',
        attachment_trauma: 'can',
        medical_condition: 'cannot',
        foetal_alcohol_spectrum: 'with_support',
        global_developmental_delay: 'with_support',
      };
      const wrong = await api(tokens.worker!, 'POST', `/api/v1/households/${id}/consideration-profile`, {
        childrenMin: 2,
        childrenMax: 1,
        ageMin: 9,
        ageMax: 4,
        siblingGroups: true,
        needs,
      });
      assert.equal(wrong.status, 400);
      assert.deepEqual(wrong.body.errors.map((e: { field: string }) => e.field).sort(), ['ageMax', 'childrenMax']);
      const first = await api(tokens.worker!, 'POST', `/api/v1/households/${id}/consideration-profile`, {
        childrenMin: 1,
        childrenMax: 2,
        ageMin: 3,
        ageMax: 9,
        siblingGroups: true,
        needs,
        contact: ['letterbox', 'direct_siblings'],
      });
      assert.equal(first.status, 201);
      const second = await api(tokens.worker!, 'POST', `/api/v1/households/${id}/consideration-profile`, {
        childrenMin: 2,
        childrenMax: 3,
        ageMin: 4,
        ageMax: 11,
        siblingGroups: true,
        needs,
        changeReason: 'Terms agreed at panel',
      });
      assert.equal(second.body.profileVersion, 2);
      const record = await api(tokens.worker!, 'GET', `/api/v1/households/${id}`);
      assert.equal(record.body.considerationProfile.profileVersion, 2);
      assert.equal(record.body.considerationProfile.ageMax, 11);
      assert.equal(record.body.considerationProfileVersions, 2);
    });

    it('refuses a stale edit with 412 and keeps the newer one', async () => {
      const record = await api(tokens.worker!, 'GET', `/api/v1/households/${id}`);
      const ok = await api(tokens.worker!, 'PATCH', `/api/v1/households/${id}`, { pets: 'One elderly cat' }, { 'if-match': record.headers.etag as string });
      assert.equal(ok.status, 200);
      const stale = await api(tokens.worker!, 'PATCH', `/api/v1/households/${id}`, { pets: 'Two dogs' }, { 'if-match': record.headers.etag as string });
      assert.equal(stale.status, 412);
      assert.equal((await api(tokens.worker!, 'GET', `/api/v1/households/${id}`)).body.pets, 'One elderly cat');
    });

    it('is hidden from another agency (404), and refused to local authorities and adopters (403)', async () => {
      assert.equal((await api(tokens.other!, 'GET', `/api/v1/households/${id}`)).status, 404);
      assert.equal((await api(tokens.referrer!, 'GET', `/api/v1/households/${id}`)).status, 403);
      assert.equal((await api(tokens.adopter!, 'GET', `/api/v1/households/${id}`)).status, 403);
      const theirList = await api(tokens.other!, 'GET', '/api/v1/households');
      assert.equal(theirList.status, 200);
      assert.equal(theirList.body.items.length, 0);
    });
  });

  describe('timescales', () => {
    it('shows a household past Stage 1’s two months as overdue to its worker and their manager', async () => {
      const created = await api(tokens.worker!, 'POST', '/api/v1/households', {
        email: 'late@example.invalid',
        preferredLanguage: 'en',
        socialWorkerId: worker.id,
        applicants: [{ givenNames: 'Lee', familyName: 'Latecomer' }],
      });
      const threeMonthsAgo = addMonths(today(), -3);
      await t.services.runner.run(t.system, (tx) =>
        tx.update(households).set({ stage: 'stage1', stageSince: threeMonthsAgo, stage1Date: threeMonthsAgo }).where(eq(households.id, created.body.id)),
      );
      const overview = await api(tokens.manager!, 'GET', '/api/v1/recruitment/timescales');
      const late = overview.body.items.find((i: { id: string }) => i.id === created.body.id);
      assert.equal(late.due.level, 'overdue');
      assert.equal(late.due.due, addMonths(threeMonthsAgo, 2));
      const overdueList = await api(tokens.worker!, 'GET', '/api/v1/households?view=overdue');
      assert.deepEqual(
        overdueList.body.items.map((i: { id: string }) => i.id),
        [created.body.id],
      );
      const home = await (await t.signIn(worker)).get('/');
      assert.ok(home.body.includes('Latecomer'), 'the worker’s home page lists the overdue household');
      const page = await (await t.signIn(manager)).get('/households/timescales');
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('Lee Latecomer'));
    });
  });

  describe('pages', () => {
    it('let a worker record a household, see it listed, and be refused a forbidden stage change in Welsh with nothing changed', async () => {
      const browser = await t.signIn(worker);
      const form = await browser.get('/households/new');
      assert.equal(form.statusCode, 200);
      const invalid = await browser.post('/households/new', {
        applicant1GivenNames: 'Rhian',
        applicant1FamilyName: '',
        email: 'rhian@example.invalid',
        preferredLanguage: 'cy',
        postcode: 'CF10 1AA',
      });
      assert.equal(invalid.statusCode, 400);
      assert.ok(invalid.body.includes('Enter a last name'));
      assert.ok(invalid.body.includes('href="#applicant1FamilyName"'), 'the summary links to the box');
      const created = await browser.post('/households/new', {
        applicant1GivenNames: 'Rhian',
        applicant1FamilyName: 'Ffuglen',
        email: 'rhian@example.invalid',
        preferredLanguage: 'cy',
        postcode: 'CF10 1AA',
      });
      assert.equal(created.statusCode, 303);
      const householdUrl = String(created.headers.location);
      const page = await browser.get(householdUrl);
      assert.ok(page.body.includes('Rhian Ffuglen'));
      const edit = await browser.get(`${householdUrl}/edit`);
      const version = edit.body.match(/name="version" value="(\d+)"/)![1]!;
      const withChild = await browser.post(`${householdUrl}/edit`, {
        version,
        applicant1Id: edit.body.match(/name="applicant1Id" value="([^"]+)"/)![1]!,
        applicant1GivenNames: 'Rhian',
        applicant1FamilyName: 'Ffuglen',
        email: 'rhian@example.invalid',
        preferredLanguage: 'cy',
        postcode: 'CF10 1AA',
        member1Name: 'Gwen Ffuglen',
        member1Relationship: 'Birth daughter',
        member1Kind: 'child',
        'member1DateOfBirth-day': '3',
        'member1DateOfBirth-month': '4',
        'member1DateOfBirth-year': '2016',
        pets: 'A rabbit',
      });
      assert.equal(withChild.statusCode, 303);
      const saved = await browser.get(householdUrl);
      assert.ok(saved.body.includes('Gwen Ffuglen') && saved.body.includes('A rabbit'), 'the household’s other child and pets are on its record');
      const list = await browser.get('/households?q=Ffuglen');
      assert.ok(list.body.includes('Rhian Ffuglen'));
      const welsh = await browser.get(`${householdUrl}/stage?lang=cy`);
      assert.ok(welsh.body.includes('Symud i gam arall'));
      const current = welsh.body.match(/name="version" value="(\d+)"/)![1]!;
      const [year, month, day] = today().split('-');
      const tooEarly = await browser.post(`${householdUrl}/stage`, {
        to: 'withdrawn',
        'date-day': '1',
        'date-month': '1',
        'date-year': '2020',
        reason: 'Moving abroad',
        version: current,
      });
      assert.equal(tooEarly.statusCode, 422);
      assert.ok(tooEarly.body.includes('Ni all y dyddiad fod cyn i'), 'a date before the stage began is refused in Welsh');
      const refused = await browser.post(`${householdUrl}/stage`, {
        to: 'withdrawn',
        'date-day': String(Number(day)),
        'date-month': String(Number(month)),
        'date-year': year!,
        reason: '',
        version: current,
      });
      assert.equal(refused.statusCode, 422);
      assert.ok(refused.body.includes('Rhowch y rheswm dros y newid hwn.'), 'the refusal is in Welsh');
      assert.ok((await browser.get(householdUrl)).body.includes('Ymholiad'), 'still at enquiry');
    });
  });
});
