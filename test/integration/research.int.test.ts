import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';
import { unzip } from '../support/zip.ts';
import { researchRecords, seedSyntheticChildren } from '../../src/modules/children/index.ts';
import { addDays, dateInWales } from '../../src/platform/dates/dates.ts';
import { CategoryTally } from '../../src/modules/research/categories.ts';
import { coarsenField } from '../../src/modules/research/coarsen.ts';
import { CHOOSABLE_FIELDS } from '../../src/modules/research/dictionary.ts';
import { countCategories } from '../../src/modules/research/extract.ts';

/**
 * Research extracts end to end on a real database: who may make agreements, what a research
 * partner sees (their own agreements and extracts only; another organisation 404), the refusals
 * with their reasons, the zip as downloaded (pseudonyms stable within an agreement and different
 * across, coarsened fields, manifest and dictionary) and the audit row carrying its checksum.
 */
describe('research agreements and extracts', () => {
  let t: TestApp;
  let agencyId: string;
  let universityId: string;
  let otherUniversityId: string;
  let manager: TestUser;
  let people: Record<string, TestUser>;
  const tokens: Record<string, string> = {};
  const today = () => dateInWales(new Date());
  const CHILDREN = 40;

  async function api(who: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tokens[who]}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      payload: body ? JSON.stringify(body) : undefined,
    });
    const type = String(response.headers['content-type'] ?? '');
    return {
      status: response.statusCode,
      headers: response.headers,
      raw: response.rawPayload,
      body: type.includes('json') ? JSON.parse(response.body) : undefined,
    };
  }

  const terms = (overrides: Record<string, unknown> = {}) => ({
    partnerOrganisationId: universityId,
    title: 'Outcomes of children who wait',
    purpose: 'To study how long children wait and what helps them find a family.',
    lawfulBasis: 'public_task',
    fields: ['birthMonth', 'ageAtReferral', 'sex', 'ethnicity', 'region', 'referralMonth', 'acesKnown', 'importantContactDistricts'],
    startDate: addDays(today(), -30),
    endDate: addDays(today(), 365),
    signedByName: 'Dr Siân Morgan',
    signedByRole: 'Data protection officer',
    signedOn: addDays(today(), -31),
    ...overrides,
  });

  async function agreement(overrides: Record<string, unknown> = {}): Promise<string> {
    const made = await api('manager', 'POST', '/api/v1/research/agreements', terms(overrides));
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(made.headers.location, `/api/v1/research/agreements/${made.body.id}`);
    return made.body.id as string;
  }

  async function extractRows(who: string, agreementId: string, body: unknown = {}) {
    const made = await api(who, 'POST', `/api/v1/research/agreements/${agreementId}/extracts`, body);
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const download = await api(who, 'GET', made.body.download);
    assert.equal(download.status, 200);
    const files = await unzip(download.raw);
    const rows: Record<string, string>[] = parse(files.get('data.csv')!, { columns: true });
    return { extract: made.body, download, files, rows };
  }

  before(async () => {
    t = await startTestApp();
    agencyId = await t.organisation('research-agency', 'agency');
    const council = await t.organisation('research-council', 'local_authority');
    universityId = await t.organisation('research-university', 'research_partner');
    otherUniversityId = await t.organisation('research-other-university', 'research_partner');
    manager = await t.user(['service_manager'], agencyId);
    const finder = await t.user(['family_finder'], agencyId);
    people = {
      manager,
      administrator: await t.user(['administrator'], agencyId),
      finder,
      researcher: await t.user(['research_partner'], universityId),
      otherResearcher: await t.user(['research_partner'], otherUniversityId),
    };
    for (const [who, user] of Object.entries(people)) tokens[who] = await t.token(user);
    await seedSyntheticChildren(t.services.runner, t.system, {
      count: CHILDREN,
      seed: 12,
      today: today(),
      localAuthorityIds: [council],
      agencyId,
      familyFinderIds: [finder.id],
    });
  });
  after(async () => t.close());

  it('lets only the administrator and the service manager make agreements, and refuses bad terms in the reader’s language', async () => {
    await agreement();
    assert.equal((await api('administrator', 'POST', '/api/v1/research/agreements', terms())).status, 201);
    assert.equal((await api('finder', 'POST', '/api/v1/research/agreements', terms())).status, 403);
    assert.equal((await api('researcher', 'POST', '/api/v1/research/agreements', terms())).status, 403);
    const backwards = await api('manager', 'POST', '/api/v1/research/agreements', terms({ endDate: addDays(today(), -60) }), { 'accept-language': 'cy' });
    assert.equal(backwards.status, 400);
    assert.deepEqual(
      backwards.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]),
      [['endDate', 'Rhaid i’r dyddiad gorffen fod ar y dyddiad dechrau neu ar ei ôl']],
    );
    const notAPartner = await api('manager', 'POST', '/api/v1/research/agreements', terms({ partnerOrganisationId: agencyId }));
    assert.equal(notAPartner.status, 400);
    assert.equal(notAPartner.body.errors[0].field, 'partnerOrganisationId');
    const unknownField = await api('manager', 'POST', '/api/v1/research/agreements', terms({ fields: ['legalGivenNames'] }));
    assert.equal(unknownField.status, 400, 'a name is not in the data dictionary, so it cannot be agreed');
  });

  it('shows a research partner only the agreements naming it, and another organisation gets 404', async () => {
    const id = await agreement({ title: 'Seen by its partner only' });
    const mine = await api('researcher', 'GET', '/api/v1/research/agreements?limit=100');
    assert.ok(mine.body.items.some((a: { id: string }) => a.id === id));
    assert.ok(mine.body.items.every((a: { partnerOrganisationId: string }) => a.partnerOrganisationId === universityId));
    const theirs = await api('otherResearcher', 'GET', '/api/v1/research/agreements?limit=100');
    assert.deepEqual(theirs.body.items, []);
    assert.equal((await api('otherResearcher', 'GET', `/api/v1/research/agreements/${id}`)).status, 404);
    assert.equal((await api('otherResearcher', 'POST', `/api/v1/research/agreements/${id}/extracts`, {})).status, 404);
    const { extract } = await extractRows('researcher', id);
    assert.equal((await api('otherResearcher', 'GET', `/api/v1/research/extracts/${extract.id}`)).status, 404);
    assert.equal((await api('otherResearcher', 'GET', `/api/v1/research/extracts/${extract.id}/download`)).status, 404);
    assert.equal((await api('manager', 'GET', `/api/v1/research/extracts/${extract.id}/download`)).status, 403, 'the agency does not download extracts');
  });

  it('gives a zip of pseudonymised, coarsened rows with its dictionary and a manifest that checks, and audits its checksum', async () => {
    const id = await agreement();
    const { extract, download, files, rows } = await extractRows('researcher', id);
    assert.equal(download.headers['content-type'], 'application/zip');
    assert.match(String(download.headers['content-disposition']), /^attachment; filename="research-extract-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.zip"/);
    const sha256 = createHash('sha256').update(download.raw).digest('hex');
    assert.equal(extract.sha256, sha256);
    assert.equal(download.headers['content-digest'], `sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:`);
    assert.deepEqual([...files.keys()].sort(), ['MANIFEST-SHA256.txt', 'README.txt', 'data-dictionary.csv', 'data-dictionary.json', 'data.csv']);
    for (const line of files.get('MANIFEST-SHA256.txt')!.toString().trim().split('\n')) {
      const [hash, name] = line.split(/\s+/);
      assert.equal(createHash('sha256').update(files.get(name!)!).digest('hex'), hash, `${name} matches the manifest`);
    }
    const dictionary = JSON.parse(files.get('data-dictionary.json')!.toString()) as { fields: { name: string; description: { cy: string } }[] };
    const header = files.get('data.csv')!.toString().split('\n')[0]!.split(',');
    assert.deepEqual(
      dictionary.fields.map((f) => f.name),
      header,
      'the dictionary describes the columns in their order',
    );
    assert.deepEqual([...header].sort(), ['child', ...terms().fields].sort());
    assert.ok(dictionary.fields.every((f) => f.description.cy.length > 0));

    assert.equal(rows.length, CHILDREN);
    assert.equal(extract.children, CHILDREN);
    const childIds = (await t.database.adminQuery('select id from children where $1::uuid = any(shared_with)', [agencyId])).rows.map((r) => String(r.id));
    const csv = files.get('data.csv')!.toString();
    assert.ok(!childIds.some((childId) => csv.includes(childId) || csv.includes(childId.slice(0, 8))), 'no child’s id leaves the agency');
    const names = (await t.database.adminQuery('select legal_family_name from children')).rows.map((r) => String(r.legal_family_name));
    assert.ok(!names.some((name) => csv.includes(name)), 'no name leaves the agency');
    for (const row of rows) {
      assert.match(row.child!, /^[0-9a-f]{64}$/);
      assert.match(row.birthMonth!, /^\d{4}-\d{2}$/);
      assert.match(row.referralMonth!, /^\d{4}-\d{2}$/);
      assert.match(row.ageAtReferral!, /^(\d{1,2}|other|c)$/);
      assert.ok(row.importantContactDistricts!.split(';').every((d) => d === '' || d === 'other' || d === 'c' || /^[A-Z]{1,2}\d[A-Z\d]?$/.test(d)));
    }
    // Every category shown is held by at least five children of the extract.
    for (const field of ['sex', 'ethnicity', 'region', 'ageAtReferral', 'acesKnown']) {
      const counts = new Map<string, number>();
      for (const row of rows) counts.set(row[field]!, (counts.get(row[field]!) ?? 0) + 1);
      for (const [value, n] of counts) assert.ok(value === 'other' || value === 'c' || n >= 5, `${field} ${value} is held by only ${n}`);
    }

    const audit = await t.database.adminQuery("select detail, user_id from audit_log where action = 'researchExtracts.create' and resource_id = $1", [
      extract.id,
    ]);
    assert.equal(audit.rows.length, 1);
    assert.equal(audit.rows[0].detail.sha256, sha256);
    const downloads = await t.database.adminQuery("select detail from audit_log where action = 'researchExtracts.download' and resource_id = $1", [extract.id]);
    assert.equal(downloads.rows[0]?.detail.sha256, sha256);
  });

  it('reads every child of the agency once, batch after batch, in the order of their ids', async () => {
    const ids = await t.services.runner.run(t.system, async (tx) => {
      const seen: string[] = [];
      for await (const batch of researchRecords(tx, agencyId, 7)) seen.push(...batch.map((r) => r.id));
      return seen;
    });
    assert.equal(ids.length, CHILDREN);
    assert.deepEqual(ids, [...new Set(ids)].sort());
  });

  it('counts each category in PostgreSQL exactly as the children’s own records count', async () => {
    const kinds = new Map([
      ['needCategories', true],
      ['importantContactDistricts', true],
    ]);
    // One day for both counts, so that ages agree even across midnight.
    const countedOn = today();
    const counted = await t.services.runner.run(t.system, (tx) => countCategories(tx, agencyId, CHOOSABLE_FIELDS, countedOn));
    const byRecord = await t.services.runner.run(t.system, async (tx) => {
      const tally = new CategoryTally();
      let children = 0;
      for await (const batch of researchRecords(tx, agencyId, 7))
        for (const record of batch) {
          children += 1;
          for (const field of CHOOSABLE_FIELDS)
            if (counted.tally.counts.has(field)) tally.add(field, coarsenField(field, record, countedOn), kinds.get(field) ?? false);
        }
      return { tally, children };
    });
    assert.equal(counted.children, CHILDREN);
    assert.equal(byRecord.children, CHILDREN);
    assert.ok(counted.tally.counts.has('ageAtReferral') && counted.tally.counts.has('needCategories'));
    const sorted = (tally: CategoryTally) => [...tally.counts].map(([field, counts]) => [field, [...counts].sort()] as const).sort();
    assert.deepEqual(sorted(counted.tally), sorted(byRecord.tally));
  });

  it('keeps a child’s pseudonym across extracts of one agreement and changes it under another', async () => {
    const first = await agreement();
    const second = await agreement({ title: 'A second study' });
    const a = new Set((await extractRows('researcher', first)).rows.map((r) => r.child));
    const again = new Set((await extractRows('researcher', first, { fields: ['sex'] })).rows.map((r) => r.child));
    const other = new Set((await extractRows('researcher', second)).rows.map((r) => r.child));
    assert.equal(a.size, CHILDREN);
    assert.deepEqual([...again].sort(), [...a].sort());
    assert.equal([...other].filter((p) => a.has(p)).length, 0);
  });

  it('amends an agreement as a new version on the version read (a stale one 412), and an ended agreement extended opens again', async () => {
    const id = await agreement({ startDate: '2024-01-01', endDate: '2024-12-31', signedOn: '2023-12-01' });
    assert.equal((await api('researcher', 'POST', `/api/v1/research/agreements/${id}/extracts`, {})).status, 403, 'ended');
    const extendedTo = addDays(today(), 30);
    const extended = await api('manager', 'PATCH', `/api/v1/research/agreements/${id}`, { endDate: extendedTo }, { 'if-match': '"v1"' });
    assert.equal(extended.status, 200, JSON.stringify(extended.body));
    assert.equal(extended.body.version, 2);
    const stale = await api('manager', 'PATCH', `/api/v1/research/agreements/${id}`, { title: 'Too late' }, { 'if-match': '"v1"' });
    assert.equal(stale.status, 412);
    assert.equal((await api('researcher', 'PATCH', `/api/v1/research/agreements/${id}`, { title: 'Mine now' }, { 'if-match': '"v2"' })).status, 403);
    const detail = await api('manager', 'GET', `/api/v1/research/agreements/${id}`);
    assert.deepEqual(
      detail.body.versions.map((v: { version: number; terms: { endDate: string } }) => [v.version, v.terms.endDate]),
      [
        [2, extendedTo],
        [1, '2024-12-31'],
      ],
    );
    const { extract } = await extractRows('researcher', id);
    assert.equal(extract.agreementVersion, 2);

    // Ended early (yesterday): the extract already made can no longer be downloaded either.
    const ended = await api('manager', 'PATCH', `/api/v1/research/agreements/${id}`, { endDate: addDays(today(), -1) }, { 'if-match': '"v2"' });
    assert.equal(ended.status, 200, JSON.stringify(ended.body));
    const refused = await api('researcher', 'GET', `/api/v1/research/extracts/${extract.id}/download`);
    assert.equal(refused.status, 403);
    assert.match(refused.body.detail, /The agreement ended on/);
    const audit = await t.database.adminQuery(
      "select detail from audit_log where action = 'researchExtracts.download' and outcome = 'denied' and resource_id = $1",
      [id],
    );
    assert.equal(audit.rows[0]?.detail.reason, 'research:errors.extract.ended');
  });

  it('amends an agreement from its page in Welsh: a mistake shown with what was typed, a stale form 409, extracts keep their version', async () => {
    const id = await agreement({ title: 'Amended on its page', fields: ['sex', 'ethnicity'] });
    const { extract: underFirst } = await extractRows('researcher', id);
    const browser = await t.signIn(manager);
    await browser.get('/?lang=cy');
    const form = await browser.get(`/research/agreements/${id}/amend`);
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes('Diwygio’r cytundeb'), 'the form speaks Welsh');
    assert.ok(form.body.includes('value="Amended on its page"'), 'the terms as they stand fill the form');
    assert.match(form.body, /name="version" value="1"/);
    const amendedTo = addDays(today(), 400);
    const [endDay, endMonth, endYear] = amendedTo.split('-').reverse().map(Number).map(String);
    const [startDay, startMonth, startYear] = terms().startDate.split('-').reverse().map(Number).map(String);
    const [signedDay, signedMonth, signedYear] = addDays(today(), -1).split('-').reverse().map(Number).map(String);
    const typed = {
      version: '1',
      title: 'Amended on its page',
      purpose: 'To study how long children wait, now with their region.',
      lawfulBasis: 'public_task',
      fields: ['sex', 'ethnicity', 'region'],
      'startDate-day': startDay!,
      'startDate-month': startMonth!,
      'startDate-year': startYear!,
      'endDate-day': endDay!,
      'endDate-month': endMonth!,
      'endDate-year': endYear!,
      signedByName: 'Dr Siân Morgan',
      signedByRole: 'Swyddog diogelu data',
      'signedOn-day': signedDay!,
      'signedOn-month': signedMonth!,
      'signedOn-year': signedYear!,
    };
    const mistake = await browser.post(`/research/agreements/${id}/amend`, { ...typed, fields: [], 'endDate-year': '2001' });
    assert.equal(mistake.statusCode, 400);
    assert.ok(mistake.body.includes('Dewiswch o leiaf un maes'));
    assert.ok(mistake.body.includes('Rhaid i’r dyddiad gorffen fod ar y dyddiad dechrau neu ar ei ôl'));
    assert.ok(mistake.body.includes('now with their region'), 'what was typed is kept');

    const saved = await browser.post(`/research/agreements/${id}/amend`, typed);
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 400));
    assert.equal(saved.headers.location, `/research/agreements/${id}`);
    const page = await browser.get(`/research/agreements/${id}`);
    assert.ok(page.body.includes('Diwygiwyd y cytundeb: dyma fersiwn 2'));
    assert.ok(page.body.includes('<code>region</code>'), 'the new field is listed');

    // Someone else's form, read at version 1, is refused with the agreement as it now stands.
    const stale = await browser.post(`/research/agreements/${id}/amend`, { ...typed, title: 'Too late' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /name="version" value="2"/);
    assert.ok(!stale.body.includes('value="Too late"'));

    const detail = await api('manager', 'GET', `/api/v1/research/agreements/${id}`);
    assert.equal(detail.body.version, 2);
    assert.deepEqual(detail.body.fields, ['sex', 'ethnicity', 'region']);
    assert.equal(detail.body.endDate, amendedTo);
    const { extract: underSecond, rows } = await extractRows('researcher', id);
    assert.equal(underSecond.agreementVersion, 2);
    assert.ok('region' in rows[0]!);
    assert.equal(
      (await api('researcher', 'GET', `/api/v1/research/extracts/${underFirst.id}`)).body.agreementVersion,
      1,
      'the first extract still says version 1',
    );
    const researcherBrowser = await t.signIn(people.researcher!);
    const researcherPage = await researcherBrowser.get(`/research/agreements/${id}`);
    const versions = [...researcherPage.body.matchAll(/data-testid="extract-version"[^>]*>\s*(\d+)/g)].map((m) => m[1]);
    assert.deepEqual(versions, ['2', '1'], 'each extract names the version it was made under');
    assert.ok(!researcherPage.body.includes('data-testid="amend-agreement"'), 'the research partner cannot amend');
    assert.equal((await researcherBrowser.get(`/research/agreements/${id}/amend`)).statusCode, 403);

    const audit = await t.database.adminQuery("select detail, user_id from audit_log where action = 'researchAgreements.amend' and resource_id = $1", [id]);
    assert.equal(audit.rows.length, 1);
    assert.equal(audit.rows[0].user_id, manager.id);
    assert.deepEqual(audit.rows[0].detail, { event: 'amended', version: 2, fields: 'purpose,fields,endDate,signedByRole,signedOn' });
  });

  it('refuses an extract after the end date or with a field outside the agreement, says why, and audits the refusal', async () => {
    const ended = await agreement({ startDate: '2024-01-01', endDate: '2024-12-31', signedOn: '2023-12-01' });
    const late = await api('researcher', 'POST', `/api/v1/research/agreements/${ended}/extracts`, {}, { 'accept-language': 'cy' });
    assert.equal(late.status, 403);
    assert.match(late.body.detail, /Daeth y cytundeb i ben ar 2024-12-31/);
    const id = await agreement({ fields: ['sex'] });
    const outside = await api('researcher', 'POST', `/api/v1/research/agreements/${id}/extracts`, { fields: ['sex', 'ethnicity'] });
    assert.equal(outside.status, 400);
    assert.equal(outside.body.errors[0].message, 'The agreement does not include the field “ethnicity”');
    const refusals = await t.database.adminQuery(
      "select resource_id, detail from audit_log where action = 'researchExtracts.create' and outcome = 'denied' and resource_id = any($1::text[])",
      [[ended, id]],
    );
    assert.deepEqual(refusals.rows.map((r) => r.detail.reason).sort(), ['research:errors.extract.ended', 'research:errors.extract.fieldOutsideAgreement']);
    const none = await t.database.adminQuery('select count(*)::int as n from research_extracts where agreement_id = any($1::uuid[])', [[ended, id]]);
    assert.equal(none.rows[0].n, 0);
  });
});
