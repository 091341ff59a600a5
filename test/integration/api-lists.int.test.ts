import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allRoutes } from '../../src/server/registry.ts';
import type { Role } from '../../src/platform/policy/roles.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { callApi, referredChild } from '../support/api-client.ts';
import { responseDrift } from '../support/response-check.ts';

/** What names a row of a list: its id, or the person it is about (a work list of people). */
function identity(item: Record<string, unknown>): string {
  const name = item.id ?? item.userId;
  return typeof name === 'string' ? name : JSON.stringify(item);
}

/** Follows nextCursor from the first page to the last; the ids seen, in order. */
async function walk(t: TestApp, token: string, url: string, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const separator = url.includes('?') ? '&' : '?';
    const page = await callApi(t, token, 'GET', `${url}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(page.status, 200, `${url} page ${pages + 1}: ${JSON.stringify(page.body)}`);
    assert.ok(Array.isArray(page.body.items), `${url} answers { items }`);
    assert.ok(page.body.items.length <= limit, `${url} keeps to the page size`);
    assert.ok('nextCursor' in page.body, `${url} answers nextCursor (null on the last page)`);
    ids.push(...page.body.items.map(identity));
    cursor = page.body.nextCursor;
    pages += 1;
    assert.ok(pages < 1000, `${url} never ends`);
  } while (cursor);
  return { ids, pages };
}

/**
 * Every list of the API pages the same way, and a walk with a small page size meets every row
 * exactly once. The lists are found in the route registry, so a new list is walked too.
 */
describe('API lists page with limit, cursor and nextCursor', () => {
  let t: TestApp;
  const tokens: { role: Role; token: string }[] = [];
  let referrerToken: string;
  let finderToken: string;
  let referrerId: string;
  let north: string;
  let agency: string;
  const acceptedGroups: string[][] = [];
  const listUrls: string[] = [];

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    north = await t.organisation('north', 'local_authority');
    const clinic = await t.organisation('clinic', 'clinical_partner');
    await t.organisation('fund', 'funder');
    const referrer = await t.user(['la_referrer'], north);
    const finder = await t.user(['family_finder'], agency);
    referrerToken = await t.token(referrer);
    referrerId = referrer.id;
    finderToken = await t.token(finder);
    // One of each role that reads lists, so each list is walked by someone it is meant for.
    for (const [role, organisationId] of [
      ['service_manager', agency],
      ['administrator', agency],
      ['family_finder', agency],
      ['social_worker', agency],
      ['clinical_psychologist', clinic],
      ['la_referrer', north],
    ] as const) {
      tokens.push({
        role,
        token: role === 'family_finder' ? finderToken : role === 'la_referrer' ? referrerToken : await t.token(await t.user([role], organisationId)),
      });
    }
    // Seven referrals, each of a sibling pair: more than three pages of referrals and children at a page size of 2.
    for (let i = 0; i < 7; i++) {
      const made = await callApi(t, referrerToken, 'POST', '/api/v1/referrals', {
        legalBasis: 'consent',
        children: [referredChild(`Child ${i}a`, '2018-05-01'), referredChild(`Child ${i}b`, '2019-06-01')],
        siblingRelationships: [{ child: 0, sibling: 1, relationship: 'full' }],
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      if (i % 2 === 0) {
        await callApi(t, finderToken, 'POST', `/api/v1/referrals/${made.body.referralId}/decision`, { decision: 'accept', familyFinderId: finder.id });
        acceptedGroups.push(made.body.childIds);
      }
    }
    // Five of each of a few more lists, several on the same day, so ties on the sort key are broken by id.
    const manager = tokens.find((x) => x.role === 'service_manager')!.token;
    for (let i = 0; i < 5; i++) {
      const seeded = [
        await callApi(t, manager, 'POST', '/api/v1/households', {
          email: `family${i}@example.invalid`,
          preferredLanguage: 'en',
          applicants: [{ givenNames: `Applicant ${i}`, familyName: 'Testfamily' }],
        }),
        await callApi(t, manager, 'POST', '/api/v1/campaigns', {
          name: `Campaign ${i}`,
          startDate: `2025-0${1 + (i % 2)}-01`,
          channels: ['print'],
          referrerCode: `campaign-${i}`,
        }),
        await callApi(t, manager, 'POST', '/api/v1/courses', {
          title: `Course ${i % 2}`,
          titleCy: `Cwrs ${i % 2}`,
          kind: 'preparation',
          requiredForStage1: false,
          hours: 3,
        }),
        await callApi(t, manager, 'POST', '/api/v1/support/events', {
          kind: 'event',
          title: `Picnic ${i}`,
          titleCy: `Picnic ${i}`,
          venue: 'Fictional Park',
          startsAt: `2030-0${1 + (i % 2)}-20T10:00:00Z`,
          endsAt: `2030-0${1 + (i % 2)}-20T12:00:00Z`,
        }),
        await callApi(t, finderToken, 'POST', '/api/v1/tac-meetings', {
          childIds: acceptedGroups[i % acceptedGroups.length],
          startsAt: `2025-0${1 + (i % 2)}-10T10:00:00Z`,
          endsAt: `2025-0${1 + (i % 2)}-10T11:00:00Z`,
        }),
      ];
      for (const made of seeded) assert.equal(made.status, 201, JSON.stringify(made.body));
    }
  });
  after(async () => t.close());

  it('walks every list route of the registry to its end, meeting each row once', async () => {
    const lists = allRoutes(t.services).filter((r) => r.kind === 'api' && r.method === 'GET' && r.url.startsWith('/api/v1/') && !r.url.includes(':'));
    const walked: string[] = [];
    const failures: string[] = [];
    for (const definition of lists) {
      try {
        for (const { role, token } of tokens) {
          const first = await callApi(t, token, 'GET', `${definition.url}?limit=2`);
          if (first.status === 403 || first.status === 404) continue;
          // Only lists answer { items }; other reads (a report, the account) are not paged.
          if (first.status !== 200 || !Array.isArray(first.body?.items)) break;
          // A second opinion in pages of 200, before and after: the audit log grows with every read,
          // so a row may be added meanwhile, but none that was there throughout may be missed.
          const before = await walk(t, token, definition.url, 200);
          const { ids, pages } = await walk(t, token, definition.url, 2);
          const after = await walk(t, token, definition.url, 200);
          assert.equal(new Set(ids).size, ids.length, `${definition.url} as ${role}: no row twice`);
          const throughout = before.ids.filter((id) => after.ids.includes(id));
          assert.deepEqual(
            throughout.filter((id) => !ids.includes(id)),
            [],
            `${definition.url} as ${role}: the walk meets every row`,
          );
          assert.deepEqual(
            ids.filter((id) => !before.ids.includes(id) && !after.ids.includes(id)),
            [],
            `${definition.url} as ${role}: the walk meets only rows of the list`,
          );
          assert.deepEqual(
            ids,
            after.ids.filter((id) => ids.includes(id)),
            `${definition.url} as ${role}: in the list's order`,
          );
          assert.equal(pages, Math.max(1, Math.ceil(ids.length / 2)), `${definition.url} as ${role}: no empty page`);
          walked.push(`${definition.url} (${ids.length} rows, ${role})`);
          listUrls.push(definition.url);
          break;
        }
      } catch (error) {
        failures.push(`${definition.url}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    // Every list that fails is named at once, not only the first.
    assert.deepEqual(failures, []);
    console.log(walked.join('\n'));
    assert.ok(
      walked.some((w) => w.startsWith('/api/v1/referrals ')),
      `walked: ${walked.join('; ')}`,
    );
    assert.ok(
      walked.some((w) => w.startsWith('/api/v1/children ')),
      `walked: ${walked.join('; ')}`,
    );
  });

  it('documents each list’s limit, cursor and page in the OpenAPI document', async () => {
    const doc = (await callApi(t, referrerToken, 'GET', '/api/v1/openapi.json')).body;
    assert.ok(listUrls.length > 10);
    for (const url of listUrls) {
      const operation = doc.paths[url].get;
      const names = operation.parameters.filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name);
      assert.ok(names.includes('limit') && names.includes('cursor'), `${url}: ${names.join(', ')}`);
      const schema = operation.responses['200'].content?.['application/json']?.schema;
      assert.ok(schema?.$ref === '#/components/schemas/Page' || schema?.properties?.nextCursor, `${url} documents nextCursor`);
    }
  });

  it('answers each list, and the record behind its first row, as its response schema describes it, dropping nothing', async () => {
    const routes = allRoutes(t.services).filter((r) => r.kind === 'api' && r.method === 'GET');
    const checked: string[] = [];
    const problems: string[] = [];
    for (const url of new Set(listUrls)) {
      const list = routes.find((r) => r.url === url)!;
      const detail = routes.find((r) => r.url === `${url}/:id`);
      for (const { role, token } of tokens) {
        const page = await callApi(t, token, 'GET', url);
        if (page.status !== 200) continue;
        if (!list.response) break;
        problems.push(...responseDrift(list.response, page.body).map((p) => `${url} as ${role}: ${p}`));
        checked.push(url);
        const first = page.body.items[0];
        if (detail?.response && first?.id) {
          const one = await callApi(t, token, 'GET', `${url}/${first.id}`);
          assert.equal(one.status, 200, `${url}/:id as ${role}: ${JSON.stringify(one.body)}`);
          problems.push(...responseDrift(detail.response, one.body).map((p) => `${url}/:id as ${role}: ${p}`));
          checked.push(`${url}/:id`);
        }
        break;
      }
    }
    assert.deepEqual(problems, []);
    console.log(`checked against their schemas: ${checked.join(', ')}`);
    assert.ok(checked.includes('/api/v1/campaigns/:id') && checked.includes('/api/v1/courses/:id'), checked.join(', '));
  });

  it('reaches every referral past the first 200, newest first, page by page', async () => {
    // 205 older submitted referrals, written behind the app's back: the list used to stop at 200.
    await t.database.adminQuery(
      `insert into referrals (organisation_id, agency_id, referred_by, status, legal_basis, submitted_at)
       select $1, $2, $3, 'submitted', 'consent', timestamptz '2024-01-01' + n * interval '1 hour' from generate_series(1, 205) n`,
      [north, agency, referrerId],
    );
    const { rows } = await t.database.adminQuery('select id from referrals order by coalesce(submitted_at, created_at) desc, id desc');
    const first = await callApi(t, referrerToken, 'GET', '/api/v1/referrals?limit=200');
    assert.equal(first.body.items.length, 200);
    assert.ok(first.body.nextCursor, 'a cursor to the older referrals');
    const second = await callApi(t, referrerToken, 'GET', `/api/v1/referrals?limit=200&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    assert.equal(second.body.nextCursor, null);
    const seen = [...first.body.items, ...second.body.items].map((r: { id: string }) => r.id);
    assert.deepEqual(
      seen,
      rows.map((r) => r.id),
      'every referral once, newest first',
    );
    // The oldest, submitted first of all, comes last.
    assert.equal(second.body.items.at(-1).submittedAt, '2024-01-01T01:00:00.000Z');

    const byStatus = await walk(t, finderToken, '/api/v1/referrals?status=accepted', 3);
    assert.equal(byStatus.ids.length, 4, 'the four accepted referrals, over two pages');
    assert.equal(byStatus.pages, 2);
  });

  it('refuses a cursor it did not issue with a message, not a 500', async () => {
    const bad = await callApi(t, referrerToken, 'GET', '/api/v1/referrals?cursor=not-a-cursor', undefined, { 'accept-language': 'cy' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].field, 'cursor');
  });
});
