import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestApp, type Browser, type TestApp } from '../support/app.ts';

/**
 * Records kept for their time, as the administrator uses it: the review list shows their
 * organisation's records past their period with why, a legal hold keeps a record, destroying
 * removes the record and everything hanging off it, leaves a tombstone and an audit entry, and the
 * audit chain still verifies. Another organisation's records are never listed or touched. All
 * households and people are fictional.
 */
describe('records retention', () => {
  let t: TestApp;
  let agency: string;
  let other: string;
  let admin: Browser;
  let finder: Browser;
  const ids: Record<string, string> = {};
  const count = async (sql: string, values: unknown[] = []) => Number((await t.database.adminQuery(sql, values)).rows[0].count);

  /** A closed household with an enquiry and an applicant, as the public form and a worker leave it. */
  async function closedHousehold(organisationId: string, options: { closed: string; registered?: string; stage?: string }) {
    const id = randomUUID();
    await t.database.adminQuery(
      `insert into households (id, organisation_id, reference, stage, stage_since, email, enquiry_date, registration_date, closed_date)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $5)`,
      [
        id,
        organisationId,
        `AT-RET-${id.slice(0, 8)}`,
        options.stage ?? 'withdrawn',
        options.closed,
        `${id.slice(0, 8)}@example.invalid`,
        '2015-01-01',
        options.registered ?? null,
      ],
    );
    await t.database.adminQuery(
      `insert into enquiries (organisation_id, household_id, given_names, family_name, email, postcode, preferred_language)
       values ($1, $2, 'Invented', 'Enquirer', 'enquirer@example.invalid', 'CF10 1AA', 'en')`,
      [organisationId, id],
    );
    await t.database.adminQuery(`insert into applicants (household_id, organisation_id, given_names, family_name) values ($1, $2, 'Invented', 'Applicant')`, [
      id,
      organisationId,
    ]);
    return id;
  }

  async function conversation(organisationId: string, householdId: string, at: string) {
    const thread = randomUUID();
    await t.database.adminQuery(
      `insert into portal_threads (id, organisation_id, household_id, subject, created_at, last_message_at) values ($1, $2, $3, 'Our medical', $4, $4)`,
      [thread, organisationId, householdId, at],
    );
    await t.database.adminQuery(
      `insert into portal_messages (thread_id, organisation_id, household_id, from_family, body, created_at) values ($1, $2, $3, true, 'An invented message', $4)`,
      [thread, organisationId, householdId, at],
    );
    return thread;
  }

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('retention-agency', 'agency');
    other = await t.organisation('retention-other', 'agency');
    admin = await t.signIn(await t.user(['administrator'], agency));
    finder = await t.signIn(await t.user(['family_finder'], agency));
    ids.enquiry = await closedHousehold(agency, { closed: '2019-03-01' });
    ids.held = await closedHousehold(agency, { closed: '2019-04-01' });
    ids.withdrawn = await closedHousehold(agency, { closed: '2018-05-01', registered: '2017-09-01' });
    ids.recent = await closedHousehold(agency, { closed: new Date().toISOString().slice(0, 10) });
    ids.elsewhere = await closedHousehold(other, { closed: '2019-03-01' });
    ids.closedWithMessages = await closedHousehold(agency, { closed: '2021-01-10', registered: '2020-02-01' });
    ids.thread = await conversation(agency, ids.closedWithMessages, '2021-02-01T10:00:00Z');
    ids.threadElsewhere = await conversation(other, ids.elsewhere, '2019-02-01T10:00:00Z');
  });
  after(async () => t?.close());

  it('lists the organisation’s records past their period by class, with why, and nothing of another organisation', async () => {
    const page = await admin.get('/admin/retention');
    assert.equal(page.statusCode, 200);
    const enquiries = page.body.split('data-testid="retention-group-enquiry_not_proceeded"')[1]!.split('</section>')[0]!;
    assert.match(enquiries, new RegExp(`data-testid="due-${ids.enquiry}"`));
    assert.match(enquiries, /Closed on 1 March 2019; kept 2 years from closure; due on 1 March 2021\./);
    assert.match(page.body, new RegExp(`data-testid="due-${ids.withdrawn}"`));
    assert.match(page.body, new RegExp(`data-testid="due-${ids.thread}"`));
    for (const absent of [ids.recent, ids.elsewhere, ids.threadElsewhere]) assert.doesNotMatch(page.body, new RegExp(absent!), 'not due, or not ours');
    // Every class says how long it is kept, and the platform finds the adoption case records too.
    assert.match(page.body, /Adoption case records<\/td>\s*<td[^>]*>Kept 100 years from the adoption order<\/td>\s*<td[^>]*>Yes/);
  });

  it('is the administrator’s alone', async () => {
    assert.equal((await finder.get('/admin/retention')).statusCode, 403);
  });

  it('places a legal hold with a reason, and the held record is never destroyed', async () => {
    const empty = await admin.post(
      '/admin/retention/holds',
      { classCode: 'enquiry_not_proceeded', recordKind: 'household', recordId: ids.held!, reason: '' },
      { csrfFrom: '/admin/retention' },
    );
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter the reason/);
    const held = await admin.post(
      '/admin/retention/holds',
      { classCode: 'enquiry_not_proceeded', recordKind: 'household', recordId: ids.held!, reason: 'Complaint under investigation' },
      { csrfFrom: '/admin/retention' },
    );
    assert.equal(held.statusCode, 303);
    const page = await admin.get('/admin/retention');
    assert.match(page.body, new RegExp(`data-testid="held-${ids.held}"`));
    assert.match(page.body, /Complaint under investigation/);
    // Asked to destroy it anyway (a page left open), it stays.
    const destroyed = await admin.post(
      '/admin/retention/destroy',
      { classCode: 'enquiry_not_proceeded', recordIds: [ids.held!], confirm: 'yes' },
      { csrfFrom: '/admin/retention' },
    );
    assert.equal(destroyed.statusCode, 303);
    assert.equal(await count('select count(*) from households where id = $1', [ids.held]), 1);
    assert.equal(await count("select count(*) from audit_log where action = 'retention.hold' and resource_id = $1", [ids.held]), 1);
  });

  it('asks for a confirmation before destroying anything', async () => {
    const unconfirmed = await admin.post(
      '/admin/retention/destroy',
      { classCode: 'enquiry_not_proceeded', recordIds: [ids.enquiry!] },
      { csrfFrom: '/admin/retention' },
    );
    assert.equal(unconfirmed.statusCode, 400);
    assert.match(unconfirmed.body, /Confirm that the records chosen are to be destroyed/);
    assert.equal(await count('select count(*) from households where id = $1', [ids.enquiry]), 1);
  });

  it('destroys what is due, leaving a tombstone without personal data and an audit entry, and never another organisation’s record', async () => {
    const response = await admin.post(
      '/admin/retention/destroy',
      { classCode: 'enquiry_not_proceeded', recordIds: [ids.enquiry!, ids.elsewhere!], confirm: 'yes' },
      { csrfFrom: '/admin/retention' },
    );
    assert.equal(response.statusCode, 303);
    assert.equal(await count('select count(*) from households where id = $1', [ids.enquiry]), 0);
    assert.equal(
      await count('select count(*) from enquiries where household_id = $1 or (household_id is null and organisation_id = $2)', [ids.enquiry, agency]),
      0,
    );
    assert.equal(await count('select count(*) from applicants where household_id = $1', [ids.enquiry]), 0);
    // Another organisation's household, asked for by id, is untouched.
    assert.equal(await count('select count(*) from households where id = $1', [ids.elsewhere]), 1);
    assert.equal(await count('select count(*) from enquiries where household_id = $1', [ids.elsewhere]), 1);

    const { rows } = await t.database.adminQuery('select * from retention_tombstones where record_id = $1', [ids.enquiry]);
    assert.equal(rows.length, 1);
    const tombstone = rows[0];
    assert.equal(tombstone.record_kind, 'household');
    assert.equal(tombstone.retention_class, 'enquiry_not_proceeded');
    assert.equal(tombstone.organisation_id, agency);
    assert.match(tombstone.rule, /^enquiry_not_proceeded: 24 months from closure/);
    assert.doesNotMatch(JSON.stringify(tombstone), /Invented|Enquirer|example\.invalid|CF10|AT-RET/, 'no personal data on the tombstone');
    assert.equal(await count('select count(*) from retention_tombstones where record_id = $1', [ids.elsewhere]), 0);
    assert.equal(await count("select count(*) from audit_log where action = 'retention.destroy' and resource_id = $1", [ids.enquiry]), 1);

    const page = await admin.get('/admin/retention');
    assert.match(page.body, new RegExp(`data-testid="tombstones"[\\s\\S]*${ids.enquiry}`));
    assert.equal((await t.services.audit.verify(t.system)).break, undefined, 'the audit chain still verifies');
  });

  it('destroys a closed case’s conversation with its messages, and then the household with what is left', async () => {
    const thread = await admin.post(
      '/admin/retention/destroy',
      { classCode: 'portal_messages_closed_case', recordIds: ids.thread!, confirm: 'yes' },
      { csrfFrom: '/admin/retention' },
    );
    assert.equal(thread.statusCode, 303);
    assert.equal(await count('select count(*) from portal_messages where thread_id = $1', [ids.thread]), 0);
    assert.equal(await count('select count(*) from portal_threads where id = $1', [ids.thread]), 0);
    assert.equal(await count('select count(*) from portal_threads where id = $1', [ids.threadElsewhere]), 1);
    assert.equal(await count('select count(*) from households where id = $1', [ids.closedWithMessages]), 1, 'the household is not due yet');

    const withdrawn = await admin.post(
      '/admin/retention/destroy',
      { classCode: 'household_withdrawn_before_approval', recordIds: ids.withdrawn!, confirm: 'yes' },
      { csrfFrom: '/admin/retention' },
    );
    assert.equal(withdrawn.statusCode, 303);
    assert.equal(await count('select count(*) from households where id = $1', [ids.withdrawn]), 0);
    assert.equal(await count('select count(*) from retention_tombstones where organisation_id = $1', [agency]), 3);
    assert.equal((await t.services.audit.verify(t.system)).break, undefined);
  });

  it('leaves a household other records still refer to, and destroys the rest of the batch', async () => {
    const supported = await closedHousehold(agency, { closed: '2018-01-01', registered: '2017-06-01' });
    await t.database.adminQuery(`insert into support_requests (organisation_id, household_id, source, need) values ($1, $2, 'family', 'Invented need')`, [
      agency,
      supported,
    ]);
    const documented = await closedHousehold(agency, { closed: '2018-01-02', registered: '2017-06-01' });
    const { rows } = await t.database.adminQuery(
      `insert into documents (organisation_id, owner_kind, owner_id, kind) values ($1, 'household', $2, 'other') returning id`,
      [agency, documented],
    );
    await t.database.adminQuery(
      `insert into case_documents (organisation_id, owner_kind, owner_id, document_id, kind, title, document_date, visibility) values ($1, 'household', $2, $3, 'other', 'Invented report', '2017-07-01', 'agency')`,
      [agency, documented, rows[0].id],
    );
    const plain = await closedHousehold(agency, { closed: '2018-01-03', registered: '2017-06-01' });
    const response = await admin.post(
      '/admin/retention/destroy',
      { classCode: 'household_withdrawn_before_approval', recordIds: [supported, documented, plain], confirm: 'yes' },
      { csrfFrom: '/admin/retention' },
    );
    assert.equal(response.statusCode, 303);
    const page = await admin.get('/admin/retention');
    assert.match(page.body, /Records destroyed: 1\. Left as they were: 2\./);
    assert.equal(await count('select count(*) from households where id = any($1::uuid[])', [[supported, documented]]), 2);
    assert.equal(await count('select count(*) from applicants where household_id = $1', [supported]), 1, 'nothing of a blocked household is half-removed');
    assert.equal(await count('select count(*) from households where id = $1', [plain]), 0);
    assert.equal(await count('select count(*) from retention_tombstones where record_id = any($1::uuid[])', [[supported, documented]]), 0);
  });

  it('lifts a hold at the version seen, with a reason; a stale page is told so', async () => {
    const { rows } = await t.database.adminQuery('select id, version from retention_holds where record_id = $1', [ids.held]);
    const hold = rows[0];
    const stale = await admin.post(
      `/admin/retention/holds/${hold.id}/lift`,
      { reason: 'Complaint closed', version: String(hold.version + 1) },
      { csrfFrom: '/admin/retention' },
    );
    assert.equal(stale.statusCode, 409);
    const lifted = await admin.post(
      `/admin/retention/holds/${hold.id}/lift`,
      { reason: 'Complaint closed', version: String(hold.version) },
      { csrfFrom: '/admin/retention' },
    );
    assert.equal(lifted.statusCode, 303);
    const page = await admin.get('/admin/retention');
    assert.match(page.body, new RegExp(`data-testid="due-${ids.held}"`), 'due again once the hold is lifted');
    assert.equal(await count("select count(*) from audit_log where action = 'retention.hold-lift' and resource_id = $1", [ids.held]), 1);
  });

  it('lets the app role delete no conversation or tombstone itself', async () => {
    const denied = async (statement: string) => {
      try {
        await t.database.adminQuery(`begin; set local role together_app; ${statement}; rollback`);
        return false;
      } catch (error) {
        await t.database.adminQuery('rollback');
        return /permission denied/.test((error as Error).message);
      }
    };
    assert.equal(await denied('delete from portal_messages'), true);
    assert.equal(await denied('delete from retention_tombstones'), true);
    assert.equal(await denied('update retention_classes set period_months = 1'), true);
  });

  describe('the classes of adopted children, families, support, case documents and leavers', () => {
    let records: string;
    let recordsAdmin: Browser;
    const r: Record<string, string> = {};
    const one = async (sql: string, values: unknown[]) => (await t.database.adminQuery(sql, values)).rows[0] as Record<string, string>;

    before(async () => {
      records = await t.organisation('retention-records', 'agency');
      recordsAdmin = await t.signIn(await t.user(['administrator'], records));
      // A child adopted in 1920 by a family approved in 1919, with support that ended in 1945:
      // long enough ago for every class to be due (all invented).
      r.child = (
        await one(
          `insert into children (organisation_id, legal_given_names, legal_family_name, date_of_birth, sex, ethnicity, legal_status, referral_date, shared_with, status, local_authority_reference)
           values ($1, 'Invented', 'Child', '1915-02-01', 'female', 'white_british', 'placement_order', '1918-01-10', $2, 'placed', 'LA-RET-1') returning id`,
          [records, [records]],
        )
      ).id!;
      r.family = (
        await one(
          `insert into households (organisation_id, reference, stage, stage_since, email, enquiry_date, registration_date, approved_date)
           values ($1, 'AT-RET-FAM', 'approved', '1919-05-01', 'family@example.invalid', '1918-06-01', '1918-09-01', '1919-05-01') returning id`,
          [records],
        )
      ).id!;
      r.match = (
        await one(
          `insert into matches (organisation_id, child_organisation_id, shared_with, household_id, child_ids, unit_key, stage, stage_since, source, linked_date, placement_date, adoption_order_date, closed_date)
           values ($1, $1, $2, $3, $4, $5, 'adoption_order', '1920-06-01', 'manual', '1919-06-01', '1919-10-01', '1920-06-01', '1920-06-01') returning id`,
          [records, [records], r.family, [r.child], r.child],
        )
      ).id!;
      await t.database.adminQuery(
        `insert into support_plans (organisation_id, match_id, household_id, needs_summary, agreed_date) values ($1, $2, $3, 'Invented needs', '1920-07-01')`,
        [records, r.match, r.family],
      );
      await t.database.adminQuery(
        `insert into support_requests (organisation_id, household_id, source, need, status, requested_at, closed_at) values ($1, $2, 'family', 'Invented need', 'closed', '1944-01-01T10:00:00Z', '1945-03-01T10:00:00Z')`,
        [records, r.family],
      );
      const document = await one(`insert into documents (organisation_id, owner_kind, owner_id, kind) values ($1, 'child', $2, 'other') returning id`, [
        records,
        r.child,
      ]);
      r.document = (
        await one(
          `insert into case_documents (organisation_id, owner_kind, owner_id, document_id, kind, title, document_date, visibility)
           values ($1, 'child', $2, $3, 'other', 'Invented court order', '1920-06-01', 'case') returning id`,
          [records, r.child, document.id],
        )
      ).id!;
      // A social worker who left in 2019, with two training entries; one still working.
      r.leaver = (await t.user(['social_worker'], records)).id;
      await t.database.adminQuery(`update users set disabled_at = '2019-01-15T12:00:00Z' where id = $1`, [r.leaver]);
      r.colleague = (await t.user(['social_worker'], records)).id;
      for (const [user, course] of [
        [r.leaver, 'Invented course A'],
        [r.leaver, 'Invented course B'],
        [r.colleague, 'Invented course C'],
      ])
        await t.database.adminQuery(
          `insert into staff_training (organisation_id, user_id, course, completed_date, hours, provider) values ($1, $2, $3, '2018-03-01', 6, 'Invented provider')`,
          [records, user, course],
        );
    });

    const group = (body: string, code: string) => body.split(`data-testid="retention-group-${code}"`)[1]?.split('</section>')[0] ?? '';

    it('lists each new class’s records with why, from the adoption order, the end of support and the day staff left', async () => {
      const page = await recordsAdmin.get('/admin/retention');
      assert.equal(page.statusCode, 200);
      const adopted = group(page.body, 'adoption_case_record');
      assert.match(adopted, new RegExp(`data-testid="due-${r.child}"`));
      assert.match(adopted, /LA-RET-1/);
      assert.match(adopted, /Adoption order made on 1 June 1920; kept 100 years from the order; due on 1 June 2020\./);
      // The child's case document follows the child's record.
      assert.match(adopted, new RegExp(`data-testid="due-${r.document}"`));
      const family = group(page.body, 'approved_family_record');
      assert.match(family, new RegExp(`data-testid="due-${r.family}"`));
      assert.match(family, /Adoption order made on 1 June 1920/);
      const support = group(page.body, 'adoption_support_record');
      assert.match(support, new RegExp(`data-testid="due-${r.family}"`));
      assert.match(support, /Support ended on 1 March 1945; kept 75 years; due on 1 March 2020\./);
      assert.match(group(page.body, 'leaver_account'), /Left on 15 January 2019; kept 2 years after leaving; due on 15 January 2021\./);
      assert.match(group(page.body, 'staff_training_record'), new RegExp(`data-testid="due-${r.leaver}"`));
      assert.doesNotMatch(page.body, new RegExp(r.colleague!), 'someone still working is not listed');
      assert.doesNotMatch(page.body, /Invented (course|court)|family@example/, 'no personal data on the list');
    });

    it('moves a leaver’s record by the agency’s own period', async () => {
      const manager = await t.signIn(await t.user(['service_manager'], records));
      const saved = await manager.post(
        '/admin/retention/settings',
        { enquiryYears: '2', unsuccessfulApplicationYears: '6', leaversYears: '10', changeReason: 'Board decision, invented', version: '0' },
        { csrfFrom: '/admin/retention/settings' },
      );
      assert.equal(saved.statusCode, 303);
      const page = await recordsAdmin.get('/admin/retention');
      assert.equal(group(page.body, 'staff_training_record'), '', 'not due until 2029 under a 10-year period');
      const back = await manager.post(
        '/admin/retention/settings',
        { enquiryYears: '2', unsuccessfulApplicationYears: '6', leaversYears: '2', changeReason: 'Board decision reversed, invented', version: '1' },
        { csrfFrom: '/admin/retention/settings' },
      );
      assert.equal(back.statusCode, 303);
    });

    it('destroys a leaver’s training record, leaves the colleague’s, and the audit chain still verifies', async () => {
      const response = await recordsAdmin.post(
        '/admin/retention/destroy',
        { classCode: 'staff_training_record', recordIds: r.leaver!, confirm: 'yes' },
        { csrfFrom: '/admin/retention' },
      );
      assert.equal(response.statusCode, 303);
      assert.equal(await count('select count(*) from staff_training where user_id = $1', [r.leaver]), 0);
      assert.equal(await count('select count(*) from staff_training where user_id = $1', [r.colleague]), 1);
      const tombstone = await one('select record_kind, retention_class, event_date::text as event_date from retention_tombstones where record_id = $1', [
        r.leaver,
      ]);
      assert.equal(tombstone.record_kind, 'staff_training');
      assert.equal(tombstone.retention_class, 'staff_training_record');
      assert.equal(tombstone.event_date, '2019-01-15');
      assert.equal(await count("select count(*) from audit_log where action = 'retention.destroy' and resource_id = $1", [r.leaver]), 1);
      assert.equal((await t.services.audit.verify(t.system)).break, undefined, 'the audit chain still verifies');
    });

    it('lets the service manager set the agency’s periods with a reason, refuses a stale version, and audits each change', async () => {
      const manager = await t.signIn(await t.user(['service_manager'], records));
      const page = await manager.get('/admin/retention/settings');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Version 2, saved on/);
      const noReason = await manager.post(
        '/admin/retention/settings',
        { enquiryYears: '3', unsuccessfulApplicationYears: '6', leaversYears: '2', changeReason: '', version: '2' },
        { csrfFrom: '/admin/retention/settings' },
      );
      assert.equal(noReason.statusCode, 400);
      assert.match(noReason.body, /Enter why you are changing the periods/);
      const tooShort = await manager.post(
        '/admin/retention/settings',
        { enquiryYears: '0', unsuccessfulApplicationYears: '6', leaversYears: '2', changeReason: 'Invented', version: '2' },
        { csrfFrom: '/admin/retention/settings' },
      );
      assert.equal(tooShort.statusCode, 400);
      assert.match(tooShort.body, /between 1 and 25 for enquiries/);
      const stale = await manager.post(
        '/admin/retention/settings',
        { enquiryYears: '3', unsuccessfulApplicationYears: '6', leaversYears: '2', changeReason: 'Invented', version: '1' },
        { csrfFrom: '/admin/retention/settings' },
      );
      assert.equal(stale.statusCode, 409);
      assert.match(stale.body, /Someone saved the periods while you were changing them/);
      const welsh = await manager.get('/admin/retention/settings?lang=cy');
      assert.match(welsh.body, /Cyfnodau cadw/);
      assert.equal(await count('select count(*) from retention_settings where organisation_id = $1', [records]), 2, 'nothing saved from a refused form');
      const audits = await t.database.adminQuery(
        "select detail from audit_log where action = 'retention.configure' and outcome = 'success' and resource_type = 'retention_settings' order by at",
      );
      assert.deepEqual(
        audits.rows.map((row) => row.detail.version),
        [1, 2],
      );
      assert.equal((await recordsAdmin.get('/admin/retention/settings')).statusCode, 200, 'the administrator too');
      const finder = await t.signIn(await t.user(['family_finder'], records));
      assert.equal((await finder.get('/admin/retention/settings')).statusCode, 403);
    });

    it('places a hold on a case document listed under its case’s class', async () => {
      const held = await recordsAdmin.post(
        '/admin/retention/holds',
        { classCode: 'adoption_case_record', recordKind: 'child', recordId: r.document!, reason: 'Access to records request, invented' },
        { csrfFrom: '/admin/retention' },
      );
      assert.equal(held.statusCode, 303);
      assert.equal(await count("select count(*) from retention_holds where record_kind = 'case_document' and record_id = $1", [r.document]), 1);
      assert.match((await recordsAdmin.get('/admin/retention')).body, new RegExp(`data-testid="held-${r.document}"`));
    });

    /** Destroys records of one class as the administrator does, and says how many went. */
    const destroy = async (classCode: string, recordIds: string[]) => {
      const before = await count('select count(*) from retention_tombstones where organisation_id = $1', [records]);
      const response = await recordsAdmin.post('/admin/retention/destroy', { classCode, recordIds, confirm: 'yes' }, { csrfFrom: '/admin/retention' });
      assert.equal(response.statusCode, 303);
      return (await count('select count(*) from retention_tombstones where organisation_id = $1', [records])) - before;
    };
    const destroyedOnce = async (id: string, kind: string) => {
      assert.equal(await count('select count(*) from retention_tombstones where record_id = $1 and record_kind = $2', [id, kind]), 1);
      assert.equal(await count("select count(*) from audit_log where action = 'retention.destroy' and resource_id = $1 and resource_type = $2", [id, kind]), 1);
    };

    it('destroys a family’s support records once 75 years from the end of support are over, and the plan then answers 404', async () => {
      const manager = await t.signIn(await t.user(['service_manager'], records));
      const plan = await one('select id from support_plans where household_id = $1', [r.family]);
      assert.equal((await manager.get(`/support/plans/${plan.id}`)).statusCode, 200);
      // Another family whose support ended last year: not due for 75 years.
      const recent = await one(
        `insert into households (organisation_id, reference, stage, stage_since, email, enquiry_date) values ($1, 'AT-RET-SUP', 'approved', '2020-01-01', 'sup@example.invalid', '2019-01-01') returning id`,
        [records],
      );
      const lastYear = `${new Date().getUTCFullYear() - 1}-03-01T10:00:00Z`;
      await t.database.adminQuery(
        `insert into support_requests (organisation_id, household_id, source, need, status, requested_at, closed_at) values ($1, $2, 'family', 'Invented need', 'closed', $3, $3)`,
        [records, recent.id, lastYear],
      );
      assert.equal(await destroy('adoption_support_record', [r.family!, recent.id!]), 1);
      assert.equal(await count('select count(*) from support_plans where household_id = $1', [r.family]), 0);
      assert.equal(await count('select count(*) from support_requests where household_id = $1', [r.family]), 0);
      assert.equal(await count('select count(*) from support_requests where household_id = $1', [recent.id]), 1, 'not due yet');
      assert.equal(await count('select count(*) from households where id = $1', [r.family]), 1, 'the family’s own record is another class');
      await destroyedOnce(r.family!, 'support');
      assert.equal((await manager.get(`/support/plans/${plan.id}`)).statusCode, 404);
      assert.equal((await t.services.audit.verify(t.system)).break, undefined);
    });

    it('destroys a case document with its file only when no hold is on it, and its file then answers 404', async () => {
      const finderUser = await t.user(['family_finder'], records);
      const finder = await t.signIn(finderUser);
      await t.database.adminQuery('update children set family_finder_id = $2 where id = $1', [r.child, finderUser.id]);
      const stored = await one(`insert into documents (organisation_id, owner_kind, owner_id, kind) values ($1, 'child', $2, 'other') returning id`, [
        records,
        r.child,
      ]);
      await t.database.adminQuery(
        `insert into document_versions (organisation_id, document_id, version, owner_kind, owner_id, filename, content_type, byte_size, sha256)
         values ($1, $2, 1, 'child', $3, 'invented.txt', 'text/plain', 5, 'x')`,
        [records, stored.id, r.child],
      );
      await t.database.adminQuery(
        `insert into document_parts (organisation_id, document_id, version, part, owner_kind, owner_id, bytes) values ($1, $2, 1, 0, 'child', $3, 'hello')`,
        [records, stored.id, r.child],
      );
      const letter = await one(
        `insert into case_documents (organisation_id, owner_kind, owner_id, document_id, kind, title, document_date, visibility)
         values ($1, 'child', $2, $3, 'other', 'Invented letter', '1920-07-01', 'case') returning id`,
        [records, r.child, stored.id],
      );
      const list = `/children/${r.child}/documents`;
      const file = `/children/${r.child}/documents/${letter.id}/file`;
      assert.match((await finder.get(list)).body, /Invented letter/);
      // The held court order stays; so does the child, whom the hold on their document protects.
      assert.equal(await destroy('adoption_case_record', [r.document!, letter.id!, r.child!]), 1);
      assert.equal(await count('select count(*) from case_documents where id = $1', [r.document]), 1);
      assert.equal(await count('select count(*) from children where id = $1', [r.child]), 1);
      assert.equal(await count('select count(*) from case_documents where id = $1', [letter.id]), 0);
      assert.equal(await count('select count(*) from documents where id = $1', [stored.id]), 0, 'the file is gone from the store');
      assert.equal(await count('select count(*) from document_parts where document_id = $1', [stored.id]), 0);
      await destroyedOnce(letter.id!, 'case_document');
      assert.doesNotMatch((await finder.get(list)).body, /Invented letter/);
      assert.equal((await finder.get(file)).statusCode, 404);
      assert.equal((await t.services.audit.verify(t.system)).break, undefined);
    });

    it('destroys an adopted child’s record with what hangs from it, leaves their sibling whole, and the child then answers 404', async () => {
      const finderUser = await t.user(['family_finder'], records);
      const finder = await t.signIn(finderUser);
      const sibling = await one(
        `insert into children (organisation_id, legal_given_names, legal_family_name, date_of_birth, sex, ethnicity, legal_status, referral_date, shared_with, status, family_finder_id)
         values ($1, 'Invented', 'Sibling', '2019-02-01', 'male', 'white_british', 'placement_order', '2020-01-10', $2, 'family_finding', $3) returning id`,
        [records, [records], finderUser.id],
      );
      await t.database.adminQuery('update children set family_finder_id = $2 where id = $1', [r.child, finderUser.id]);
      const group = await one(`insert into sibling_groups (organisation_id) values ($1) returning id`, [records]);
      for (const child of [r.child, sibling.id])
        await t.database.adminQuery(`insert into sibling_group_members (group_id, child_id, organisation_id) values ($1, $2, $3)`, [group.id, child, records]);
      await t.database.adminQuery(
        `insert into sibling_relationships (group_id, child_id, sibling_id, organisation_id, relationship) values ($1, $2, $3, $4, 'full'), ($1, $3, $2, $4, 'full')`,
        [group.id, r.child, sibling.id, records],
      );
      await t.database.adminQuery(
        `insert into child_aces (organisation_id, child_id, category, status) values ($1, $2, 'bereavement', 'known'), ($1, $3, 'bereavement', 'known')`,
        [records, r.child, sibling.id],
      );
      const shared = await one(
        `insert into tac_meetings (organisation_id, child_ids, starts_at, ends_at) values ($1, $2, '1919-01-01T10:00:00Z', '1919-01-01T11:00:00Z') returning id`,
        [records, [r.child, sibling.id]],
      );
      const alone = await one(
        `insert into consultations (organisation_id, child_ids, psychologist_id, consultation_date, duration_minutes) values ($1, $2, $3, '1919-02-01', 60) returning id`,
        [records, [r.child], finderUser.id],
      );
      await t.database.adminQuery(
        `insert into finance_care_choices (organisation_id, child_id, care_kind, reason) values ($1, $2, 'foster_care', 'Invented')`,
        [records, r.child],
      );
      // A child adopted last year: not due for a hundred years.
      const recentChild = await one(
        `insert into children (organisation_id, legal_given_names, legal_family_name, date_of_birth, sex, ethnicity, legal_status, referral_date, shared_with, status)
         values ($1, 'Invented', 'Recent', '2018-02-01', 'female', 'white_british', 'placement_order', '2019-01-10', $2, 'placed') returning id`,
        [records, [records]],
      );
      await t.database.adminQuery(
        `insert into matches (organisation_id, child_organisation_id, shared_with, household_id, child_ids, unit_key, stage, stage_since, source, linked_date, adoption_order_date)
         values ($1, $1, $2, $3, $4, $5, 'adoption_order', '2025-06-01', 'manual', '2024-06-01', '2025-06-01')`,
        [records, [records], r.family, [recentChild.id], recentChild.id],
      );
      assert.equal((await finder.get(`/children/${r.child}`)).statusCode, 200);
      const hold = await one('select id, version from retention_holds where record_id = $1 and lifted_at is null', [r.document]);
      const lifted = await recordsAdmin.post(
        `/admin/retention/holds/${hold.id}/lift`,
        { reason: 'Request answered, invented', version: String(hold.version) },
        { csrfFrom: '/admin/retention' },
      );
      assert.equal(lifted.statusCode, 303);

      assert.equal(await destroy('adoption_case_record', [r.child!, recentChild.id!]), 1);
      assert.equal(await count('select count(*) from children where id = $1', [r.child]), 0);
      assert.equal(await count('select count(*) from children where id = $1', [recentChild.id]), 1, 'not due yet');
      assert.equal(await count('select count(*) from child_aces where child_id = $1', [r.child]), 0);
      assert.equal(await count('select count(*) from case_documents where id = $1', [r.document]), 0, 'the child’s documents go with the child');
      assert.equal(await count('select count(*) from consultations where id = $1', [alone.id]), 0);
      assert.equal(await count('select count(*) from finance_care_choices where child_id = $1', [r.child]), 0);
      // The sibling keeps their record, their group, their ACEs and the meeting they shared.
      assert.equal(await count('select count(*) from children where id = $1', [sibling.id]), 1);
      assert.equal(await count('select count(*) from sibling_group_members where group_id = $1 and child_id = $2', [group.id, sibling.id]), 1);
      assert.equal(await count('select count(*) from sibling_relationships where child_id = $1 or sibling_id = $1', [r.child]), 0);
      assert.equal(await count('select count(*) from child_aces where child_id = $1', [sibling.id]), 1);
      assert.deepEqual((await one('select child_ids from tac_meetings where id = $1', [shared.id])).child_ids, [sibling.id]);
      assert.equal((await finder.get(`/children/${sibling.id}`)).statusCode, 200);
      // The match stays with the family's record, the child taken off it.
      assert.deepEqual((await one('select child_ids from matches where id = $1', [r.match])).child_ids, []);
      await destroyedOnce(r.child!, 'child');
      assert.equal((await finder.get(`/children/${r.child}`)).statusCode, 404);
      const token = await t.token(finderUser);
      const api = await t.app.inject({ method: 'GET', url: `/api/v1/children/${r.child}`, headers: { authorization: `Bearer ${token}` } });
      assert.equal(api.statusCode, 404);
      assert.ok((await count('select count(*) from audit_log where resource_id = $1', [r.child])) > 1, 'the audit entries about the child stay');
      assert.equal((await t.services.audit.verify(t.system)).break, undefined, 'the audit chain still verifies');
    });

    it('takes the free text off a referral that stays for a sibling, says so on the sibling’s history and the referral, and keeps the sibling whole', async () => {
      const finderUser = await t.user(['family_finder'], records);
      const finder = await t.signIn(finderUser);
      const referral = await one(
        `insert into referrals (organisation_id, agency_id, referred_by, status, legal_basis, legal_basis_notes, submitted_at, decided_at)
         values ($1, $1, $2, 'accepted', 'other', 'Consent from Invented Elder’s birth mother, 1918', '1918-01-10T10:00:00Z', '1918-02-01T10:00:00Z') returning id`,
        [records, finderUser.id],
      );
      const insertChild = async (givenNames: string, bornOn: string, status: string) =>
        one(
          `insert into children (organisation_id, referral_id, legal_given_names, legal_family_name, date_of_birth, sex, ethnicity, legal_status, referral_date, shared_with, status, family_finder_id)
           values ($1, $2, $3, 'Referred', $4, 'female', 'white_british', 'placement_order', '1918-01-10', $5, $6, $7) returning id`,
          [records, referral.id, givenNames, bornOn, [records], status, finderUser.id],
        );
      const elder = await insertChild('Elder', '1915-03-01', 'placed');
      const younger = await insertChild('Younger', '1917-05-01', 'family_finding');
      // The elder was adopted in 1920 (due); the younger is still on record.
      await t.database.adminQuery(
        `insert into matches (organisation_id, child_organisation_id, shared_with, household_id, child_ids, unit_key, stage, stage_since, source, linked_date, adoption_order_date)
         values ($1, $1, $2, $3, $4, $5, 'adoption_order', '1920-06-01', 'manual', '1919-06-01', '1920-06-01')`,
        [records, [records], r.family, [elder.id], elder.id],
      );
      assert.match((await finder.get(`/referrals/${referral.id}`)).body, /Invented Elder/);

      assert.equal(await destroy('adoption_case_record', [elder.id!]), 1);
      assert.equal(await count('select count(*) from children where id = $1', [elder.id]), 0);
      const kept = await one('select status, legal_basis, legal_basis_notes, decline_reason, draft from referrals where id = $1', [referral.id]);
      assert.deepEqual(
        kept,
        { status: 'accepted', legal_basis: 'other', legal_basis_notes: null, decline_reason: null, draft: null },
        'the facts stay, the words go',
      );
      assert.equal(
        await count('select count(*) from children where id = $1 and referral_id = $2', [younger.id, referral.id]),
        1,
        'the sibling keeps their record',
      );
      const page = await finder.get(`/referrals/${referral.id}`);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /Invented Elder/);
      assert.match(page.body, /Removed when the record of a child in this referral was destroyed at the end of its retention period/);
      assert.match(
        (await finder.get(`/children/${younger.id}/chronology`)).body,
        /Referral notes removed: the record of a child referred with them was destroyed/,
      );
      const welsh = await finder.get(`/children/${younger.id}/chronology?lang=cy`);
      assert.match(welsh.body, /Tynnwyd nodiadau’r atgyfeiriad/);
      await finder.get(`/children/${younger.id}/chronology?lang=en`);
      assert.equal((await t.services.audit.verify(t.system)).break, undefined, 'the audit chain still verifies');
    });

    it('takes the assessment reasons off a sibling group that stays for a sibling, in the group and its history, says so, and lets a worker write new ones', async () => {
      const finderUser = await t.user(['family_finder'], records);
      const finder = await t.signIn(finderUser);
      const insertChild = async (givenNames: string, bornOn: string, status: string) =>
        one(
          `insert into children (organisation_id, legal_given_names, legal_family_name, date_of_birth, sex, ethnicity, legal_status, referral_date, shared_with, status, family_finder_id)
           values ($1, $2, 'Grouped', $3, 'male', 'white_british', 'placement_order', '1918-01-10', $4, $5, $6) returning id`,
          [records, givenNames, bornOn, [records], status, finderUser.id],
        );
      const wren = await insertChild('Wren', '1914-03-01', 'placed');
      const robin = await insertChild('Robin', '1916-05-01', 'family_finding');
      // Wren was adopted in 1920 (due); Robin is still on record.
      await t.database.adminQuery(
        `insert into matches (organisation_id, child_organisation_id, shared_with, household_id, child_ids, unit_key, stage, stage_since, source, linked_date, adoption_order_date)
         values ($1, $1, $2, $3, $4, $5, 'adoption_order', '1920-06-01', 'manual', '1919-06-01', '1920-06-01')`,
        [records, [records], r.family, [wren.id], wren.id],
      );
      const firstWords = 'Invented Wren looks after Invented Robin at night; keep them together';
      const group = await one(
        `insert into sibling_groups (organisation_id, assessment, assessment_reasons, assessment_date) values ($1, 'together', $2, '1918-01-05') returning id`,
        [records, firstWords],
      );
      for (const child of [wren.id, robin.id])
        await t.database.adminQuery(`insert into sibling_group_members (group_id, child_id, organisation_id) values ($1, $2, $3)`, [group.id, child, records]);
      await t.database.adminQuery(
        `insert into sibling_group_history (group_id, organisation_id, assessment, reasons, assessment_date, event, at) values ($1, $2, 'together', $3, '1918-01-05', 'created', '1918-01-10T10:00:00Z')`,
        [group.id, records, firstWords],
      );
      // A worker's later assessment, through the page: the first one is kept in the history.
      const groupPage = `/sibling-groups/${group.id}`;
      const version = /name="version" value="(\d+)"/.exec((await finder.get(groupPage)).body)?.[1] ?? assert.fail('no version');
      const assessed = await finder.post(groupPage, {
        version,
        assessment: 'together',
        reasons: 'Invented Robin asks for Invented Wren every day; still together',
        'assessmentDate-day': '1',
        'assessmentDate-month': '3',
        'assessmentDate-year': '1919',
      });
      assert.equal(assessed.statusCode, 303);
      assert.match((await finder.get(groupPage)).body, /asks for Invented Wren every day/);
      const staleVersion = /name="version" value="(\d+)"/.exec((await finder.get(groupPage)).body)?.[1] ?? assert.fail('no version');
      const words = /Invented Wren|Invented Robin/;

      assert.equal(await destroy('adoption_case_record', [wren.id!]), 1);
      assert.equal(await count('select count(*) from children where id = $1', [wren.id]), 0);
      // The words are nowhere in the database: the group, its history, the sibling's history or any other table.
      const { rows: tables } = await t.database.adminQuery(
        `select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
      );
      const holding: string[] = [];
      for (const { table_schema: schema, table_name: table } of tables as { table_schema: string; table_name: string }[])
        if ((await count(`select count(*) from "${schema}"."${table}" x where x::text ~ 'Invented (Wren|Robin)'`)) > 0) holding.push(`${schema}.${table}`);
      assert.deepEqual(holding, [], 'no table keeps the reasons');
      // The facts stay: together, the date, the sibling a member.
      const kept = await one(
        `select assessment, assessment_reasons, to_char(assessment_date, 'YYYY-MM-DD') as assessment_date, assessment_reasons_removed_at is not null as marked from sibling_groups where id = $1`,
        [group.id],
      );
      assert.deepEqual(kept, { assessment: 'together', assessment_reasons: null, assessment_date: '1919-03-01', marked: true });
      assert.deepEqual(
        (await t.database.adminQuery('select child_id from sibling_group_members where group_id = $1', [group.id])).rows.map((m) => m.child_id),
        [robin.id],
      );
      assert.equal(await count('select count(*) from sibling_group_history where group_id = $1 and reasons_removed_at is not null', [group.id]), 2);
      assert.equal(await count("select count(*) from sibling_group_history where group_id = $1 and event = 'reasons-removed'", [group.id]), 1);

      const after = await finder.get(groupPage);
      assert.equal(after.statusCode, 200);
      assert.doesNotMatch(after.body, words);
      assert.match(after.body, /data-testid="current-assessment">Place together</);
      const removed = /Removed when the record of a child in this group was destroyed at the end of its retention period/;
      assert.match(/data-testid="sibling-assessment"[\s\S]*?<\/dl>/.exec(after.body)?.[0] ?? '', removed);
      assert.match(
        /data-testid="sibling-history"[\s\S]*?<\/table>/.exec(after.body)?.[0] ?? '',
        /Reasons removed: the record of a child in the group was destroyed at the end of its retention period/,
      );
      const child = await finder.get(`/children/${robin.id}`);
      assert.match(/data-testid="child-siblings"[\s\S]*?<\/dl>/.exec(child.body)?.[0] ?? '', removed);
      assert.match(
        (await finder.get(`/children/${robin.id}/chronology`)).body,
        /Reasons for the sibling group’s assessment removed: the record of a brother or sister in the group was destroyed/,
      );
      const welsh = await finder.get(`${groupPage}?lang=cy`);
      assert.match(welsh.body, /Tynnwyd pan ddinistriwyd cofnod plentyn yn y grŵp hwn ar ddiwedd ei gyfnod cadw/);
      assert.match(welsh.body, /Tynnwyd y rhesymau: dinistriwyd cofnod plentyn yn y grŵp/);
      assert.match((await finder.get(`/children/${robin.id}`)).body, /Tynnwyd pan ddinistriwyd cofnod plentyn yn y grŵp hwn/);
      assert.match((await finder.get(`/children/${robin.id}/chronology`)).body, /Tynnwyd y rhesymau dros asesiad y grŵp o frodyr a chwiorydd/);
      await finder.get(`${groupPage}?lang=en`);

      // A form opened before the destruction is stale; a worker writes new reasons at the version now shown.
      const stale = await finder.post(groupPage, { version: staleVersion, assessment: 'together', reasons: 'Written on a page opened before' });
      assert.equal(stale.statusCode, 409);
      const current = /name="version" value="(\d+)"/.exec((await finder.get(groupPage)).body)?.[1] ?? assert.fail('no version');
      const rewritten = await finder.post(groupPage, {
        version: current,
        assessment: 'together',
        reasons: 'Robin’s new carers keep up his letters; plan unchanged',
      });
      assert.equal(rewritten.statusCode, 303);
      const renewed = await finder.get(groupPage);
      const now = /data-testid="sibling-assessment"[\s\S]*?<\/dl>/.exec(renewed.body)?.[0] ?? '';
      assert.match(now, /Robin’s new carers keep up his letters/);
      assert.doesNotMatch(now, removed, 'the new reasons replace the notice');
      assert.match(/data-testid="sibling-history"[\s\S]*?<\/table>/.exec(renewed.body)?.[0] ?? '', removed, 'the history still says what went');
      assert.equal((await t.services.audit.verify(t.system)).break, undefined, 'the audit chain still verifies');
    });

    it('destroys a leaver’s account by emptying it, keeps a recent leaver’s, and the account then answers 404', async () => {
      assert.equal((await recordsAdmin.get(`/admin/users/${r.leaver}`)).statusCode, 200);
      const recentLeaver = (await t.user(['social_worker'], records)).id;
      await t.database.adminQuery(`update users set disabled_at = now() where id = $1`, [recentLeaver]);
      // Calendar feed addresses: the leaver's current and revoked ones, the recent leaver's.
      for (const [user, revoked] of [
        [r.leaver, null],
        [r.leaver, '2018-12-01T10:00:00Z'],
        [recentLeaver, null],
      ])
        await t.database.adminQuery(`insert into calendar_feeds (user_id, token_hash, revoked_at) values ($1, $2, $3)`, [user, randomUUID(), revoked]);
      assert.equal(await destroy('leaver_account', [r.leaver!, recentLeaver]), 1);
      assert.equal(await count('select count(*) from calendar_feeds where user_id = $1', [r.leaver]), 0, 'the leaver’s feeds go with the account');
      assert.equal(await count('select count(*) from calendar_feeds where user_id = $1', [recentLeaver]), 1, 'a leaver not yet due keeps theirs');
      const account = await one('select name, email, roles, destroyed_at from users where id = $1', [r.leaver]);
      assert.equal(account.name, '');
      assert.equal(account.email, `destroyed-${r.leaver}@retention.invalid`);
      assert.deepEqual(account.roles, []);
      assert.ok(account.destroyed_at);
      assert.equal(await count('select count(*) from sessions where user_id = $1', [r.leaver]), 0);
      assert.equal(await count('select count(*) from users where id = $1 and destroyed_at is null', [recentLeaver]), 1, 'not due yet');
      await destroyedOnce(r.leaver!, 'user_account');
      assert.equal((await recordsAdmin.get(`/admin/users/${r.leaver}`)).statusCode, 404);
      assert.doesNotMatch((await recordsAdmin.get('/admin/users?status=disabled')).body, new RegExp(r.leaver!));
      assert.equal(await destroy('leaver_account', [r.leaver!]), 0, 'destroyed once only');
      assert.equal((await t.services.audit.verify(t.system)).break, undefined, 'the audit chain still verifies');
    });
  });
});
