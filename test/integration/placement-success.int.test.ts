import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { startTestApp, type Browser, type TestApp, type TestUser } from '../support/app.ts';
import { callApi, type ApiAnswer } from '../support/api-client.ts';
import { addDays, addMonths, dateInWales, daysBetween } from '../../src/platform/dates/dates.ts';
import { waitedMoreThan } from '../../src/modules/outcomes/placement-success.ts';
import { children, sharingGrants, siblingGroupMembers, siblingGroups } from '../../src/modules/children/schema.ts';
import { matches } from '../../src/modules/matching/schema.ts';
import { households } from '../../src/modules/recruitment/schema.ts';

/**
 * Placement success as its readers use it: the agency's service manager sees every measure over
 * the children referred to the agency, for a period and a local authority, and the children behind
 * each figure; a local authority referrer sees their own children's figures only, disclosure-controlled;
 * a funder sees every agency's figures with small counts suppressed and may not break them down;
 * another agency sees nothing of ours. Every read is audited. All people and records are fictional.
 */
describe('placement success', () => {
  let t: TestApp;
  let agency: string;
  let council: string;
  let otherCouncil: string;
  let otherAgency: string;
  const users: Record<string, TestUser> = {};
  const tokens: Record<string, string> = {};
  const browsers: Record<string, Browser> = {};
  const ids: Record<string, string> = {};
  const today = () => dateInWales(new Date());
  // A year that ended six months ago: every placement in it has reached 6 and 12 months, none 24.
  const from = addMonths(today(), -18);
  const to = addDays(addMonths(today(), -6), -1);
  const period = `from=${from}&to=${to}`;
  // Mid-month days, so that 14 months back and forth land on the same day whatever today is.
  const midMonth = (months: number, day: number) => `${addMonths(from, months).slice(0, 7)}-${day}`;
  const movedIn = { a: midMonth(1, 15), bc: midMonth(2, 15), d: midMonth(3, 15), h: midMonth(1, 20), x: midMonth(2, 10) };

  const api = (who: string, url: string, headers: Record<string, string> = {}): Promise<ApiAnswer> => callApi(t, tokens[who]!, 'GET', url, undefined, headers);
  const auditRows = async (action: string, userId: string) =>
    (await t.database.adminQuery('select outcome, detail from audit_log where action = $1 and user_id = $2 order by id', [action, userId])).rows as {
      outcome: string;
      detail: Record<string, unknown> | null;
    }[];

  /** A child written as the platform (the referral journey is not under test here), shared with the agency that finds their family. */
  async function child(key: string, values: Partial<typeof children.$inferInsert> & { organisationId: string; sharedWith: string[] }) {
    const [row] = await t.services.runner.run(t.system, (tx) =>
      tx
        .insert(children)
        .values({
          legalGivenNames: `Fictional ${key.toUpperCase()}`,
          legalFamilyName: 'Placementsuccess',
          dateOfBirth: addMonths(today(), -96),
          sex: 'female',
          ethnicity: 'white_british',
          legalStatus: 'placement_order',
          referralDate: addMonths(from, -6),
          status: 'family_finding',
          ...values,
        })
        .returning({ id: children.id }),
    );
    ids[key] = row!.id;
    // The referral's grant to the agency finding the family (kept in step with sharedWith, as referrals do).
    await t.services.runner.run(t.system, (tx) =>
      tx.insert(sharingGrants).values(
        values.sharedWith.map((organisationId) => ({
          childId: row!.id,
          organisationId,
          ownerOrganisationId: values.organisationId,
          purpose: 'family_finding' as const,
        })),
      ),
    );
    return row!.id;
  }

  async function household(reference: string, organisationId: string, values: Partial<typeof households.$inferInsert> = {}) {
    const [row] = await t.services.runner.run(t.system, (tx) =>
      tx
        .insert(households)
        .values({
          organisationId,
          reference,
          stage: 'approved',
          stageSince: from,
          enquiryDate: addMonths(from, -12),
          email: `${reference}@test.invalid`,
          ...values,
        })
        .returning({ id: households.id }),
    );
    return row!.id;
  }

  async function match(
    childIds: string[],
    values: Partial<typeof matches.$inferInsert> & { placementDate: string; decisionDate: string },
    organisationId = agency,
  ) {
    const childOrganisationId = values.childOrganisationId ?? council;
    const householdId = await household(`PS-${randomUUID().slice(0, 8)}`, organisationId, { stage: 'placed' });
    await t.services.runner.run(t.system, (tx) =>
      tx.insert(matches).values({
        organisationId,
        childOrganisationId,
        sharedWith: [organisationId, childOrganisationId],
        householdId,
        childIds,
        unitKey: randomUUID(),
        stage: values.disruptionDate ? 'disrupted' : 'placed',
        stageSince: values.placementDate,
        source: 'manual',
        linkedDate: addDays(values.decisionDate, -60),
        decision: 'match',
        ...values,
      }),
    );
  }

  /** A sibling group, as a referral of brothers and sisters leaves it (their priority reason included). */
  async function siblings(members: string[]) {
    return t.services.runner.run(t.system, async (tx) => {
      const [group] = await tx.insert(siblingGroups).values({ organisationId: council, assessment: 'together' }).returning({ id: siblingGroups.id });
      await tx.insert(siblingGroupMembers).values(members.map((childId) => ({ groupId: group!.id, childId, organisationId: council })));
      await tx
        .update(children)
        .set({ priorityReasons: ['sibling_group'] })
        .where(inArray(children.id, members));
      return group!.id;
    });
  }

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('ps-agency', 'agency');
    council = await t.organisation('ps-council', 'local_authority');
    otherCouncil = await t.organisation('ps-other-council', 'local_authority');
    otherAgency = await t.organisation('ps-other-agency', 'agency');
    const funderOrg = await t.organisation('ps-funder', 'funder');
    for (const [name, roles, org] of [
      ['manager', ['service_manager'], agency],
      ['finder', ['family_finder'], agency],
      ['socialWorker', ['social_worker'], agency],
      ['referrer', ['la_referrer'], council],
      ['otherReferrer', ['la_referrer'], otherCouncil],
      ['funder', ['funder'], funderOrg],
      ['otherManager', ['service_manager'], otherAgency],
    ] as const) {
      users[name] = await t.user([...roles], org);
      tokens[name] = await t.token(users[name], 'read');
    }
    browsers.manager = await t.signIn(users.manager!);
    browsers.referrer = await t.signIn(users.referrer!);

    const ours = { organisationId: council, sharedWith: [agency] };
    // A: moved in exactly 14 months after entering care; placement order 200 days before, decided 20 days before moving in.
    await child('a', { ...ours, enteredCareDate: addMonths(movedIn.a, -14), placementOrderDate: addDays(movedIn.a, -200), status: 'placed' });
    await match([ids.a!], { placementDate: movedIn.a, decisionDate: addDays(movedIn.a, -20) });
    // B and C, brothers and sisters placed together, 20 months after entering care.
    for (const key of ['b', 'c'])
      await child(key, { ...ours, enteredCareDate: addMonths(movedIn.bc, -20), placementOrderDate: addDays(movedIn.bc, -115), status: 'placed' });
    const together = await siblings([ids.b!, ids.c!]);
    await match([ids.b!, ids.c!], { placementDate: movedIn.bc, decisionDate: addDays(movedIn.bc, -15), siblingGroupId: together });
    // D placed without E, her brother; no date entered care; the placement ended 100 days in, before any order.
    await child('d', { ...ours, placementOrderDate: addDays(movedIn.d, -70), status: 'placed' });
    await child('e', { ...ours, placementOrderDate: addMonths(to, -13) });
    await siblings([ids.d!, ids.e!]);
    await match([ids.d!], {
      placementDate: movedIn.d,
      decisionDate: addDays(movedIn.d, -10),
      disruptionDate: addDays(movedIn.d, 100),
      disruptionReasons: 'Fictional: the family could not meet her needs',
    });
    // F waiting seven months at the period's end; G's plan changed to long-term fostering.
    await child('f', { ...ours, placementOrderDate: addMonths(to, -7) });
    // Six months to the day before the period's end (whether that is "more than 6 months" is the pure rule's to say, and the database's count must agree).
    await child('six', { ...ours, placementOrderDate: addMonths(to, -6) });
    await child('g', {
      ...ours,
      placementOrderDate: addMonths(from, -3),
      outcome: 'plan_changed_long_term_fostering',
      outcomeReason: 'Fictional: settled with her foster carers',
      outcomeDate: addDays(from, 100),
      status: 'closed',
    });
    // H, of the other council, placed with consent (no placement order).
    await child('h', {
      organisationId: otherCouncil,
      sharedWith: [agency],
      enteredCareDate: addMonths(movedIn.h, -10),
      legalStatus: 'care_order',
      status: 'placed',
    });
    await match([ids.h!], { placementDate: movedIn.h, decisionDate: addDays(movedIn.h, -10), childOrganisationId: otherCouncil });
    // X, found a family by another agency.
    await child('x', {
      organisationId: council,
      sharedWith: [otherAgency],
      enteredCareDate: addMonths(movedIn.x, -12),
      placementOrderDate: addMonths(movedIn.x, -6),
    });
    await match([ids.x!], { placementDate: movedIn.x, decisionDate: addDays(movedIn.x, -5) }, otherAgency);
    // Families: one approved five months before the end of the period and still waiting, one approved two months before.
    await household('PS-WAITING', agency, { approvedDate: addMonths(to, -5) });
    await household('PS-RECENT', agency, { approvedDate: addMonths(to, -2) });
  });
  after(async () => t.close());

  it('gives the service manager every measure over the agency’s children, exactly, with a link to the children behind each', async () => {
    const answer = await api('manager', `/api/v1/outcomes/placement-success?${period}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const r = answer.body;
    assert.equal(r.disclosed, false);
    assert.deepEqual(r.period, { from, to });
    const careDays = [
      daysBetween(addMonths(movedIn.a, -14), movedIn.a),
      ...[1, 2].map(() => daysBetween(addMonths(movedIn.bc, -20), movedIn.bc)),
      daysBetween(addMonths(movedIn.h, -10), movedIn.h),
    ];
    assert.deepEqual(r.careToMovedIn, { children: 4, averageDays: Math.round(careDays.reduce((a, b) => a + b) / 4), leftOut: 1 }, 'D has no date entered care');
    assert.deepEqual(r.orderToDecision, { children: 4, averageDays: Math.round((180 + 100 + 100 + 60) / 4), leftOut: 1 }, 'H was placed with consent');
    assert.deepEqual(r.movedInWithin14Months, { children: 4, within: 2, percent: 50, leftOut: 1 }, 'A at exactly 14 months and H count as within');
    const sixCounts = waitedMoreThan(addMonths(to, -6), 6, to);
    assert.deepEqual(r.waiting, { over6Months: sixCounts ? 3 : 2, over12Months: 1 }, 'counted in the database by the same rule as the pure measure');
    assert.deepEqual(r.planChanges, { total: 1, byOutcome: [{ outcome: 'plan_changed_long_term_fostering', children: 1 }] });
    assert.deepEqual(r.siblings, { together: 2, separated: 1 });
    assert.equal(r.disruptionsBeforeOrder, 1);
    assert.deepEqual(
      r.windows.map((w: { months: number; reached: number; open: number; disrupted: number }) => [w.months, w.reached, w.open, w.disrupted]),
      [
        [6, 5, 4, 1],
        [12, 5, 4, 1],
        [24, 0, 0, 0],
      ],
    );
    assert.equal(r.familiesWaitingOver3Months, 1);
    assert.match(r.links.children.careToMovedIn, /^\/api\/v1\/outcomes\/placement-success\/careToMovedIn\/children\?/);

    const audit = await auditRows('placementSuccess.view', users.manager!.id);
    assert.equal(audit.at(-1)?.outcome, 'success');
    assert.equal(audit.at(-1)?.detail?.disclosed, false);
  });

  it('narrows every measure to one referring local authority', async () => {
    const r = (await api('manager', `/api/v1/outcomes/placement-success?${period}&localAuthorityId=${otherCouncil}`)).body;
    assert.equal(r.localAuthorityId, otherCouncil);
    assert.deepEqual(
      [r.careToMovedIn.children, r.orderToDecision.children, r.waiting.over6Months, r.planChanges.total, r.disruptionsBeforeOrder],
      [1, 0, 0, 0, 0],
    );
  });

  it('lists the children behind a figure, with their dates, and audits the list', async () => {
    const list = await api('manager', `/api/v1/outcomes/placement-success/waitingOver6Months/children?${period}`);
    assert.equal(list.status, 200, JSON.stringify(list.body));
    const expected = [ids.e, ids.f, ...(waitedMoreThan(addMonths(to, -6), 6, to) ? [ids.six] : [])];
    assert.equal(list.body.total, expected.length);
    assert.deepEqual(
      list.body.items.map((i: { childId: string }) => i.childId),
      expected,
      'the longest waiting first',
    );
    assert.equal(list.body.items[0].name, 'Fictional E Placementsuccess');
    const plans = await api('finder', `/api/v1/outcomes/placement-success/planChanges/children?${period}`);
    assert.equal(plans.body.items[0].reason, 'Fictional: settled with her foster carers');
    const paged = await api('manager', `/api/v1/outcomes/placement-success/careToMovedIn/children?${period}&limit=3`);
    assert.equal(paged.body.items.length, 3);
    const rest = await api('manager', `/api/v1/outcomes/placement-success/careToMovedIn/children?${period}&limit=3&cursor=${paged.body.nextCursor}`);
    assert.deepEqual([rest.body.items.length, rest.body.nextCursor], [1, null]);
    const audit = await auditRows('placementSuccess.children', users.manager!.id);
    assert.equal(audit.at(-1)?.outcome, 'success');
    assert.equal(audit.at(-1)?.detail?.measure, 'careToMovedIn');
  });

  it('gives a local authority referrer their own children’s figures only, disclosure-controlled, and never the list', async () => {
    const own = await api('referrer', `/api/v1/outcomes/placement-success?${period}`);
    assert.equal(own.status, 200, JSON.stringify(own.body));
    assert.equal(own.body.disclosed, true);
    assert.equal(own.body.localAuthorityId, council);
    assert.equal(own.body.planChanges.total, 'c', 'one child: suppressed');
    assert.equal(own.body.familiesWaitingOver3Months, null, 'families are the agency’s');
    assert.equal(own.body.links.children, null);
    const other = await api('otherReferrer', `/api/v1/outcomes/placement-success?${period}`);
    assert.deepEqual([other.body.planChanges.total, other.body.waiting.over6Months], [0, 0], 'no plan changed among the other council’s children');
    assert.equal(other.body.careToMovedIn.children, 'c', 'their one child, H, suppressed');

    const elsewhere = await api('referrer', `/api/v1/outcomes/placement-success?${period}&localAuthorityId=${otherCouncil}`);
    assert.equal(elsewhere.status, 404, 'another authority’s figures are not found');
    assert.equal((await auditRows('placementSuccess.view', users.referrer!.id)).at(-1)?.outcome, 'not_found');
    const list = await api('referrer', `/api/v1/outcomes/placement-success/waitingOver6Months/children?${period}`);
    assert.equal(list.status, 403);
    assert.equal((await auditRows('placementSuccess.children', users.referrer!.id)).at(-1)?.outcome, 'denied');
    const page = await browsers.referrer!.get(`/outcomes/placement-success?${period}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('data-testid="disclosure-note"'));
    assert.ok(!page.body.includes('data-testid="children-'), 'no link to any list');
    assert.ok(!page.body.includes('Fictional'), 'no child named');
  });

  it('gives a funder every agency’s figures with small counts suppressed, never broken down by authority', async () => {
    const answer = await api('funder', `/api/v1/outcomes/placement-success?${period}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const r = answer.body;
    assert.equal(r.disclosed, true);
    // Six children moved in (X with another agency): 5 with a date entered care; A, H and X within 14 months, B and C not.
    assert.equal(r.careToMovedIn.children, 5);
    assert.deepEqual(r.movedInWithin14Months, { children: 5, within: 'c', percent: 'c' });
    assert.deepEqual(r.siblings, { together: 'c', separated: 'c' });
    assert.equal(r.disruptionsBeforeOrder, 'c');
    assert.equal(r.familiesWaitingOver3Months, 'c');
    assert.equal(r.links.children, null);
    const audit = await auditRows('placementSuccess.view', users.funder!.id);
    assert.equal(audit.at(-1)?.detail?.disclosed, true);

    const byAuthority = await api('funder', `/api/v1/outcomes/placement-success?${period}&localAuthorityId=${council}`);
    assert.equal(byAuthority.status, 403);
    assert.match(byAuthority.body.detail, /cannot be broken down by local authority/);
    assert.equal((await api('funder', `/api/v1/outcomes/placement-success/careToMovedIn/children?${period}`)).status, 403);
  });

  it('shows another agency only its own placements and none of our children', async () => {
    const r = (await api('otherManager', `/api/v1/outcomes/placement-success?${period}`)).body;
    assert.deepEqual([r.careToMovedIn.children, r.waiting.over6Months, r.planChanges.total, r.familiesWaitingOver3Months], [1, 0, 0, 0]);
    const list = await api('otherManager', `/api/v1/outcomes/placement-success/careToMovedIn/children?${period}`);
    assert.deepEqual(
      list.body.items.map((i: { childId: string }) => i.childId),
      [ids.x],
    );
    const notAnAuthority = await api('otherManager', `/api/v1/outcomes/placement-success?${period}&localAuthorityId=${agency}`);
    assert.equal(notAnAuthority.status, 404);
  });

  it('refuses the roles without the figures, and a period that is not right, in the reader’s language', async () => {
    assert.equal((await api('socialWorker', `/api/v1/outcomes/placement-success?${period}`)).status, 403);
    const backwards = await api('manager', `/api/v1/outcomes/placement-success?from=${to}&to=${from}`, { 'accept-language': 'cy' });
    assert.equal(backwards.status, 400);
    assert.match(String(backwards.headers['content-type']), /problem\+json/);
    assert.match(JSON.stringify(backwards.body), /Rhaid i ddiwrnod cyntaf y cyfnod fod ar neu cyn ei ddiwrnod olaf/);
    const future = await api('manager', `/api/v1/outcomes/placement-success?to=${addDays(today(), 1)}`);
    assert.equal(future.status, 400);
    assert.match(JSON.stringify(future.body), /today or earlier/);
    assert.equal((await api('manager', `/api/v1/outcomes/placement-success?from=2025-02-30`)).status, 400);
    assert.equal((await api('manager', `/api/v1/outcomes/placement-success/notAMeasure/children`)).status, 404, 'no such figure');
  });

  it('shows the page in English and Welsh, each measure with its definition, and the list behind a figure', async () => {
    const en = await browsers.manager!.get(`/outcomes/placement-success?${period}&lang=en`);
    assert.equal(en.statusCode, 200);
    assert.ok(en.body.includes('Average days from entering care to moving in with the adoptive family'));
    assert.ok(en.body.includes('A child who moves in exactly 14 months after'), 'the definition is on the page');
    assert.ok(en.body.includes('data-testid="families-satisfaction"'));
    assert.match(en.body, /data-testid="figure-disruptionsBeforeOrder">1</);
    const cy = await browsers.manager!.get(`/outcomes/placement-success?${period}&lang=cy`);
    assert.ok(cy.body.includes('Llwyddiant lleoliadau') && cy.body.includes('Cyfartaledd y dyddiau o ddod i ofal i symud i mewn gyda’r teulu mabwysiadol'));
    const list = await browsers.manager!.get(`/outcomes/placement-success/disruptionsBeforeOrder?${period}&lang=en`);
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes('Fictional D Placementsuccess') && list.body.includes('the family could not meet her needs'));
    const bad = await browsers.manager!.get(`/outcomes/placement-success?from=${to}&to=${from}&lang=en`);
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.body.includes('The first day of the period must be on or before its last day'));
    const future = await browsers.manager!.get(`/outcomes/placement-success?to=${addDays(today(), 3)}&lang=en`);
    assert.equal(future.statusCode, 400);
    assert.ok(future.body.includes('The last day of the period must be today or earlier'));
  });

  it('draws stability as a chart with the same figures in a table, and downloads the figures as a CSV in the reader’s language with small numbers suppressed', async () => {
    const page = await browsers.manager!.get(`/outcomes/placement-success?${period}&lang=en`);
    assert.ok(page.body.includes('<svg'), 'a server-rendered chart');
    assert.ok(page.body.includes('data-testid="stability-table"'));
    const table = page.body.slice(page.body.indexOf('data-testid="stability-table"'));
    assert.match(table, /6 months[\s\S]*12 months[\s\S]*24 months/);
    const csvHref = /href="([^"]+)" download data-testid="csv-link"/.exec(page.body)![1]!.replace(/&amp;/g, '&');
    const en = await browsers.manager!.get(`${csvHref}&lang=en`);
    assert.equal(en.statusCode, 200);
    assert.match(String(en.headers['content-type']), /^text\/csv/);
    const lines = en.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines[0], 'Section,Measure,Figure,Detail,Period from,Period to');
    assert.ok(lines.length > 10, 'every measure is a row');
    // The agency sees exact small counts on its page; the download leaves it, so they are "c".
    const figures = lines.slice(1).map((l) => l.split(',')[2]);
    assert.ok(
      figures.every((f) => f === undefined || !/^[1-4]$/.test(f)),
      'no count of 1 to 4 leaves in the file',
    );
    const cy = await browsers.manager!.get(`${csvHref}&lang=cy`);
    assert.equal(cy.body.replace(/^\ufeff/, '').split('\r\n')[0], 'Adran,Mesur,Ffigur,Manylion,Cyfnod o,Cyfnod hyd at');
  });

  it('keeps the date each child entered care on the child’s record in the API', async () => {
    const record = await callApi(t, await t.token(users.finder!, 'read'), 'GET', `/api/v1/children/${ids.a}`);
    assert.equal(record.status, 200);
    assert.equal(record.body.enteredCareDate, addMonths(movedIn.a, -14));
  });
});
