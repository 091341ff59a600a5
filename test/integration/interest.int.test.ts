import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { inActorTransaction } from '../../src/platform/db/transaction.ts';
import type { UserActor } from '../../src/platform/policy/actor.ts';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { longDate } from '../../src/platform/format/format.ts';
import { insertChild, insertHousehold } from '../support/fixtures.ts';
import { siblingGroupMembers, siblingGroups } from '../../src/modules/children/schema.ts';
import { Browser, startTestApp, type TestApp, type TestUser } from '../support/app.ts';

/**
 * Children's profiles shown to approved families, and expressions of interest: the child's worker
 * shows a profile, an approved family sees it anonymised and expresses interest, and every interest
 * gets an answer (a link explored, or not taken forward with its reason), behind the policy and
 * row-level security.
 */
describe('children waiting and expressions of interest', () => {
  let t: TestApp;
  let agency: string;
  let council: string;
  let finder: TestUser;
  let finderBrowser: Browser;
  let otherFinder: TestUser;
  const adopters: Record<'approved' | 'inAssessment' | 'neighbour', TestUser> = {} as never;
  const homes: Record<'approved' | 'inAssessment' | 'neighbour', string> = {} as never;
  let family: Browser;
  let neighbour: Browser;
  let child: string;
  let unprofiled: string;
  const today = () => dateInWales(new Date());
  const dateOfBirth = addMonths(today(), -(7 * 12 + 5));
  const events: { name: string; payload: Record<string, unknown> }[] = [];
  const WAITING = '/my-application/children-waiting';
  /** The family's page in English (a page opened in Welsh keeps the browser in Welsh). */
  const WAITING_EN = `${WAITING}?lang=en`;

  const count = async (query: string, params: unknown[] = []) => Number((await t.database.adminQuery(query, params)).rows[0].count);
  const versionOn = (body: string, action: string) =>
    new RegExp(`action="${action.replace(/[/]/g, '\\/')}"[\\s\\S]*?name="version" value="(\\d+)"`).exec(body)?.[1] ?? assert.fail(`no form ${action}`);
  const interestIds = async (householdId: string) =>
    (await t.database.adminQuery('select id, status, version from expressions_of_interest where household_id = $1 order by created_at', [householdId]))
      .rows as { id: string; status: string; version: number }[];

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    council = await t.organisation('council', 'local_authority');
    const otherAgency = await t.organisation('other-agency', 'agency');
    finder = await t.user(['family_finder'], agency);
    otherFinder = await t.user(['family_finder'], otherAgency);
    for (const key of ['approved', 'inAssessment', 'neighbour'] as const) adopters[key] = await t.user(['adopter'], agency);
    await t.services.runner.run(t.system, async (tx) => {
      child = await insertChild(tx, council, agency, {
        status: 'family_finding',
        legalGivenNames: 'Fictional Rhiannon',
        legalFamilyName: 'Zzyxsurname',
        dateOfBirth,
        region: 'Ceredigion',
        currentPlacement: 'Foster carers in Aberzzyx',
        profileEn: 'Rhiannon loves the sea and building dens.',
        profileCy: 'Mae Rhiannon wrth ei bodd gyda’r môr ac adeiladu cuddfannau.',
        familyFinderId: finder.id,
      });
      unprofiled = await insertChild(tx, council, agency, { status: 'family_finding', familyFinderId: finder.id, profileEn: null, profileCy: null });
      for (const [key, stage] of [
        ['approved', 'approved'],
        ['inAssessment', 'stage2'],
        ['neighbour', 'approved'],
      ] as const) {
        const user = adopters[key];
        homes[key] = (
          await insertHousehold(
            tx,
            agency,
            { stage, stageSince: addMonths(today(), -1), adopterUserIds: [user.id], email: user.email },
            { userId: user.id, email: user.email },
          )
        ).id;
      }
    });
    family = await t.signIn(adopters.approved);
    neighbour = await t.signIn(adopters.neighbour);
    finderBrowser = await t.signIn(finder);
    for (const name of ['matching.interestExpressed', 'matching.interestAnswered'] as const)
      t.services.runner.events.subscribe(name, (_tx, _ctx, payload) => {
        events.push({ name, payload: payload });
        return Promise.resolve();
      });
  });
  after(async () => t.close());

  it('shows an approved family nothing of a profile its worker has not shown, and refuses interest in it', async () => {
    const page = await family.get(WAITING);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="no-waiting-entries"/);
    assert.doesNotMatch(page.body, /Rhiannon/);
    const refused = await family.post(`${WAITING}/${child}/interest`, { message: 'Hello' }, { csrfFrom: WAITING });
    assert.equal(refused.statusCode, 404);
    assert.equal(await count('select count(*) from expressions_of_interest'), 0);
  });

  it('says in words why a child without a profile cannot be shown, and refuses to show it', async () => {
    const form = await finderBrowser.get(`/children/${unprofiled}/profile-sharing`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /data-testid="profile-sharing-refusals"[\s\S]*there is no profile written for families/);
    const version = (await t.database.adminQuery('select version from children where id = $1', [unprofiled])).rows[0].version;
    const refused = await finderBrowser.post(
      `/children/${unprofiled}/profile-sharing`,
      { show: 'yes', version: String(version) },
      { csrfFrom: `/children/${unprofiled}` },
    );
    assert.equal(refused.statusCode, 400);
    assert.equal(await count('select count(*) from children where id = $1 and profile_shared_at is not null', [unprofiled]), 0);
  });

  it('lets the child’s family finder show the profile, saying when and who, audited', async () => {
    const form = await finderBrowser.get(`/children/${child}/profile-sharing`);
    assert.match(form.body, /Not shown to approved families/);
    const saved = await finderBrowser.post(
      `/children/${child}/profile-sharing`,
      { show: 'yes', version: versionOn(form.body, `/children/${child}/profile-sharing`) },
      { csrfFrom: `/children/${child}` },
    );
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 400));
    const page = await finderBrowser.get(`/children/${child}`);
    assert.match(page.body, new RegExp(`Profile shown to approved families since ${longDate(today(), 'en')}`));
    assert.match((await finderBrowser.get(`/children/${child}/profile-sharing`)).body, /chosen by Test Person/);
    assert.equal(await count("select count(*) from audit_log where action = 'children.shareProfile' and resource_id = $1", [child]), 1);
  });

  it('shows the approved family the profile anonymised: first name and age, never the family name, date of birth or place', async () => {
    const page = await family.get(WAITING);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Fictional, 7 years old/);
    assert.match(page.body, /Rhiannon loves the sea and building dens\./);
    for (const hidden of ['Zzyxsurname', dateOfBirth, longDate(dateOfBirth, 'en'), 'Ceredigion', 'Aberzzyx']) assert.ok(!page.body.includes(hidden), hidden);
    const welsh = await family.get(`${WAITING}?lang=cy`);
    assert.match(welsh.body, /Fictional, 7 oed/);
    assert.match(welsh.body, /Mae Rhiannon wrth ei bodd gyda’r môr/);
  });

  it('refuses a family not yet approved: no profile, and no interest', async () => {
    const assessed = await t.signIn(adopters.inAssessment);
    const page = await assessed.get(WAITING);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /once the agency has approved you/);
    assert.doesNotMatch(page.body, /Rhiannon/);
    const refused = await assessed.post(`${WAITING}/${child}/interest`, {}, { csrfFrom: WAITING });
    assert.equal(refused.statusCode, 404);
    assert.equal(await count('select count(*) from expressions_of_interest'), 0);
  });

  it('tells a family already matched or placed that the page is for families still looking', async () => {
    const placed = await t.user(['adopter'], agency);
    await t.services.runner.run(t.system, (tx) =>
      insertHousehold(tx, agency, { stage: 'placed', adopterUserIds: [placed.id], email: placed.email }, { userId: placed.id, email: placed.email }),
    );
    const page = await (await t.signIn(placed)).get(WAITING);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /shown to approved families who are still looking for a match/);
    assert.doesNotMatch(page.body, /Rhiannon/);
  });

  it('refuses a message over the limit in Welsh, writing nothing', async () => {
    const refused = await family.post(`${WAITING}/${child}/interest?lang=cy`, { message: 'a'.repeat(2001) }, { csrfFrom: `${WAITING}?lang=cy` });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Rhaid i’ch neges fod yn 2,000 o nodau neu lai/);
    assert.equal(await count('select count(*) from expressions_of_interest'), 0);
  });

  it('records the family’s interest with its message, publishes ids only, and shows it waiting', async () => {
    const sent = await family.post(`${WAITING}/${child}/interest`, { message: 'We live by the sea too.' }, { csrfFrom: WAITING });
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 400));
    const [row] = await interestIds(homes.approved);
    assert.equal(row?.status, 'waiting');
    const event = events.find((e) => e.name === 'matching.interestExpressed');
    assert.deepEqual(event?.payload, {
      interestId: row.id,
      householdId: homes.approved,
      organisationId: agency,
      childIds: [child],
      recipientUserIds: [finder.id],
    });
    // The child's family finder is told there is an interest to answer, never the family's message.
    const told = (
      await t.database.adminQuery('select subject, body from outbox where recipient = $1 and template = $2', [finder.email, 'notifications.interestReceived'])
    ).rows;
    assert.equal(told.length, 1);
    assert.match(String(told[0].subject), /A family is interested in a child you are finding a family for/);
    assert.doesNotMatch(String(told[0].body), /by the sea|Rhiannon/);
    const page = await family.get(WAITING_EN);
    assert.match(page.body, /data-testid="interest-status">Waiting for an answer</);
    assert.doesNotMatch(page.body, /data-testid="express-form"/, 'one open interest in the same children');
    assert.equal(await count("select count(*) from audit_log where action = 'interests.express'"), 1);
  });

  it('shows the family finder the interest with the family’s reference and message', async () => {
    const page = await finderBrowser.get(`/children/${child}/interests`);
    assert.equal(page.statusCode, 200);
    const reference = (await t.database.adminQuery('select reference from households where id = $1', [homes.approved])).rows[0].reference;
    assert.ok(page.body.includes(`Family ${reference}`));
    assert.match(page.body, /We live by the sea too\./);
  });

  it('refuses "not taken forward" without a reason, and shows the family the reason given, as written', async () => {
    const [row] = await interestIds(homes.approved);
    const url = `/children/${child}/interests/${row!.id}/not-taken-forward`;
    const blank = await finderBrowser.post(url, { reason: '  ', version: String(row!.version) }, { csrfFrom: `/children/${child}/interests` });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /Say why the interest is not taken forward/);
    assert.equal((await interestIds(homes.approved))[0]?.status, 'waiting');
    const reason = 'Rhiannon’s plan asks for a family who can keep weekly contact with her brother in Aberzzyx.';
    const answered = await finderBrowser.post(url, { reason, version: String(row!.version) }, { csrfFrom: `/children/${child}/interests` });
    assert.equal(answered.statusCode, 303, answered.body.slice(0, 400));
    const page = await family.get(WAITING_EN);
    assert.match(page.body, /data-testid="interest-status">Not taken forward</);
    assert.ok(page.body.includes(`data-testid="interest-reason">${reason}</span>`), 'the reason as written');
    const welsh = await family.get(`${WAITING}?lang=cy`);
    assert.match(welsh.body, /data-testid="interest-reason" lang="en">/, 'the reason marked with the language it was written in');
    assert.ok(
      events.some((e) => e.name === 'matching.interestAnswered' && e.payload.answer === 'not_taken_forward' && !JSON.stringify(e.payload).includes('weekly')),
    );
    // The family is told by e-mail that there is an answer, never the answer itself.
    const mail = (
      await t.database.adminQuery('select subject, body from outbox where recipient = $1 and template = $2', [
        adopters.approved.email,
        'notifications.interestAnswered',
      ])
    ).rows;
    assert.equal(mail.length, 1);
    assert.match(String(mail[0].subject), /The agency has answered your interest in a child/);
    assert.doesNotMatch(String(mail[0].body), /weekly|Rhiannon/);
  });

  it('answers a stale version with 409, and "explore" makes the link the family sees being explored', async () => {
    const again = await family.post(`${WAITING}/${child}/interest`, {}, { csrfFrom: WAITING });
    assert.equal(again.statusCode, 303, 'a new interest once the last was answered');
    const open = (await interestIds(homes.approved)).find((r) => r.status === 'waiting')!;
    const url = `/children/${child}/interests/${open.id}/explore`;
    const stale = await finderBrowser.post(url, { version: String(open.version + 1) }, { csrfFrom: `/children/${child}/interests` });
    assert.equal(stale.statusCode, 409);
    assert.equal(await count('select count(*) from matches'), 0);
    const explored = await finderBrowser.post(url, { version: String(open.version) }, { csrfFrom: `/children/${child}/interests` });
    assert.equal(explored.statusCode, 303, explored.body.slice(0, 400));
    const match = (await t.database.adminQuery('select id, stage, household_id, child_ids from matches')).rows;
    assert.equal(match.length, 1);
    assert.equal(match[0].stage, 'linked');
    assert.equal(match[0].household_id, homes.approved);
    assert.deepEqual(match[0].child_ids, [child]);
    assert.equal((await t.database.adminQuery('select match_id from expressions_of_interest where id = $1', [open.id])).rows[0].match_id, match[0].id);
    const page = await family.get(WAITING_EN);
    assert.match(page.body, /data-testid="interest-status">Being explored: the agency has made a link</);
    assert.equal(await count("select count(*) from audit_log where action = 'interests.answer'"), 2);
    const answeredTwice = await finderBrowser.post(url, { version: String(open.version + 1) }, { csrfFrom: `/children/${child}/interests` });
    assert.equal(answeredTwice.statusCode, 409, 'an answer given stands');
  });

  it('shows another agency and another family nothing (404)', async () => {
    const elsewhere = await t.signIn(otherFinder);
    assert.equal((await elsewhere.get(`/children/${child}/interests`)).statusCode, 404);
    const [row] = await interestIds(homes.approved);
    const answer = await elsewhere.post(
      `/children/${child}/interests/${row!.id}/not-taken-forward`,
      { reason: 'No', version: String(row!.version) },
      { csrfFrom: '/account' },
    );
    assert.equal(answer.statusCode, 404);
    const withdraw = await neighbour.post(`/my-application/interests/${row!.id}/withdraw`, { version: String(row!.version) }, { csrfFrom: WAITING });
    assert.equal(withdraw.statusCode, 404);
    const page = await neighbour.get(WAITING);
    assert.doesNotMatch(page.body, /We live by the sea too|data-testid="family-interest"/);
  });

  it('keeps another household’s interests out of a raw query made as the app role', async () => {
    const asAdopter = (user: TestUser): UserActor => ({
      kind: 'user',
      userId: user.id,
      organisationId: agency,
      organisationType: 'agency',
      roles: ['adopter'],
      name: 'A',
    });
    const query = sql`select household_id from expressions_of_interest`;
    const theirs = await inActorTransaction(t.database.db, asAdopter(adopters.neighbour), (tx) => tx.execute(query));
    assert.equal(theirs.rows.length, 0);
    const own = await inActorTransaction(t.database.db, asAdopter(adopters.approved), (tx) => tx.execute(query));
    assert.ok(own.rows.length >= 2 && own.rows.every((r) => r.household_id === homes.approved));
  });

  it('lets a family withdraw an interest still waiting', async () => {
    // The child is linked now (status 'linked' still looks for a family): a neighbour may still ask.
    const sent = await neighbour.post(`${WAITING}/${child}/interest`, { message: 'Us too' }, { csrfFrom: WAITING });
    assert.equal(sent.statusCode, 303);
    const [row] = await interestIds(homes.neighbour);
    const withdrawn = await neighbour.post(`/my-application/interests/${row!.id}/withdraw`, { version: String(row!.version) }, { csrfFrom: WAITING });
    assert.equal(withdrawn.statusCode, 303);
    assert.equal((await interestIds(homes.neighbour))[0]?.status, 'withdrawn');
    assert.match((await neighbour.get(WAITING)).body, /data-testid="interest-status">Withdrawn</);
  });

  it('hides the profile at once when the worker stops showing it', async () => {
    const form = await finderBrowser.get(`/children/${child}/profile-sharing`);
    const hidden = await finderBrowser.post(
      `/children/${child}/profile-sharing`,
      { version: versionOn(form.body, `/children/${child}/profile-sharing`) },
      { csrfFrom: `/children/${child}` },
    );
    assert.equal(hidden.statusCode, 303);
    const page = await neighbour.get(WAITING);
    assert.match(page.body, /data-testid="no-waiting-entries"/);
    assert.doesNotMatch(page.body, /Rhiannon loves the sea/);
    assert.equal((await neighbour.post(`${WAITING}/${child}/interest`, {}, { csrfFrom: WAITING })).statusCode, 404);
  });

  it('shows brothers and sisters placed together as one entry, shown by one choice, each with their own profile', async () => {
    const [cerys, owain] = await t.services.runner.run(t.system, async (tx) => {
      const elder = await insertChild(tx, council, agency, {
        status: 'family_finding',
        legalGivenNames: 'Cerys',
        legalFamilyName: 'Zzyxsibling',
        dateOfBirth: addMonths(today(), -(9 * 12 + 2)),
        profileEn: 'Cerys looks after her little brother.',
        profileCy: 'Mae Cerys yn gofalu am ei brawd bach.',
        familyFinderId: finder.id,
      });
      const younger = await insertChild(tx, council, agency, {
        status: 'family_finding',
        legalGivenNames: 'Owain',
        legalFamilyName: 'Zzyxsibling',
        dateOfBirth: addMonths(today(), -(6 * 12 + 2)),
        profileEn: 'Owain loves football.',
        profileCy: 'Mae Owain wrth ei fodd gyda phêl-droed.',
        familyFinderId: finder.id,
      });
      const [group] = await tx.insert(siblingGroups).values({ organisationId: council, assessment: 'together' }).returning();
      await tx.insert(siblingGroupMembers).values([
        { groupId: group!.id, childId: elder, organisationId: council },
        { groupId: group!.id, childId: younger, organisationId: council },
      ]);
      return [elder, younger];
    });
    const form = await finderBrowser.get(`/children/${owain}/profile-sharing`);
    assert.match(form.body, /families see them as one entry/);
    const shown = await finderBrowser.post(
      `/children/${owain}/profile-sharing`,
      { show: 'yes', version: versionOn(form.body, `/children/${owain}/profile-sharing`) },
      { csrfFrom: `/children/${owain}` },
    );
    assert.equal(shown.statusCode, 303);
    assert.equal(await count('select count(*) from children where id = any($1) and profile_shared_at is not null', [[cerys, owain]]), 2);

    const page = await neighbour.get(`${WAITING}?lang=cy`);
    const entries = page.body.split('data-testid="waiting-entry"').slice(1);
    assert.equal(entries.length, 1, 'one entry for the two of them');
    assert.match(entries[0]!, /Cerys, 9 oed ac Owain, 6 oed/);
    assert.match(entries[0]!, /Mae Cerys yn gofalu am ei brawd bach\.[\s\S]*Mae Owain wrth ei fodd gyda phêl-droed\./);
    assert.doesNotMatch(page.body, /Zzyxsibling/);

    const sent = await neighbour.post(`${WAITING}/${cerys}/interest`, {}, { csrfFrom: WAITING });
    assert.equal(sent.statusCode, 303);
    const row = (
      await t.database.adminQuery('select child_ids from expressions_of_interest where household_id = $1 and status = $2', [homes.neighbour, 'waiting'])
    ).rows[0] as { child_ids: string[] };
    assert.deepEqual([...row.child_ids].sort(), [cerys, owain].sort());
    const reference = (await t.database.adminQuery('select reference from households where id = $1', [homes.neighbour])).rows[0].reference;
    assert.ok((await finderBrowser.get(`/children/${owain}/interests?lang=en`)).body.includes(`Family ${reference}`), 'on the younger child’s page too');
  });
});
