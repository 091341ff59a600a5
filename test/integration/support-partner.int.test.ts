import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type Browser, type TestApp, type TestUser } from '../support/app.ts';
import { callApi, type ApiAnswer } from '../support/api-client.ts';
import { rejectsWithDatabaseError } from '../support/assertions.ts';
import { insertChild, insertHousehold, matchedFamily } from '../support/fixtures.ts';
import { inActorTransaction } from '../../src/platform/db/transaction.ts';
import type { UserActor } from '../../src/platform/policy/actor.ts';

/**
 * A clinical partner's psychologist leads a family's post-placement support sessions (dyadic
 * developmental psychotherapy): the agency records and plans them with the psychologist as the
 * worker; the psychologist sees those sessions (the family by its reference only), records their
 * delivery and clinical notes, and nothing else of the family, of its other sessions or of another
 * agency. Row-level security says the same without the policy module. All people and families here
 * are fictional.
 */
describe('support sessions led by a clinical partner’s psychologist', () => {
  let t: TestApp;
  let agency: string;
  let council: string;
  let partner: string;
  let otherAgency: string;
  let therapist: TestUser;
  let socialWorker: TestUser;
  let partnerPsychologist: TestUser;
  let strangerPsychologist: TestUser;
  let otherTherapist: TestUser;
  let family: { id: string; reference: string; match: string };
  let otherFamily: string;
  let ledToday: { id: string; version: number };
  let ledTomorrow: { id: string; version: number };
  let agencyOwn: { id: string; version: number };
  let otherAgencySession: { id: string };
  const tokens: Record<string, string> = {};
  const browsers: Record<string, Browser> = {};
  const NOTE = 'Fictional note: the child and her mother built a den together and laughed';

  const api = (who: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> =>
    callApi(t, tokens[who]!, method, url, body, headers);
  const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3600_000);
  /** The messages of a page's error summary. */
  const problems = (body: string) => [...body.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => m[2]!.replace(/&#39;/g, "'"));

  async function record(who: string, values: Record<string, unknown>) {
    const created = await api(who, 'POST', '/api/v1/support/sessions', {
      householdId: family.id,
      matchId: family.match,
      kind: 'dyadic_developmental_psychotherapy',
      durationMinutes: 60,
      mode: 'in_person',
      status: 'planned',
      ...values,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body as { id: string; version: number; workerId: string };
  }

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('partner-support-agency', 'agency');
    council = await t.organisation('partner-support-council', 'local_authority');
    partner = await t.organisation('partner-support-clinic', 'clinical_partner');
    const stranger = await t.organisation('partner-support-other-clinic', 'clinical_partner');
    otherAgency = await t.organisation('partner-support-other-agency', 'agency');
    therapist = await t.user(['therapeutic_social_worker'], agency);
    socialWorker = await t.user(['social_worker'], agency);
    partnerPsychologist = await t.user(['clinical_psychologist'], partner);
    strangerPsychologist = await t.user(['clinical_psychologist'], stranger);
    otherTherapist = await t.user(['therapeutic_social_worker'], otherAgency);
    for (const [name, user] of Object.entries({ therapist, partnerPsychologist, otherTherapist })) {
      tokens[name] = await t.token(user, 'write');
      browsers[name] = await t.signIn(user);
    }
    // The agency works with the clinic: a child placed with the family is shared with both.
    const placed = await matchedFamily(t, {
      agency,
      council,
      child: { sharedWith: [agency, partner] },
      household: { socialWorkerId: socialWorker.id },
    });
    const reference = (await t.database.adminQuery('select reference from households where id = $1', [placed.household])).rows[0].reference as string;
    family = { id: placed.household, reference, match: placed.match };
    const others = await t.services.runner.run(t.system, async (tx) => ({
      ownFamily: (await insertHousehold(tx, agency, { socialWorkerId: socialWorker.id })).id,
      elsewhere: (await insertHousehold(tx, otherAgency)).id,
      // The other clinic works with the other agency, which makes it no partner of the first.
      child: await insertChild(tx, council, otherAgency, { sharedWith: [otherAgency, stranger] }),
    }));
    otherFamily = others.ownFamily;

    ledToday = await record('therapist', { workerId: partnerPsychologist.id, startsAt: hoursFromNow(-3).toISOString() });
    ledTomorrow = await record('therapist', { workerId: partnerPsychologist.id, startsAt: hoursFromNow(24).toISOString() });
    agencyOwn = await record('therapist', {
      workerId: therapist.id,
      kind: 'theraplay',
      startsAt: hoursFromNow(-30).toISOString(),
      status: 'delivered',
      notes: 'Fictional theraplay note',
    });
    await record('therapist', {
      householdId: otherFamily,
      matchId: null,
      workerId: therapist.id,
      kind: 'family_consultation',
      startsAt: hoursFromNow(-5).toISOString(),
    });
    const elsewhere = await api('otherTherapist', 'POST', '/api/v1/support/sessions', {
      householdId: others.elsewhere,
      kind: 'theraplay',
      workerId: otherTherapist.id,
      startsAt: hoursFromNow(-4).toISOString(),
      durationMinutes: 45,
      mode: 'video',
      status: 'delivered',
    });
    assert.equal(elsewhere.status, 201, JSON.stringify(elsewhere.body));
    otherAgencySession = elsewhere.body as { id: string };
  });
  after(async () => t.close());

  describe('the agency plans the session with the partner’s psychologist', () => {
    it('offers the partner’s psychologist, with their organisation, beside its own support staff', async () => {
      const page = await browsers.therapist!.get('/support/sessions/new');
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(`value="${partnerPsychologist.id}"`), 'the partner’s psychologist is offered');
      assert.match(
        page.body,
        new RegExp(`value="${partnerPsychologist.id}"[^>]*>\\s*Test Person \\d+, Test partner-support-clinic\\s*<`),
        'with the name of their organisation',
      );
      assert.ok(page.body.includes(`value="${therapist.id}"`), 'the agency’s own staff still are');
      assert.ok(!page.body.includes(`value="${strangerPsychologist.id}"`), 'a clinic the agency does not work with is not');
    });

    it('records the session with the psychologist as its worker, audited as the agency’s worker', async () => {
      const read = await api('therapist', 'GET', `/api/v1/support/sessions/${ledToday.id}`);
      assert.equal(read.status, 200);
      assert.equal(read.body.workerId, partnerPsychologist.id);
      assert.equal(read.body.ledAsPartner, false);
      const audit = await t.database.adminQuery('select action, user_id, detail from audit_log where resource_id = $1 order by id', [ledToday.id]);
      assert.equal(audit.rows[0].action, 'support.edit');
      assert.equal(audit.rows[0].user_id, therapist.id);
      assert.equal(audit.rows[0].detail.created, true);
    });

    it('refuses a psychologist of a clinic the agency does not work with (another agency’s partner), in English and in Welsh, and records nothing', async () => {
      const count = async () => Number((await t.database.adminQuery('select count(*) from support_sessions')).rows[0].count);
      const before = await count();
      const refused = await api('therapist', 'POST', '/api/v1/support/sessions', {
        householdId: family.id,
        kind: 'dyadic_developmental_psychotherapy',
        workerId: strangerPsychologist.id,
        startsAt: hoursFromNow(48).toISOString(),
        durationMinutes: 60,
        mode: 'in_person',
      });
      assert.equal(refused.status, 400);
      assert.deepEqual(
        refused.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]),
        [['workerId', 'Choose one of your organisation’s support staff, or a clinical psychologist of a clinical partner you share children with']],
      );
      const page = await browsers.therapist!.post(
        '/support/sessions/new?lang=cy',
        {
          householdId: family.id,
          kind: 'dyadic_developmental_psychotherapy',
          workerId: strangerPsychologist.id,
          'date-day': '1',
          'date-month': '1',
          'date-year': '2026',
          startTime: '10:00',
          durationMinutes: '60',
          mode: 'in_person',
          status: 'planned',
        },
        { csrfFrom: '/support/sessions/new' },
      );
      assert.equal(page.statusCode, 400);
      assert.ok(
        problems(page.body).includes('Dewiswch un o staff cymorth eich sefydliad, neu seicolegydd clinigol partner clinigol rydych yn rhannu plant ag ef'),
        problems(page.body).join(' | '),
      );
      assert.equal(await count(), before);
    });
  });

  describe('the psychologist’s own sessions', () => {
    it('shows them in their "my work" and their list, the family by its reference only', async () => {
      const myWork = await browsers.partnerPsychologist!.get('/my-work');
      assert.equal(myWork.statusCode, 200);
      assert.ok(myWork.body.includes(`/support/sessions/${ledTomorrow.id}`), 'the session ahead is in their diary');
      assert.ok(myWork.body.includes(family.reference));
      const list = await api('partnerPsychologist', 'GET', '/api/v1/support/sessions');
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.items.map((s: { id: string }) => s.id).sort(), [ledToday.id, ledTomorrow.id].sort(), 'their sessions and no others');
      assert.ok(list.body.items.every((s: { householdReference: string }) => s.householdReference === family.reference));
    });

    it('opens a session they lead, with its notes, the family named but not linked', async () => {
      const read = await api('partnerPsychologist', 'GET', `/api/v1/support/sessions/${ledToday.id}`);
      assert.equal(read.status, 200, JSON.stringify(read.body));
      assert.equal(read.body.householdReference, family.reference);
      assert.equal(read.body.ledAsPartner, true);
      assert.equal(read.body.notesVisible, true);
      assert.equal(read.body.allocatedWorkerId, null, 'the family’s allocated worker is the agency’s business');
      const page = await browsers.partnerPsychologist!.get(`/support/sessions/${ledToday.id}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(family.reference));
      assert.ok(!page.body.includes(`/households/${family.id}`), 'no link to the household’s record');
    });

    it('records the delivery and the clinical notes, and may not hand the session to someone else', async () => {
      const delivered = await api(
        'partnerPsychologist',
        'PATCH',
        `/api/v1/support/sessions/${ledToday.id}`,
        { status: 'delivered', notes: NOTE },
        { 'if-match': `"v${ledToday.version}"` },
      );
      assert.equal(delivered.status, 200, JSON.stringify(delivered.body));
      assert.equal(delivered.body.status, 'delivered');
      assert.equal(delivered.body.notes, NOTE);
      const agencyReads = await api('therapist', 'GET', `/api/v1/support/sessions/${ledToday.id}`);
      assert.equal(agencyReads.body.notes, NOTE, 'the agency’s clinical team reads what the psychologist wrote');

      const handOver = await api(
        'partnerPsychologist',
        'PATCH',
        `/api/v1/support/sessions/${ledToday.id}`,
        { workerId: therapist.id },
        { 'if-match': `"v${delivered.body.version}"` },
      );
      assert.equal(handOver.status, 400);
      assert.deepEqual(
        handOver.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]),
        [['workerId', 'Only the agency can hand this session to another worker']],
      );

      const form = await browsers.partnerPsychologist!.get(`/support/sessions/${ledTomorrow.id}/edit`);
      assert.equal(form.statusCode, 200);
      assert.ok(!form.body.includes(`value="${therapist.id}"`), 'the edit form offers no other worker');
      const saved = await browsers.partnerPsychologist!.post(
        `/support/sessions/${ledTomorrow.id}/edit`,
        {
          version: String(ledTomorrow.version),
          kind: 'dyadic_developmental_psychotherapy',
          workerId: partnerPsychologist.id,
          ...formDateOf(new Date(Date.now() + 24 * 3600_000)),
          durationMinutes: '90',
          mode: 'video',
          status: 'planned',
          notes: 'Fictional plan: bring the story book',
        },
        { csrfFrom: `/support/sessions/${ledTomorrow.id}/edit` },
      );
      assert.equal(saved.statusCode, 303, saved.body);
      const after = await api('partnerPsychologist', 'GET', `/api/v1/support/sessions/${ledTomorrow.id}`);
      assert.equal(after.body.durationMinutes, 90);
      assert.equal(after.body.notes, 'Fictional plan: bring the story book');

      const audit = await t.database.adminQuery('select action, detail from audit_log where resource_id = $1 and user_id = $2 order by id', [
        ledToday.id,
        partnerPsychologist.id,
      ]);
      const actions = audit.rows.map((r) => r.action as string);
      assert.ok(actions.includes('supportNotes.view') || actions.includes('support.view'), 'their reads are audited');
      assert.ok(
        audit.rows.some((r) => r.action === 'support.edit' && r.detail.notesChanged === true),
        'so is their note',
      );
      assert.ok(!JSON.stringify(audit.rows).includes('den together'), 'by reference, never the note');
    });

    it('keeps the household, the family’s other sessions and another agency’s sessions from them', async () => {
      assert.equal((await api('partnerPsychologist', 'GET', `/api/v1/support/sessions/${agencyOwn.id}`)).status, 404, 'the family’s other session');
      assert.equal((await api('partnerPsychologist', 'GET', `/api/v1/support/sessions/${otherAgencySession.id}`)).status, 404, 'another agency’s session');
      assert.equal((await browsers.partnerPsychologist!.get(`/support/sessions/${agencyOwn.id}`)).statusCode, 404);
      assert.equal((await api('partnerPsychologist', 'GET', `/api/v1/support/sessions?householdId=${family.id}`)).status, 404, 'the family’s list of sessions');
      assert.equal((await browsers.partnerPsychologist!.get(`/households/${family.id}`)).statusCode, 403, 'the household’s record');
      const refusedEdit = await api(
        'partnerPsychologist',
        'PATCH',
        `/api/v1/support/sessions/${agencyOwn.id}`,
        { notes: 'Overwritten' },
        { 'if-match': `"v${agencyOwn.version}"` },
      );
      assert.equal(refusedEdit.status, 404);
      const untouched = await api('therapist', 'GET', `/api/v1/support/sessions/${agencyOwn.id}`);
      assert.equal(untouched.body.notes, 'Fictional theraplay note');
      // Another agency's worker sees nothing of the first agency's sessions, led by the shared clinic or not.
      assert.equal((await api('otherTherapist', 'GET', `/api/v1/support/sessions/${ledToday.id}`)).status, 404);
    });
  });

  describe('row-level security, without the policy module', () => {
    const actor = (): UserActor => ({
      kind: 'user',
      userId: partnerPsychologist.id,
      organisationId: partner,
      organisationType: 'clinical_partner',
      roles: ['clinical_psychologist'],
      name: 'Partner psychologist',
    });

    it('shows the psychologist exactly the sessions they lead, and no household', async () => {
      const seen = await inActorTransaction(t.database.db, actor(), async (tx) => ({
        sessions: (await tx.execute<{ id: string }>(sql`select id from support_sessions`)).rows.map((r) => r.id).sort(),
        households: (await tx.execute(sql`select id from households`)).rows.length,
        plans: (await tx.execute(sql`select id from support_plans`)).rows.length,
        references: (
          await tx.execute<{ id: string; reference: string }>(
            sql`select id, reference from app_led_support_household_references(${`{${[family.id, otherFamily].join(',')}}`}::uuid[])`,
          )
        ).rows,
      }));
      assert.deepEqual(seen.sessions, [ledToday.id, ledTomorrow.id].sort());
      assert.equal(seen.households, 0, 'the household row stays invisible');
      assert.equal(seen.plans, 0);
      assert.deepEqual(seen.references, [{ id: family.id, reference: family.reference }], 'the reference of the family they work with, of no other');
    });

    it('lets the psychologist change only the sessions they lead, never hand one on, add one or remove one', async () => {
      const changed = await inActorTransaction(t.database.db, actor(), (tx) =>
        tx.execute(sql`update support_sessions set mode = 'phone' where id <> ${ledToday.id}`),
      );
      assert.equal(changed.rowCount, 1, 'their other session only');
      await rejectsWithDatabaseError(
        inActorTransaction(t.database.db, actor(), (tx) => tx.execute(sql`update support_sessions set worker_id = ${therapist.id} where id = ${ledToday.id}`)),
        /records its delivery and notes only/,
      );
      await rejectsWithDatabaseError(
        inActorTransaction(t.database.db, actor(), (tx) =>
          tx.execute(sql`update support_sessions set household_id = ${otherFamily}, match_id = null where id = ${ledToday.id}`),
        ),
        /records its delivery and notes only/,
        'nor move it to another family',
      );
      await rejectsWithDatabaseError(
        inActorTransaction(t.database.db, actor(), (tx) =>
          tx.execute(
            sql`insert into support_sessions (organisation_id, household_id, kind, worker_id, starts_at, duration_minutes, mode) values (${agency}, ${family.id}, 'theraplay', ${partnerPsychologist.id}, now(), 60, 'video')`,
          ),
        ),
        /row-level security/,
      );
      const removed = await inActorTransaction(t.database.db, actor(), (tx) => tx.execute(sql`delete from support_sessions where id = ${ledTomorrow.id}`));
      assert.equal(removed.rowCount, 0);
    });
  });
});

/** A form's date and time fields for an instant, in Wales. */
function formDateOf(at: Date): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return { 'date-day': part('day'), 'date-month': part('month'), 'date-year': part('year'), startTime: `${part('hour')}:${part('minute')}` };
}
