import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Browser, type TestApp, type TestUser } from '../support/app.ts';
import { callApi } from '../support/api-client.ts';
import { applicants, households } from '../../src/modules/recruitment/schema.ts';
import { householdTrainingView } from '../../src/modules/training/service.ts';
import { seedDemoTraining } from '../../src/modules/training/demo.ts';
import { createViewEnvironment } from '../../src/platform/views/views.ts';
import { translator } from '../../src/platform/i18n/i18n.ts';
import type { RequestContext } from '../../src/platform/policy/actor.ts';
import type { Role } from '../../src/platform/policy/roles.ts';

/** Preparation training as the agency runs it: courses, sessions, bookings, attendance, certificates. */
describe('preparation training', () => {
  let t: TestApp;
  let agency: string;
  let otherAgency: string;
  let worker: TestUser;
  let psychologist: TestUser;
  let outsider: TestUser;
  let adopter: TestUser;
  let workerBrowser: Browser;
  let tokens: Record<string, string>;
  let householdCount = 0;

  async function api(token: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, headers: Record<string, string> = {}) {
    return callApi(t, token, method, url, body, headers);
  }

  /** A household of fictional applicants, written as the platform (the recruitment pages are not under test here). */
  async function household(
    organisationId: string,
    people: { givenNames: string; familyName: string; preferredLanguage?: 'en' | 'cy' }[],
    options: { stage?: 'stage1' | 'withdrawn'; adopterUserIds?: string[] } = {},
  ) {
    householdCount += 1;
    const reference = `TRN-TEST-${String(householdCount).padStart(4, '0')}`;
    return t.services.runner.run(t.system, async (tx) => {
      const [row] = await tx
        .insert(households)
        .values({
          organisationId,
          reference,
          stage: options.stage ?? 'stage1',
          stageSince: '2026-01-05',
          enquiryDate: '2025-11-20',
          email: `household${householdCount}@test.invalid`,
          adopterUserIds: options.adopterUserIds ?? [],
        })
        .returning();
      const people_ = await tx
        .insert(applicants)
        .values(
          people.map((p) => ({
            householdId: row!.id,
            organisationId,
            givenNames: p.givenNames,
            familyName: p.familyName,
            preferredLanguage: p.preferredLanguage ?? 'en',
          })),
        )
        .returning();
      return { id: row!.id, reference, applicantIds: people_.map((a) => a.id) };
    });
  }

  const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3600_000);

  async function course(token = tokens.worker!, extra: Record<string, unknown> = {}) {
    const created = await api(token, 'POST', '/api/v1/courses', {
      title: 'Preparation group, day 1',
      titleCy: 'Grŵp paratoi, diwrnod 1',
      kind: 'preparation',
      requiredForStage1: true,
      hours: 6,
      ...extra,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body as { id: string; version: number };
  }

  async function session(courseId: string, options: { startsAt?: Date; capacity?: number } = {}) {
    const startsAt = options.startsAt ?? hoursFromNow(24 * 14);
    const created = await api(tokens.worker!, 'POST', `/api/v1/courses/${courseId}/sessions`, {
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 6 * 3600_000).toISOString(),
      venue: 'Test Family Centre (fictional)',
      language: 'bilingual',
      facilitatorIds: [worker.id],
      facilitatorNames: 'An experienced adopter (fictional)',
      capacity: options.capacity ?? 12,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body as { id: string; version: number };
  }

  const book = (sessionId: string, applicantId: string, token = tokens.worker!, headers: Record<string, string> = {}) =>
    api(token, 'POST', `/api/v1/sessions/${sessionId}/bookings`, { applicantId }, headers);

  function contextOf(user: TestUser, roles: Role[] = user.roles): RequestContext {
    return {
      actor: { kind: 'user', userId: user.id, organisationId: user.organisationId, organisationType: 'agency', roles, name: 'Test' },
      requestId: 'test',
      channel: 'web',
      language: 'en',
    };
  }

  /** The messages of a page's error summary. */
  const problems = (body: string) => [...body.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => m[2]!.replace(/&#39;|&rsquo;/g, '’'));

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    otherAgency = await t.organisation('other-agency', 'agency');
    const clinic = await t.organisation('clinic', 'clinical_partner');
    worker = await t.user(['social_worker'], agency);
    psychologist = await t.user(['clinical_psychologist'], clinic);
    outsider = await t.user(['social_worker'], otherAgency);
    adopter = await t.user(['adopter'], agency);
    workerBrowser = await t.signIn(worker);
    tokens = {
      worker: await t.token(worker),
      psychologist: await t.token(psychologist),
      outsider: await t.token(outsider),
      adopter: await t.token(adopter),
      readOnly: await t.token(worker, 'read'),
    };
  });
  after(async () => t.close());

  it('creates a course and its session through the API, and lists the session with its places left', async () => {
    const created = await course(tokens.worker, {
      title: 'Therapeutic parenting: understanding trauma',
      titleCy: 'Rhianta therapiwtig: deall trawma',
      kind: 'therapeutic_preparation',
      requiredForStage1: false,
      hours: 3,
    });
    const added = await session(created.id, { capacity: 8 });
    const { applicantIds } = await household(agency, [{ givenNames: 'Ffion', familyName: 'Testun' }]);
    assert.equal((await book(added.id, applicantIds[0]!)).status, 201);

    const read = await api(tokens.worker!, 'GET', `/api/v1/courses/${created.id}`);
    assert.equal(read.status, 200);
    assert.equal(read.headers.etag, '"v1"');
    assert.equal(read.body.titleCy, 'Rhianta therapiwtig: deall trawma');
    assert.equal(read.body.sessions.length, 1);
    assert.equal(read.body.sessions[0].capacity, 8);
    assert.equal(read.body.sessions[0].booked, 1);
    assert.equal(read.body.sessions[0].placesLeft, 7);
    assert.deepEqual(read.body.sessions[0].facilitatorIds, [worker.id]);

    const list = await api(tokens.worker!, 'GET', '/api/v1/courses');
    assert.ok(list.body.items.some((c: { id: string; sessions: number }) => c.id === created.id && c.sessions === 1));
  });

  it('refuses a session that ends before it starts, a capacity of none, and a facilitator who is not agency staff', async () => {
    const created = await course();
    const start = hoursFromNow(48);
    const base = { venue: 'Hall', language: 'en', capacity: 5, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3600_000).toISOString() };
    const backwards = await api(tokens.worker!, 'POST', `/api/v1/courses/${created.id}/sessions`, {
      ...base,
      endsAt: new Date(start.getTime() - 3600_000).toISOString(),
    });
    assert.equal(backwards.status, 400);
    assert.deepEqual(
      backwards.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]),
      [['endsAt', 'The session must end after it starts']],
    );
    const empty = await api(tokens.worker!, 'POST', `/api/v1/courses/${created.id}/sessions`, { ...base, capacity: 0 });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.errors[0].message, 'A session must have at least 1 place');
    const stranger = await api(tokens.worker!, 'POST', `/api/v1/courses/${created.id}/sessions`, { ...base, facilitatorIds: [outsider.id] });
    assert.equal(stranger.status, 400);
    assert.equal(stranger.body.errors[0].field, 'facilitatorIds');
    const sessions = await api(tokens.worker!, 'GET', `/api/v1/courses/${created.id}`);
    assert.equal(sessions.body.sessions.length, 0, 'nothing was half-written');
  });

  it('creates a course and a session through the pages, with the session at the time typed in Wales', async () => {
    const form = await workerBrowser.get('/courses/new');
    assert.equal(form.statusCode, 200);
    const missing = await workerBrowser.post('/courses/new', { title: '', titleCy: '', kind: '' });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(problems(missing.body), ['Enter the title in English', 'Enter the title in Welsh', 'Select the kind of course']);

    const saved = await workerBrowser.post('/courses/new', {
      title: 'Preparation group, day 2',
      titleCy: 'Grŵp paratoi, diwrnod 2',
      kind: 'preparation',
      requiredForStage1: 'yes',
      hours: '6',
      description: '',
      descriptionCy: '',
    });
    assert.equal(saved.statusCode, 303, problems(saved.body).join('; '));
    const courseId = /^\/courses\/([0-9a-f-]{36})$/.exec(String(saved.headers.location))?.[1] ?? assert.fail(String(saved.headers.location));

    const sessionForm = await workerBrowser.get(`/courses/${courseId}/sessions/new`);
    assert.equal(sessionForm.statusCode, 200);
    assert.match(sessionForm.body, new RegExp(`name="facilitatorIds" type="checkbox" value="${worker.id}"`), 'agency staff are offered as facilitators');
    const slot = {
      'date-day': '1',
      'date-month': '7',
      'date-year': '2030',
      venue: 'Test Community Hall (fictional)',
      language: 'cy',
      facilitatorIds: worker.id,
      facilitatorNames: '',
      capacity: '12',
    };
    const backwards = await workerBrowser.post(`/courses/${courseId}/sessions/new`, { ...slot, startTime: '13:00', endTime: '10:00' });
    assert.equal(backwards.statusCode, 400);
    assert.deepEqual(problems(backwards.body), ['The session must end after it starts']);
    const badTime = await workerBrowser.post(`/courses/${courseId}/sessions/new`, { ...slot, startTime: 'ten', endTime: '13:00', capacity: '0' });
    assert.deepEqual(problems(badTime.body), ['Enter the start time on the 24-hour clock, for example 09:30', 'A session must have at least 1 place']);

    const added = await workerBrowser.post(`/courses/${courseId}/sessions/new`, { ...slot, startTime: '10:00', endTime: '13:00' });
    assert.equal(added.statusCode, 303, problems(added.body).join('; '));
    const sessionId = /^\/sessions\/([0-9a-f-]{36})$/.exec(String(added.headers.location))?.[1] ?? assert.fail(String(added.headers.location));
    const read = await api(tokens.worker!, 'GET', `/api/v1/sessions/${sessionId}`);
    assert.equal(read.body.startsAt, '2030-07-01T09:00:00.000Z', '10:00 in a Welsh summer is 09:00 UTC');
    assert.equal(read.body.language, 'cy');

    const coursePage = await workerBrowser.get(`/courses/${courseId}`);
    assert.match(coursePage.body, /Test Community Hall \(fictional\)/);
    assert.match(coursePage.body, /Monday 1 July 2030, 10:00 to 13:00/);
    const welsh = await workerBrowser.get(`/courses/${courseId}?lang=cy`);
    assert.match(welsh.body, /Grŵp paratoi, diwrnod 2/);
    assert.match(welsh.body, /Dydd Llun 1 Gorffennaf 2030, 10:00 i 13:00/);
    await workerBrowser.get('/courses?lang=en');
  });

  it('books until the session is full, then refuses the next booking with the reason, in English and in Welsh', async () => {
    const created = await course();
    const added = await session(created.id, { capacity: 2 });
    const { applicantIds } = await household(agency, [
      { givenNames: 'Aled', familyName: 'Prawf' },
      { givenNames: 'Bethan', familyName: 'Prawf' },
    ]);
    const third = await household(agency, [{ givenNames: 'Carys', familyName: 'Enghraifft' }]);
    for (const id of applicantIds) assert.equal((await book(added.id, id)).status, 201);

    const refused = await book(added.id, third.applicantIds[0]!);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.detail, 'This session is full: 2 of 2 places are booked');
    const welsh = await book(added.id, third.applicantIds[0]!, tokens.worker, { 'accept-language': 'cy' });
    assert.equal(welsh.status, 409);
    assert.equal(welsh.body.detail, 'Mae’r sesiwn hon yn llawn: mae 2 o 2 le wedi’u harchebu');

    const page = await workerBrowser.get(`/sessions/${added.id}`);
    assert.match(page.body, /data-testid="session-full"/);
    assert.match(page.body, /This session is full: 2 of 2 places are booked/);
    // A page opened before the session filled still posts: the refusal comes back to the page.
    const posted = await workerBrowser.post(`/sessions/${added.id}/bookings`, { applicantId: third.applicantIds[0]! }, { csrfFrom: `/sessions/${added.id}` });
    assert.equal(posted.statusCode, 409);
    assert.deepEqual(problems(posted.body), ['This session is full: 2 of 2 places are booked']);
    const postedInWelsh = await workerBrowser.post(
      `/sessions/${added.id}/bookings`,
      { applicantId: third.applicantIds[0]! },
      { csrfFrom: `/sessions/${added.id}?lang=cy` },
    );
    assert.equal(postedInWelsh.statusCode, 409);
    assert.match(postedInWelsh.body, /<html lang="cy"/);
    assert.deepEqual(problems(postedInWelsh.body), ['Mae’r sesiwn hon yn llawn: mae 2 o 2 le wedi’u harchebu']);
    await workerBrowser.get('/courses?lang=en');

    const read = await api(tokens.worker!, 'GET', `/api/v1/sessions/${added.id}`);
    assert.equal(read.body.bookings.length, 2, 'the refused bookings left nothing behind');
  });

  it('never lets two people take the last place at once', async () => {
    const created = await course();
    const added = await session(created.id, { capacity: 3 });
    const people = await household(
      agency,
      ['Dafydd', 'Elin', 'Gwyn', 'Heledd', 'Iolo', 'Lowri'].map((givenNames) => ({ givenNames, familyName: 'Rasio' })),
    );
    const answers = await Promise.all(people.applicantIds.map((id) => book(added.id, id)));
    assert.deepEqual(answers.map((a) => a.status).sort(), [201, 201, 201, 409, 409, 409]);
    for (const refused of answers.filter((a) => a.status === 409)) assert.equal(refused.body.detail, 'This session is full: 3 of 3 places are booked');
    const rows = await t.database.adminQuery(`select count(*)::int as n from course_bookings where session_id = $1 and status = 'booked'`, [added.id]);
    assert.equal(rows.rows[0].n, 3);
  });

  it('refuses a second booking of the same person on a session, even when both arrive at once', async () => {
    const created = await course();
    const added = await session(created.id);
    const { applicantIds } = await household(agency, [{ givenNames: 'Math', familyName: 'Dyblyg' }]);
    const [first, second] = await Promise.all([book(added.id, applicantIds[0]!), book(added.id, applicantIds[0]!)]);
    assert.deepEqual([first.status, second.status].sort(), [201, 409]);
    const refused = first.status === 409 ? first : second;
    assert.equal(refused.body.detail, 'Math Dyblyg already has a place on this session');
    const again = await book(added.id, applicantIds[0]!, tokens.worker, { 'accept-language': 'cy' });
    assert.equal(again.body.detail, 'Mae gan Math Dyblyg le ar y sesiwn hon eisoes');

    const page = await workerBrowser.post(`/sessions/${added.id}/bookings`, { applicantId: applicantIds[0]! }, { csrfFrom: `/sessions/${added.id}` });
    assert.equal(page.statusCode, 409);
    assert.deepEqual(problems(page.body), ['Math Dyblyg already has a place on this session']);

    // Once the place is given up, the person may book again.
    const booking = (first.status === 201 ? first : second).body;
    const cancelled = await api(tokens.worker!, 'PATCH', `/api/v1/bookings/${booking.id}`, { status: 'cancelled' }, { 'if-match': `"v${booking.version}"` });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal(cancelled.body.status, 'cancelled');
    assert.equal((await book(added.id, applicantIds[0]!)).status, 201);
  });

  it('books no one from a household that withdrew, or from another agency', async () => {
    const created = await course();
    const added = await session(created.id);
    const withdrawn = await household(agency, [{ givenNames: 'Nia', familyName: 'Gadael' }], { stage: 'withdrawn' });
    const elsewhere = await household(otherAgency, [{ givenNames: 'Osian', familyName: 'Arall' }]);
    const closed = await book(added.id, withdrawn.applicantIds[0]!);
    assert.equal(closed.status, 409);
    assert.match(closed.body.detail, /withdrawn or was not approved/);
    const foreign = await book(added.id, elsewhere.applicantIds[0]!);
    assert.equal(foreign.status, 400);
    assert.equal(foreign.body.errors[0].field, 'applicantId');

    const page = await workerBrowser.get(`/sessions/${added.id}`);
    assert.doesNotMatch(page.body, /Nia Gadael/, 'the booking form offers no one who could not be booked');
    assert.doesNotMatch(page.body, /Osian Arall/);
  });

  it('records attendance once a session has started and certifies those who attended', async () => {
    const created = await course();
    const upcoming = await session(created.id);
    const past = await session(created.id, { startsAt: hoursFromNow(-30) });
    const family = await household(agency, [
      { givenNames: 'Rhodri', familyName: 'Tystysgrif' },
      { givenNames: 'Siân', familyName: 'Tystysgrif', preferredLanguage: 'cy' },
    ]);
    const [rhodri, sian] = family.applicantIds as [string, string];

    const early = (await book(upcoming.id, rhodri)).body;
    const notYet = await api(tokens.worker!, 'PATCH', `/api/v1/bookings/${early.id}`, { attendance: 'attended' }, { 'if-match': '"v1"' });
    assert.equal(notYet.status, 409);
    assert.equal(notYet.body.detail, 'Attendance can be recorded once the session has started');

    const rhodriPlace = (await book(past.id, rhodri)).body;
    const sianPlace = (await book(past.id, sian)).body;
    const noCertificateYet = await api(tokens.worker!, 'POST', `/api/v1/bookings/${rhodriPlace.id}/certificate`);
    assert.equal(noCertificateYet.status, 409);
    assert.equal(noCertificateYet.body.detail, 'A certificate can only be issued once the applicant has been recorded as attending');

    const attended = await api(tokens.worker!, 'PATCH', `/api/v1/bookings/${rhodriPlace.id}`, { attendance: 'attended' }, { 'if-match': '"v1"' });
    assert.equal(attended.status, 200);
    assert.equal(attended.body.attendance, 'attended');
    assert.equal(attended.headers.etag, '"v2"');

    // Siân's attendance through the session page.
    const marked = await workerBrowser.post(
      `/sessions/${past.id}/bookings/${sianPlace.id}/attendance`,
      { attendance: 'attended', version: '1' },
      { csrfFrom: `/sessions/${past.id}` },
    );
    assert.equal(marked.statusCode, 303);

    const certificate = await api(tokens.worker!, 'POST', `/api/v1/bookings/${rhodriPlace.id}/certificate`);
    assert.equal(certificate.status, 201);
    const number = certificate.body.certificateNumber as string;
    assert.match(number, /^TRN-\d{4}-\d{6}$/);
    const again = await api(tokens.worker!, 'POST', `/api/v1/bookings/${rhodriPlace.id}/certificate`);
    assert.equal(again.status, 200);
    assert.equal(again.body.certificateNumber, number, 'asking again gives the same certificate');

    const issued = await workerBrowser.post(`/sessions/${past.id}/bookings/${sianPlace.id}/certificate`, {}, { csrfFrom: `/sessions/${past.id}` });
    assert.equal(issued.statusCode, 303);
    const sianNumber = (await api(tokens.worker!, 'GET', `/api/v1/sessions/${past.id}`)).body.bookings.find(
      (b: { id: string }) => b.id === sianPlace.id,
    ).certificateNumber;
    assert.equal(Number(sianNumber.slice(-6)), Number(number.slice(-6)) + 1, 'numbers count up');

    const cancelAfter = await api(tokens.worker!, 'PATCH', `/api/v1/bookings/${rhodriPlace.id}`, { status: 'cancelled' }, { 'if-match': '"v3"' });
    assert.equal(cancelAfter.status, 409);
    assert.equal(cancelAfter.body.detail, 'Attendance has been recorded for this place, so it cannot be cancelled');
    const unattend = await api(tokens.worker!, 'PATCH', `/api/v1/bookings/${rhodriPlace.id}`, { attendance: 'absent' }, { 'if-match': '"v3"' });
    assert.equal(unattend.status, 409);

    const printed = await workerBrowser.get(`/certificates/${rhodriPlace.id}`);
    assert.equal(printed.statusCode, 200);
    assert.match(printed.body, new RegExp(number));
    assert.match(printed.body, /<html lang="en"/);
    assert.match(printed.body, /This is to certify that Rhodri Tystysgrif completed Preparation group, day 1\./);
    assert.match(printed.body, /Mae hyn yn tystio bod Rhodri Tystysgrif wedi cwblhau Grŵp paratoi, diwrnod 1\./);
    const welshFirst = await workerBrowser.get(`/certificates/${sianPlace.id}`);
    assert.match(welshFirst.body, /<html lang="en"/, 'the page is in the reader’s language');
    assert.match(welshFirst.body, /lang="cy" data-testid="certificate-cy"/, 'Siân prefers Welsh: her certificate is in Welsh first, marked as Welsh');
    assert.ok(welshFirst.body.indexOf('Tystysgrif cwblhau') < welshFirst.body.indexOf('Certificate of completion'));
    assert.equal((await workerBrowser.get(`/certificates/${early.id}`)).statusCode, 404, 'no certificate, no page');

    const audit = await t.database.adminQuery(
      `select detail->>'change' as change from audit_log where resource_type = 'household' and resource_id = $1 and action = 'bookings.edit' order by id`,
      [family.id],
    );
    assert.deepEqual(
      audit.rows.map((r) => r.change),
      ['booked', 'booked', 'booked', 'attendance.attended', 'attendance.attended', 'certificate', 'certificate'],
    );
  });

  it('gives the household its training record: bookings per applicant and whether Stage 1 training is complete', async () => {
    const day1 = await course(tokens.worker, { title: 'Record day 1', titleCy: 'Cofnod diwrnod 1', requiredForStage1: true });
    const day2 = await course(tokens.worker, { title: 'Record day 2', titleCy: 'Cofnod diwrnod 2', requiredForStage1: true });
    const day1Past = await session(day1.id, { startsAt: hoursFromNow(-50) });
    const day2Past = await session(day2.id, { startsAt: hoursFromNow(-26) });
    const family = await household(
      agency,
      [
        { givenNames: 'Tegan', familyName: 'Cofnod' },
        { givenNames: 'Wil', familyName: 'Cofnod' },
      ],
      { adopterUserIds: [adopter.id] },
    );
    const [tegan, wil] = family.applicantIds as [string, string];
    for (const [sessionId, applicantId, attendance] of [
      [day1Past.id, tegan, 'attended'],
      [day2Past.id, tegan, 'attended'],
      [day1Past.id, wil, 'attended'],
      [day2Past.id, wil, 'absent'],
    ] as const) {
      const booked = await book(sessionId, applicantId);
      assert.equal((await api(tokens.worker!, 'PATCH', `/api/v1/bookings/${booked.body.id}`, { attendance }, { 'if-match': '"v1"' })).status, 200);
    }

    const record = await t.services.training.householdTraining(contextOf(worker), family.id);
    assert.equal(record.reference, family.reference);
    const byName = new Map(record.applicants.map((a) => [a.name, a]));
    assert.equal(byName.get('Tegan Cofnod')!.bookings.length, 2);
    // Other tests' courses are required too: only the two of this test are checked by name.
    const missingOf = (name: string) =>
      byName
        .get(name)!
        .missingRequiredCourses.map((c) => c.title)
        .filter((title) => title.startsWith('Record'));
    assert.deepEqual(missingOf('Tegan Cofnod'), []);
    assert.deepEqual(missingOf('Wil Cofnod'), ['Record day 2']);
    assert.equal(byName.get('Wil Cofnod')!.stage1Complete, false);
    const wilDay2 = byName.get('Wil Cofnod')!.bookings.find((b) => b.courseId === day2.id)!;
    assert.equal(wilDay2.attendance, 'absent');
    assert.equal(wilDay2.courseTitleCy, 'Cofnod diwrnod 2');

    // The adopter sees their own household's record, and no one else's.
    const own = await t.services.training.householdTraining(contextOf(adopter), family.id);
    assert.equal(own.applicants.length, 2);
    const strangers = await household(agency, [{ givenNames: 'Ynyr', familyName: 'Dieithr' }]);
    await assert.rejects(t.services.training.householdTraining(contextOf(adopter), strangers.id), (e: Error & { status?: number }) => e.status === 404);
    await assert.rejects(t.services.training.householdTraining(contextOf(outsider), family.id), (e: Error & { status?: number }) => e.status === 404);
    await assert.rejects(t.services.training.householdTraining(contextOf(psychologist), family.id), (e: Error & { status?: number }) => e.status === 403);

    // The partial the household page includes, in Welsh.
    const view = householdTrainingView(record, translator('cy'), 'cy', { links: true });
    const html = createViewEnvironment().renderString('{% include "training/views/household-training.njk" %}', {
      training: view,
      t: translator('cy'),
      language: 'cy',
    });
    assert.match(html, /Hyfforddiant paratoi/);
    assert.match(html, /Cofnod diwrnod 2/);
    assert.match(html, /Yn absennol/);
    assert.match(html, /<table class="govuk-table"/);
    assert.match(html, new RegExp(`href="/sessions/${day2Past.id}"`));
  });

  it('lets only the roles that book change bookings', async () => {
    const created = await course();
    const added = await session(created.id);
    const { applicantIds } = await household(agency, [{ givenNames: 'Zac', familyName: 'Rol' }]);
    const refused = await book(added.id, applicantIds[0]!, tokens.psychologist);
    assert.equal(refused.status, 403);
    assert.equal((await book(added.id, applicantIds[0]!, tokens.readOnly)).status, 403, 'a read-only token books nothing');
    assert.equal((await api(tokens.adopter!, 'GET', '/api/v1/courses')).status, 403);
    assert.equal((await api(tokens.psychologist!, 'POST', '/api/v1/courses', { title: 'x', titleCy: 'y', kind: 'preparation' })).status, 403);

    const psychologistBrowser = await t.signIn(psychologist);
    const csrf = await psychologistBrowser.csrfFrom('/account');
    const page = await psychologistBrowser.post(`/sessions/${added.id}/bookings`, { applicantId: applicantIds[0]! }, { csrf });
    assert.equal(page.statusCode, 403);
    const rows = await t.database.adminQuery('select count(*)::int as n from course_bookings where session_id = $1', [added.id]);
    assert.equal(rows.rows[0].n, 0);
  });

  it('keeps another agency’s courses hidden', async () => {
    const created = await course();
    assert.equal((await api(tokens.outsider!, 'GET', `/api/v1/courses/${created.id}`)).status, 404);
    const list = await api(tokens.outsider!, 'GET', '/api/v1/courses');
    assert.deepEqual(list.body.items, []);
  });

  it('refuses a stale change: 412 on the API, the latest record again on the page', async () => {
    const created = await course();
    const first = await api(tokens.worker!, 'PATCH', `/api/v1/courses/${created.id}`, { hours: 7 }, { 'if-match': '"v1"' });
    assert.equal(first.status, 200);
    assert.equal(first.body.hours, 7);
    assert.equal(first.body.title, 'Preparation group, day 1', 'fields not sent stay as they were');
    const stale = await api(tokens.worker!, 'PATCH', `/api/v1/courses/${created.id}`, { hours: 8 }, { 'if-match': '"v1"' });
    assert.equal(stale.status, 412);
    assert.equal(stale.body.currentVersion, 2);

    const page = await workerBrowser.post(
      `/courses/${created.id}/edit`,
      { title: 'Changed', titleCy: 'Newidiwyd', kind: 'preparation', hours: '6', version: '1' },
      { csrfFrom: `/courses/${created.id}/edit` },
    );
    assert.equal(page.statusCode, 409);
    assert.match(page.body, /Someone else changed this record/);
    assert.equal((await api(tokens.worker!, 'GET', `/api/v1/courses/${created.id}`)).body.title, 'Preparation group, day 1');

    const added = await session(created.id, { capacity: 3 });
    const { applicantIds } = await household(agency, [
      { givenNames: 'Alaw', familyName: 'Lle' },
      { givenNames: 'Bryn', familyName: 'Lle' },
    ]);
    for (const id of applicantIds) await book(added.id, id);
    const tooSmall = await api(tokens.worker!, 'PATCH', `/api/v1/sessions/${added.id}`, { capacity: 1 }, { 'if-match': '"v1"' });
    assert.equal(tooSmall.status, 400);
    assert.equal(tooSmall.body.errors[0].message, 'The number of places cannot be fewer than the 2 already booked');
    const enough = await api(tokens.worker!, 'PATCH', `/api/v1/sessions/${added.id}`, { capacity: 2 }, { 'if-match': '"v1"' });
    assert.equal(enough.status, 200);
    assert.equal((await api(tokens.worker!, 'PATCH', `/api/v1/sessions/${added.id}`, { capacity: 5 }, { 'if-match': '"v1"' })).status, 412);
  });

  it('seeds the demo agency with bilingual courses, sessions past and to come, run by its staff', async () => {
    const demoAgency = await t.organisation('demo-agency', 'agency');
    const demoWorker = await t.user(['therapeutic_social_worker'], demoAgency);
    const seeded = await t.services.runner.run(t.system, (tx) => seedDemoTraining(tx, demoAgency));
    assert.deepEqual(seeded, { courses: 6, sessions: 11 });
    const token = await t.token(demoWorker, 'read');
    const list = await api(token, 'GET', '/api/v1/courses');
    assert.equal(list.body.items.length, 6);
    const trauma = list.body.items.find((c: { title: string }) => c.title === 'Therapeutic parenting: understanding trauma');
    assert.equal(trauma.titleCy, 'Rhianta therapiwtig: deall trawma');
    assert.equal(trauma.kind, 'therapeutic_preparation');
    const detail = await api(token, 'GET', `/api/v1/courses/${trauma.id}`);
    const starts = detail.body.sessions.map((s: { startsAt: string }) => new Date(s.startsAt).getTime());
    assert.ok(starts.some((time: number) => time < Date.now()) && starts.some((time: number) => time > Date.now()), 'one session past, one to come');
    assert.deepEqual(detail.body.sessions[0].facilitatorIds, [demoWorker.id]);
  });
});
