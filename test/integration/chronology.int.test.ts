import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, dateInWales } from '../../src/platform/dates/dates.ts';
import { inActorTransaction } from '../../src/platform/db/transaction.ts';
import { households } from '../../src/modules/recruitment/schema.ts';
import { fixturesActor } from '../support/system.ts';
import { startTestApp, type Browser, type TestApp, type TestUser } from '../support/app.ts';
import { callApi } from '../support/api-client.ts';

/**
 * A case's chronology: lines from every module in the order things happened (not the order they
 * were typed), only what the reader may see (another authority's referrer gets 404; a referrer sees
 * no consultations), a filter by kind, and the read audited.
 */
describe('a case chronology', () => {
  let t: TestApp;
  let agency: string;
  let childId: string;
  let householdId: string;
  const users: Record<string, TestUser> = {};
  const browsers: Record<string, Browser> = {};
  const tokens: Record<string, string> = {};
  const today = () => dateInWales(new Date());
  const heldOn = addDays(today(), -10);
  const consultedOn = addDays(today(), -20);

  /** The chronology's lines as the page shows them: kind and date of each, in page order. */
  const linesOf = (html: string) =>
    [...html.matchAll(/data-testid="chronology-entry" data-kind="([a-z]+)" data-on="([0-9-]+)"/g)].map((m) => ({ kind: m[1]!, on: m[2]! }));

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    const north = await t.organisation('north', 'local_authority');
    const south = await t.organisation('south', 'local_authority');
    const elsewhere = await t.organisation('elsewhere', 'agency');
    users.referrer = await t.user(['la_referrer'], north);
    users.southReferrer = await t.user(['la_referrer'], south);
    users.finder = await t.user(['family_finder'], agency);
    users.psychologist = await t.user(['clinical_psychologist'], agency);
    users.outsider = await t.user(['family_finder'], elsewhere);
    for (const [name, user] of Object.entries(users)) tokens[name] = await t.token(user, 'write');
    const api = async (who: string, method: 'POST', url: string, body: unknown) => {
      const answer = await callApi(t, tokens[who]!, method, url, body);
      assert.ok(answer.status < 300, `${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    };

    const referral = await api('referrer', 'POST', '/api/v1/referrals', {
      legalBasis: 'adoption_agencies_wales_regulations',
      children: [
        {
          legalGivenNames: 'Gwenllian',
          legalFamilyName: 'Fictionalfamily',
          dateOfBirth: '2018-05-04',
          sex: 'female',
          ethnicity: 'white_british',
          legalStatus: 'placement_order',
          placementOrderDate: '2024-01-10',
          needs: [],
        },
      ],
      siblingRelationships: [],
    });
    childId = referral.childIds[0];
    // The referral came in long ago (a record moved from paper): its lines are dated by the referral date.
    await t.database.adminQuery("update children set referral_date = '2024-06-01' where id = $1", [childId]);
    await api('finder', 'POST', `/api/v1/referrals/${referral.referralId}/decision`, { decision: 'accept', familyFinderId: users.finder.id });
    // Typed today, held ten and twenty days ago.
    await api('finder', 'POST', '/api/v1/tac-meetings', { childIds: [childId], startsAt: `${heldOn}T09:00:00Z`, endsAt: `${heldOn}T10:30:00Z` });
    await api('psychologist', 'POST', '/api/v1/consultations', {
      childIds: [childId],
      consultationDate: consultedOn,
      durationMinutes: 60,
      notes: 'Clinical notes',
    });

    householdId = await inActorTransaction(t.database.db, fixturesActor(), async (tx) => {
      const [row] = await tx
        .insert(households)
        .values({
          organisationId: agency,
          reference: 'AT-CHRON-0001',
          stage: 'enquiry',
          stageSince: today(),
          enquiryDate: today(),
          email: 'chronology@example.invalid',
        })
        .returning();
      return row!.id;
    });
    // A stage moved and a check asked for and received, typed in later (stage events, checks: recruitment's tables).
    await t.database.adminQuery(
      "insert into household_stage_events (household_id, organisation_id, from_stage, to_stage, effective_date) values ($1, $2, 'enquiry', 'registration', '2025-01-05')",
      [householdId, agency],
    );
    await t.database.adminQuery(
      "insert into household_checks (household_id, organisation_id, kind, requested_date, received_date, outcome) values ($1, $2, 'dbs', '2025-02-01', '2025-03-01', 'satisfactory')",
      [householdId, agency],
    );
    for (const name of ['referrer', 'southReferrer', 'finder', 'outsider', 'psychologist']) browsers[name] = await t.signIn(users[name]!);
  });
  after(async () => t?.close());

  it('puts every module’s lines in the order they happened, not the order they were typed', async () => {
    const page = await browsers.finder!.get(`/children/${childId}/chronology`);
    assert.equal(page.statusCode, 200);
    const lines = linesOf(page.body);
    const dates = lines.map((l) => l.on);
    assert.deepEqual(dates, [...dates].sort(), 'oldest first');
    const kinds = lines.map((l) => l.kind);
    for (const kind of ['referral', 'clock', 'consultation', 'tac', 'decision']) assert.ok(kinds.includes(kind), `a ${kind} line`);
    assert.equal(lines.find((l) => l.kind === 'referral')!.on, '2024-06-01', 'the referral on its referral date');
    assert.equal(lines.find((l) => l.kind === 'tac')!.on, heldOn, 'the meeting on the day it met');
    assert.ok(
      kinds.indexOf('consultation') < kinds.indexOf('tac') && kinds.indexOf('tac') < kinds.indexOf('decision'),
      'the consultation, then the meeting, then today’s decision',
    );
    // The placement order of 10 January 2024 passed six months on 10 July 2024.
    assert.ok(lines.some((l) => l.kind === 'clock' && l.on === '2024-07-10'));
    assert.match(page.body, /Team Around the Child meeting/);
    assert.doesNotMatch(page.body, /Clinical notes/, 'notes stay on the consultation’s own page');
    const audited = await t.database.adminQuery("select count(*) from audit_log where action = 'chronology.view' and resource_id = $1 and user_id = $2", [
      childId,
      users.finder!.id,
    ]);
    assert.ok(Number(audited.rows[0].count) >= 1, 'the read is audited');
  });

  it('shows the child’s own authority its chronology without the psychologist’s consultations', async () => {
    const page = await browsers.referrer!.get(`/children/${childId}/chronology`);
    assert.equal(page.statusCode, 200);
    const kinds = linesOf(page.body).map((l) => l.kind);
    assert.ok(kinds.includes('referral') && kinds.includes('tac'));
    assert.ok(!kinds.includes('consultation'), 'consultations are the agency’s and the clinical team’s');
  });

  it('answers 404 to a referrer of another authority and to another agency, as if the child did not exist', async () => {
    assert.equal((await browsers.southReferrer!.get(`/children/${childId}/chronology`)).statusCode, 404);
    assert.equal((await browsers.outsider!.get(`/children/${childId}/chronology`)).statusCode, 404);
    assert.equal((await browsers.outsider!.get(`/households/${householdId}/chronology`)).statusCode, 404);
  });

  it('shows only the kinds ticked, with those boxes ticked, and everything again when none is', async () => {
    const filtered = await browsers.finder!.get(`/children/${childId}/chronology?kind=tac&kind=consultation`);
    assert.equal(filtered.statusCode, 200);
    assert.deepEqual(
      linesOf(filtered.body).map((l) => l.kind),
      ['consultation', 'tac'],
    );
    assert.match(filtered.body, /name="kind" type="checkbox" value="tac" checked/);
    const unknown = await browsers.finder!.get(`/children/${childId}/chronology?kind=nonsense`);
    assert.equal(unknown.statusCode, 200);
    assert.ok(linesOf(unknown.body).length > 2, 'an unknown kind filters nothing');
  });

  it('gives a household its chronology, and the child’s record its latest lines with a link to the whole', async () => {
    const page = await browsers.finder!.get(`/households/${householdId}/chronology`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /AT-CHRON-0001/);
    assert.deepEqual(linesOf(page.body), [
      { kind: 'stage', on: '2025-01-05' },
      { kind: 'check', on: '2025-02-01' },
      { kind: 'check', on: '2025-03-01' },
    ]);
    assert.match(page.body, /Check received: DBS check \(Satisfactory\)/);
    const record = await browsers.finder!.get(`/children/${childId}`);
    assert.match(record.body, new RegExp(`href="/children/${childId}/chronology"`));
    assert.match(record.body, /data-testid="print-page"/);
  });

  it('lists a document filed on the child on the day it is dated, and a clinical-only one only to the clinical team', async () => {
    const file = async (who: string, title: string, visibility: string, documentDate: string) => {
      const boundary = '----together-chronology-documents';
      const field = (name: string, value: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
      const sent = await t.app.inject({
        method: 'POST',
        url: `/api/v1/children/${childId}/documents`,
        headers: { authorization: `Bearer ${tokens[who]!}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat([
          field('kind', 'court_order'),
          field('title', title),
          field('documentDate', documentDate),
          field('visibility', visibility),
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="order.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
          Buffer.from('%PDF-1.4\n% synthetic order\n%%EOF\n'),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      });
      assert.equal(sent.statusCode, 201, sent.body);
    };
    await file('finder', 'Placement order', 'case', '2024-01-10');
    await file('psychologist', 'Assessment for the clinical team', 'clinical', '2024-02-01');
    const forFinder = await browsers.finder!.get(`/children/${childId}/chronology?kind=document`);
    assert.deepEqual(linesOf(forFinder.body), [{ kind: 'document', on: '2024-01-10' }]);
    assert.match(forFinder.body, /Document filed: Court order, “Placement order”/);
    const forPsychologist = await browsers.psychologist!.get(`/children/${childId}/chronology?kind=document`);
    assert.deepEqual(linesOf(forPsychologist.body), [
      { kind: 'document', on: '2024-01-10' },
      { kind: 'document', on: '2024-02-01' },
    ]);
  });
});
