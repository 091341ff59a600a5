import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';
import { seedSyntheticChildren } from '../../src/modules/children/index.ts';
import { addDays, dateInWales } from '../../src/platform/dates/dates.ts';

/**
 * Reports to funders and commissioners end to end on a real database: the service manager issues, a
 * report issued again is a new version with the first's bytes unchanged, the funder and the commissioning
 * authority see only what was issued to them (another organisation 404, and never a record), the
 * download's digest matches its bytes, and the snapshot refuses to change even for the owner.
 */
describe('reports to funders and commissioners', () => {
  let t: TestApp;
  let funderId: string;
  let councilId: string;
  const tokens: Record<string, string> = {};
  const users: Record<string, TestUser> = {};
  const today = () => dateInWales(new Date());
  const period = { from: addDays(today(), -364), to: today() };

  async function api(who: string, method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) {
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

  const issue = async (organisation: string, language: 'en' | 'cy' = 'en') => {
    const made = await api('manager', 'POST', '/api/v1/reports', { organisation, ...period, language });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(made.headers.location, `/api/v1/reports/${made.body.id}`);
    return made.body;
  };

  before(async () => {
    t = await startTestApp();
    const agencyId = await t.organisation('reports-agency', 'agency');
    councilId = await t.organisation('reports-council', 'local_authority');
    const otherCouncil = await t.organisation('reports-other-council', 'local_authority');
    funderId = await t.organisation('reports-funder', 'funder');
    const otherFunder = await t.organisation('reports-other-funder', 'funder');
    const finder = await t.user(['family_finder'], agencyId);
    const people = {
      manager: await t.user(['service_manager'], agencyId),
      administrator: await t.user(['administrator'], agencyId),
      finder,
      funder: await t.user(['funder'], funderId),
      otherFunder: await t.user(['funder'], otherFunder),
      council: await t.user(['la_referrer'], councilId),
      otherCouncil: await t.user(['la_referrer'], otherCouncil),
    };
    for (const [who, user] of Object.entries(people)) {
      tokens[who] = await t.token(user);
      users[who] = user;
    }
    await seedSyntheticChildren(t.services.runner, t.system, {
      count: 60,
      seed: 22,
      today: period.to,
      localAuthorityIds: [councilId, otherCouncil],
      agencyId,
      familyFinderIds: [finder.id],
    });
  });
  after(async () => t.close());

  it('lets only the service manager issue, and refuses an unknown organisation in the reader’s language', async () => {
    assert.equal((await api('finder', 'POST', '/api/v1/reports', { organisation: 'reports-funder', ...period, language: 'en' })).status, 403);
    assert.equal((await api('funder', 'POST', '/api/v1/reports', { organisation: 'reports-funder', ...period, language: 'en' })).status, 403);
    const unknown = await api('manager', 'POST', '/api/v1/reports', { organisation: 'reports-agency', ...period, language: 'en' }, { 'accept-language': 'cy' });
    assert.equal(unknown.status, 400);
    assert.deepEqual(
      unknown.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]),
      [['organisation', 'Dewiswch gyllidwr neu awdurdod lleol sy’n comisiynu']],
    );
  });

  it('issues a report twice as two versions, the first one’s bytes unchanged, and the digest matches the download', async () => {
    const first = await issue('reports-funder');
    assert.equal(first.version, 1);
    assert.deepEqual(first.files.map((f: { format: string }) => f.format).sort(), ['csv', 'pdf', 'xlsx']);
    const before = await api('funder', 'GET', `/api/v1/reports/${first.id}/download?format=pdf`);
    assert.equal(before.status, 200);
    assert.equal(before.headers['content-type'], 'application/pdf');
    const sha = createHash('sha256').update(before.raw).digest();
    assert.equal(before.headers['content-digest'], `sha-256=:${sha.toString('base64')}:`);
    assert.equal(first.files.find((f: { format: string }) => f.format === 'pdf').sha256, sha.toString('hex'));

    const second = await issue('reports-funder');
    assert.equal(second.number, first.number);
    assert.equal(second.version, 2);
    assert.match(second.reference, / v2$/);
    for (const format of ['pdf', 'xlsx', 'csv']) {
      const again = await api('funder', 'GET', `/api/v1/reports/${first.id}/download?format=${format}`);
      const shaNow = createHash('sha256').update(again.raw).digest('hex');
      assert.equal(shaNow, first.files.find((f: { format: string }) => f.format === format).sha256, `${format} of the first version unchanged`);
    }
    const audit = await t.database.adminQuery("select detail from audit_log where action = 'reports.issue' and resource_id = $1", [first.id]);
    assert.equal(audit.rows[0]?.detail?.pdf, sha.toString('hex'));
  });

  it('shows a funder only the reports issued to it, never a record; another organisation gets 404', async () => {
    const mine = await issue('reports-funder', 'cy');
    const theirs = await api('funder', 'GET', '/api/v1/reports?limit=100');
    assert.equal(theirs.status, 200);
    assert.ok(theirs.body.items.length >= 1);
    assert.ok(theirs.body.items.every((r: { organisation: { id: string } }) => r.organisation.id === funderId));
    const detail = await api('funder', 'GET', `/api/v1/reports/${mine.id}`);
    assert.equal(detail.status, 200);
    assert.equal(detail.body.document.language, 'cy');
    assert.equal((await api('funder', 'GET', '/api/v1/children')).status, 403, 'a funder never reads a record');
    assert.deepEqual((await api('otherFunder', 'GET', '/api/v1/reports?limit=100')).body.items, []);
    assert.equal((await api('otherFunder', 'GET', `/api/v1/reports/${mine.id}`)).status, 404);
    assert.equal((await api('otherFunder', 'GET', `/api/v1/reports/${mine.id}/download?format=csv`)).status, 404);
    assert.equal((await api('council', 'GET', `/api/v1/reports/${mine.id}`)).status, 404);
  });

  it('gives a commissioning local authority its own report, of its own children only', async () => {
    const report = await issue('reports-council');
    const seen = await api('council', 'GET', `/api/v1/reports/${report.id}`);
    assert.equal(seen.status, 200);
    const flow = seen.body.document.sections.find((s: { code: string }) => s.code === 'children').tables[0];
    assert.deepEqual(
      flow.rows.map((r: { label: string }) => r.label),
      ['Test reports-council'],
    );
    const listed = await api('council', 'GET', '/api/v1/reports?limit=100');
    assert.ok(listed.body.items.every((r: { organisation: { id: string } }) => r.organisation.id === councilId));
    assert.equal((await api('otherCouncil', 'GET', `/api/v1/reports/${report.id}`)).status, 404);
    assert.equal((await api('funder', 'GET', `/api/v1/reports/${report.id}`)).status, 404);
  });

  it('lets the agency’s administrator read what was issued but not issue, and says on the page who does', async () => {
    const report = await issue('reports-funder');
    assert.equal((await api('administrator', 'POST', '/api/v1/reports', { organisation: 'reports-funder', ...period, language: 'en' })).status, 403);
    assert.equal((await api('administrator', 'GET', `/api/v1/reports/${report.id}`)).status, 200);
    const admin = await t.signIn(users.administrator!);
    const list = await admin.get('/reports');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /data-testid="who-issues"/);
    assert.ok(list.body.includes('issued by the agency’s service manager'), 'the page names who issues');
    assert.ok(!list.body.includes('href="/reports/new"'), 'no form is offered that the administrator may not open');
    assert.equal((await admin.get('/reports/new')).statusCode, 403);
    const manager = await t.signIn(users.manager!);
    const managers = await manager.get('/reports');
    assert.ok(managers.body.includes('href="/reports/new"') && !managers.body.includes('data-testid="who-issues"'));
  });

  it('refuses to change or remove an issued report, even for the owner', async () => {
    const report = await issue('reports-funder');
    await assert.rejects(t.database.adminQuery("update reports set language = 'cy' where id = $1", [report.id]), /cannot be changed/);
    await assert.rejects(t.database.adminQuery('delete from report_files where report_id = $1', [report.id]), /cannot be changed/);
  });

  it('lets the service manager prepare, preview in Welsh and issue a report on the pages, and the funder download it there', async () => {
    const manager = await t.signIn(users.manager!);
    const first = await manager.get('/reports/new?lang=cy');
    assert.equal(first.statusCode, 200);
    assert.ok(first.body.includes('Pa gyfnod fydd yr adroddiad yn ei gwmpasu?'), 'the kind of period is asked first');
    const second = await manager.get('/reports/new?step=period&period=dates&lang=cy');
    assert.ok(second.body.includes('id="from-day"') && !second.body.includes('id="year"'), 'then only the boxes of other dates');
    const [fy, fm, fd] = period.from.split('-');
    const [ty, tm, td] = period.to.split('-');
    const choices = { kind: 'dates', 'from-day': fd!, 'from-month': fm!, 'from-year': fy!, 'to-day': td!, 'to-month': tm!, 'to-year': ty!, language: 'cy' };
    const missing = await manager.post('/reports/preview?lang=cy', choices, { csrfFrom: '/reports/new?period=dates&lang=cy' });
    assert.equal(missing.statusCode, 400);
    assert.ok(
      missing.body.includes('Dewiswch y sefydliad i gyhoeddi’r adroddiad iddo') || missing.body.includes('Dewiswch y sefydliad'),
      'the missing organisation is named in Welsh',
    );

    const preview = await manager.post(
      '/reports/preview?lang=cy',
      { ...choices, organisation: 'reports-funder' },
      { csrfFrom: '/reports/new?period=dates&lang=cy' },
    );
    assert.equal(preview.statusCode, 200, preview.body.slice(0, 300));
    assert.match(preview.body, /data-testid="preview-caption"/);
    assert.match(preview.body, /data-testid="section-children"/);
    assert.match(preview.body, /lang="cy"/);
    const before = Number((await t.database.adminQuery('select count(*)::int as n from reports')).rows[0].n);
    assert.equal(Number((await t.database.adminQuery('select count(*)::int as n from reports')).rows[0].n), before, 'a preview stores nothing');

    const issued = await manager.post(
      '/reports/issue?lang=cy',
      { organisation: 'reports-funder', from: period.from, to: period.to, language: 'cy' },
      { csrfFrom: '/reports/new?period=dates&lang=cy' },
    );
    assert.equal(issued.statusCode, 303);
    const location = String(issued.headers.location);
    assert.match(location, /^\/reports\/[0-9a-f-]{36}$/);
    const page = await manager.get(`${location}?lang=cy`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /R-\d{4}-\d{4}/);
    assert.match(page.body, /data-testid="download-pdf"/);

    const funder = await t.signIn(users.funder!);
    const list = await funder.get('/reports');
    assert.ok(list.body.includes(location), 'the funder’s list holds the report issued to it');
    const pdf = await funder.get(`${location}/download/pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    assert.match(String(pdf.headers['content-disposition']), /^attachment; filename="report-R-\d{4}-\d{4}-v\d+-welsh\.pdf"/);
    const welshName = await funder.get(`${location}/download/pdf?lang=cy`);
    assert.match(String(welshName.headers['content-disposition']), /^attachment; filename="adroddiad-R-\d{4}-\d{4}-v\d+-cymraeg\.pdf"/);
    const stored = (await t.database.adminQuery("select sha256 from report_files where report_id = $1 and format = 'pdf'", [location.split('/').pop()]))
      .rows[0];
    assert.equal(createHash('sha256').update(pdf.rawPayload).digest('hex'), stored.sha256, 'the page serves the stored bytes');

    const other = await t.signIn(users.otherFunder!);
    assert.equal((await other.get(location)).statusCode, 404);
    assert.equal((await other.get(`${location}/download/pdf`)).statusCode, 404);
  });
});
