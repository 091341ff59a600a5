import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { siblingGroupMembers, siblingGroups } from '../../src/modules/children/schema.ts';
import { caseDocumentEntriesOf } from '../../src/modules/case-documents/index.ts';
import { inActorTransaction } from '../../src/platform/db/transaction.ts';
import { startTestApp, type Browser, type TestApp, type TestUser } from '../support/app.ts';
import { insertChild, matchedFamily } from '../support/fixtures.ts';

const PDF = Buffer.from('%PDF-1.4\n% synthetic permanence report\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const PDF_V2 = Buffer.from('%PDF-1.4\n% synthetic permanence report, second version\n%%EOF\n');
const MEDICAL = Buffer.from('Synthetic medical report: nothing here is about a real child.\n');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Case documents as people use them: a family finder attaches a child's permanence report and a
 * new version of it, the psychologist files a clinical-only medical report the local authority
 * never sees, files of the wrong type or size are refused with a message and nothing stored, and
 * every read is in the audit log. All people and children are fictional.
 */
describe('case documents', () => {
  let t: TestApp;
  let agency: string;
  let council: string;
  let finder: TestUser;
  let psychologist: TestUser;
  let referrer: TestUser;
  let child: string;
  let group: string;
  let household: string;
  let match: string;
  const b: Record<string, Browser> = {};
  const today = () => dateInWales(new Date());
  const count = async (sql: string, values: unknown[] = []) => Number((await t.database.adminQuery(sql, values)).rows[0].count);

  /** A multipart form as a browser sends it, with one file. */
  async function upload(browser: Browser, url: string, fields: Record<string, string>, file: { name: string; bytes: Buffer }, csrfFrom: string) {
    const csrf = await browser.csrfFrom(csrfFrom);
    const boundary = '----together-case-documents';
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries({ _csrf: csrf, ...fields })) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    );
    parts.push(file.bytes, Buffer.from('\r\n'), Buffer.from(`--${boundary}--\r\n`));
    return t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: browser.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat(parts),
    });
  }

  const dated = (fields: Record<string, string>) => {
    const [year, month, day] = today().split('-').map(Number) as [number, number, number];
    return { 'documentDate-day': String(day), 'documentDate-month': String(month), 'documentDate-year': String(year), ...fields };
  };
  const documentIdIn = (body: string, title: string) => {
    const row = body.split('data-testid="case-document"').find((part) => part.includes(title));
    return /\/documents\/([0-9a-f-]{36})\/file/.exec(row ?? '')?.[1] ?? assert.fail(`no document "${title}" on the page`);
  };

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('docs-agency', 'agency');
    council = await t.organisation('docs-council', 'local_authority');
    finder = await t.user(['family_finder'], agency);
    psychologist = await t.user(['clinical_psychologist'], agency);
    referrer = await t.user(['la_referrer'], council);
    for (const [name, user] of Object.entries({ finder, psychologist, referrer })) b[name] = await t.signIn(user);
    const aged = { status: 'family_finding', dateOfBirth: addMonths(today(), -80), referralDate: addMonths(today(), -12), familyFinderId: finder.id } as const;
    ({ child, household, match } = await matchedFamily(t, {
      agency,
      council,
      child: { ...aged, legalGivenNames: 'Fictional Docs' },
      household: {
        reference: 'DOCS-1',
        stage: 'approved',
        stageSince: addMonths(today(), -2),
        enquiryDate: addMonths(today(), -14),
        email: 'docs@test.invalid',
      },
      match: { stage: 'linked', stageSince: addMonths(today(), -1), linkedDate: addMonths(today(), -1) },
    }));
    group = await t.services.runner.run(t.system, async (tx) => {
      const sister = await insertChild(tx, council, agency, { ...aged, legalGivenNames: 'Fictional Sister' });
      const [g] = await tx.insert(siblingGroups).values({ organisationId: council }).returning();
      await tx.insert(siblingGroupMembers).values([child, sister].map((childId) => ({ groupId: g!.id, childId, organisationId: council })));
      return g!.id;
    });
  });
  after(async () => t.close());

  it('stores a child’s permanence report and gives back the same bytes, checked against their SHA-256', async () => {
    const page = `/children/${child}/documents`;
    const sent = await upload(
      b.finder!,
      page,
      dated({ kind: 'child_permanence_report', title: 'Child permanence report', visibility: 'case' }),
      { name: 'cpr.pdf', bytes: PDF },
      page,
    );
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 500));
    const list = await b.finder!.get(page);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Child permanence report/);
    assert.match(list.body, /Download cpr\.pdf/);
    const id = documentIdIn(list.body, 'Child permanence report');
    const file = await b.finder!.get(`${page}/${id}/file`);
    assert.equal(file.statusCode, 200);
    assert.deepEqual(file.rawPayload, PDF);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.match(String(file.headers['content-disposition']), /^attachment; filename="cpr\.pdf"/);
    assert.equal(file.headers.digest, `sha-256=${Buffer.from(sha256(PDF), 'hex').toString('base64')}`);
    assert.equal(
      await count('select count(*) from document_versions v join case_documents c on c.document_id = v.document_id where c.id = $1 and v.sha256 = $2', [
        id,
        sha256(PDF),
      ]),
      1,
    );
    // The local authority referred the child: it reads the report too.
    assert.equal((await b.referrer!.get(`${page}/${id}/file`)).statusCode, 200);
  });

  it('refuses a bytes-changed file instead of serving it, and says so', async () => {
    const page = `/children/${child}/documents`;
    const id = documentIdIn((await b.finder!.get(page)).body, 'Child permanence report');
    await t.database.adminQuery('alter table document_parts disable trigger all');
    // Someone changed the stored bytes behind the platform's back (the app role cannot).
    await t.database.adminQuery(
      "update document_parts set bytes = convert_to('%PDF-1.4 tampered', 'UTF8') where document_id = (select document_id from case_documents where id = $1)",
      [id],
    );
    const file = await b.finder!.get(`${page}/${id}/file`);
    assert.equal(file.statusCode, 500);
    assert.match(file.body, /has changed since it was stored/);
    await t.database.adminQuery('update document_parts set bytes = $2 where document_id = (select document_id from case_documents where id = $1)', [id, PDF]);
    assert.equal((await b.finder!.get(`${page}/${id}/file`)).statusCode, 200);
  });

  it('keeps a clinical-only report from the local authority (404) and the family finder, and shows it to the psychologist', async () => {
    const page = `/children/${child}/documents`;
    const sent = await upload(
      b.psychologist!,
      page,
      dated({ kind: 'medical_report', title: 'Paediatric medical report', visibility: 'clinical' }),
      { name: 'medical.txt', bytes: MEDICAL },
      page,
    );
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 500));
    const own = await b.psychologist!.get(page);
    const id = documentIdIn(own.body, 'Paediatric medical report');
    const file = await b.psychologist!.get(`${page}/${id}/file`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'text/plain');
    assert.deepEqual(file.rawPayload, MEDICAL);
    for (const other of [b.referrer!, b.finder!]) {
      const list = await other.get(page);
      assert.equal(list.statusCode, 200);
      assert.doesNotMatch(list.body, /Paediatric medical report/);
      assert.equal((await other.get(`${page}/${id}/file`)).statusCode, 404);
    }
    // Row-level security says the same without the policy: the chronology's read leaves it out.
    const referrerActor = {
      kind: 'user' as const,
      userId: referrer.id,
      organisationId: council,
      organisationType: 'local_authority' as const,
      roles: referrer.roles,
      name: 'x',
    };
    const seen = await inActorTransaction(t.database.db, referrerActor, (tx) => caseDocumentEntriesOf(tx, 'child', child));
    assert.deepEqual(
      seen.map((e) => e.title),
      ['Child permanence report'],
    );
    // The store's own rows (the file's bytes, its versions) follow the case document, not only the
    // organisation: the family finder, of the psychologist's own agency, reads none of them raw.
    const storeId = String((await t.database.adminQuery('select document_id from case_documents where id = $1', [id])).rows[0].document_id);
    const actorOf = (user: TestUser) => ({
      kind: 'user' as const,
      userId: user.id,
      organisationId: user.organisationId,
      organisationType: 'agency' as const,
      roles: user.roles,
      name: 'x',
    });
    const storeRows = (user: TestUser) =>
      inActorTransaction(t.database.db, actorOf(user), async (tx) => {
        const counts: number[] = [];
        for (const [table, column] of [
          ['documents', 'id'],
          ['document_versions', 'document_id'],
          ['document_parts', 'document_id'],
        ] as const) {
          const rows = await tx.execute<{ count: string }>(
            sql`select count(*) as count from ${sql.identifier(table)} where ${sql.identifier(column)} = ${storeId}`,
          );
          counts.push(Number(rows.rows[0]!.count));
        }
        return counts;
      });
    assert.deepEqual(await storeRows(finder), [0, 0, 0], 'a colleague without the clinical role selects none of the store’s rows');
    assert.deepEqual(await storeRows(psychologist), [1, 1, 1], 'the psychologist selects the document, its version and its bytes');
    // The local authority cannot give a document a visibility it could not read itself.
    const refused = await upload(b.referrer!, page, dated({ kind: 'other', title: 'Notes', visibility: 'clinical' }), { name: 'n.txt', bytes: MEDICAL }, page);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /only choose who may see a document from the groups you belong to/);
  });

  it('refuses a file of the wrong type and one over 10 MB with a message in either language, storing nothing', async () => {
    const page = `/children/${child}/documents`;
    const before = await count('select count(*) from documents');
    const beforeCase = await count('select count(*) from case_documents');
    const fields = dated({ kind: 'court_order', title: 'Placement order', visibility: 'case' });
    const exe = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
    const wrong = await upload(b.finder!, page, fields, { name: 'order.pdf', bytes: exe }, page);
    assert.equal(wrong.statusCode, 415);
    assert.match(wrong.body, /must be a PDF, a JPG or PNG picture, a Word or OpenDocument text document, or a plain text file/);
    const welsh = await upload(b.finder!, `${page}?lang=cy`, fields, { name: 'order.pdf', bytes: exe }, page);
    assert.equal(welsh.statusCode, 415);
    assert.match(welsh.body, /Rhaid i’r ffeil a ddewiswyd fod yn PDF/);
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]);
    const tooBig = await upload(b.finder!, page, fields, { name: 'huge.pdf', bytes: big }, page);
    assert.equal(tooBig.statusCode, 413);
    assert.match(tooBig.body, /smaller than 10 MB/);
    const welshBig = await upload(b.finder!, `${page}?lang=cy`, fields, { name: 'huge.pdf', bytes: big }, page);
    assert.equal(welshBig.statusCode, 413);
    assert.match(welshBig.body, /llai na 10 MB/);
    // The form keeps what was typed, and nothing was stored.
    assert.match(tooBig.body, /value="Placement order"/);
    assert.equal(await count('select count(*) from documents'), before);
    assert.equal(await count('select count(*) from case_documents'), beforeCase);
    const noDate = await upload(b.finder!, page, { kind: 'court_order', title: 'Placement order', visibility: 'case' }, { name: 'o.pdf', bytes: PDF }, page);
    assert.equal(noDate.statusCode, 400);
    assert.match(noDate.body, /Enter the date of the document/);
  });

  it('adds a new version and keeps the old one downloadable', async () => {
    const page = `/children/${child}/documents`;
    const list = await b.finder!.get(page);
    const id = documentIdIn(list.body, 'Child permanence report');
    const sent = await upload(b.finder!, `${page}/${id}/versions`, dated({ version: '1' }), { name: 'cpr-updated.pdf', bytes: PDF_V2 }, page);
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 500));
    const after = await b.finder!.get(page);
    assert.match(after.body, /Download cpr-updated\.pdf/);
    assert.match(after.body, /Earlier versions/);
    assert.deepEqual((await b.finder!.get(`${page}/${id}/file`)).rawPayload, PDF_V2);
    assert.deepEqual((await b.finder!.get(`${page}/${id}/file?version=1`)).rawPayload, PDF);
    assert.deepEqual((await b.finder!.get(`${page}/${id}/file?version=2`)).rawPayload, PDF_V2);
    // A second new version sent on the same page (someone else was first) is a conflict, not a lost file.
    const stale = await upload(b.finder!, `${page}/${id}/versions`, dated({ version: '1' }), { name: 'late.pdf', bytes: PDF }, page);
    assert.equal(stale.statusCode, 409);
  });

  it('records every read in the audit log, the refused ones too', async () => {
    const page = `/children/${child}/documents`;
    const id = documentIdIn((await b.psychologist!.get(page)).body, 'Paediatric medical report');
    const reads = await count("select count(*) from audit_log where action = 'caseDocuments.view' and resource_type = 'document' and user_id = $1", [
      psychologist.id,
    ]);
    assert.ok(reads >= 1, 'the psychologist’s download is audited');
    const refused = await count("select count(*) from audit_log where action = 'caseDocuments.view' and outcome = 'not_found' and user_id = $1", [referrer.id]);
    assert.ok(refused >= 1, 'the referrer’s refused download is audited');
    const before = await count("select count(*) from audit_log where action = 'caseDocuments.view' and resource_type = 'document'");
    await b.finder!.get(`${page}/${documentIdIn((await b.finder!.get(page)).body, 'Child permanence report')}/file`);
    assert.equal(await count("select count(*) from audit_log where action = 'caseDocuments.view' and resource_type = 'document'"), before + 1);
    assert.ok(id);
  });

  it('gives sibling groups, households and matches their documents pages, and the API lists them', async () => {
    for (const [base, title] of [
      [`/sibling-groups/${group}/documents`, 'Sibling assessment'],
      [`/households/${household}/documents`, 'Prospective adopter’s report'],
      [`/matches/${match}/documents`, 'Matching panel minutes'],
    ] as const) {
      const kind = base.startsWith('/households') ? 'prospective_adopters_report' : base.startsWith('/matches') ? 'panel_minutes' : 'other';
      const sent = await upload(b.finder!, base, dated({ kind, title, visibility: 'agency' }), { name: 'file.pdf', bytes: PDF }, base);
      assert.equal(sent.statusCode, 303, `${base}: ${sent.body.slice(0, 300)}`);
      const page = await b.finder!.get(`${base}?lang=cy`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Dogfennau/);
      assert.ok(page.body.includes(title.replace('’', '&#8217;')) || page.body.includes(title), `${base} lists ${title}`);
    }
    // The agency's own papers stay with the agency.
    const councilView = await b.referrer!.get(`/matches/${match}/documents`);
    assert.equal(councilView.statusCode, 200);
    assert.doesNotMatch(councilView.body, /data-testid="case-document"/);
    assert.equal((await b.referrer!.get(`/households/${household}/documents`)).statusCode, 404);
    const token = await t.token(finder);
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/children/${child}/documents`, headers: { authorization: `Bearer ${token}` } });
    assert.equal(api.statusCode, 200, api.body);
    const body = api.json<{ documents: { title: string; versions: { sha256: string; href: string }[] }[] }>();
    const report = body.documents.find((d) => d.title === 'Child permanence report')!;
    assert.deepEqual(
      report.versions.map((v) => v.sha256),
      [sha256(PDF_V2), sha256(PDF)],
    );
    const file = await t.app.inject({ method: 'GET', url: report.versions[1]!.href, headers: { authorization: `Bearer ${token}` } });
    assert.equal(file.statusCode, 200);
    assert.deepEqual(file.rawPayload, PDF);
    // Attaching through the API: multipart with a file part, answered with the document and its checksum.
    const boundary = '----together-case-documents-api';
    const field = (name: string, value: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
    const payload = Buffer.concat([
      field('kind', 'court_order'),
      field('title', 'Placement order'),
      field('documentDate', today()),
      field('visibility', 'case'),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="order.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/children/${child}/documents`,
      headers: { authorization: `Bearer ${await t.token(finder, 'write')}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json<{ versions: { sha256: string }[] }>().versions[0]!.sha256, sha256(PDF));
  });
});
