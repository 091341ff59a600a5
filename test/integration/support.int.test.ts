import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestApp, type Browser, type TestApp, type TestUser } from '../support/app.ts';
import { callApi, type ApiAnswer } from '../support/api-client.ts';
import { addMonths, dateInWales, daysBetween } from '../../src/platform/dates/dates.ts';
import { matches } from '../../src/modules/matching/schema.ts';
import { applicants, households } from '../../src/modules/recruitment/schema.ts';
import { supportRequests } from '../../src/modules/support/schema.ts';
import type { RequestContext } from '../../src/platform/policy/actor.ts';
import { householdSupportView } from '../../src/modules/support/service.ts';
import { createViewEnvironment } from '../../src/platform/views/views.ts';
import { translator } from '../../src/platform/i18n/i18n.ts';

/**
 * Ongoing support as the agency and families use it: support sessions whose notes only the
 * clinical team and the allocated worker read (every read audited, another organisation told
 * "not found"), sessions in the future refused as delivered, hours per family and per worker,
 * support plans, the waiting list fed by families from their portal, groups and events, and
 * placement stability. All people and families here are fictional.
 */
describe('ongoing support', () => {
  let t: TestApp;
  let agency: string;
  let council: string;
  let otherAgency: string;
  let socialWorker: TestUser;
  let psychologist: TestUser;
  let therapist: TestUser;
  let familyFinder: TestUser;
  let manager: TestUser;
  let outsider: TestUser;
  let adopter: TestUser;
  let placedFamily: { id: string; reference: string };
  let assessedFamily: { id: string; reference: string };
  let placement: string;
  const tokens: Record<string, string> = {};
  const browsers: Record<string, Browser> = {};
  let sequence = 0;
  const today = () => dateInWales(new Date());
  const NOTE = 'Fictional note: the child enjoyed the sand tray and asked about the red balloon';

  async function api(
    who: string,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer> {
    return callApi(t, tokens[who]!, method, url, body, headers);
  }

  /** A household written as the platform (the recruitment pages are not under test here). */
  async function household(options: { stage: 'placed' | 'stage1' | 'approved'; socialWorkerId?: string; adopterUserIds?: string[]; organisationId?: string }) {
    sequence += 1;
    const reference = `SUP-TEST-${String(sequence).padStart(4, '0')}`;
    return t.services.runner.run(t.system, async (tx) => {
      const [row] = await tx
        .insert(households)
        .values({
          organisationId: options.organisationId ?? agency,
          reference,
          stage: options.stage,
          stageSince: addMonths(today(), -2),
          enquiryDate: addMonths(today(), -20),
          email: `support-family-${sequence}@test.invalid`,
          socialWorkerId: options.socialWorkerId ?? null,
          adopterUserIds: options.adopterUserIds ?? [],
        })
        .returning();
      // Each adopter account is an applicant of the household (how the portal finds a family's own record).
      for (const userId of options.adopterUserIds ?? []) {
        await tx
          .insert(applicants)
          .values({ householdId: row!.id, organisationId: row!.organisationId, givenNames: `Fictional ${sequence}`, familyName: 'Testfamily', userId });
      }
      return { id: row!.id, reference };
    });
  }

  /** A match made directly (the matching workflow belongs to another part of the platform). */
  async function match(householdId: string, values: Partial<typeof matches.$inferInsert> = {}) {
    const unit = randomUUID();
    return t.services.runner.run(t.system, async (tx) => {
      const [row] = await tx
        .insert(matches)
        .values({
          organisationId: agency,
          childOrganisationId: council,
          sharedWith: [agency, council],
          householdId,
          childIds: [unit],
          unitKey: unit,
          stage: 'placed',
          stageSince: addMonths(today(), -1),
          source: 'manual',
          linkedDate: addMonths(today(), -6),
          placementDate: addMonths(today(), -1),
          ...values,
        })
        .returning();
      return row!.id;
    });
  }

  const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3600_000);
  const countSessions = async () => Number((await t.database.adminQuery('select count(*) from support_sessions')).rows[0].count);
  const auditRows = async (resourceId: string) =>
    (await t.database.adminQuery('select action, user_id, outcome, detail from audit_log where resource_id = $1 order by id', [resourceId])).rows as {
      action: string;
      user_id: string;
      outcome: string;
      detail: Record<string, unknown> | null;
    }[];
  /** The messages of a page's error summary. */
  const problems = (body: string) => [...body.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => m[2]!.replace(/&#39;/g, "'"));

  async function recordSession(who: string, values: Record<string, unknown> = {}) {
    const created = await api(who, 'POST', '/api/v1/support/sessions', {
      householdId: placedFamily.id,
      matchId: placement,
      kind: 'theraplay',
      workerId: therapist.id,
      startsAt: hoursFromNow(-48).toISOString(),
      durationMinutes: 60,
      mode: 'in_person',
      status: 'delivered',
      ...values,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body as { id: string; version: number };
  }

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('support-agency', 'agency');
    council = await t.organisation('support-council', 'local_authority');
    otherAgency = await t.organisation('support-other-agency', 'agency');
    socialWorker = await t.user(['social_worker'], agency);
    psychologist = await t.user(['clinical_psychologist'], agency);
    therapist = await t.user(['therapeutic_social_worker'], agency);
    familyFinder = await t.user(['family_finder'], agency);
    manager = await t.user(['service_manager'], agency);
    outsider = await t.user(['therapeutic_social_worker'], otherAgency);
    adopter = await t.user(['adopter'], agency);
    for (const [name, user] of Object.entries({ socialWorker, psychologist, therapist, familyFinder, manager, outsider })) {
      tokens[name] = await t.token(user, 'write');
      browsers[name] = await t.signIn(user);
    }
    browsers.adopter = await t.signIn(adopter);
    placedFamily = await household({ stage: 'placed', socialWorkerId: socialWorker.id, adopterUserIds: [adopter.id] });
    assessedFamily = await household({ stage: 'stage1', socialWorkerId: socialWorker.id });
    placement = await match(placedFamily.id);
  });
  after(async () => t.close());

  describe('who reads the notes of a support session', () => {
    let session: { id: string; version: number };
    before(async () => {
      session = await recordSession('therapist', { notes: NOTE });
    });

    it('shows the notes to the clinical team, the family’s allocated worker and the session’s worker', async () => {
      for (const who of ['psychologist', 'socialWorker', 'therapist']) {
        const read = await api(who, 'GET', `/api/v1/support/sessions/${session.id}`);
        assert.equal(read.status, 200, who);
        assert.equal(read.body.notesVisible, true, who);
        assert.equal(read.body.notes, NOTE, who);
      }
      const page = await browsers.socialWorker!.get(`/support/sessions/${session.id}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('the child enjoyed the sand tray'));
    });

    it('shows the session without its notes to other workers of the agency and their manager', async () => {
      for (const who of ['familyFinder', 'manager']) {
        const read = await api(who, 'GET', `/api/v1/support/sessions/${session.id}`);
        assert.equal(read.status, 200, who);
        assert.equal(read.body.kind, 'theraplay', `${who} sees the session`);
        assert.equal(read.body.notesVisible, false);
        assert.equal(read.body.hasNotes, true);
        assert.ok(!('notes' in read.body) && !JSON.stringify(read.body).includes('sand tray'), `${who} does not see the notes`);
        const page = await browsers[who]!.get(`/support/sessions/${session.id}`);
        assert.equal(page.statusCode, 200);
        assert.ok(page.body.includes('data-testid="notes-withheld"'));
        assert.ok(!page.body.includes('sand tray'));
      }
      const list = await api('familyFinder', 'GET', `/api/v1/support/sessions?householdId=${placedFamily.id}`);
      assert.ok(list.body.items.some((s: { id: string }) => s.id === session.id));
      assert.ok(!JSON.stringify(list.body).includes('sand tray'), 'a list never carries notes');
    });

    it('answers "not found" to a worker of another organisation, on the page and in the API, exactly as for a session that does not exist', async () => {
      const api404 = await api('outsider', 'GET', `/api/v1/support/sessions/${session.id}`);
      assert.equal(api404.status, 404);
      assert.ok(!JSON.stringify(api404.body).includes('sand tray') && !JSON.stringify(api404.body).includes(placedFamily.reference));
      const nowhere = await api('outsider', 'GET', `/api/v1/support/sessions/${randomUUID()}`);
      assert.equal(nowhere.status, 404);
      assert.equal(api404.body.detail, nowhere.body.detail);
      const page = await browsers.outsider!.get(`/support/sessions/${session.id}`);
      assert.equal(page.statusCode, 404);
      assert.ok(!page.body.includes('sand tray') && !page.body.includes(placedFamily.reference));
      const list = await api('outsider', 'GET', '/api/v1/support/sessions');
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.items, [], 'nor is it in their list');
    });

    it('audits every read: who read it, whether the notes were shown or withheld, and the refused one', async () => {
      const rows = (await auditRows(session.id)).filter((r) => r.action === 'support.view' || r.action === 'supportNotes.view');
      const by = (user: TestUser) => rows.filter((r) => r.user_id === user.id);
      for (const reader of [psychologist, socialWorker, therapist]) {
        assert.ok(
          by(reader).length >= 1 && by(reader).every((r) => r.action === 'supportNotes.view' && r.detail?.notes === 'shown'),
          `reads by ${reader.roles[0]}`,
        );
      }
      for (const reader of [familyFinder, manager]) {
        assert.equal(by(reader).length, 2, 'one row for the API read and one for the page');
        assert.ok(by(reader).every((r) => r.action === 'support.view' && r.detail?.notes === 'withheld'));
      }
      assert.equal(by(outsider).length, 2);
      assert.ok(by(outsider).every((r) => r.outcome === 'not_found'));
      assert.ok(!JSON.stringify(rows).includes('sand tray'), 'the audit holds references, never the notes');
    });

    it('lets no one who may not read the notes change them, and leaves them as they were', async () => {
      const current = await api('familyFinder', 'GET', `/api/v1/support/sessions/${session.id}`);
      const refused = await api(
        'familyFinder',
        'PATCH',
        `/api/v1/support/sessions/${session.id}`,
        { notes: 'Overwritten' },
        { 'if-match': current.headers.etag as string },
      );
      assert.equal(refused.status, 400);
      assert.equal(refused.body.errors[0].field, 'notes');
      const stillThere = await api('psychologist', 'GET', `/api/v1/support/sessions/${session.id}`);
      assert.equal(stillThere.body.notes, NOTE);
      assert.equal(stillThere.body.version, current.body.version, 'nothing changed');

      const moved = await api(
        'familyFinder',
        'PATCH',
        `/api/v1/support/sessions/${session.id}`,
        { mode: 'video' },
        { 'if-match': current.headers.etag as string },
      );
      assert.equal(moved.status, 200, 'the rest of the session they may change');
      assert.equal(moved.body.mode, 'video');
      assert.equal((await api('psychologist', 'GET', `/api/v1/support/sessions/${session.id}`)).body.notes, NOTE);
    });

    it('keeps support away from families and local authorities altogether', async () => {
      const family = await browsers.adopter!.get(`/support/sessions/${session.id}`);
      assert.equal(family.statusCode, 403);
      assert.ok(!family.body.includes('sand tray'));
    });
  });

  describe('bad input', () => {
    it('refuses a session in the future marked delivered, with a clear message, and records nothing', async () => {
      const before = await countSessions();
      const refused = await api('therapist', 'POST', '/api/v1/support/sessions', {
        householdId: placedFamily.id,
        kind: 'family_consultation',
        workerId: therapist.id,
        startsAt: hoursFromNow(72).toISOString(),
        durationMinutes: 90,
        mode: 'video',
        status: 'delivered',
      });
      assert.equal(refused.status, 400);
      assert.deepEqual(
        refused.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]),
        [['status', 'A session that has not started yet cannot be marked delivered: choose planned, or change the date']],
      );
      assert.equal(await countSessions(), before);
    });

    it('says so in Welsh on the page, keeps what was typed, and records nothing', async () => {
      const before = await countSessions();
      const next = new Date(Date.now() + 7 * 86_400_000);
      const [year, month, day] = dateInWales(next).split('-');
      const page = await browsers.therapist!.post(
        '/support/sessions/new?lang=cy',
        {
          householdId: placedFamily.id,
          kind: 'school_liaison',
          workerId: therapist.id,
          'date-day': day!,
          'date-month': month!,
          'date-year': year!,
          startTime: '10:00',
          durationMinutes: '45',
          mode: 'phone',
          status: 'delivered',
          notes: 'Fictional liaison note',
        },
        { csrfFrom: '/support/sessions/new' },
      );
      assert.equal(page.statusCode, 400);
      assert.ok(
        problems(page.body).includes('Ni ellir nodi bod sesiwn nad yw wedi dechrau eto wedi’i chynnal: dewiswch wedi’i chynllunio, neu newidiwch y dyddiad'),
        problems(page.body).join(' | '),
      );
      assert.ok(page.body.includes('Fictional liaison note'), 'what was typed is kept');
      assert.equal(await countSessions(), before);
    });

    it('refuses to mark a planned session in the future delivered, and accepts it once it has started', async () => {
      const future = await recordSession('therapist', { status: 'planned', startsAt: hoursFromNow(24).toISOString() });
      const refused = await api('therapist', 'PATCH', `/api/v1/support/sessions/${future.id}`, { status: 'delivered' }, { 'if-match': `"v${future.version}"` });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.errors[0].field, 'status');
      const unchanged = await api('therapist', 'GET', `/api/v1/support/sessions/${future.id}`);
      assert.equal(unchanged.body.status, 'planned');
      assert.equal(unchanged.body.version, future.version);

      const past = await recordSession('therapist', { status: 'planned', startsAt: hoursFromNow(-2).toISOString() });
      const delivered = await api('therapist', 'PATCH', `/api/v1/support/sessions/${past.id}`, { status: 'delivered' }, { 'if-match': `"v${past.version}"` });
      assert.equal(delivered.status, 200);
      assert.equal(delivered.body.status, 'delivered');
    });

    it('refuses a stale edit (412) and an edit without a version (428)', async () => {
      const session = await recordSession('therapist');
      assert.equal(
        (await api('therapist', 'PATCH', `/api/v1/support/sessions/${session.id}`, { durationMinutes: 75 }, { 'if-match': `"v${session.version}"` })).status,
        200,
      );
      const stale = await api('therapist', 'PATCH', `/api/v1/support/sessions/${session.id}`, { durationMinutes: 90 }, { 'if-match': `"v${session.version}"` });
      assert.equal(stale.status, 412);
      assert.equal((await api('therapist', 'PATCH', `/api/v1/support/sessions/${session.id}`, { durationMinutes: 90 })).status, 428);
      assert.equal((await api('therapist', 'GET', `/api/v1/support/sessions/${session.id}`)).body.durationMinutes, 75);

      // The page's form carries the version it was read at: a stale one is sent back with the reason, unsaved.
      const form = await browsers.therapist!.get(`/support/sessions/${session.id}/edit?lang=en`);
      const fields = Object.fromEntries(
        [...form.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].filter((m) => !['_csrf'].includes(m[1]!)).map((m) => [m[1]!, m[2]!]),
      );
      const posted = {
        ...fields,
        kind: 'theraplay',
        mode: 'in_person',
        status: 'delivered',
        workerId: therapist.id,
        durationMinutes: '120',
        version: String(session.version),
      };
      const stalePage = await browsers.therapist!.post(`/support/sessions/${session.id}/edit`, posted, { csrfFrom: `/support/sessions/${session.id}/edit` });
      assert.equal(stalePage.statusCode, 409);
      assert.ok(
        problems(stalePage.body).some((p) => p.startsWith('Someone else changed this record')),
        problems(stalePage.body).join(' | '),
      );
      assert.equal((await api('therapist', 'GET', `/api/v1/support/sessions/${session.id}`)).body.durationMinutes, 75);
      const fresh = await browsers.therapist!.post(
        `/support/sessions/${session.id}/edit`,
        { ...posted, version: fields.version! },
        { csrfFrom: `/support/sessions/${session.id}/edit` },
      );
      assert.equal(fresh.statusCode, 303, problems(fresh.body).join('; '));
      assert.equal((await api('therapist', 'GET', `/api/v1/support/sessions/${session.id}`)).body.durationMinutes, 120);
    });

    it('refuses a worker from outside the organisation’s support staff and a family the worker may not see', async () => {
      const stranger = await api('therapist', 'POST', '/api/v1/support/sessions', {
        householdId: placedFamily.id,
        kind: 'theraplay',
        workerId: outsider.id,
        startsAt: hoursFromNow(24).toISOString(),
        durationMinutes: 60,
        mode: 'in_person',
      });
      assert.equal(stranger.status, 400);
      assert.equal(stranger.body.errors[0].field, 'workerId');
      const elsewhere = await household({ stage: 'placed', organisationId: otherAgency });
      const hidden = await api('therapist', 'POST', '/api/v1/support/sessions', {
        householdId: elsewhere.id,
        kind: 'theraplay',
        workerId: therapist.id,
        startsAt: hoursFromNow(24).toISOString(),
        durationMinutes: 60,
        mode: 'in_person',
      });
      assert.equal(hidden.status, 400);
      assert.equal(hidden.body.errors[0].field, 'householdId');
    });
  });

  describe('hours delivered', () => {
    it('counts delivered sessions only, per family and per worker, in the period asked for', async () => {
      const family = await household({ stage: 'placed', socialWorkerId: socialWorker.id });
      const base = { householdId: family.id, matchId: null, kind: 'dyadic_developmental_psychotherapy' };
      await recordSession('psychologist', { ...base, workerId: psychologist.id, durationMinutes: 90 });
      await recordSession('psychologist', { ...base, workerId: therapist.id, durationMinutes: 45 });
      await recordSession('psychologist', { ...base, workerId: psychologist.id, durationMinutes: 60, status: 'cancelled' });
      await recordSession('psychologist', {
        ...base,
        workerId: psychologist.id,
        durationMinutes: 60,
        status: 'planned',
        startsAt: hoursFromNow(48).toISOString(),
      });
      await recordSession('psychologist', {
        ...base,
        workerId: psychologist.id,
        durationMinutes: 30,
        startsAt: new Date(Date.now() - 60 * 86_400_000).toISOString(),
      });

      const from = dateInWales(new Date(Date.now() - 7 * 86_400_000));
      const hours = await api('manager', 'GET', `/api/v1/support/hours?from=${from}&to=${today()}`);
      assert.equal(hours.status, 200);
      const line = hours.body.byHousehold.find((h: { householdId: string }) => h.householdId === family.id);
      assert.deepEqual(
        { sessions: line.sessions, minutes: line.minutes, reference: line.householdReference },
        { sessions: 2, minutes: 135, reference: family.reference },
      );
      const psychologistLine = hours.body.byWorker.find((w: { workerId: string }) => w.workerId === psychologist.id);
      assert.deepEqual({ sessions: psychologistLine.sessions, minutes: psychologistLine.minutes }, { sessions: 1, minutes: 90 });

      const all = await api('manager', 'GET', '/api/v1/support/hours');
      assert.equal(
        all.body.byHousehold.find((h: { householdId: string }) => h.householdId === family.id).minutes,
        165,
        'without a period, every delivered session',
      );

      const page = await browsers.manager!.get(`/support/hours?from=${from}&to=${today()}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(family.reference));
      assert.ok(page.body.includes('2.3 hours'), 'hours to one decimal place');

      const backwards = await api('manager', 'GET', `/api/v1/support/hours?from=${today()}&to=${from}`);
      assert.equal(backwards.status, 400);
      assert.equal(backwards.body.errors[0].field, 'to');
    });

    it('gives a worker their own sessions for “my work” and the calendar, without notes, and nothing to someone who delivers no support', async () => {
      const soon = await recordSession('therapist', { status: 'planned', startsAt: hoursFromNow(30).toISOString(), notes: 'Fictional planning note' });
      const ctx = (user: TestUser, roles = user.roles): RequestContext => ({
        actor: { kind: 'user', userId: user.id, organisationId: user.organisationId, organisationType: 'agency', roles, name: 'Test' },
        requestId: 'test',
        channel: 'web',
        language: 'en',
      });
      const mine = await t.services.support.sessionsFor(ctx(therapist), { from: new Date(), to: hoursFromNow(24 * 7) });
      const found = mine.find((s) => s.id === soon.id);
      assert.ok(found, 'the session is in the worker’s week');
      assert.equal(found.householdReference, placedFamily.reference);
      assert.equal(found.endsAt.getTime() - found.startsAt.getTime(), 60 * 60_000);
      assert.equal(found.path, `/support/sessions/${soon.id}`);
      assert.ok(!JSON.stringify(mine).includes('Fictional planning note'));
      assert.ok(
        mine.every((s) => s.startsAt.getTime() >= Date.now() - 60_000),
        'only the range asked for',
      );
      assert.deepEqual(
        await t.services.support.sessionsFor(ctx(psychologist), { from: new Date(), to: hoursFromNow(24 * 7) }).then((s) => s.filter((x) => x.id === soon.id)),
        [],
        'not someone else’s',
      );
      const referrer = await t.user(['la_referrer'], council);
      assert.deepEqual(await t.services.support.sessionsFor(ctx(referrer), { from: new Date(), to: hoursFromNow(24 * 7) }), []);
    });
  });

  describe('support plans', () => {
    it('agrees one plan per match, adds support to it (version-checked) and shows it with the family’s sessions', async () => {
      const created = await api('socialWorker', 'POST', '/api/v1/support/plans', {
        matchId: placement,
        needsSummary: 'Fictional summary: help with sleep and with starting a new school',
        agreedDate: addMonths(today(), -1),
        nextReviewDate: addMonths(today(), 2),
        items: [{ need: 'Sleep', support: 'Therapeutic parenting consultation', provider: 'Clinical partner', frequency: 'Fortnightly' }],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const planId = created.body.id as string;
      const second = await api('socialWorker', 'POST', '/api/v1/support/plans', { matchId: placement, needsSummary: 'Again', agreedDate: today() });
      assert.equal(second.status, 400);
      assert.equal(second.body.errors[0].message, 'This match already has a support plan: change that one instead');

      const added = await api(
        'socialWorker',
        'POST',
        `/api/v1/support/plans/${planId}/items`,
        { need: 'School', support: 'School liaison', provider: 'Therapeutic social worker' },
        { 'if-match': created.headers.etag as string },
      );
      assert.equal(added.status, 201);
      const stale = await api(
        'socialWorker',
        'POST',
        `/api/v1/support/plans/${planId}/items`,
        { need: 'Late', support: 'Should not be added', provider: 'Nobody' },
        { 'if-match': created.headers.etag as string },
      );
      assert.equal(stale.status, 412);

      const read = await api('familyFinder', 'GET', `/api/v1/support/plans/${planId}`);
      assert.equal(read.status, 200);
      assert.deepEqual(read.body.items.map((i: { need: string }) => i.need).sort(), ['School', 'Sleep']);
      assert.equal(read.body.review, 'scheduled');
      assert.ok(read.body.sessions.length >= 1, 'the family’s sessions are on the plan');

      const page = await browsers.socialWorker!.get(`/support/plans/${planId}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('help with sleep') && page.body.includes('School liaison'));

      const late = await api(
        'socialWorker',
        'PATCH',
        `/api/v1/support/plans/${planId}`,
        { nextReviewDate: addMonths(today(), -3) },
        { 'if-match': added.headers.etag as string },
      );
      assert.equal(late.status, 400);
      assert.equal(late.body.errors[0].field, 'nextReviewDate');
    });

    it('refuses a plan for a link still being explored', async () => {
      const explored = await match(assessedFamily.id, { stage: 'linked', placementDate: null });
      const refused = await api('socialWorker', 'POST', '/api/v1/support/plans', { matchId: explored, needsSummary: 'Too early', agreedDate: today() });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.errors[0].message, 'A support plan can be agreed only from the matching meeting onwards');
    });
  });

  describe('requests for support and the waiting list', () => {
    it('lets a family ask from their own page, once, and shows them where it stands', async () => {
      const page = await browsers.adopter!.get('/my-application');
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('data-testid="support-requests"'), 'the support section is on the family’s page');

      const empty = await browsers.adopter!.post('/my-application/support-requests', { need: '   ' }, { csrfFrom: '/my-application' });
      assert.equal(empty.statusCode, 400);
      assert.deepEqual(problems(empty.body), ['Say what support would help']);

      const need = 'Fictional: our son is finding bedtimes very hard since starting school';
      const sent = await browsers.adopter!.post('/my-application/support-requests', { need }, { csrfFrom: '/my-application' });
      assert.equal(sent.statusCode, 303);
      const again = await browsers.adopter!.post('/my-application/support-requests', { need }, { csrfFrom: '/my-application' });
      assert.equal(again.statusCode, 303);
      const rows = (
        await t.database.adminQuery('select source, status, requested_by from support_requests where household_id = $1 and need = $2', [placedFamily.id, need])
      ).rows;
      assert.deepEqual(rows, [{ source: 'family', status: 'waiting', requested_by: adopter.id }], 'one request, from the family');

      const after = await browsers.adopter!.get('/my-application');
      assert.ok(after.body.includes('bedtimes very hard') && after.body.includes('Waiting for a worker'));
    });

    it('does not offer a family in assessment the form, and refuses their request', async () => {
      const applicant = await t.user(['adopter'], agency);
      await household({ stage: 'stage1', adopterUserIds: [applicant.id] });
      const browser = await t.signIn(applicant);
      const page = await browser.get('/my-application/support-requests/new');
      assert.ok(page.body.includes('data-testid="not-yet"'));
      const refused = await browser.post('/my-application/support-requests', { need: 'Fictional early request' }, { csrfFrom: '/account' });
      assert.equal(refused.statusCode, 409);
      assert.equal(Number((await t.database.adminQuery("select count(*) from support_requests where need = 'Fictional early request'")).rows[0].count), 0);
    });

    it('lists families waiting longest first with their days waiting, and stops the clock when a worker is allocated', async () => {
      const family = await household({ stage: 'placed' });
      const waitingSince = new Date(Date.now() - 10 * 86_400_000);
      const requestId = await t.services.runner.run(t.system, async (tx) => {
        const [row] = await tx
          .insert(supportRequests)
          .values({
            organisationId: agency,
            householdId: family.id,
            source: 'worker',
            need: 'Fictional: support after a contact visit',
            requestedAt: waitingSince,
          })
          .returning();
        return row!.id;
      });
      const list = await api('manager', 'GET', '/api/v1/support/requests?status=waiting');
      assert.equal(list.status, 200);
      assert.equal(list.body.items[0].id, requestId, 'the longest wait comes first');
      assert.equal(list.body.items[0].daysWaiting, 10);
      assert.equal(list.body.summary.longestDays, 10);
      const page = await browsers.manager!.get('/support/requests');
      assert.ok(page.body.includes(family.reference) && page.body.includes('10 days'));

      const stranger = await browsers.manager!.post(
        `/support/requests/${requestId}/allocate`,
        { version: '1', allocatedTo: outsider.id },
        { csrfFrom: `/support/requests/${requestId}` },
      );
      assert.equal(stranger.statusCode, 400);
      const allocated = await browsers.manager!.post(
        `/support/requests/${requestId}/allocate`,
        { version: '1', allocatedTo: therapist.id },
        { csrfFrom: `/support/requests/${requestId}` },
      );
      assert.equal(allocated.statusCode, 303, problems(allocated.body).join('; '));
      const read = await api('therapist', 'GET', `/api/v1/support/requests/${requestId}`);
      assert.equal(read.body.status, 'allocated');
      assert.equal(read.body.allocatedTo, therapist.id);
      assert.equal(read.body.daysWaiting, 10, 'the days waited stop at allocation');

      const closed = await api(
        'manager',
        'PATCH',
        `/api/v1/support/requests/${requestId}`,
        { status: 'closed', closeReason: 'Support given' },
        { 'if-match': read.headers.etag as string },
      );
      assert.equal(closed.status, 200);
      const reopened = await api(
        'manager',
        'PATCH',
        `/api/v1/support/requests/${requestId}`,
        { allocatedTo: therapist.id },
        { 'if-match': closed.headers.etag as string },
      );
      assert.equal(reopened.status, 409);
      assert.equal(reopened.body.detail, 'This request is closed and cannot be changed');
    });

    it('shows waiting times month by month on the overview, this month with the longest wait of the families allocated in it', async () => {
      const family = await household({ stage: 'placed' });
      const requestedAt = new Date(Date.now() - 40 * 86_400_000);
      const allocatedAt = new Date();
      await t.services.runner.run(t.system, (tx) =>
        tx.insert(supportRequests).values({
          organisationId: agency,
          householdId: family.id,
          source: 'worker',
          need: 'Fictional: help with school',
          requestedAt,
          status: 'allocated',
          allocatedTo: therapist.id,
          allocatedAt,
        }),
      );
      const page = await browsers.manager!.get('/support?lang=en');
      assert.equal(page.statusCode, 200);
      const table = /data-testid="waiting-trend"[\s\S]*?<\/table>/.exec(page.body)![0];
      const rows = [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
        .slice(1)
        .map((r) => [...r[1]!.matchAll(/<t[dh][^>]*>\s*([^<]*?)\s*<\/t[dh]>/g)].map((m) => m[1]!));
      assert.equal(rows.length, 12, 'the last twelve months');
      const thisMonth = rows.at(-1)!;
      assert.equal(thisMonth[0], new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date()));
      // 40 days, counted in whole days in Wales (39 or 41 across a change of the clocks at midnight).
      const waited = daysBetween(dateInWales(requestedAt), dateInWales(allocatedAt));
      assert.equal(thisMonth[3], String(waited), 'the longest wait of the families allocated this month');
      assert.match(page.body, /data-testid="waiting-trend-chart"/);
      const welsh = await browsers.manager!.get('/support?lang=cy');
      assert.ok(welsh.body.includes('Amseroedd aros dros y flwyddyn ddiwethaf'));
    });
  });

  describe('support groups and events', () => {
    it('refuses an event that ends before it starts, and records who came only once it has started', async () => {
      const start = hoursFromNow(24);
      const backwards = await api('therapist', 'POST', '/api/v1/support/events', {
        kind: 'support_group',
        title: 'Adopters’ coffee morning',
        titleCy: 'Bore coffi mabwysiadwyr',
        venue: 'Fictional Family Centre',
        startsAt: start.toISOString(),
        endsAt: hoursFromNow(23).toISOString(),
      });
      assert.equal(backwards.status, 400);
      assert.equal(backwards.body.errors[0].field, 'endsAt');

      const upcoming = await api('therapist', 'POST', '/api/v1/support/events', {
        kind: 'support_group',
        title: 'Adopters’ coffee morning',
        titleCy: 'Bore coffi mabwysiadwyr',
        venue: 'Fictional Family Centre',
        startsAt: start.toISOString(),
        endsAt: hoursFromNow(26).toISOString(),
        facilitatorId: therapist.id,
      });
      assert.equal(upcoming.status, 201);
      const early = await api('therapist', 'PUT', `/api/v1/support/events/${upcoming.body.id}/attendance`, {
        householdId: placedFamily.id,
        attended: true,
        adults: 2,
        children: 1,
      });
      assert.equal(early.status, 400);
      assert.equal(early.body.errors[0].field, 'attended');
      assert.equal(
        (await api('therapist', 'PUT', `/api/v1/support/events/${upcoming.body.id}/attendance`, { householdId: placedFamily.id, adults: 2, children: 1 }))
          .status,
        200,
        'expected, before it starts',
      );

      const past = await api('therapist', 'POST', '/api/v1/support/events', {
        kind: 'event',
        title: 'Summer picnic',
        titleCy: 'Picnic yr haf',
        venue: 'Fictional Park',
        startsAt: hoursFromNow(-5).toISOString(),
        endsAt: hoursFromNow(-2).toISOString(),
      });
      const came = await api('therapist', 'PUT', `/api/v1/support/events/${past.body.id}/attendance`, {
        householdId: placedFamily.id,
        attended: true,
        adults: 2,
        children: 2,
      });
      assert.equal(came.status, 200);
      const read = await api('manager', 'GET', `/api/v1/support/events/${past.body.id}`);
      assert.deepEqual(
        read.body.attendance.map((a: { householdId: string; attended: boolean }) => [a.householdId, a.attended]),
        [[placedFamily.id, true]],
      );
      const page = await browsers.manager!.get(`/support/events/${past.body.id}?lang=cy`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('Picnic yr haf') && page.body.includes('Daeth'));
    });
  });

  describe('placement stability', () => {
    it('counts disruptions before the order and placements open at 6, 12 and 24 months, for the agency only', async () => {
      const stable = await household({ stage: 'placed' });
      const disrupted = await household({ stage: 'placed' });
      await match(stable.id, { placementDate: addMonths(today(), -30), adoptionOrderDate: addMonths(today(), -22), stage: 'adoption_order' });
      await match(disrupted.id, {
        placementDate: addMonths(today(), -14),
        disruptionDate: addMonths(today(), -7),
        disruptionReasons: 'Fictional reasons',
        stage: 'disrupted',
      });

      const report = await api('manager', 'GET', '/api/v1/support/stability');
      assert.equal(report.status, 200);
      assert.equal(report.body.disclosed, false);
      assert.equal(report.body.counts.disruptions, 1);
      assert.equal(report.body.counts.ordersMade, 1);
      const at = (months: number) => report.body.counts.windows.find((w: { months: number }) => w.months === months);
      assert.deepEqual([at(6).open, at(6).disrupted], [2, 0], 'both reached 6 months open');
      assert.deepEqual([at(12).open, at(12).disrupted], [1, 1]);
      assert.deepEqual([at(24).reached, at(24).open], [1, 1]);

      const page = await browsers.manager!.get('/support/stability?lang=cy');
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('Sefydlogrwydd lleoliadau') && page.body.includes(disrupted.reference));
      const csv = await browsers.manager!.get('/support/stability.csv');
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      assert.ok(csv.body.includes(stable.reference));

      assert.equal((await api('socialWorker', 'GET', '/api/v1/support/stability')).status, 403, 'the report is for the agency’s managers and family finders');
      const badDate = await browsers.manager!.get('/support/stability?asOf=2026-02-30');
      assert.equal(badDate.statusCode, 400);
      // The "as of" date is a GOV.UK date input: three boxes, a mistake named in the reader's language.
      const boxes = await browsers.manager!.get('/support/stability?asOf-day=31&asOf-month=12&asOf-year=2025&lang=en');
      assert.equal(boxes.statusCode, 200);
      assert.ok(boxes.body.includes('31 December 2025'), 'the report as of the date typed');
      assert.ok(boxes.body.includes('value="31"') && boxes.body.includes('href="/support/stability.csv?asOf=2025-12-31"'));
      const badBoxes = await browsers.manager!.get('/support/stability?asOf-day=30&asOf-month=2&asOf-year=2026&lang=cy');
      assert.equal(badBoxes.statusCode, 400);
      assert.ok(badBoxes.body.includes('Rhowch ddyddiad yr adroddiad fel dyddiad go iawn'));
      assert.ok(badBoxes.body.includes('href="#asOf-day"'), 'the error summary links to the day box');
    });
  });

  describe('pages in English and Welsh', () => {
    it('shows the overview, lists and forms in both languages', async () => {
      for (const [url, english, welsh] of [
        ['/support', 'Ongoing support', 'Cymorth parhaus'],
        ['/support/plans', 'Support plans', 'Cynlluniau cymorth'],
        ['/support/sessions', 'Support sessions', 'Sesiynau cymorth'],
        ['/support/requests', 'Requests for support', 'Ceisiadau am gymorth'],
        ['/support/events', 'Support groups and events', 'Grwpiau cymorth a digwyddiadau'],
        ['/support/sessions/new', 'Record a support session', 'Cofnodi sesiwn gymorth'],
        ['/support/plans/new', 'Agree a support plan', 'Cytuno ar gynllun cymorth'],
        ['/support/events/new', 'Add a group or event', 'Ychwanegu grŵp neu ddigwyddiad'],
        ['/support/requests/new', 'Ask for support for a family', 'Gofyn am gymorth i deulu'],
      ] as const) {
        const en = await browsers.socialWorker!.get(`${url}?lang=en`);
        assert.equal(en.statusCode, 200, url);
        assert.ok(en.body.includes(english), `${url} in English`);
        const cy = await browsers.socialWorker!.get(`${url}?lang=cy`);
        assert.equal(cy.statusCode, 200, url);
        assert.ok(cy.body.includes(welsh), `${url} in Welsh`);
      }
    });

    it('records a session through the page form, at the time typed in Wales', async () => {
      const [year, month, day] = dateInWales(new Date(Date.now() - 3 * 86_400_000)).split('-');
      const saved = await browsers.therapist!.post(
        '/support/sessions/new',
        {
          householdId: placedFamily.id,
          kind: 'family_consultation',
          workerId: therapist.id,
          'date-day': day!,
          'date-month': month!,
          'date-year': year!,
          startTime: '09:30',
          durationMinutes: '50',
          mode: 'in_person',
          status: 'delivered',
          notes: 'Fictional page note',
        },
        { csrfFrom: '/support/sessions/new' },
      );
      assert.equal(saved.statusCode, 303, problems(saved.body).join('; '));
      const id = /\/support\/sessions\/([0-9a-f-]{36})$/.exec(String(saved.headers.location))?.[1] ?? assert.fail(String(saved.headers.location));
      const read = await api('therapist', 'GET', `/api/v1/support/sessions/${id}`);
      assert.equal(read.body.durationMinutes, 50);
      assert.equal(
        new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }).format(new Date(read.body.startsAt)),
        '09:30',
      );
      assert.equal(read.body.notes, 'Fictional page note');
    });
  });
  describe('the support part of a household’s page', () => {
    it('shows the plan and its review, open requests, the next session and hours delivered, in Welsh too, to those who see support only', async () => {
      const ctx = (user: TestUser, organisationType: 'agency' | 'local_authority' = 'agency'): RequestContext => ({
        actor: { kind: 'user', userId: user.id, organisationId: user.organisationId, organisationType, roles: user.roles, name: 'Test' },
        requestId: 'test',
        channel: 'web',
        language: 'cy',
      });
      const support = await t.services.support.householdSupport(ctx(socialWorker), placedFamily.id);
      assert.ok(support);
      assert.equal(support.plans.length, 1);
      assert.equal(support.plans[0]!.review, 'scheduled');
      assert.ok(support.openRequests.some((r) => r.status === 'waiting' && r.need.includes('bedtimes')));
      assert.ok(support.delivered.sessions >= 3 && support.delivered.minutes > 0);
      const html = createViewEnvironment().renderString('{% include "support/views/household-support.njk" %}', {
        support: householdSupportView(support, translator('cy'), 'cy'),
        t: translator('cy'),
      });
      assert.match(html, /Cynllun cymorth/);
      assert.match(html, new RegExp(`href="/support/plans/${support.plans[0]!.id}"`));
      assert.match(html, /Adolygiad wedi’i drefnu/);

      const referrer = await t.user(['la_referrer'], council);
      assert.equal(await t.services.support.householdSupport(ctx(referrer, 'local_authority'), placedFamily.id), null, 'a part the page leaves out');
      await assert.rejects(t.services.support.householdSupport(ctx(outsider), placedFamily.id), (e: unknown) => (e as { status?: number }).status === 404);
      const audited = (await auditRows(placedFamily.id)).filter((r) => r.action === 'support.view' && r.detail?.part === 'support');
      assert.ok(audited.some((r) => r.user_id === socialWorker.id));
    });
  });
});
