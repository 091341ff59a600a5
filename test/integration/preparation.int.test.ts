import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { addDays } from '../../src/modules/preparation/dates.ts';
import type { MatchStage } from '../../src/modules/matching/vocabulary.ts';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';
import { acceptedReferral, insertHousehold, insertMatch } from '../support/fixtures.ts';
import { callApi, type ApiAnswer } from '../support/api-client.ts';

/**
 * Therapeutic preparation: who sees a child's Team Around the Child, consultations and formulation
 * (and who gets 404), the refusals of bad input with nothing changed, version checks, audit of
 * every read of clinical notes, what an adopter household reads and from which step of its match.
 */
describe('therapeutic preparation', () => {
  let t: TestApp;
  let agency: string;
  let north: string;
  let partner: string;
  const users: Record<string, TestUser> = {};
  const tokens: Record<string, string> = {};
  const today = () => dateInWales(new Date());
  let childIds: string[] = [];
  let siblingGroupId: string;
  let loneChildId: string;
  let sequence = 0;

  const child = (given: string, dateOfBirth: string) => ({
    legalGivenNames: given,
    legalFamilyName: 'Fictionalfamily',
    dateOfBirth,
    sex: 'female',
    ethnicity: 'white_british',
    legalStatus: 'placement_order',
    placementOrderDate: '2025-01-10',
    needs: [],
  });

  async function api(
    who: string,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer> {
    const answer = await callApi(t, tokens[who]!, method, url, body, headers);
    return { ...answer, body: answer.body ?? {} };
  }
  const count = async (table: string) => Number((await t.database.adminQuery(`select count(*) from ${table}`)).rows[0].count);
  const at = (date: string, time: string) => `${date}T${time}:00Z`;

  /** A household of the agency with one applicant, optionally the adopter's own. */
  async function household(givenNames: string, adopter?: TestUser) {
    const { id, applicantId } = await t.services.runner.run(t.system, (tx) =>
      insertHousehold(
        tx,
        agency,
        {
          reference: `AT-PREP-${String(++sequence).padStart(4, '0')}`,
          stage: 'approved',
          stageSince: addMonths(today(), -2),
          enquiryDate: addMonths(today(), -12),
          email: `${givenNames.toLowerCase()}@example.invalid`,
          adopterUserIds: adopter ? [adopter.id] : [],
          socialWorkerId: users.socialWorker!.id,
        },
        { givenNames, familyName: 'Samplefamily', userId: adopter?.id ?? null },
      ),
    );
    return { id, applicantId: applicantId! };
  }

  /** A match between a household and the sibling group, made as the platform (the matching workflow is not under test here). */
  async function match(householdId: string, stage: MatchStage) {
    return t.services.runner.run(t.system, (tx) =>
      insertMatch(tx, agency, north, {
        householdId,
        childIds,
        unitKey: siblingGroupId,
        siblingGroupId,
        stage,
        stageSince: today(),
        linkedDate: addMonths(today(), -1),
      }),
    );
  }
  const setStage = (matchId: string, stage: MatchStage) => t.database.adminQuery('update matches set stage = $1 where id = $2', [stage, matchId]);

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    north = await t.organisation('north', 'local_authority');
    const south = await t.organisation('south', 'local_authority');
    partner = await t.organisation('partner', 'clinical_partner');
    const elsewhere = await t.organisation('elsewhere', 'agency');
    users.referrer = await t.user(['la_referrer'], north);
    users.southReferrer = await t.user(['la_referrer'], south);
    users.finder = await t.user(['family_finder'], agency);
    users.socialWorker = await t.user(['social_worker'], agency);
    users.tsw = await t.user(['therapeutic_social_worker'], agency);
    users.psychologist = await t.user(['clinical_psychologist'], partner);
    users.outsider = await t.user(['family_finder'], elsewhere);
    users.outsiderPsychologist = await t.user(['clinical_psychologist'], elsewhere);
    users.adopter = await t.user(['adopter'], agency);
    users.otherAdopter = await t.user(['adopter'], agency);
    users.planAdopter = await t.user(['adopter'], agency);
    for (const [name, user] of Object.entries(users)) tokens[name] = await t.token(user, 'write');

    const people = { referrerToken: tokens.referrer!, finderToken: tokens.finder!, finderId: users.finder.id };
    const referral = await acceptedReferral(t, people, {
      children: [child('Anwen', '2019-04-02'), child('Bedwyr', '2021-08-15'), child('Cadi', '2023-01-20')],
      siblingRelationships: [
        { child: 0, sibling: 1, relationship: 'full' },
        { child: 0, sibling: 2, relationship: 'full' },
      ],
      siblingAssessment: { assessment: 'together', reasons: 'Close bond', assessmentDate: '2025-10-01' },
    });
    childIds = referral.childIds;
    siblingGroupId = referral.siblingGroupId!;
    loneChildId = (await acceptedReferral(t, people, { children: [child('Dafydd', '2018-06-06')], siblingRelationships: [] })).childIds[0]!;
  });
  after(async () => t?.close());

  describe('sharing a child with the clinical partner', () => {
    it('hides the child from the partner’s psychologist until the agency shares it', async () => {
      assert.equal((await api('psychologist', 'GET', `/api/v1/children/${childIds[0]}/preparation`)).status, 404);
      assert.equal(
        (await api('psychologist', 'POST', '/api/v1/tac-meetings', { childIds: [childIds[0]], startsAt: at(today(), '09:00'), endsAt: at(today(), '10:00') }))
          .status,
        404,
      );
    });

    it('refuses to share with an organisation that is not a clinical partner, and a worker of another agency cannot share at all', async () => {
      const wrong = await api('finder', 'POST', `/api/v1/children/${childIds[0]}/sharing/clinical-partner`, { organisationId: north });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body.errors[0].message, 'Choose a clinical partner from the list');
      assert.equal((await api('outsider', 'POST', `/api/v1/children/${childIds[0]}/sharing/clinical-partner`, { organisationId: partner })).status, 404);
      const grants = await t.database.adminQuery('select count(*) from sharing_grants where organisation_id = $1', [partner]);
      assert.equal(Number(grants.rows[0].count), 0, 'nothing was shared');
    });

    it('shares the whole sibling group with one grant each, in step with the children’s records, audited in the worker’s name', async () => {
      const shared = await api('finder', 'POST', `/api/v1/children/${childIds[0]}/sharing/clinical-partner`, { organisationId: partner });
      assert.equal(shared.status, 200, JSON.stringify(shared.body));
      assert.equal(shared.body.shared, 3);
      const rows = await t.database.adminQuery('select id from children where $1 = any(shared_with) order by id', [partner]);
      assert.deepEqual(rows.rows.map((r) => r.id).sort(), [...childIds].sort());
      const grants = await t.database.adminQuery('select count(*) from sharing_grants where organisation_id = $1 and revoked_at is null', [partner]);
      assert.equal(Number(grants.rows[0].count), 3);
      const audit = await t.database.adminQuery(
        "select user_id, detail from audit_log where action = 'tac.edit' and resource_type = 'child' and resource_id = $1",
        [childIds[0]],
      );
      assert.equal(audit.rows[0].user_id, users.finder!.id);
      assert.equal(audit.rows[0].detail.sharedWith, partner);
      const again = await api('finder', 'POST', `/api/v1/children/${childIds[0]}/sharing/clinical-partner`, { organisationId: partner });
      assert.equal(again.body.shared, 0, 'sharing again adds nothing');

      const seen = await api('psychologist', 'GET', `/api/v1/children/${childIds[1]}/preparation`);
      assert.equal(seen.status, 200);
      assert.deepEqual([...seen.body.childIds].sort(), [...childIds].sort());
      assert.equal((await api('psychologist', 'GET', `/api/v1/children/${loneChildId}/preparation`)).status, 404, 'a child not shared stays hidden');
    });
  });

  describe('Team Around the Child meetings and their actions', () => {
    let meetingId: string;
    let meetingVersion: number;
    const held = addDays(today(), -10);

    it('refuses a meeting that ends before it starts, and one about children of different units, creating nothing', async () => {
      const before = await count('tac_meetings');
      const backwards = await api(
        'psychologist',
        'POST',
        '/api/v1/tac-meetings',
        { childIds, startsAt: at(held, '11:00'), endsAt: at(held, '10:00') },
        { 'accept-language': 'cy' },
      );
      assert.equal(backwards.status, 400);
      assert.equal(backwards.body.errors[0].field, 'endsAt');
      assert.equal(backwards.body.errors[0].message, 'Rhaid i’r cyfarfod orffen ar ôl iddo ddechrau');
      const mixed = await api('finder', 'POST', '/api/v1/tac-meetings', {
        childIds: [childIds[0], loneChildId],
        startsAt: at(held, '10:00'),
        endsAt: at(held, '11:00'),
      });
      assert.equal(mixed.status, 400);
      assert.equal(mixed.body.errors[0].code, 'preparation:errors.childIds.notOneGroup');
      assert.equal(await count('tac_meetings'), before);
    });

    it('records the meeting for the sibling group; the psychologist who called it is listed as attending', async () => {
      const created = await api('psychologist', 'POST', '/api/v1/tac-meetings', {
        childIds,
        startsAt: at(held, '10:00'),
        endsAt: at(held, '11:30'),
        location: 'Fictional Family Centre',
        agenda: 'Formulation and introductions',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      meetingId = created.body.id;
      const found = await api('finder', 'GET', `/api/v1/tac-meetings/${meetingId}`);
      assert.equal(found.status, 200);
      assert.equal(found.headers.etag, '"v1"');
      meetingVersion = 1;
      assert.deepEqual(
        found.body.attendees.map((a: { userId: string }) => a.userId),
        [users.psychologist!.id],
      );
      const outsider = await api('finder', 'POST', `/api/v1/tac-meetings/${meetingId}/attendees`, {
        name: 'Foster Carer Example',
        organisationName: 'Fictional Fostering',
        roleDescription: 'Foster carer',
        attended: true,
      });
      assert.equal(outsider.status, 201);
      assert.equal(
        (await api('finder', 'POST', `/api/v1/tac-meetings/${meetingId}/attendees`, {})).body.errors[0].code,
        'preparation:errors.attendee.required',
      );
    });

    it('answers 404 to a worker of another organisation, and to another authority, and 403 to a family', async () => {
      assert.equal((await api('outsider', 'GET', `/api/v1/tac-meetings/${meetingId}`)).status, 404);
      assert.equal((await api('outsiderPsychologist', 'GET', `/api/v1/tac-meetings/${meetingId}`)).status, 404);
      assert.equal((await api('southReferrer', 'GET', `/api/v1/tac-meetings/${meetingId}`)).status, 404);
      assert.equal((await api('referrer', 'GET', `/api/v1/tac-meetings/${meetingId}`)).status, 200, 'the children’s own authority sees it');
      assert.equal((await api('adopter', 'GET', `/api/v1/tac-meetings/${meetingId}`)).status, 403);
      const page = await (await t.signIn(users.outsider!)).get(`/tac-meetings/${meetingId}`);
      assert.equal(page.statusCode, 404);
      const listed = await api('outsider', 'GET', '/api/v1/tac-meetings');
      assert.deepEqual(listed.body.items, [], 'nor is it listed');
    });

    it('refuses an action owned by someone outside the meeting’s organisations, or due before the meeting, adding nothing', async () => {
      const before = await count('tac_actions');
      const outside = await api('psychologist', 'POST', `/api/v1/tac-meetings/${meetingId}/actions`, {
        description: 'Share the formulation',
        ownerId: users.outsider!.id,
        dueDate: today(),
      });
      assert.equal(outside.status, 400);
      assert.equal(outside.body.errors[0].message, 'Choose someone working for one of the organisations around the child');
      const family = await api('finder', 'POST', `/api/v1/tac-meetings/${meetingId}/actions`, {
        description: 'Read the formulation',
        ownerId: users.adopter!.id,
        dueDate: today(),
      });
      assert.equal(family.body.errors[0].code, 'preparation:errors.ownerId.role', 'a family of the agency is no owner of an action');
      const unseen = await api('psychologist', 'POST', `/api/v1/tac-meetings/${meetingId}/actions`, {
        description: 'Read the formulation',
        ownerId: users.adopter!.id,
        dueDate: today(),
      });
      assert.equal(unseen.body.errors[0].code, 'preparation:errors.ownerId.unknown', 'nor someone the person cannot see');
      const early = await api(
        'psychologist',
        'POST',
        `/api/v1/tac-meetings/${meetingId}/actions`,
        { description: 'Share the formulation', ownerId: users.finder!.id, dueDate: addDays(held, -1) },
        { 'accept-language': 'cy' },
      );
      assert.equal(early.body.errors[0].message, 'Ni all y dyddiad dyledus fod cyn y cyfarfod');
      assert.equal(await count('tac_actions'), before);
    });

    it('shows the owner their actions overdue first, and lets them mark one done once', async () => {
      const later = await api('psychologist', 'POST', `/api/v1/tac-meetings/${meetingId}/actions`, {
        description: 'Book the life story work session',
        ownerId: users.finder!.id,
        dueDate: addDays(today(), 20),
      });
      const overdue = await api('psychologist', 'POST', `/api/v1/tac-meetings/${meetingId}/actions`, {
        description: 'Send the profile to the clinical partner',
        ownerId: users.finder!.id,
        dueDate: addDays(today(), -3),
      });
      const authority = await api('psychologist', 'POST', `/api/v1/tac-meetings/${meetingId}/actions`, {
        description: 'Confirm contact arrangements',
        ownerId: users.referrer!.id,
        dueDate: addDays(today(), 5),
      });
      assert.equal(later.status, 201);
      assert.equal(overdue.status, 201);
      assert.equal(authority.status, 201, 'the children’s authority is one of the meeting’s organisations');

      const mine = await api('finder', 'GET', '/api/v1/my-actions');
      assert.deepEqual(
        mine.body.items.map((a: { description: string; state: string }) => [a.description, a.state]),
        [
          ['Send the profile to the clinical partner', 'overdue'],
          ['Book the life story work session', 'open'],
        ],
      );
      assert.deepEqual(mine.body.items[0].childNames, ['Anwen', 'Bedwyr', 'Cadi']);

      const id = overdue.body.id;
      assert.equal((await api('finder', 'POST', `/api/v1/tac-actions/${id}/done`)).status, 428, 'an edit must say which version it changes');
      assert.equal((await api('finder', 'POST', `/api/v1/tac-actions/${id}/done`, {}, { 'if-match': '"v7"' })).status, 412);
      assert.equal((await api('southReferrer', 'POST', `/api/v1/tac-actions/${id}/done`, {}, { 'if-match': '"v1"' })).status, 404);
      assert.equal(
        (await api('referrer', 'POST', `/api/v1/tac-actions/${id}/done`, {}, { 'if-match': '"v1"' })).status,
        404,
        'someone else’s action, at another organisation than the meeting’s',
      );
      const done = await api('finder', 'POST', `/api/v1/tac-actions/${id}/done`, {}, { 'if-match': '"v1"' });
      assert.equal(done.status, 200);
      assert.ok(done.body.doneAt);
      assert.equal((await api('finder', 'POST', `/api/v1/tac-actions/${id}/done`, {}, { 'if-match': '"v2"' })).status, 409, 'done once');
      assert.deepEqual(
        (await api('finder', 'GET', '/api/v1/my-actions')).body.items.map((a: { description: string }) => a.description),
        ['Book the life story work session'],
      );

      const theirs = await api('referrer', 'GET', '/api/v1/my-actions');
      assert.deepEqual(
        theirs.body.items.map((a: { description: string }) => a.description),
        ['Confirm contact arrangements'],
      );
    });

    it('lets the owner mark an action done from “my work”, and comes back there', async () => {
      const browser = await t.signIn(users.finder!);
      const work = await browser.get('/my-work');
      assert.equal(work.statusCode, 200);
      assert.match(work.body, /Book the life story work session/);
      const id = (await api('finder', 'GET', '/api/v1/my-actions')).body.items[0].id;
      const marked = await browser.post(`/tac-actions/${id}/done`, { version: '1', returnTo: 'https://elsewhere.example/' }, { csrfFrom: '/my-work' });
      assert.equal(marked.statusCode, 303);
      assert.equal(marked.headers.location, '/my-work', 'only back to “my work” or the meeting');
      assert.deepEqual((await api('finder', 'GET', '/api/v1/my-actions')).body.items, []);
    });

    it('records minutes only once a meeting has started, and refuses a stale version', async () => {
      const inAFortnight = addDays(today(), 14);
      const ahead = await api('psychologist', 'POST', '/api/v1/tac-meetings', {
        childIds,
        startsAt: at(inAFortnight, '10:00'),
        endsAt: at(inAFortnight, '11:00'),
      });
      const early = await api('psychologist', 'PATCH', `/api/v1/tac-meetings/${ahead.body.id}`, { minutes: 'Nothing yet' }, { 'if-match': '"v1"' });
      assert.equal(early.status, 400);
      assert.equal(early.body.errors[0].code, 'preparation:errors.minutes.notYetHeld');
      const agenda = await api('psychologist', 'PATCH', `/api/v1/tac-meetings/${ahead.body.id}`, { agenda: 'Planning introductions' }, { 'if-match': '"v1"' });
      assert.equal(agenda.status, 200, 'an agenda may be written ahead');

      const recorded = await api(
        'finder',
        'PATCH',
        `/api/v1/tac-meetings/${meetingId}`,
        { minutes: 'The psychologist shared the formulation.', decisions: 'Introductions over two weeks.' },
        { 'if-match': `"v${meetingVersion}"` },
      );
      assert.equal(recorded.status, 200);
      assert.equal(recorded.headers.etag, `"v${meetingVersion + 1}"`);
      const stale = await api(
        'psychologist',
        'PATCH',
        `/api/v1/tac-meetings/${meetingId}`,
        { decisions: 'Something else' },
        { 'if-match': `"v${meetingVersion}"` },
      );
      assert.equal(stale.status, 412);
      assert.equal((await api('finder', 'GET', `/api/v1/tac-meetings/${meetingId}`)).body.decisions, 'Introductions over two weeks.');

      const mine = await api('psychologist', 'GET', `/api/v1/my-meetings?from=${encodeURIComponent(new Date().toISOString())}`);
      assert.deepEqual(
        mine.body.items.map((m: { id: string }) => m.id),
        [ahead.body.id],
        'the meetings ahead they called',
      );
    });

    it('shows the meeting page in Welsh, and a form sent back with its mistake in Welsh', async () => {
      const browser = await t.signIn(users.psychologist!);
      const page = await browser.get(`/tac-meetings/${meetingId}?lang=cy`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Cyfarfod am Anwen, Bedwyr a Cadi/);
      assert.match(page.body, /Camau gweithredu a gytunwyd/);
      const [y, m, d] = held.split('-');
      const refused = await browser.post(
        `/children/${childIds[0]}/tac-meetings/new`,
        { childIds, 'date-day': d!, 'date-month': m!, 'date-year': y!, startTime: '14:00', endTime: '13:00' },
        { csrfFrom: `/children/${childIds[0]}/tac-meetings/new` },
      );
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /Rhaid i’r cyfarfod orffen ar ôl iddo ddechrau/);
      assert.match(refused.body, /href="#endTime"/);
    });
  });

  describe('consultations and their notes', () => {
    let consultationId: string;

    it('refuses a consultation dated in the future, and lets only psychologists record one', async () => {
      const future = await api('psychologist', 'POST', '/api/v1/consultations', {
        childIds: [childIds[0]],
        consultationDate: addDays(today(), 1),
        durationMinutes: 60,
      });
      assert.equal(future.status, 400);
      assert.equal(future.body.errors[0].message, 'The date of the consultation cannot be in the future');
      assert.equal(
        (await api('finder', 'POST', '/api/v1/consultations', { childIds: [childIds[0]], consultationDate: today(), durationMinutes: 60 })).status,
        403,
      );
      const created = await api('psychologist', 'POST', '/api/v1/consultations', {
        childIds: [childIds[0]],
        consultationDate: today(),
        durationMinutes: 75,
        consultees: 'Foster carers',
        notes: 'Clinical observation of fictional play.',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      consultationId = created.body.id;
    });

    it('shows the notes to the clinical team, the author and the allocated worker; others see the consultation without them', async () => {
      const read = async (who: string) => (await api(who, 'GET', `/api/v1/consultations/${consultationId}`)).body;
      assert.equal((await read('psychologist')).notes, 'Clinical observation of fictional play.');
      assert.equal((await read('tsw')).notes, 'Clinical observation of fictional play.');
      assert.equal((await read('finder')).notes, 'Clinical observation of fictional play.', 'the children’s allocated family finder');
      const colleague = await read('socialWorker');
      assert.equal(colleague.notes, null);
      assert.equal(colleague.notesWithheld, true);
      assert.equal(colleague.durationMinutes, 75);
      assert.equal((await api('outsider', 'GET', `/api/v1/consultations/${consultationId}`)).status, 404);

      const page = await (await t.signIn(users.socialWorker!)).get(`/consultations/${consultationId}`);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /fictional play/);
      assert.match(page.body, /for the clinical team and the children’s allocated workers only/);

      const audit = await t.database.adminQuery("select user_id, detail from audit_log where action = 'consultations.view' and resource_id = $1", [
        consultationId,
      ]);
      const byUser = new Map(audit.rows.map((r) => [r.user_id, r.detail.notes]));
      assert.equal(byUser.get(users.socialWorker!.id), false, 'every read is audited, saying whether the notes were shown');
      assert.equal(byUser.get(users.finder!.id), true);
    });

    it('lets only its author correct it, with a version check', async () => {
      const input = { consultationDate: today(), durationMinutes: 80, consultees: 'Foster carers', notes: 'Corrected notes.' };
      assert.equal(
        (await api('tsw', 'PATCH', `/api/v1/consultations/${consultationId}`, input, { 'if-match': '"v1"' })).status,
        403,
        'only psychologists write consultations',
      );
      assert.equal((await api('psychologist', 'PATCH', `/api/v1/consultations/${consultationId}`, input, { 'if-match': '"v1"' })).status, 200);
      assert.equal((await api('psychologist', 'PATCH', `/api/v1/consultations/${consultationId}`, input, { 'if-match': '"v1"' })).status, 412);
    });
  });

  describe('formulations and what a family reads of them', () => {
    const text = {
      history: 'Fictional early history.',
      presentingNeeds: 'Needs a predictable day.',
      whatHelps: 'Visual timetables.',
      strategiesForParents: 'Name feelings calmly.',
      recommendedSupport: 'Theraplay after placement.',
    };
    let adopterHousehold: { id: string; applicantId: string };
    let matchId: string;

    it('keeps every version, refusing a stale or unchanged one', async () => {
      assert.equal((await api('psychologist', 'PUT', `/api/v1/children/${childIds[1]}/formulation`, text)).status, 428);
      const first = await api('psychologist', 'PUT', `/api/v1/children/${childIds[1]}/formulation`, text, { 'if-match': '"v0"' });
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.deepEqual([...first.body.childIds].sort(), [...childIds].sort(), 'written for the sibling group');
      const second = await api(
        'psychologist',
        'PUT',
        `/api/v1/children/${childIds[0]}/formulation`,
        { ...text, whatHelps: 'Visual timetables and a key adult.' },
        { 'if-match': '"v1"' },
      );
      assert.equal(second.status, 201);
      assert.equal(second.body.formulationVersion, 2);
      assert.equal((await api('psychologist', 'PUT', `/api/v1/children/${childIds[0]}/formulation`, text, { 'if-match': '"v1"' })).status, 412);
      const same = await api(
        'psychologist',
        'PUT',
        `/api/v1/children/${childIds[0]}/formulation`,
        { ...text, whatHelps: 'Visual timetables and a key adult.' },
        { 'if-match': '"v2"' },
      );
      assert.equal(same.body.errors[0].code, 'preparation:errors.formulation.unchanged');
      assert.equal((await api('socialWorker', 'PUT', `/api/v1/children/${childIds[0]}/formulation`, text, { 'if-match': '"v2"' })).status, 403);

      const read = await api('referrer', 'GET', `/api/v1/children/${childIds[2]}/formulation`);
      assert.equal(read.status, 200);
      assert.equal(read.headers.etag, '"v2"');
      assert.equal(read.body.current.whatHelps, 'Visual timetables and a key adult.');
      assert.deepEqual(
        read.body.versions.map((v: { version: number; changed: string[] }) => [v.version, v.changed]),
        [
          [2, ['whatHelps']],
          [1, ['history', 'presentingNeeds', 'whatHelps', 'strategiesForParents', 'recommendedSupport']],
        ],
      );
      assert.equal((await api('southReferrer', 'GET', `/api/v1/children/${childIds[2]}/formulation`)).status, 404);
    });

    it('shows a family nothing of it while their link is explored, then what the policy allows from the matching meeting, never the history', async () => {
      adopterHousehold = await household('Morwen', users.adopter);
      matchId = await match(adopterHousehold.id, 'visits');
      const early = await api('adopter', 'GET', '/api/v1/my-application/preparation');
      assert.equal(early.status, 200, JSON.stringify(early.body));
      assert.deepEqual(early.body.preparation.matches, []);

      await setStage(matchId, 'matching_meeting');
      const meeting = await api('adopter', 'GET', '/api/v1/my-application/preparation');
      const [seen] = meeting.body.preparation.matches;
      assert.equal(seen.formulations.length, 1);
      assert.deepEqual(Object.keys(seen.formulations[0]).sort(), [
        'presentingNeeds',
        'recommendedSupport',
        'recordedAt',
        'strategiesForParents',
        'version',
        'whatHelps',
      ]);
      assert.equal(seen.formulations[0].whatHelps, 'Visual timetables and a key adult.');
      assert.equal(seen.transitionPlan, null, 'the plan comes with introductions');
      assert.deepEqual(seen.childNames, ['Anwen', 'Bedwyr', 'Cadi']);

      await household('Gwenllian', users.otherAdopter);
      assert.deepEqual(
        (await api('otherAdopter', 'GET', '/api/v1/my-application/preparation')).body.preparation.matches,
        [],
        'another family reads nothing of it',
      );
      assert.equal((await api('adopter', 'GET', `/api/v1/children/${childIds[0]}/formulation`)).status, 403, 'and no family opens the staff record');

      await setStage(matchId, 'ended');
      assert.deepEqual((await api('adopter', 'GET', '/api/v1/my-application/preparation')).body.preparation.matches, [], 'nothing once the match has ended');
    });
  });

  describe('transition plans', () => {
    let matchId: string;
    let movingDayId: string;
    const inDays = (n: number) => addDays(today(), n);

    before(async () => {
      const family = await household('Heledd', users.planAdopter);
      matchId = await match(family.id, 'agency_decision');
    });

    it('builds the plan, refusing a step after moving day without a reason and changing nothing', async () => {
      const add = (body: Record<string, unknown>, who = 'finder') => api(who, 'POST', `/api/v1/matches/${matchId}/transition-steps`, body);
      assert.equal((await add({ kind: 'first_meeting', plannedDate: inDays(-1), attendees: 'Adopters, foster carer', status: 'done' })).status, 201);
      assert.equal((await add({ kind: 'overnight_stay', plannedDate: inDays(5) })).status, 201);
      const moving = await add({ kind: 'moving_day', plannedDate: inDays(8) });
      assert.equal(moving.status, 201);
      movingDayId = moving.body.id;
      const before = await count('transition_steps');

      const late = await add({ kind: 'visit', plannedDate: inDays(10) });
      assert.equal(late.status, 400);
      assert.equal(late.body.errors[0].field, 'reason');
      assert.equal(late.body.errors[0].message, 'This step comes after moving day: say why');
      assert.equal((await add({ kind: 'moving_day', plannedDate: inDays(9), reason: 'x' })).body.errors[0].code, 'preparation:errors.kind.secondMovingDay');
      assert.equal((await add({ kind: 'visit', plannedDate: inDays(3), status: 'done' })).body.errors[0].code, 'preparation:errors.status.doneInFuture');
      assert.equal(await count('transition_steps'), before, 'nothing changed');

      assert.equal((await add({ kind: 'visit', plannedDate: inDays(10), reason: 'Contact with a brother placed elsewhere' })).status, 201);
      assert.equal((await add({ kind: 'review', plannedDate: inDays(36) })).status, 201, 'reviews follow moving day');
      assert.equal((await add({ kind: 'visit', plannedDate: inDays(2) }, 'referrer')).status, 403, 'the authority reads the plan but does not write it');
    });

    it('needs a reason to move a step, marks it moved, and refuses a stale version', async () => {
      const patch = (body: Record<string, unknown>, version: number) =>
        api('tsw', 'PATCH', `/api/v1/transition-steps/${movingDayId}`, body, { 'if-match': `"v${version}"` });
      const noReason = await patch({ kind: 'moving_day', plannedDate: inDays(9) }, 1);
      assert.equal(noReason.body.errors[0].code, 'preparation:errors.reason.required');
      const moved = await patch({ kind: 'moving_day', plannedDate: inDays(9), reason: 'The foster carer asked for one more day' }, 1);
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.equal(moved.body.status, 'moved');
      assert.equal((await patch({ kind: 'moving_day', plannedDate: inDays(10), reason: 'again' }, 1)).status, 412);

      const plan = await api('referrer', 'GET', `/api/v1/matches/${matchId}/transition-plan`);
      assert.equal(plan.status, 200);
      assert.equal(plan.body.progress.movingDay, inDays(9));
      assert.deepEqual(
        plan.body.steps.map((s: { kind: string }) => s.kind),
        ['first_meeting', 'overnight_stay', 'moving_day', 'visit', 'review'],
      );
      assert.equal((await api('southReferrer', 'GET', `/api/v1/matches/${matchId}/transition-plan`)).status, 404);
      assert.equal((await api('outsider', 'GET', `/api/v1/matches/${matchId}/transition-plan`)).status, 404);
    });

    it('shows the family the plan from introductions, without the workers’ notes, and prints in Welsh', async () => {
      assert.deepEqual(
        (await api('planAdopter', 'GET', '/api/v1/my-application/preparation')).body.preparation.matches.map(
          (m: { transitionPlan: unknown }) => m.transitionPlan,
        ),
        [null],
      );
      await setStage(matchId, 'introductions');
      const [seen] = (await api('planAdopter', 'GET', '/api/v1/my-application/preparation')).body.preparation.matches;
      assert.equal(seen.transitionPlan.steps.length, 5);
      assert.equal(seen.transitionPlan.progress.movingDay, inDays(9));
      assert.ok(!('notes' in seen.transitionPlan.steps[0]) && !('changeReason' in seen.transitionPlan.steps[0]));

      const family = await t.signIn(users.planAdopter!);
      const portal = await family.get('/my-application?lang=cy');
      assert.equal(portal.statusCode, 200);
      assert.match(portal.body, /Cynllun y cyflwyniadau/);
      assert.match(portal.body, /Aros dros nos/);

      const printed = await (await t.signIn(users.finder!)).get(`/matches/${matchId}/transition-plan/print?lang=cy`);
      assert.equal(printed.statusCode, 200);
      assert.match(printed.body, /Cynllun pontio ar gyfer Anwen, Bedwyr a Cadi/);
      assert.match(printed.body, /Pam y newidiodd: (<span[^>]*>)?Contact with a brother placed elsewhere/, 'with the reason given for a step after moving day');
    });

    it('closes the plan once the adoption order is made', async () => {
      await setStage(matchId, 'adoption_order');
      const closed = await api('finder', 'POST', `/api/v1/matches/${matchId}/transition-steps`, { kind: 'review', plannedDate: inDays(60) });
      assert.equal(closed.status, 409);
      assert.equal(closed.body.detail, 'The plan can be changed from the matching meeting until the child has moved in');
    });
  });

  describe('adopters’ therapeutic preparation sessions', () => {
    let family: { id: string; applicantId: string };

    before(async () => {
      family = await household('Siwan');
    });

    it('refuses a session in the future or led by someone outside the clinical team, recording nothing', async () => {
      const base = {
        workerId: users.tsw!.id,
        sessionDate: today(),
        durationMinutes: 90,
        topics: ['trauma_and_attachment'],
        attendance: { [family.applicantId]: true },
      };
      const future = await api('finder', 'POST', `/api/v1/households/${family.id}/preparation-sessions`, { ...base, sessionDate: addDays(today(), 2) });
      assert.equal(future.body.errors[0].code, 'preparation:errors.sessionDate.future');
      const notClinical = await api('finder', 'POST', `/api/v1/households/${family.id}/preparation-sessions`, { ...base, workerId: users.socialWorker!.id });
      assert.equal(notClinical.body.errors[0].code, 'preparation:errors.workerId.role');
      const stranger = await api('finder', 'POST', `/api/v1/households/${family.id}/preparation-sessions`, { ...base, attendance: { [childIds[0]!]: true } });
      assert.equal(stranger.body.errors[0].code, 'preparation:errors.attendance.unknownApplicant');
      assert.equal(await count('adopter_preparation_sessions'), 0);
    });

    it('records sessions led by the partner’s psychologist or the agency’s therapeutic social worker, with each applicant’s hours', async () => {
      const first = await api('finder', 'POST', `/api/v1/households/${family.id}/preparation-sessions`, {
        workerId: users.psychologist!.id,
        sessionDate: addDays(today(), -7),
        durationMinutes: 90,
        topics: ['trauma_and_attachment', 'therapeutic_parenting'],
        attendance: { [family.applicantId]: true },
        readinessReflection: 'Reflective about fictional scenarios.',
      });
      assert.equal(first.status, 201, JSON.stringify(first.body));
      await api('tsw', 'POST', `/api/v1/households/${family.id}/preparation-sessions`, {
        workerId: users.tsw!.id,
        sessionDate: today(),
        durationMinutes: 60,
        topics: ['brothers_and_sisters'],
        attendance: { [family.applicantId]: false },
      });
      const list = await api('socialWorker', 'GET', `/api/v1/households/${family.id}/preparation-sessions`);
      assert.equal(list.body.items.length, 2);
      assert.deepEqual(list.body.totals, [{ applicantId: family.applicantId, sessions: 1, minutes: 90 }]);
      assert.equal((await api('outsider', 'GET', `/api/v1/households/${family.id}/preparation-sessions`)).status, 404);
      assert.equal(
        (await api('psychologist', 'GET', `/api/v1/households/${family.id}/preparation-sessions`)).status,
        404,
        'the partner’s psychologist does not open the agency’s households',
      );

      const stale = await api(
        'finder',
        'PATCH',
        `/api/v1/preparation-sessions/${first.body.id}`,
        {
          workerId: users.psychologist!.id,
          sessionDate: addDays(today(), -7),
          durationMinutes: 95,
          topics: ['trauma_and_attachment'],
          attendance: { [family.applicantId]: true },
        },
        { 'if-match': '"v9"' },
      );
      assert.equal(stale.status, 412);
    });
  });

  describe('pages', () => {
    it('lists the children in preparation and a child’s preparation in Welsh', async () => {
      const browser = await t.signIn(users.psychologist!);
      const list = await browser.get('/preparation?lang=cy');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Anwen Fictionalfamily/);
      assert.doesNotMatch(list.body, /Dafydd/, 'a child not shared with the partner is not listed');
      const page = await browser.get(`/children/${childIds[0]}/preparation?lang=cy`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Cyfarfodydd Tîm o Amgylch y Plentyn/);
      assert.match(page.body, /Fersiwn 2/);
    });

    it('pages, sorts and filters the children in preparation, the filter shown as a tag that removes it', async () => {
      const browser = await t.signIn(users.finder!);
      const names = (body: string) => [...body.matchAll(/data-testid="child-link">([^<]+)</g)].map((m) => m[1]!);
      const all = names((await browser.get('/preparation?sort=name')).body);
      assert.ok(all.length >= 4, `the agency's children in preparation: ${all.join(', ')}`);
      assert.deepEqual(names((await browser.get('/preparation?sort=name&dir=desc')).body), [...all].reverse());
      const second = await browser.get('/preparation?sort=name&limit=1&page=2');
      assert.deepEqual(names(second.body), [all[1]], 'one child a page, the second page');
      assert.match(second.body, /govuk-pagination/);

      const planned = await browser.get('/preparation?meeting=planned');
      const none = await browser.get('/preparation?meeting=none&lang=cy');
      assert.equal(names(planned.body).length + names(none.body).length, all.length, 'each child is either planned for or not');
      assert.ok(names(planned.body).length > 0 && names(none.body).length > 0);
      assert.match(none.body, /Dim cyfarfod wedi’i drefnu/, 'the filter in use, named in Welsh');
      assert.match(none.body, /href="\/preparation"/, 'its tag removes it');

      const wrong = await browser.get('/preparation?meeting=soon&lang=cy');
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /Dewiswch hidlydd cyfarfod o’r rhestr/);
    });

    it('shows a session edited by someone else as it is now, saying so in English and Welsh, and keeps what was typed after a mistake', async () => {
      const family = await household('Nia');
      const sessionOn = addDays(today(), -3);
      const made = await api('finder', 'POST', `/api/v1/households/${family.id}/preparation-sessions`, {
        workerId: users.tsw!.id,
        sessionDate: sessionOn,
        durationMinutes: 60,
        topics: ['trauma_and_attachment'],
        attendance: { [family.applicantId]: true },
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const url = `/preparation-sessions/${made.body.id}/edit`;
      const [year, month, day] = sessionOn.split('-');
      const form = {
        workerId: users.tsw!.id,
        'sessionDate-day': day!,
        'sessionDate-month': month!,
        'sessionDate-year': year!,
        durationMinutes: '75',
        topics: 'trauma_and_attachment',
        attended: family.applicantId,
        readinessReflection: 'Words typed before saving',
      };
      const browser = await t.signIn(users.finder!);

      const mistake = await browser.post(url, { ...form, durationMinutes: '2', version: '1' });
      assert.equal(mistake.statusCode, 400);
      assert.match(mistake.body, /govuk-error-summary/);
      assert.match(mistake.body, /Enter a length between 5 minutes and 8 hours/);
      assert.match(mistake.body, /Words typed before saving/, 'nothing typed is lost');

      const stale = await browser.post(url, { ...form, version: '9' });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.body, /Someone else changed this record while you were editing it/);
      assert.doesNotMatch(stale.body, /Words typed before saving/, 'the form shows the record as it is now');
      assert.match(stale.body, /name="version" value="1"/);
      await browser.get(`${url}?lang=cy`);
      const staleInWelsh = await browser.post(url, { ...form, version: '9' });
      assert.equal(staleInWelsh.statusCode, 409);
      assert.match(staleInWelsh.body, /Newidiodd rhywun arall y cofnod hwn tra oeddech chi’n ei olygu/);

      const saved = await browser.post(url, { ...form, version: '1' });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, `/households/${family.id}#household-preparation-title`);
      assert.equal((await api('finder', 'GET', `/api/v1/households/${family.id}/preparation-sessions`)).body.items[0].durationMinutes, 75);
    });

    it('answers every form posted empty with its mistakes, not a failure', async () => {
      const browser = await t.signIn(users.finder!);
      const action = await browser.post(
        `/tac-meetings/${(await api('finder', 'GET', '/api/v1/tac-meetings')).body.items[0].id}/actions/new`,
        {},
        { csrfFrom: '/account' },
      );
      assert.equal(action.statusCode, 400);
      assert.match(action.body, /Enter what needs doing/);
      assert.match(action.body, /Choose who will do it/);
      assert.match(action.body, /Enter the due date/);
    });
  });
});
