import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inActorTransaction } from '../../src/platform/db/transaction.ts';
import { type RequestContext } from '../../src/platform/policy/actor.ts';
import { fixturesActor } from '../support/system.ts';
import { addMonths, dateInWales, daysBetween } from '../../src/platform/dates/dates.ts';
import { households } from '../../src/modules/recruitment/schema.ts';
import { tacActions, tacAttendees, tacMeetings } from '../../src/modules/preparation/schema.ts';
import { supportSessions } from '../../src/modules/support/schema.ts';
import { createWorkforceService } from '../../src/modules/workforce/service.ts';
import { DEFAULT_WORKFORCE_CONFIG } from '../../src/modules/workforce/config.ts';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';
import { callApi, type ApiAnswer } from '../support/api-client.ts';

/**
 * The workforce: training records and CPD hours, clinical supervision and who is overdue, "my work"
 * and the private calendar feed. Who may open a person's records (and who gets 404), refusals of bad
 * input with nothing changed, version checks, and the audit of reads.
 */
describe('workforce', () => {
  let t: TestApp;
  let agency: string;
  let partner: string;
  let elsewhere: string;
  let north: string;
  const users: Record<string, TestUser> = {};
  const tokens: Record<string, string> = {};
  const today = () => dateInWales(new Date());
  const daysAgo = (n: number) => dateInWales(new Date(Date.now() - n * 86_400_000));
  // The colleague's last supervision, fixed when it is recorded: a run that crosses midnight still knows its date.
  const colleagueSupervisedOn = daysAgo(20);
  const thisYear = Number(today().slice(0, 4));

  async function api(who: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> {
    const answer = await callApi(t, tokens[who]!, method, url, body, headers);
    return { ...answer, body: answer.body ?? {} };
  }
  const count = async (table: string) => Number((await t.database.adminQuery(`select count(*) from ${table}`)).rows[0].count);
  const audited = async (action: string, resourceId: string, userId: string, outcome = 'success') =>
    Number(
      (
        await t.database.adminQuery('select count(*) from audit_log where action = $1 and resource_id = $2 and user_id = $3 and outcome = $4', [
          action,
          resourceId,
          userId,
          outcome,
        ])
      ).rows[0].count,
    );
  const contextOf = (user: TestUser, name = 'Test'): RequestContext => ({
    actor: { kind: 'user', userId: user.id, organisationId: user.organisationId, organisationType: 'agency', roles: user.roles, name },
    requestId: 'test',
    channel: 'system',
    language: 'en',
  });

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    partner = await t.organisation('partner', 'clinical_partner');
    elsewhere = await t.organisation('elsewhere', 'agency');
    north = await t.organisation('north', 'local_authority');
    users.manager = await t.user(['service_manager'], agency);
    users.worker = await t.user(['social_worker'], agency);
    users.colleague = await t.user(['family_finder'], agency);
    users.tsw = await t.user(['therapeutic_social_worker'], agency);
    users.agencyPsychologist = await t.user(['clinical_psychologist'], agency);
    users.psychologist = await t.user(['clinical_psychologist'], partner);
    users.otherPsychologist = await t.user(['clinical_psychologist'], partner);
    users.outsider = await t.user(['social_worker'], elsewhere);
    users.outsiderManager = await t.user(['service_manager'], elsewhere);
    users.referrer = await t.user(['la_referrer'], north);
    for (const [name, user] of Object.entries(users)) tokens[name] = await t.token(user, 'write');
    // Everyone here has worked for the agency for a year (their accounts are backdated), so never
    // having been supervised makes them overdue; the new starter is added later, today.
    await t.database.adminQuery(`update users set created_at = now() - interval '1 year'`);
  });
  after(async () => t?.close());

  describe('training records and CPD hours', () => {
    let recordId: string;

    it('lets a worker keep their own training log and reports their CPD hours per year exactly', async () => {
      const created = await api('worker', 'POST', '/api/v1/staff-training', {
        course: 'Therapeutic parenting: PACE in practice',
        completedDate: today(),
        hours: 7.5,
        provider: 'AFA Cymru',
        certificateReference: 'AFA-2026-118',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.headers.etag, '"v1"');
      assert.equal(created.body.userId, users.worker!.id);
      assert.equal(created.body.hours, 7.5);
      recordId = created.body.id;
      assert.equal(
        (
          await api('worker', 'POST', '/api/v1/staff-training', {
            course: 'Life story work',
            completedDate: `${thisYear}-01-01`,
            hours: '3',
            provider: 'In-house',
          })
        ).status,
        201,
      );
      assert.equal(
        (
          await api('worker', 'POST', '/api/v1/staff-training', {
            course: 'Secondary trauma',
            completedDate: `${thisYear - 1}-11-20`,
            hours: '31.5',
            provider: 'Clinical partner',
          })
        ).status,
        201,
      );

      const mine = await api('worker', 'GET', `/api/v1/staff/${users.worker!.id}/training`);
      assert.equal(mine.status, 200);
      assert.equal(mine.body.items.length, 3);
      assert.deepEqual(
        mine.body.cpd.map((y: { year: number; hours: number; records: number; targetMet: boolean }) => [y.year, y.hours, y.records, y.targetMet]),
        [
          [thisYear, 10.5, 2, false],
          [thisYear - 1, 31.5, 1, true],
        ],
      );
    });

    it('lets a manager record training for a worker of their organisation and see everyone’s hours; a worker cannot record for a colleague', async () => {
      const forWorker = await api('manager', 'POST', '/api/v1/staff-training', {
        userId: users.worker!.id,
        course: 'DDP level one',
        completedDate: `${thisYear}-01-02`,
        hours: 28,
        provider: 'DDP Network',
      });
      assert.equal(forWorker.status, 201, JSON.stringify(forWorker.body));
      assert.equal(forWorker.body.recordedBy, users.manager!.id);

      const before = await count('staff_training');
      const refused = await api('worker', 'POST', '/api/v1/staff-training', {
        userId: users.colleague!.id,
        course: 'Anything',
        completedDate: today(),
        hours: 1,
        provider: 'Anyone',
      });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.errors[0].field, 'userId');
      const outsiderRefused = await api('manager', 'POST', '/api/v1/staff-training', {
        userId: users.outsider!.id,
        course: 'Anything',
        completedDate: today(),
        hours: 1,
        provider: 'Anyone',
      });
      assert.equal(outsiderRefused.status, 400, 'a worker of another organisation is not the manager’s to record for');
      assert.equal(await count('staff_training'), before);

      const overview = await api('manager', 'GET', `/api/v1/staff-training?year=${thisYear}`);
      assert.equal(overview.status, 200);
      const line = overview.body.items.find((i: { userId: string }) => i.userId === users.worker!.id);
      assert.deepEqual([line.hours, line.records, line.targetMet], [38.5, 3, true]);
      assert.ok(
        overview.body.items.some((i: { userId: string; hours: number }) => i.userId === users.colleague!.id && i.hours === 0),
        'a colleague with nothing recorded shows 0 hours',
      );
      assert.ok(!overview.body.items.some((i: { userId: string }) => i.userId === users.outsider!.id));

      const own = await api('colleague', 'GET', `/api/v1/staff-training?year=${thisYear}`);
      assert.deepEqual(
        own.body.items.map((i: { userId: string }) => i.userId),
        [users.colleague!.id],
        'anyone else sees only their own line',
      );
    });

    it('shows a training record to its owner and the organisation’s manager, and 404 to a colleague and to anyone of another organisation', async () => {
      assert.equal((await api('worker', 'GET', `/api/v1/staff-training/${recordId}`)).status, 200);
      assert.equal((await api('manager', 'GET', `/api/v1/staff-training/${recordId}`)).status, 200);
      const nowhere = await api('outsider', 'GET', '/api/v1/staff-training/3f1c2b9a-6d4e-4f8a-9b7c-0123456789ab');
      for (const who of ['colleague', 'outsider', 'outsiderManager', 'agencyPsychologist']) {
        const answer = await api(who, 'GET', `/api/v1/staff-training/${recordId}`);
        assert.equal(answer.status, 404, who);
        assert.equal(answer.body.detail, nowhere.body.detail, 'the same answer as for a record that does not exist');
        assert.ok(!JSON.stringify(answer.body).includes('PACE'));
        assert.equal((await api(who, 'GET', `/api/v1/staff/${users.worker!.id}/training`)).status, 404, who);
      }
      const page = await (await t.signIn(users.outsider!)).get(`/workforce/staff/${users.worker!.id}/training`);
      assert.equal(page.statusCode, 404);
      assert.ok(!page.body.includes('PACE in practice'));
    });

    it('audits reads by reference, and refusals too', async () => {
      assert.ok((await audited('staffTraining.view', recordId, users.manager!.id)) >= 1);
      assert.ok((await audited('staffTraining.view', users.worker!.id, users.worker!.id)) >= 1, 'the person’s record read');
      assert.ok((await audited('staffTraining.view', recordId, users.colleague!.id, 'denied')) >= 1, 'a colleague refused by the policy');
      const details = await t.database.adminQuery(`select detail::text from audit_log where action like 'staffTraining.%' and detail is not null`);
      assert.ok(
        details.rows.every((r: { detail: string }) => !r.detail.includes('PACE') && !r.detail.includes('AFA')),
        'no course or certificate in the audit log',
      );
    });

    it('changes a record only with the current version: 412 for a stale one, 428 for none', async () => {
      const changed = await api('worker', 'PATCH', `/api/v1/staff-training/${recordId}`, { hours: 6 }, { 'if-match': '"v1"' });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.equal(changed.body.hours, 6);
      assert.equal(changed.body.certificateReference, 'AFA-2026-118', 'fields not sent stay as they were');
      assert.equal(changed.headers.etag, '"v2"');
      const stale = await api('manager', 'PATCH', `/api/v1/staff-training/${recordId}`, { hours: 1 }, { 'if-match': '"v1"' });
      assert.equal(stale.status, 412);
      assert.equal((await api('worker', 'PATCH', `/api/v1/staff-training/${recordId}`, { hours: 1 })).status, 428);
      assert.equal((await api('worker', 'GET', `/api/v1/staff-training/${recordId}`)).body.hours, 6);
      assert.equal((await api('colleague', 'PATCH', `/api/v1/staff-training/${recordId}`, { hours: 1 }, { 'if-match': '"v2"' })).status, 404);
    });

    it('refuses bad input with a message per field and stores nothing', async () => {
      const before = await count('staff_training');
      const cases: [Record<string, unknown>, string, string][] = [
        [
          { course: 'Future course', completedDate: addMonths(today(), 1), hours: 2, provider: 'Someone' },
          'completedDate',
          'The date the training was completed must be today or in the past',
        ],
        [{ course: 'No hours', completedDate: today(), hours: 0, provider: 'Someone' }, 'hours', 'The hours must be more than 0 and no more than 300'],
        [
          { course: 'Too precise', completedDate: today(), hours: '3.55', provider: 'Someone' },
          'hours',
          'Enter the hours as a number to one decimal place, like 3.5',
        ],
        [
          { course: 'Not a date', completedDate: '2026-02-30', hours: 1, provider: 'Someone' },
          'completedDate',
          'Enter a real date the training was completed, like 27 3 2026',
        ],
        [{ completedDate: today(), hours: 1, provider: 'Someone' }, 'course', 'Enter the course or training'],
        [{ course: 'No provider', completedDate: today(), hours: 1, provider: '  ' }, 'provider', 'Enter who provided the training'],
      ];
      for (const [body, field, message] of cases) {
        const answer = await api('worker', 'POST', '/api/v1/staff-training', body);
        assert.equal(answer.status, 400, JSON.stringify(body));
        const error = answer.body.errors.find((e: { field: string }) => e.field === field);
        assert.equal(error?.message, message, JSON.stringify(answer.body.errors));
      }
      const welsh = await api(
        'worker',
        'POST',
        '/api/v1/staff-training',
        { course: 'Future course', completedDate: addMonths(today(), 1), hours: 2, provider: 'Someone' },
        { 'accept-language': 'cy' },
      );
      assert.equal(welsh.body.errors[0].message, 'Rhaid i ddyddiad cwblhau’r hyfforddiant fod heddiw neu yn y gorffennol');
      assert.equal(
        (await api('worker', 'PATCH', `/api/v1/staff-training/${recordId}`, { completedDate: addMonths(today(), 2) }, { 'if-match': '"v2"' })).status,
        400,
      );
      assert.equal(await count('staff_training'), before);
    });

    it('records training through the form in Welsh, with the errors in Welsh and nothing half-saved', async () => {
      const browser = await t.signIn(users.colleague!);
      await browser.get('/my-work?lang=cy');
      const before = await count('staff_training');
      const empty = await browser.post(
        '/workforce/training/new',
        { course: '', 'completedDate-day': '31', 'completedDate-month': '2', 'completedDate-year': String(thisYear), hours: 'llawer', provider: '' },
        { csrfFrom: '/workforce/training/new' },
      );
      assert.equal(empty.statusCode, 400);
      assert.ok(empty.body.includes('Rhowch y cwrs neu’r hyfforddiant'), 'course message in Welsh');
      assert.ok(empty.body.includes('Rhowch ddyddiad go iawn y cwblhawyd yr hyfforddiant'));
      assert.ok(empty.body.includes('href="#completedDate-day"'), 'the summary links to the day box');
      assert.ok(empty.body.includes('value="llawer"'), 'what was typed is kept');
      assert.equal(await count('staff_training'), before);

      const saved = await browser.post(
        '/workforce/training/new',
        {
          course: 'Cymraeg gwaith',
          'completedDate-day': '2',
          'completedDate-month': '1',
          'completedDate-year': String(thisYear),
          hours: '4.5',
          provider: 'Dysgu Cymraeg',
        },
        { csrfFrom: '/workforce/training/new' },
      );
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, `/workforce/staff/${users.colleague!.id}/training`);
      const page = await browser.get(String(saved.headers.location));
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('Eich hyfforddiant a’ch DPP'));
      assert.ok(page.body.includes('Cymraeg gwaith'));
      assert.ok(page.body.includes('4.5'));
    });

    it('names the record each “Change” link changes for a screen reader, in Welsh and in English', async () => {
      const browser = await t.signIn(users.colleague!);
      const welsh = await browser.get(`/workforce/staff/${users.colleague!.id}/training?lang=cy`);
      assert.match(
        welsh.body,
        new RegExp(
          `data-testid="change-training">Newid<span class="govuk-visually-hidden"> y cofnod hyfforddiant: Cymraeg gwaith, 2 Ionawr ${thisYear}</span></a>`,
        ),
      );
      const english = await browser.get(`/workforce/staff/${users.colleague!.id}/training?lang=en`);
      assert.match(
        english.body,
        new RegExp(
          `data-testid="change-training">Change<span class="govuk-visually-hidden"> the training record: Cymraeg gwaith, 2 January ${thisYear}</span></a>`,
        ),
      );
    });
  });

  describe('clinical supervision', () => {
    let sessionId: string;

    it('lets the clinical partner’s psychologist record supervision of an agency worker, by case reference only', async () => {
      const created = await api('psychologist', 'POST', '/api/v1/supervision-sessions', {
        superviseeId: users.worker!.id,
        sessionDate: daysAgo(40),
        durationMinutes: 90,
        caseReferences: ['at-2026-00012', 'NC/2025/0456'],
        themes: 'Secondary trauma; pacing introductions',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.supervisorId, users.psychologist!.id);
      assert.equal(created.body.organisationId, agency, 'kept with the worker’s organisation');
      assert.deepEqual(created.body.caseReferences, ['AT-2026-00012', 'NC/2025/0456']);
      sessionId = created.body.id;
      const byManager = await api('manager', 'POST', '/api/v1/supervision-sessions', {
        supervisorId: users.agencyPsychologist!.id,
        superviseeId: users.colleague!.id,
        sessionDate: colleagueSupervisedOn,
        durationMinutes: 60,
      });
      assert.equal(byManager.status, 201, JSON.stringify(byManager.body));
    });

    it('shows a session to the worker, their supervisor and those who oversee supervision, and 404 to everyone else', async () => {
      for (const who of ['worker', 'psychologist', 'manager', 'agencyPsychologist'])
        assert.equal((await api(who, 'GET', `/api/v1/supervision-sessions/${sessionId}`)).status, 200, who);
      for (const who of ['colleague', 'tsw', 'otherPsychologist', 'outsider', 'outsiderManager']) {
        const answer = await api(who, 'GET', `/api/v1/supervision-sessions/${sessionId}`);
        assert.equal(answer.status, 404, who);
        assert.ok(!JSON.stringify(answer.body).includes('Secondary trauma'));
      }
      assert.equal((await api('outsider', 'GET', `/api/v1/supervision-sessions/${sessionId}`)).status, 404);
      const page = await (await t.signIn(users.outsiderManager!)).get(`/workforce/supervision/${sessionId}`);
      assert.equal(page.statusCode, 404);
      assert.ok(!page.body.includes('Secondary trauma'));
      assert.equal((await (await t.signIn(users.colleague!)).get(`/workforce/staff/${users.worker!.id}/supervision`)).statusCode, 404);
      const workers = await api('manager', 'GET', `/api/v1/supervision-sessions?superviseeId=${users.worker!.id}`);
      assert.equal(workers.status, 200);
      assert.deepEqual(
        workers.body.items.map((i: { id: string }) => i.id),
        [sessionId],
      );
      assert.equal(workers.body.due.level, 'overdue');
      for (const who of ['colleague', 'outsiderManager'])
        assert.equal((await api(who, 'GET', `/api/v1/supervision-sessions?superviseeId=${users.worker!.id}`)).status, 404, who);
      assert.ok((await audited('supervision.view', sessionId, users.worker!.id)) >= 1);
      assert.ok((await audited('supervision.view', sessionId, users.colleague!.id, 'denied')) >= 1);
    });

    it('refuses bad input with clear messages and records nothing', async () => {
      const before = await count('supervision_sessions');
      const base = { superviseeId: users.worker!.id, sessionDate: daysAgo(1), durationMinutes: 60 };
      const cases: [string, Record<string, unknown>, string, string][] = [
        [
          'psychologist',
          { ...base, sessionDate: addMonths(today(), 1) },
          'sessionDate',
          'The date of the session must be today or in the past: record a session once it has taken place',
        ],
        ['psychologist', { ...base, durationMinutes: 5 }, 'durationMinutes', 'The length must be from 15 to 480 minutes'],
        ['psychologist', { ...base, durationMinutes: 'an hour' }, 'durationMinutes', 'Enter the length as a whole number of minutes, like 60'],
        [
          'psychologist',
          { ...base, caseReferences: ['Ayla'] },
          'caseReferences',
          'Enter cases by reference only: letters, numbers and dashes with at least one number, like AT-2026-00012',
        ],
        [
          'psychologist',
          { ...base, caseReferences: ['Ayla Jones 4'] },
          'caseReferences',
          'Enter cases by reference only: letters, numbers and dashes with at least one number, like AT-2026-00012',
        ],
        ['manager', { ...base, supervisorId: users.manager!.id }, 'supervisorId', 'Choose a clinical psychologist as the supervisor'],
        ['manager', base, 'supervisorId', 'Choose the supervising psychologist'],
        ['psychologist', { ...base, superviseeId: users.psychologist!.id }, 'superviseeId', 'Choose a worker whose supervision you may record'],
        [
          'manager',
          { ...base, supervisorId: users.agencyPsychologist!.id, superviseeId: users.outsider!.id },
          'superviseeId',
          'Choose a worker whose supervision you may record',
        ],
        ['psychologist', { ...base, superviseeId: '3f1c2b9a-6d4e-4f8a-9b7c-0123456789ab' }, 'superviseeId', 'Choose a worker whose supervision you may record'],
      ];
      for (const [who, body, field, message] of cases) {
        const answer = await api(who, 'POST', '/api/v1/supervision-sessions', body);
        assert.equal(answer.status, 400, `${who} ${JSON.stringify(body)}`);
        assert.equal(
          answer.body.errors.find((e: { field: string; message: string }) => e.field === field || e.field.startsWith(`${field}.`))?.message,
          message,
          JSON.stringify(answer.body.errors),
        );
      }
      assert.equal((await api('worker', 'POST', '/api/v1/supervision-sessions', base)).status, 403, 'a social worker does not record supervision');
      assert.equal(await count('supervision_sessions'), before);
    });

    it('changes a session only with the current version, and only by its supervisor or those who oversee it', async () => {
      const changed = await api('psychologist', 'PATCH', `/api/v1/supervision-sessions/${sessionId}`, { durationMinutes: 75 }, { 'if-match': '"v1"' });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.equal(changed.body.durationMinutes, 75);
      assert.equal(changed.body.themes, 'Secondary trauma; pacing introductions');
      assert.equal((await api('manager', 'PATCH', `/api/v1/supervision-sessions/${sessionId}`, { durationMinutes: 30 }, { 'if-match': '"v1"' })).status, 412);
      assert.equal(
        (await api('otherPsychologist', 'PATCH', `/api/v1/supervision-sessions/${sessionId}`, { durationMinutes: 30 }, { 'if-match': '"v2"' })).status,
        404,
      );
      assert.equal(
        (await api('psychologist', 'PATCH', `/api/v1/supervision-sessions/${sessionId}`, { sessionDate: addMonths(today(), 1) }, { 'if-match': '"v2"' }))
          .status,
        400,
      );
      assert.equal((await api('psychologist', 'GET', `/api/v1/supervision-sessions/${sessionId}`)).body.durationMinutes, 75);
    });

    it('lists who is overdue for monthly supervision, most overdue first; a new starter is not', async () => {
      users.newStarter = await t.user(['social_worker'], agency);
      const due = await api('manager', 'GET', '/api/v1/supervision/due');
      assert.equal(due.status, 200);
      assert.equal(due.body.frequency, 'monthly');
      const level = (id: string) => due.body.items.find((i: { userId: string; level: string }) => i.userId === id)?.level;
      assert.equal(level(users.worker!.id), 'overdue', 'last supervised 40 days ago');
      assert.notEqual(level(users.colleague!.id), 'overdue', 'supervised 20 days ago');
      assert.equal(level(users.newStarter.id), 'ok', 'started today');
      assert.equal(level(users.tsw!.id), 'overdue', 'a year without supervision');
      assert.equal(due.body.items[0].userId, users.tsw!.id, 'the longest overdue first');
      assert.equal(level(users.manager!.id), undefined, 'managers are not on the list of the supervised');
      assert.equal(level(users.outsider!.id), undefined);

      const overdue = await api('manager', 'GET', '/api/v1/supervision/due?overdue=true');
      assert.deepEqual(overdue.body.items.map((i: { userId: string }) => i.userId).sort(), [users.tsw!.id, users.worker!.id].sort());
      const own = await api('worker', 'GET', '/api/v1/supervision/due');
      assert.deepEqual(
        own.body.items.map((i: { userId: string; level: string }) => [i.userId, i.level]),
        [[users.worker!.id, 'overdue']],
        'a worker sees only their own',
      );
    });

    it('follows the configured frequency: every two weeks makes the colleague supervised 20 days ago overdue too', async () => {
      const fortnightly = createWorkforceService(t.services.runner, {
        ...DEFAULT_WORKFORCE_CONFIG,
        supervision: { ...DEFAULT_WORKFORCE_CONFIG.supervision, frequency: 'fortnightly' },
      });
      const due = await fortnightly.supervisionDueList(contextOf(users.manager!), true);
      assert.equal(due.frequency, 'fortnightly');
      // Due 14 days after the session: 20 days ago makes it 6 days overdue (counted from today, whenever today is).
      const expected = 14 - daysBetween(colleagueSupervisedOn, dateInWales(new Date()));
      assert.ok(due.items.some((i) => i.id === users.colleague!.id && i.daysLeft === expected));
    });

    it('shows the manager who is overdue on the supervision page, in Welsh too', async () => {
      const browser = await t.signIn(users.manager!);
      const page = await browser.get('/workforce/supervision');
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('Each worker is expected to have clinical supervision monthly.'));
      assert.ok(page.body.includes('Overdue: 2 of'));
      assert.match(page.body, /data-testid="level-overdue">Overdue by \d+ days</);
      const welsh = await browser.get('/workforce/supervision?lang=cy');
      assert.ok(welsh.body.includes('Disgwylir i bob gweithiwr gael goruchwyliaeth glinigol bob mis.'));
      assert.match(welsh.body, /data-testid="level-overdue">\d+ diwrnod yn hwyr</);
    });

    it('tells a manager who gave and received no supervision that the sessions are theirs, beside the team’s last sessions, not that none were recorded', async () => {
      const browser = await t.signIn(users.manager!);
      const page = await browser.get('/workforce/supervision');
      const team = page.body.match(/data-testid="team-table"[\s\S]*?<\/table>/)?.[0] ?? '';
      const workers = (team.match(/\/workforce\/staff\/[0-9a-f-]+\/supervision/g) ?? []).length;
      const never = (team.match(/>Never</g) ?? []).length;
      assert.ok(workers > never, 'the team table shows workers’ last sessions');
      assert.ok(!page.body.includes('No supervision sessions have been recorded'), 'no claim that nothing was recorded while the table shows last sessions');
      assert.ok(page.body.includes('Sessions you gave or received'));
      assert.ok(page.body.includes('You have not given or received a supervision session yet.'));
      const welsh = await browser.get('/workforce/supervision?lang=cy');
      assert.ok(welsh.body.includes('Dydych chi ddim wedi rhoi na chael sesiwn oruchwylio eto.'));
      assert.ok(!welsh.body.includes('Does dim sesiynau goruchwylio wedi’u cofnodi.'));
    });

    it('records a session through the form, with the errors beside their fields', async () => {
      const browser = await t.signIn(users.psychologist!);
      const before = await count('supervision_sessions');
      const wrong = await browser.post(
        '/workforce/supervision/new',
        {
          superviseeId: users.tsw!.id,
          supervisorId: users.psychologist!.id,
          'sessionDate-day': '1',
          'sessionDate-month': '1',
          'sessionDate-year': String(thisYear + 1),
          durationMinutes: '',
          caseReferences: 'Bryn',
        },
        { csrfFrom: '/workforce/supervision/new' },
      );
      assert.equal(wrong.statusCode, 400);
      assert.ok(wrong.body.includes('The date of the session must be today or in the past'));
      assert.ok(wrong.body.includes('Enter the length of the session in minutes'));
      assert.ok(wrong.body.includes('Enter cases by reference only'));
      assert.equal(await count('supervision_sessions'), before);
      const saved = await browser.post(
        '/workforce/supervision/new',
        {
          superviseeId: users.tsw!.id,
          supervisorId: users.psychologist!.id,
          'sessionDate-day': String(Number(today().slice(8, 10))),
          'sessionDate-month': String(Number(today().slice(5, 7))),
          'sessionDate-year': today().slice(0, 4),
          durationMinutes: '60',
          caseReferences: 'AT-2026-00003\nAT-2026-00004',
          themes: 'Reflective practice',
        },
        { csrfFrom: '/workforce/supervision/new' },
      );
      assert.equal(saved.statusCode, 303);
      const page = await browser.get(String(saved.headers.location));
      assert.ok(page.body.includes('AT-2026-00003, AT-2026-00004'));
      assert.equal(await count('supervision_sessions'), before + 1);
    });
  });

  describe('my work and the calendar feed', () => {
    const ids: Record<string, string> = {};
    /** The feed's address as the page shows it, once, in a read-only box to copy from. */
    const addressIn = (body: string) => body.match(/<input[^>]*data-testid="calendar-address"[^>]*>/)?.[0].match(/value="([^"]+)"/)?.[1];
    const at = (days: number, hour: number) => {
      const d = new Date(Date.now() + days * 86_400_000);
      d.setUTCHours(hour, 0, 0, 0);
      return d;
    };

    before(async () => {
      // A child referred by the authority and accepted by the agency, so the agency's workers see it.
      const referral = await api('referrer', 'POST', '/api/v1/referrals', {
        legalBasis: 'adoption_agencies_wales_regulations',
        children: [
          {
            legalGivenNames: 'Testchild',
            legalFamilyName: 'Fictionalfamily',
            dateOfBirth: '2019-04-02',
            sex: 'female',
            ethnicity: 'white_british',
            legalStatus: 'placement_order',
            placementOrderDate: '2025-01-10',
            needs: [],
          },
        ],
        siblingRelationships: [],
      });
      assert.equal(referral.status, 201, JSON.stringify(referral.body));
      ids.child = referral.body.childIds[0];
      assert.equal(
        (await api('colleague', 'POST', `/api/v1/referrals/${referral.body.referralId}/decision`, { decision: 'accept', familyFinderId: users.colleague!.id }))
          .status,
        200,
      );

      await inActorTransaction(t.database.db, fixturesActor(), async (tx) => {
        const meeting = (createdBy: string, startsAt: Date) => ({
          organisationId: agency,
          childIds: [ids.child!],
          startsAt,
          endsAt: new Date(startsAt.getTime() + 90 * 60_000),
          location: 'Room 2, Fictional House',
          agenda: 'Agenda: contact plan for Testchild',
          createdBy,
        });
        const [mine] = await tx
          .insert(tacMeetings)
          .values(meeting(users.worker!.id, at(1, 9)))
          .returning();
        const [attending] = await tx
          .insert(tacMeetings)
          .values(meeting(users.colleague!.id, at(3, 13)))
          .returning();
        await tx.insert(tacAttendees).values({ meetingId: attending!.id, userId: users.worker!.id, name: 'Test Person' });
        const [notMine] = await tx
          .insert(tacMeetings)
          .values(meeting(users.colleague!.id, at(2, 9)))
          .returning();
        ids.meeting = mine!.id;
        ids.attending = attending!.id;
        ids.notMine = notMine!.id;
        await tx.insert(tacActions).values([
          { meetingId: mine!.id, description: 'Send the draft life story book to the psychologist', ownerId: users.worker!.id, dueDate: daysAgo(2) },
          { meetingId: mine!.id, description: 'Book the next review', ownerId: users.worker!.id, dueDate: addMonths(today(), 1) },
          { meetingId: mine!.id, description: 'Someone else’s task', ownerId: users.colleague!.id, dueDate: daysAgo(2) },
        ]);
        const [household] = await tx
          .insert(households)
          .values({
            organisationId: agency,
            reference: 'AT-WF-00001',
            stage: 'stage1',
            stageSince: addMonths(today(), -3),
            stage1Date: addMonths(today(), -3),
            enquiryDate: addMonths(today(), -4),
            email: 'fictional.family@example.invalid',
            socialWorkerId: users.worker!.id,
          })
          .returning();
        ids.household = household!.id;
        const session = (workerId: string, startsAt: Date, status: 'planned' | 'cancelled') => ({
          organisationId: agency,
          householdId: household!.id,
          kind: 'theraplay' as const,
          workerId,
          startsAt,
          durationMinutes: 60,
          mode: 'video' as const,
          status,
          notes: 'Private session note about the family',
        });
        const [planned] = await tx
          .insert(supportSessions)
          .values(session(users.worker!.id, at(2, 14), 'planned'))
          .returning();
        const [cancelled] = await tx
          .insert(supportSessions)
          .values(session(users.worker!.id, at(4, 14), 'cancelled'))
          .returning();
        const [colleagues] = await tx
          .insert(supportSessions)
          .values(session(users.colleague!.id, at(2, 10), 'planned'))
          .returning();
        ids.session = planned!.id;
        ids.cancelled = cancelled!.id;
        ids.colleagueSession = colleagues!.id;
      });
    });

    it('shows a worker what needs their attention first, then their actions, diary, supervision and households', async () => {
      const browser = await t.signIn(users.worker!);
      const page = await browser.get('/my-work');
      assert.equal(page.statusCode, 200);
      const body = page.body;
      const order = ['data-testid="attention-actionsOverdue"', 'data-testid="attention-supervisionOverdue"', 'data-testid="attention-timescalesPassed"'].map(
        (marker) => body.indexOf(marker),
      );
      assert.ok(
        order.every((i) => i > 0),
        `attention lines: ${order.join(', ')}`,
      );
      assert.deepEqual(
        [...order].sort((a, b) => a - b),
        order,
        'overdue actions, then own supervision, then households',
      );
      assert.ok(body.includes('Team Around the Child actions overdue: 1'));
      // The preparation module's partial lists the actions, overdue first, each with its "Mark as done" form.
      const first = body.indexOf('Send the draft life story book to the psychologist');
      assert.ok(first > 0 && first < body.indexOf('Book the next review'));
      assert.ok(body.includes('data-testid="mark-done"'));
      assert.ok(!body.includes('Someone else’s task') && !body.includes('Someone else&#39;s task'));
      // The diary: their own meetings (called or attending) and sessions, not a colleague's, nothing cancelled.
      const sections = ['id="actions"', 'id="diary"', 'id="supervision"', 'id="timescales"'].map((marker) => body.indexOf(marker));
      assert.deepEqual(
        [...sections].sort((a, b) => a - b),
        sections,
      );
      assert.ok(body.includes(`href="/tac-meetings/${ids.meeting}"`) && body.includes(`href="/tac-meetings/${ids.attending}"`));
      assert.ok(!body.includes(ids.notMine!));
      assert.ok(body.includes(`/support/sessions/${ids.session}`));
      assert.ok(!body.includes(ids.cancelled!) && !body.includes(ids.colleagueSession!));
      assert.ok(body.includes('Theraplay') && body.includes('Video call'));
      assert.ok(!body.includes('Private session note'), 'never a session’s notes');
      assert.ok(body.includes('data-testid="my-supervision"'));
      assert.ok(body.includes('AT-WF-00001'));
      assert.ok(body.includes('href="/my-work/calendar"'));

      const welsh = await browser.get('/my-work?lang=cy');
      assert.ok(welsh.body.includes('Fy ngwaith') && welsh.body.includes('Camau gweithredu Tîm o Amgylch y Plentyn hwyr: 1'));
      assert.ok(welsh.body.includes('Galwad fideo'));
    });

    it('gives the same through the API, without people’s names in the diary', async () => {
      const work = await api('worker', 'GET', '/api/v1/my-work');
      assert.equal(work.status, 200);
      assert.equal(work.body.today, today());
      assert.deepEqual(work.body.attention.map((a: { key: string }) => a.key).slice(0, 3), ['actionsOverdue', 'supervisionOverdue', 'timescalesPassed']);
      const entries = work.body.diary.flatMap((d: { entries: { id: string }[] }) => d.entries);
      assert.deepEqual(entries.map((e: { id: string }) => e.id).sort(), [ids.meeting, ids.attending, ids.session].sort());
      assert.ok(!JSON.stringify(work.body.diary).includes('Testchild'));
      assert.equal(work.body.actions.length, 2);
    });

    it('shows someone without supervision or households only what their role reaches', async () => {
      const page = await (await t.signIn(users.referrer!)).get('/my-work');
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('data-testid="my-work-actions"'));
      assert.ok(!page.body.includes('data-testid="my-work-supervision"'));
      assert.ok(!page.body.includes('data-testid="my-work-timescales"'));
      assert.ok(!page.body.includes('href="/workforce/training"'));
      assert.equal((await (await t.signIn(users.worker!)).get('/my-work')).body.includes('href="/workforce/training"'), true);
      const adopter = await t.user(['adopter'], agency);
      assert.equal((await (await t.signIn(adopter)).get('/my-work')).statusCode, 403);
    });

    it('serves a private calendar feed of the person’s own meetings and sessions, by reference, never names, notes or places', async () => {
      const browser = await t.signIn(users.worker!);
      const none = await browser.get('/my-work/calendar');
      assert.ok(none.body.includes('data-testid="calendar-none"'));
      const created = await browser.post('/my-work/calendar', {}, { csrfFrom: '/my-work/calendar' });
      assert.equal(created.statusCode, 200);
      const address = addressIn(created.body);
      assert.ok(address, 'the address is shown once');
      ids.feed = new URL(address).pathname;
      assert.match(ids.feed, /^\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      assert.ok(!(await browser.get('/my-work/calendar')).body.includes(ids.feed), 'and not again');

      // A calendar app asks with no cookie and no token: the address is the credential.
      const feed = await t.app.inject({ method: 'GET', url: ids.feed });
      assert.equal(feed.statusCode, 200);
      assert.match(String(feed.headers['content-type']), /^text\/calendar/);
      const text = feed.body.replace(/\r\n[ \t]/g, '');
      assert.ok(text.startsWith('BEGIN:VCALENDAR'));
      assert.match(String(feed.headers['content-disposition']), /^inline; filename="my-work\.ics"/);
      for (const id of [ids.meeting, ids.attending, ids.session, ids.cancelled]) assert.ok(text.includes(id!), `has ${id}`);
      for (const id of [ids.notMine, ids.colleagueSession]) assert.ok(!text.includes(id!), `not ${id}`);
      assert.match(text, /SUMMARY:Support session: Theraplay \(AT-WF-00001\)/);
      assert.match(text, /SUMMARY:Team Around the Child meeting/);
      assert.equal(text.match(/STATUS:CANCELLED/g)?.length, 1);
      for (const secret of ['Testchild', 'Fictionalfamily', 'Room 2', 'Fictional House', 'Agenda', 'Private session note', 'fictional.family'])
        assert.ok(!text.includes(secret), `no "${secret}" in the feed`);
      const read = await t.database.adminQuery(`select count(*) from audit_log where action = 'calendar.feed' and user_id = $1 and outcome = 'success'`, [
        users.worker!.id,
      ]);
      assert.ok(Number(read.rows[0].count) >= 1, 'each read of the feed is audited');

      // A person who chose Welsh gets the feed, and the name it is saved under, in Welsh, whatever the calendar app asks for.
      await t.database.adminQuery("update users set preferred_language = 'cy' where id = $1", [users.worker!.id]);
      try {
        const welsh = await t.app.inject({ method: 'GET', url: ids.feed, headers: { 'accept-language': 'en-GB' } });
        assert.match(String(welsh.headers['content-disposition']), /^inline; filename="fy-ngwaith\.ics"/);
        assert.match(welsh.body, /Mabwysiadu Gyda’n Gilydd: fy ngwaith/);
      } finally {
        await t.database.adminQuery("update users set preferred_language = 'en' where id = $1", [users.worker!.id]);
      }
      assert.ok((await browser.get('/my-work/calendar')).body.includes('data-testid="calendar-status"'));
    });

    it('stops working once revoked or replaced, and for a disabled person; anything else in the address is not found', async () => {
      const browser = await t.signIn(users.worker!);
      const revoked = await browser.post('/my-work/calendar/revoke', {}, { csrfFrom: '/my-work/calendar' });
      assert.equal(revoked.statusCode, 303);
      assert.equal((await t.app.inject({ method: 'GET', url: ids.feed! })).statusCode, 404);

      const again = await browser.post('/my-work/calendar', {}, { csrfFrom: '/my-work/calendar' });
      const first = new URL(addressIn(again.body)!).pathname;
      assert.equal((await t.app.inject({ method: 'GET', url: first })).statusCode, 200);
      const replaced = await browser.post('/my-work/calendar', {}, { csrfFrom: '/my-work/calendar' });
      const second = new URL(addressIn(replaced.body)!).pathname;
      assert.equal((await t.app.inject({ method: 'GET', url: first })).statusCode, 404, 'a new address ends the old one');
      assert.equal((await t.app.inject({ method: 'GET', url: second })).statusCode, 200);

      for (const url of ['/calendar/3f1c2b9a-6d4e-4f8a-9b7c-0123456789ab.ics', `/calendar/${'A'.repeat(43)}.ics`, `${second.slice(0, -4)}x.ics`]) {
        assert.equal((await t.app.inject({ method: 'GET', url })).statusCode, 404, url);
      }
      const denied = await t.database.adminQuery(`select count(*) from audit_log where action = 'calendar.feed' and outcome = 'denied'`);
      assert.ok(Number(denied.rows[0].count) >= 3, 'failed attempts are audited');

      await t.database.adminQuery('update users set disabled_at = now() where id = $1', [users.colleague!.id]);
      const colleague = await t.services.workforce.createCalendarFeed(contextOf(users.colleague!));
      assert.equal((await t.app.inject({ method: 'GET', url: `/calendar/${colleague.token}.ics` })).statusCode, 404, 'a disabled person’s feed stops');
    });
  });
});
