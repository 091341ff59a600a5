import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApp, type Browser, type TestApp } from '../support/app.ts';
import { together } from '../support/cli.ts';
import { readZip } from '../../src/platform/backup/zip-read.ts';

/**
 * A subject access request as an agency answers one: the operator runs `together sar`, or the
 * administrator downloads it from the person's page; the bundle holds the person's records, other
 * people redacted, nothing of another household, with a SHA-256 manifest, and is audited. All
 * people are fictional.
 */
describe('subject access request', () => {
  let t: TestApp;
  let agency: string;
  let dir: string;
  let admin: Browser;
  let otherAdmin: Browser;
  let adopterUser: string;
  const ids: Record<string, string> = {};
  const count = async (sql: string, values: unknown[] = []) => Number((await t.database.adminQuery(sql, values)).rows[0].count);

  const one = async (sql: string, values: unknown[]) => (await t.database.adminQuery(sql, values)).rows[0] as Record<string, string>;
  const bytesOf = (f: string | { base64: string }) => (typeof f === 'string' ? Buffer.from(f) : Buffer.from(f.base64, 'base64'));
  const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

  /** A case document filed on a record, as the store keeps it (one version, one part); its SHA-256. */
  async function fileDocument(ownerKind: 'child' | 'sibling_group' | 'household' | 'match', ownerId: string, filename: string, text: string) {
    const bytes = Buffer.from(text);
    const document = await one(
      `insert into documents (organisation_id, owner_kind, owner_id, kind, current_version) values ($1, $2, $3, 'other', 1) returning id`,
      [agency, ownerKind, ownerId],
    );
    await t.database.adminQuery(
      `insert into document_versions (document_id, version, organisation_id, owner_kind, owner_id, filename, content_type, byte_size, sha256) values ($1, 1, $2, $3, $4, $5, 'application/pdf', $6, $7)`,
      [document.id, agency, ownerKind, ownerId, filename, bytes.length, sha(bytes)],
    );
    await t.database.adminQuery(
      `insert into document_parts (document_id, version, part, organisation_id, owner_kind, owner_id, bytes) values ($1, 1, 0, $2, $3, $4, $5)`,
      [document.id, agency, ownerKind, ownerId, bytes],
    );
    await t.database.adminQuery(
      `insert into case_documents (organisation_id, owner_kind, owner_id, document_id, kind, title, document_date, visibility) values ($1, $2, $3, $4, 'other', $5, '2025-03-01', 'case')`,
      [agency, ownerKind, ownerId, document.id, `Invented ${filename}`],
    );
    return sha(bytes);
  }

  async function household(organisationId: string, people: { given: string; family: string; email: string; userId?: string }[]) {
    const id = randomUUID();
    await t.database.adminQuery(
      `insert into households (id, organisation_id, reference, stage, stage_since, email, enquiry_date, address_line1, adopter_user_ids)
       values ($1, $2, $3, 'stage1', '2026-01-05', $4, '2025-11-01', $5, $6)`,
      [id, organisationId, `AT-SAR-${id.slice(0, 8)}`, people[0]!.email, `${people[0]!.family} House`, people.flatMap((p) => (p.userId ? [p.userId] : []))],
    );
    const applicants: string[] = [];
    for (const p of people) {
      const { rows } = await t.database.adminQuery(
        `insert into applicants (household_id, organisation_id, given_names, family_name, email, user_id) values ($1, $2, $3, $4, $5, $6) returning id`,
        [id, organisationId, p.given, p.family, p.email, p.userId ?? null],
      );
      applicants.push(rows[0].id);
      await t.database.adminQuery(
        `insert into enquiries (organisation_id, household_id, given_names, family_name, email, postcode, preferred_language) values ($1, $2, $3, $4, $5, 'SA1 1AA', 'cy')`,
        [organisationId, id, p.given, p.family, p.email],
      );
    }
    return { id, applicants };
  }

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('sar-agency', 'agency');
    const elsewhere = await t.organisation('sar-elsewhere', 'agency');
    admin = await t.signIn(await t.user(['administrator'], agency));
    otherAdmin = await t.signIn(await t.user(['administrator'], elsewhere));
    adopterUser = (await t.user(['adopter'], agency, 'gwen.invented@example.invalid')).id;
    const mine = await household(agency, [
      { given: 'Gwen', family: 'Inventedname', email: 'gwen.invented@example.invalid', userId: adopterUser },
      { given: 'Partnerperson', family: 'Madeupname', email: 'partner.madeup@example.invalid' },
    ]);
    ids.household = mine.id;
    ids.applicant = mine.applicants[0]!;
    await t.database.adminQuery(
      `insert into household_members (household_id, organisation_id, kind, name, relationship) values ($1, $2, 'child', 'Fictionalchild', 'birth child')`,
      [mine.id, agency],
    );
    await t.database.adminQuery(`insert into household_checks (household_id, organisation_id, kind, subject) values ($1, $2, 'reference', 'Pretendreferee')`, [
      mine.id,
      agency,
    ]);
    const thread = randomUUID();
    await t.database.adminQuery(`insert into portal_threads (id, organisation_id, household_id, subject) values ($1, $2, $3, 'Our medicals')`, [
      thread,
      agency,
      mine.id,
    ]);
    await t.database.adminQuery(
      `insert into portal_messages (thread_id, organisation_id, household_id, author_id, from_family, body) values ($1, $2, $3, $4, true, 'When is the medical?')`,
      [thread, agency, mine.id, adopterUser],
    );
    const theirs = await household(agency, [{ given: 'Otherfamily', family: 'Notthisone', email: 'other.family@example.invalid' }]);
    ids.otherApplicant = theirs.applicants[0]!;
    ids.otherHousehold = theirs.id;
    ids.partnerApplicant = mine.applicants[1]!;
    dir = mkdtempSync(path.join(tmpdir(), 'together-sar-'));
  });
  after(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the person’s records with a README and a SHA-256 manifest, other people redacted, nothing of another household', async () => {
    const out = path.join(dir, 'gwen');
    const run = await together(['sar', '--person', ids.applicant!, '--out', out], { env: { DATABASE_URL: t.database.url, DATA_DIR: path.join(dir, 'data') } });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Wrote \d+ files for user/);
    const names = readdirSync(out).sort();
    for (const name of [
      'README.md',
      'manifest.json',
      'account.json',
      'applicant.json',
      'household.json',
      'enquiries.json',
      'portal-messages.json',
      'audit.json',
    ])
      assert.ok(names.includes(name), `${name} is in the bundle`);
    const all = names.map((name) => readFileSync(path.join(out, name), 'utf8')).join('\n');
    assert.match(all, /Gwen/);
    assert.match(all, /Inventedname House/);
    assert.match(all, /When is the medical\?/);
    for (const other of [
      'Partnerperson',
      'Madeupname',
      'partner.madeup',
      'Fictionalchild',
      'Pretendreferee',
      'Otherfamily',
      'Notthisone',
      'other.family',
      ids.otherApplicant!,
    ])
      assert.equal(all.includes(other), false, `${other} is not in the bundle`);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { files: { name: string; sha256: string }[] };
    for (const file of manifest.files)
      assert.equal(
        file.sha256,
        createHash('sha256')
          .update(readFileSync(path.join(out, file.name)))
          .digest('hex'),
        `${file.name}'s SHA-256`,
      );
    assert.match(readFileSync(path.join(out, 'README.md'), 'utf8'), /household-applicants\.json: the other applicant's name/);
    const { rows } = await t.database.adminQuery("select role, channel from audit_log where action = 'subjectAccess.export' and resource_id = $1", [
      ids.applicant,
    ]);
    assert.deepEqual(rows, [{ role: 'system:operator', channel: 'cli' }]);
  });

  it('says so when there is no such person, and writes nothing', async () => {
    const out = path.join(dir, 'nobody');
    const run = await together(['sar', '--person', randomUUID(), '--out', out], { env: { DATABASE_URL: t.database.url, DATA_DIR: path.join(dir, 'data') } });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /no applicant or account with id/);
    assert.throws(() => readdirSync(out));
  });

  it('lets the administrator download it from the person’s page, and no other organisation’s administrator', async () => {
    const page = await admin.get(`/admin/users/${adopterUser}`);
    assert.match(page.body, /data-testid="subject-access"/);
    const download = await admin.post(`/admin/users/${adopterUser}/subject-access`, {}, { csrfFrom: `/admin/users/${adopterUser}` });
    assert.equal(download.statusCode, 200);
    assert.match(String(download.headers['content-disposition']), /attachment/);
    const files = (JSON.parse(download.body) as { files: Record<string, string> }).files;
    assert.match(files['applicant.json']!, /Gwen/);
    assert.equal(JSON.stringify(files).includes('Partnerperson'), false);
    const csrf = await otherAdmin.csrfFrom('/admin/audit');
    const refused = await otherAdmin.post(`/admin/users/${adopterUser}/subject-access`, {}, { csrf });
    assert.equal(refused.statusCode, 404);
  });

  it('gives an adopter their training, preparation, support and the family’s documents, other families, staff and the children’s names left out, with a PDF in English and Welsh', async () => {
    const worker = await t.user(['social_worker'], agency);
    const course = await one(
      `insert into courses (organisation_id, title, title_cy, kind, required_for_stage1) values ($1, 'Invented preparation group', 'Grŵp paratoi dychmygol', 'preparation', true) returning id`,
      [agency],
    );
    const session = await one(
      `insert into course_sessions (course_id, organisation_id, starts_at, ends_at, venue, capacity, facilitator_ids, facilitator_names)
       values ($1, $2, '2026-02-01T10:00:00Z', '2026-02-01T16:00:00Z', 'Invented Hall', 20, $3, 'Trainerperson Staffname') returning id`,
      [course.id, agency, [worker.id]],
    );
    await t.database.adminQuery(
      `insert into course_bookings (session_id, applicant_id, household_id, organisation_id, attendance, certificate_number, certificate_issued_on, booked_by)
       values ($1, $2, $3, $4, 'attended', 'SAR-CERT-OWN', '2026-02-02', $5), ($1, $6, $3, $4, 'attended', 'SAR-CERT-PARTNER', '2026-02-02', $5)`,
      [session.id, ids.applicant, ids.household, agency, worker.id, ids.partnerApplicant],
    );
    await t.database.adminQuery(
      `insert into adopter_preparation_sessions (organisation_id, household_id, worker_id, session_date, duration_minutes, attendance, readiness_reflection)
       values ($1, $2, $3, '2026-02-10', 90, $4, 'Gwen and Partnerperson talked about Placedchild')`,
      [agency, ids.household, worker.id, JSON.stringify({ [ids.applicant!]: true, [ids.partnerApplicant!]: false })],
    );
    const placed = await one(
      `insert into children (organisation_id, legal_given_names, legal_family_name, date_of_birth, sex, ethnicity, legal_status, referral_date, shared_with, status)
       values ($1, 'Placedchild', 'Adoptedsurname', '2020-03-01', 'male', 'white_british', 'placement_order', '2025-01-10', $2, 'placed') returning id`,
      [agency, [agency]],
    );
    const match = await one(
      `insert into matches (organisation_id, child_organisation_id, shared_with, household_id, child_ids, unit_key, stage, stage_since, source, linked_date, placement_date)
       values ($1, $1, $2, $3, $4, $5, 'placed', '2026-03-01', 'manual', '2026-01-15', '2026-03-01') returning id`,
      [agency, [agency], ids.household, [placed.id], placed.id],
    );
    const plan = await one(
      `insert into support_plans (organisation_id, match_id, household_id, needs_summary, agreed_date, created_by) values ($1, $2, $3, 'Placedchild needs help settling at school', '2026-03-15', $4) returning id`,
      [agency, match.id, ids.household, worker.id],
    );
    await t.database.adminQuery(
      `insert into support_plan_items (plan_id, household_id, need, support, provider) values ($1, $2, 'Sleep', 'Theraplay for Placedchild', 'The agency')`,
      [plan.id, ids.household],
    );
    for (const [home, notes] of [
      [ids.household, 'Placedchild was calmer this week'],
      [ids.otherHousehold, 'Another family’s session notes'],
    ])
      await t.database.adminQuery(
        `insert into support_sessions (organisation_id, household_id, match_id, kind, worker_id, starts_at, duration_minutes, mode, status, notes)
         values ($1, $2, $3, 'theraplay', $4, '2026-04-01T10:00:00Z', 60, 'in_person', 'delivered', $5)`,
        [agency, home, home === ids.household ? match.id : null, worker.id, notes],
      );
    await t.database.adminQuery(
      `insert into support_requests (organisation_id, household_id, source, requested_by, need) values ($1, $2, 'family', $3, 'Help with letterbox contact')`,
      [agency, ids.household, adopterUser],
    );
    const event = await one(
      `insert into support_events (organisation_id, kind, title, title_cy, starts_at, ends_at, venue, facilitator_id) values ($1, 'event', 'Invented summer picnic', 'Picnic haf dychmygol', '2026-07-01T10:00:00Z', '2026-07-01T14:00:00Z', 'Invented Park', $2) returning id`,
      [agency, worker.id],
    );
    await t.database.adminQuery(
      `insert into support_event_attendance (event_id, household_id, attended, adults, children) values ($1, $2, true, 2, 1), ($1, $3, true, 1, 3)`,
      [event.id, ids.household, ids.otherHousehold],
    );
    // An interest the family expressed in a waiting child, not taken forward with the agency's reason.
    const waiting = await one(
      `insert into children (organisation_id, legal_given_names, legal_family_name, date_of_birth, sex, ethnicity, legal_status, referral_date, shared_with, status)
       values ($1, 'Waitingchild', 'Othersurname', '2019-05-01', 'female', 'white_british', 'placement_order', '2025-02-10', $2, 'waiting') returning id`,
      [agency, [agency]],
    );
    await t.database.adminQuery(
      `insert into expressions_of_interest (organisation_id, household_id, child_id, unit_key, child_ids, message, status, reason, reason_language, answered_by, answered_at, created_by)
       values ($1, $2, $3, $3, $4, 'We would love to hear more about Waitingchild', 'not_taken_forward', 'Waitingchild needs to live near her school, invented', 'en', $5, now(), $6)`,
      [agency, ids.household, waiting.id, [waiting.id], worker.id, adopterUser],
    );
    const reportHash = await fileDocument('household', ids.household!, 'adopters-report.pdf', '%PDF-1.4 invented prospective adopter report');
    await fileDocument('household', ids.otherHousehold!, 'not-theirs.pdf', '%PDF-1.4 another family');

    const download = await admin.post(`/admin/users/${adopterUser}/subject-access`, {}, { csrfFrom: `/admin/users/${adopterUser}` });
    assert.equal(download.statusCode, 200);
    const files = (JSON.parse(download.body) as { files: Record<string, string | { base64: string }> }).files;
    const text = (name: string) => files[name] as string;
    const bookings = JSON.parse(text('training-bookings.json')) as { certificateNumber: string; course: string; attendance: string }[];
    assert.deepEqual(
      bookings.map((b) => [b.course, b.attendance, b.certificateNumber]),
      [['Invented preparation group', 'attended', 'SAR-CERT-OWN']],
    );
    assert.match(text('preparation-sessions.json'), /"youAttended": true/);
    assert.match(text('support-plans.json'), /needs help settling at school/);
    assert.match(text('support-plan-items.json'), /Theraplay for \[redacted: a child’s name\]/);
    assert.match(text('support-sessions.json'), /was calmer this week/);
    assert.match(text('support-requests.json'), /Help with letterbox contact[\s\S]*"from": "you"/);
    assert.match(text('support-events.json'), /Invented summer picnic/);
    const interests = JSON.parse(text('interests.json')) as { message: string; status: string; reason: string; children: number }[];
    assert.deepEqual(
      interests.map((i) => [i.message, i.status, i.reason, i.children]),
      [
        [
          'We would love to hear more about [redacted: a child’s name]',
          'not_taken_forward',
          '[redacted: a child’s name] needs to live near her school, invented',
          1,
        ],
      ],
    );
    const documentName = Object.keys(files).find((n) => n.startsWith('documents/'));
    assert.equal(documentName?.endsWith('adopters-report.pdf'), true, 'the document filed on the family, and no other family’s');
    assert.equal(Object.keys(files).filter((n) => n.startsWith('documents/')).length, 1);
    assert.equal(sha(bytesOf(files[documentName]!)), reportHash);

    const all = download.body;
    for (const other of [
      'SAR-CERT-PARTNER',
      'Trainerperson',
      'Staffname',
      worker.id,
      'Placedchild',
      'Adoptedsurname',
      'Waitingchild',
      'Othersurname',
      waiting.id!,
      'Another family’s session notes',
      'Partnerperson',
      ids.otherHousehold!,
      'not-theirs.pdf',
    ])
      assert.equal(all.includes(other), false, `${other} is not in the bundle`);
    const readme = text('README.md');
    assert.match(readme, /names of the children matched or placed with the family, in free text/);
    assert.match(readme, /## To read before sending[\s\S]*support-sessions\.json: session notes are as written/);
    assert.match(readme, /interests\.json: which children each interest was in/);

    const manifest = JSON.parse(text('manifest.json')) as { files: { name: string; sha256: string }[] };
    assert.deepEqual(
      manifest.files.map((f) => f.name).sort(),
      Object.keys(files)
        .filter((n) => n !== 'manifest.json')
        .sort(),
      'the manifest lists every file',
    );
    for (const entry of manifest.files) assert.equal(sha(bytesOf(files[entry.name]!)), entry.sha256, `${entry.name}'s SHA-256`);
    const pdfPath = path.join(dir, 'gwen-summary.pdf');
    writeFileSync(pdfPath, bytesOf(files['summary.pdf']!));
    const summary = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' });
    assert.match(summary, /Subject access request: person/);
    assert.match(summary, /Cais gwrthrych am wybodaeth: unigolyn/);
    assert.match(summary, /Preparation training bookings: 1 \/ Lleoedd ar hyfforddiant paratoi: 1/);
    assert.match(summary, /Adoption support plans: 1 \/ Cynlluniau cymorth mabwysiadu: 1/);
    assert.match(summary, /Case documents filed on the family: 1/);
  });

  it('gives a local authority member of staff the satisfaction answers they gave, without the child, and says a worker’s answers cannot be found', async () => {
    const council = await t.organisation('sar-council', 'local_authority');
    const referrer = await t.user(['la_referrer'], council, 'referrer.invented@example.invalid');
    const child = (
      await one(
        `insert into children (organisation_id, legal_given_names, legal_family_name, date_of_birth, sex, ethnicity, legal_status, referral_date, shared_with, status)
         values ($1, 'Ratedchild', 'Madeupsurname', '2019-02-01', 'female', 'white_british', 'placement_order', '2024-01-10', $2, 'placed') returning id`,
        [council, [council, agency]],
      )
    ).id!;
    const statements = ['referral', 'kept_informed', 'family_meets_needs', 'therapeutic', 'partnership', 'value', 'refer_again'];
    const answers = Object.fromEntries(statements.map((code, i) => [code, (i % 5) + 1]));
    await t.database.adminQuery(
      `insert into partner_satisfaction_responses (respondent_group, organisation_id, agency_id, child_id, instrument_code, instrument_version, due_on, due_months, period, answers, scores, comment, language, submitted_on, respondent_user_id)
       values ('local_authority', $1, $2, $3, 'authority-satisfaction', 1, '2025-06-01', 3, '2025', $4, $5, 'The introductions went well, invented.', 'en', '2025-06-10', $6)`,
      [council, agency, child, JSON.stringify(answers), JSON.stringify({ satisfaction: 19 }), referrer.id],
    );
    // A colleague's answer about another child is theirs, not the referrer's.
    const colleague = await t.user(['la_referrer'], council);
    await t.database.adminQuery(
      `insert into partner_satisfaction_responses (respondent_group, organisation_id, agency_id, child_id, instrument_code, instrument_version, due_on, due_months, period, answers, scores, comment, language, submitted_on, respondent_user_id)
       values ('local_authority', $1, $2, $3, 'authority-satisfaction', 1, '2025-09-01', 3, '2025', $4, $5, 'A colleague’s comment, invented.', 'en', '2025-09-10', $6)`,
      [council, agency, child, JSON.stringify(answers), JSON.stringify({ satisfaction: 19 }), colleague.id],
    );
    // A worker answered for 2025-26: the receipt names them, the anonymous answer does not.
    const worker = await t.user(['social_worker'], agency, 'worker.invented@example.invalid');
    await t.database.adminQuery(
      `insert into worker_questionnaire_receipts (user_id, organisation_id, instrument_code, period) values ($1, $2, 'workforce-satisfaction', '2025-26')`,
      [worker.id, agency],
    );
    await t.database.adminQuery(
      `insert into partner_satisfaction_responses (respondent_group, organisation_id, agency_id, instrument_code, instrument_version, due_on, period, answers, scores, comment, language)
       values ('worker', $1, $1, 'workforce-satisfaction', 1, '2025-04-01', '2025-26', '{"training": 4}', '{"satisfaction": 20}', 'An anonymous worker’s comment, invented.', 'en')`,
      [agency],
    );

    const sar = async (person: string, name: string) => {
      const out = path.join(dir, name);
      const run = await together(['sar', '--person', person, '--out', out], { env: { DATABASE_URL: t.database.url, DATA_DIR: path.join(dir, 'data') } });
      assert.equal(run.code, 0, run.stderr);
      return { out, read: (file: string) => readFileSync(path.join(out, file), 'utf8') };
    };

    const mine = await sar(referrer.id, 'referrer');
    const satisfaction = JSON.parse(mine.read('satisfaction.json')) as {
      authorityAnswers: { submittedOn: string; statements: { statement: string; answer: number }[]; overallScore: number; comment: string }[];
      workerQuestionnairesAnswered: unknown[];
    };
    assert.equal(satisfaction.authorityAnswers.length, 1, 'their own answer, not a colleague’s');
    const [answer] = satisfaction.authorityAnswers;
    assert.equal(answer!.submittedOn, '2025-06-10');
    assert.equal(answer!.statements.length, 7);
    assert.deepEqual(answer!.statements[0], { statement: 'The agency responded promptly and clearly to our referral.', answer: 1 });
    assert.equal(answer!.statements[6]!.answer, 2);
    assert.equal(answer!.overallScore, 19);
    assert.equal(answer!.comment, 'The introductions went well, invented.');
    assert.deepEqual(satisfaction.workerQuestionnairesAnswered, []);
    const everything = readdirSync(mine.out)
      .filter((f) => f.endsWith('.json') || f.endsWith('.md'))
      .map((f) => mine.read(f))
      .join('\n');
    for (const other of ['Ratedchild', 'Madeupsurname', child, 'A colleague’s comment', 'An anonymous worker’s comment'])
      assert.equal(everything.includes(other), false, `${other} is not in the bundle`);
    const readme = mine.read('README.md');
    assert.match(readme, /satisfaction\.json: the comments left with local authority questionnaires/);
    assert.match(readme, /workers’ questionnaire are anonymous by design: they hold no person, no day and no time, so they cannot be found by person/);
    const summary = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(mine.out, 'summary.pdf'), '-'], { encoding: 'utf8' });
    assert.match(summary, /Local authority satisfaction questionnaires answered: 1 \/ Holiaduron bodlonrwydd awdurdodau lleol a\s+atebwyd: 1/);

    const theirs = await sar(worker.id, 'worker');
    assert.deepEqual(JSON.parse(theirs.read('satisfaction.json')), {
      authorityAnswers: [],
      workerQuestionnairesAnswered: [{ questionnaire: 'Workers’ satisfaction questionnaire', financialYear: '2025-26' }],
    });
    const workerFiles = readdirSync(theirs.out)
      .filter((f) => f.endsWith('.json') || f.endsWith('.md'))
      .map((f) => theirs.read(f))
      .join('\n');
    assert.equal(workerFiles.includes('An anonymous worker’s comment'), false, 'the worker’s anonymous answer cannot be found by person');
  });

  it('gives a child everything held about them, their documents with matching checksums, a PDF, and other people redacted', async () => {
    const child = (
      await one(
        `insert into children (organisation_id, legal_given_names, legal_family_name, date_of_birth, sex, ethnicity, legal_status, referral_date, shared_with, status, birth_family_postcodes, contact_birth_family)
         values ($1, 'Inventedchild', 'Madeupfamily', '2019-02-01', 'female', 'white_british', 'placement_order', '2025-01-10', $2, 'placed', $3, 'Letterbox contact, invented') returning id`,
        [agency, [agency], ['CF99 9ZZ']],
      )
    ).id!;
    await t.database.adminQuery(
      `insert into tac_meetings (organisation_id, child_ids, starts_at, ends_at) values ($1, $2, '2025-05-01T09:00:00Z', '2025-05-01T10:00:00Z')`,
      [agency, [child]],
    );
    const meeting = await one('select id from tac_meetings where $1 = any(child_ids)', [child]);
    await t.database.adminQuery(
      `insert into tac_attendees (meeting_id, name, organisation_name, role_description) values ($1, 'Attendeeperson Madeup', 'Invented school', 'Teacher')`,
      [meeting.id],
    );
    const bytes = Buffer.from('%PDF-1.4 invented court order for a fictional child');
    const hash = createHash('sha256').update(bytes).digest('hex');
    const document = await one(
      `insert into documents (organisation_id, owner_kind, owner_id, kind, current_version) values ($1, 'child', $2, 'other', 1) returning id`,
      [agency, child],
    );
    await t.database.adminQuery(
      `insert into document_versions (document_id, version, organisation_id, owner_kind, owner_id, filename, content_type, byte_size, sha256) values ($1, 1, $2, 'child', $3, 'order.pdf', 'application/pdf', $4, $5)`,
      [document.id, agency, child, bytes.length, hash],
    );
    await t.database.adminQuery(
      `insert into document_parts (document_id, version, part, organisation_id, owner_kind, owner_id, bytes) values ($1, 1, 0, $2, 'child', $3, $4)`,
      [document.id, agency, child, bytes],
    );
    await t.database.adminQuery(
      `insert into case_documents (organisation_id, owner_kind, owner_id, document_id, kind, title, document_date, visibility) values ($1, 'child', $2, $3, 'other', 'Invented order', '2025-03-01', 'case')`,
      [agency, child, document.id],
    );

    // Documents filed on the child's sibling group and on their match are the child's too.
    const group = await one(`insert into sibling_groups (organisation_id) values ($1) returning id`, [agency]);
    await t.database.adminQuery(`insert into sibling_group_members (group_id, child_id, organisation_id) values ($1, $2, $3)`, [group.id, child, agency]);
    const match = await one(
      `insert into matches (organisation_id, child_organisation_id, shared_with, household_id, child_ids, unit_key, stage, stage_since, source, linked_date, placement_date)
       values ($1, $1, $2, $3, $4, $5, 'placed', '2025-06-01', 'manual', '2025-05-01', '2025-06-01') returning id`,
      [agency, [agency], ids.otherHousehold, [child], child],
    );
    const groupHash = await fileDocument('sibling_group', group.id!, 'together-or-apart.pdf', '%PDF-1.4 invented together-or-apart assessment');
    const matchHash = await fileDocument('match', match.id!, 'placement-plan.pdf', '%PDF-1.4 invented placement plan');

    const download = await admin.post(`/admin/children/${child}/subject-access`, {}, { csrfFrom: '/account' });
    assert.equal(download.statusCode, 200);
    const files = (JSON.parse(download.body) as { files: Record<string, string | { base64: string }> }).files;
    for (const [filename, expected] of [
      ['together-or-apart.pdf', groupHash],
      ['placement-plan.pdf', matchHash],
    ] as const) {
      const name = Object.keys(files).find((n) => n.startsWith('documents/') && n.endsWith(filename));
      assert.ok(name, `${filename}, filed on the ${filename.startsWith('together') ? 'sibling group' : 'match'}, is in the bundle`);
      assert.equal(sha(bytesOf(files[name]!)), expected);
    }
    assert.deepEqual((JSON.parse(files['documents.json'] as string) as { ownerKind: string }[]).map((d) => d.ownerKind).sort(), [
      'child',
      'match',
      'sibling_group',
    ]);
    const manifest = JSON.parse(files['manifest.json'] as string) as { files: { name: string; sha256: string }[] };
    const documentName = Object.keys(files).find((n) => n.startsWith('documents/') && n.endsWith('order.pdf'))!;
    assert.ok(documentName, 'the document itself is in the bundle');
    assert.equal(manifest.files.find((f) => f.name === documentName)!.sha256, hash, 'its checksum is the one stored');
    for (const entry of manifest.files) assert.equal(createHash('sha256').update(bytesOf(files[entry.name]!)).digest('hex'), entry.sha256);
    assert.match(bytesOf(files['summary.pdf']!).subarray(0, 5).toString(), /%PDF-/);
    assert.match(files['child.json'] as string, /Inventedchild/);
    assert.doesNotMatch(download.body, /CF99 9ZZ|Attendeeperson|Invented school/, 'other people are redacted');
    assert.match(files['README.md'] as string, /contact, identity and health notes may name/);
    assert.match(files['README.md'] as string, /documents\/: those filed on the sibling group or a match are also about the brothers and sisters/);
    assert.equal(
      (
        await t.database.adminQuery("select count(*) from audit_log where action = 'subjectAccess.export' and resource_type = 'child' and resource_id = $1", [
          child,
        ])
      ).rows[0].count,
      '1',
    );
    assert.equal((await otherAdmin.post(`/admin/children/${child}/subject-access`, {}, { csrfFrom: '/account' })).statusCode, 404);
  });
  it('offers the administrator a child’s request from the record, asks first, and downloads it as a zip', async () => {
    const both = await t.user(['administrator', 'family_finder'], agency);
    const manager = await t.signIn(both);
    const finder = await t.signIn(await t.user(['family_finder'], agency));
    const { rows } = await t.database.adminQuery(
      `insert into children (organisation_id, legal_given_names, legal_family_name, date_of_birth, sex, ethnicity, legal_status, referral_date, shared_with, status, family_finder_id)
       values ($1, 'Zipchild', 'Madeupfamily', '2020-02-01', 'male', 'white_british', 'placement_order', '2025-02-10', $2, 'family_finding', $3) returning id`,
      [agency, [agency], both.id],
    );
    const child = rows[0].id as string;
    const record = await manager.get(`/children/${child}`);
    assert.match(
      record.body,
      new RegExp(
        `data-testid="child-subject-access" href="/admin/children/${child}/subject-access"|href="/admin/children/${child}/subject-access" data-testid="child-subject-access"`,
      ),
    );
    assert.doesNotMatch((await finder.get(`/children/${child}`)).body, /child-subject-access/, 'not offered to someone who may not ask');
    assert.equal((await finder.get(`/admin/children/${child}/subject-access`)).statusCode, 403);

    const confirm = await manager.get(`/admin/children/${child}/subject-access`);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /A child’s subject access request/);
    assert.match(confirm.body, /data-testid="child-subject-access-download"/);
    assert.match((await manager.get(`/admin/children/${child}/subject-access?lang=cy`)).body, /Cais gwrthrych am wybodaeth plentyn/);
    assert.equal(
      await count("select count(*) from audit_log where action = 'subjectAccess.export' and resource_id = $1", [child]),
      0,
      'nothing gathered by looking',
    );

    const download = await manager.post(`/admin/children/${child}/subject-access`, { format: 'zip' }, { csrfFrom: `/admin/children/${child}/subject-access` });
    assert.equal(download.statusCode, 200);
    assert.match(String(download.headers['content-type']), /application\/zip/);
    assert.match(String(download.headers['content-disposition']), new RegExp(`attachment; filename="subject-access-child-${child}\\.zip"`));
    const files = await readZip(download.rawPayload);
    for (const name of ['README.md', 'child.json', 'summary.pdf', 'manifest.json']) assert.ok(files.has(name), `${name} is in the zip`);
    assert.match(files.get('child.json')!.toString('utf8'), /Zipchild/);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as { files: { name: string; sha256: string }[] };
    for (const entry of manifest.files)
      assert.equal(createHash('sha256').update(files.get(entry.name)!).digest('hex'), entry.sha256, `${entry.name}'s SHA-256`);
    assert.equal(await count("select count(*) from audit_log where action = 'subjectAccess.export' and resource_id = $1", [child]), 1);
    assert.equal((await otherAdmin.get(`/admin/children/${child}/subject-access`)).statusCode, 200, 'the page asks; the download answers');
    assert.equal(
      (await otherAdmin.post(`/admin/children/${child}/subject-access`, { format: 'zip' }, { csrfFrom: `/admin/children/${child}/subject-access` })).statusCode,
      404,
    );
  });
});
