import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type Browser, type TestApp, type TestUser } from '../support/app.ts';
import { callApi } from '../support/api-client.ts';
import { dateInWales } from '../../src/platform/dates/dates.ts';

/**
 * The finance officer's corrections through the pages and the API: crediting chosen lines of an
 * issued invoice (version-checked) and reversing a fee raised in error (credited at the next issue
 * when it was invoiced), each with its reason and an audit row.
 */
describe('finance: credit chosen lines and reverse a fee', () => {
  let t: TestApp;
  let agency: string;
  let north: string;
  let finance: TestUser;
  let referrer: TestUser;
  let officer: Browser;
  const tokens: Record<string, string> = {};
  const today = () => dateInWales(new Date());
  let invoiceId: string;
  let lines: { id: string; feeEventId: string; netPence: number }[] = [];

  const api = (who: string, method: 'GET' | 'POST', url: string, body?: unknown, headers?: Record<string, string>) =>
    callApi(t, tokens[who]!, method, url, body, headers);
  const admin = <R extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
    t.services.runner.run(t.system, async (tx) => (await tx.execute<R>(query)).rows);

  async function raiseFee(label: string, pence: number) {
    const [row] = await admin<{ id: string }>(sql`
      insert into fee_events (organisation_id, local_authority_id, child_id, child_label, trigger, trigger_key, occurred_on, basis, amount_pence, vat_status, description, description_cy)
      values (${agency}, ${north}, gen_random_uuid(), ${label}, 'placement', ${`test-${label}`}, ${today()}, 'inter_agency', ${pence}, 'exempt', 'Placement', 'Lleoliad')
      returning id`);
    return row!.id;
  }

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    north = await t.organisation('north', 'local_authority');
    finance = await t.user(['finance_officer'], agency);
    referrer = await t.user(['la_referrer'], north);
    tokens.finance = await t.token(finance);
    tokens.north = await t.token(referrer);
    for (const [label, pence] of [
      ['A. 1', 100_000],
      ['B. 2', 200_000],
      ['C. 3', 300_000],
    ] as const)
      await raiseFee(label, pence);
    const issued = await api('finance', 'POST', '/api/v1/invoices', { localAuthorityId: north });
    assert.equal(issued.status, 201, JSON.stringify(issued.body));
    invoiceId = issued.body.invoices[0];
    const invoice = await api('finance', 'GET', `/api/v1/invoices/${invoiceId}`);
    lines = invoice.body.lines;
    assert.equal(lines.length, 3);
    assert.equal(invoice.headers.etag, '"v0"', 'no credit note yet');
    officer = await t.signIn(finance);
  });
  after(() => t?.close());

  it('credits the lines chosen on the page, with the reason, and shows the credited lines as done', async () => {
    const url = `/finance/invoices/${invoiceId}/credit`;
    const page = await officer.get(url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Which lines are being credited\?/);
    assert.equal((page.body.match(/name="lineIds"/g) ?? []).length, 3);

    const empty = await officer.post(url, { version: '0', reason: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Choose at least one line to credit\./);
    assert.match(empty.body, /Give the reason\./);

    const done = await officer.post(url, {
      version: '0',
      lineIds: [lines[0]!.id, lines[2]!.id],
      reason: 'Two placements were recorded against the wrong council',
    });
    assert.equal(done.statusCode, 303, done.body);
    const noteId = String(done.headers.location).split('/').pop()!;
    const note = await api('finance', 'GET', `/api/v1/invoices/${noteId}`);
    assert.equal(note.body.kind, 'credit_note');
    assert.equal(note.body.totalPence, -400_000);
    assert.equal(note.body.reason, 'Two placements were recorded against the wrong council');
    assert.deepEqual(
      note.body.lines.map((l: { creditsLineId: string }) => l.creditsLineId),
      [lines[0]!.id, lines[2]!.id],
    );
    const audited = await admin<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'invoices.credit' and resource_id = ${noteId} and user_id = ${finance.id}`,
    );
    assert.equal(audited[0]!.n, 1);

    const again = await officer.get(url);
    assert.equal((again.body.match(/Already credited/g) ?? []).length, 2);
    assert.match(again.body, /name="version" value="1"/);
  });

  it('shows the invoice as it is now when someone else credited it after the page was opened', async () => {
    const url = `/finance/invoices/${invoiceId}/credit`;
    const stale = await officer.post(url, { version: '0', lineIds: lines[1]!.id, reason: 'Duplicate' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone issued a credit note against this invoice after you opened this page/);
    const credited = await admin<{ n: number }>(sql`select count(*)::int as n from invoices where credits_invoice_id = ${invoiceId}`);
    assert.equal(credited[0]!.n, 1, 'nothing was issued from the stale form');
  });

  it('takes the invoice’s version through the API too, and keeps an authority away from the page', async () => {
    const stale = await api(
      'finance',
      'POST',
      `/api/v1/invoices/${invoiceId}/credit-notes`,
      { reason: 'Duplicate', lineIds: [lines[1]!.id] },
      { 'if-match': '"v0"' },
    );
    assert.equal(stale.status, 412);
    const credited = await api(
      'finance',
      'POST',
      `/api/v1/invoices/${invoiceId}/credit-notes`,
      { reason: 'Duplicate', lineIds: [lines[1]!.id] },
      { 'if-match': '"v1"' },
    );
    assert.equal(credited.status, 201, JSON.stringify(credited.body));
    assert.equal(credited.headers.etag, '"v2"');
    const nothingLeft = await api('finance', 'POST', `/api/v1/invoices/${invoiceId}/credit-notes`, { reason: 'Again', lineIds: [lines[1]!.id] });
    assert.equal(nothingLeft.status, 409);
    const council = await t.signIn(referrer);
    const refused = await council.get(`/finance/invoices/${invoiceId}/credit`);
    assert.ok([403, 404].includes(refused.statusCode), `an authority may not credit its own invoice (${refused.statusCode})`);
  });

  it('reverses an invoiced fee from the page and credits it at the next issue', async () => {
    const fee = await raiseFee('D. 4', 450_000);
    const issued = await api('finance', 'POST', '/api/v1/invoices', { localAuthorityId: north });
    assert.equal(issued.status, 201);
    const reissued = (await api('finance', 'GET', `/api/v1/invoices/${issued.body.invoices[0]}`)).body;
    const number = reissued.number;
    assert.deepEqual(
      reissued.lines.map((l: { childLabel: string }) => l.childLabel),
      ['A. 1', 'B. 2', 'C. 3', 'D. 4'],
      'the lines credited above are invoiced again, beside the new fee',
    );

    const url = `/finance/fees/${fee}/reverse`;
    const page = await officer.get(url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`This fee is on invoice ${number}`));
    const noReason = await officer.post(url, { reason: ' ' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Give the reason\./);
    const done = await officer.post(url, { reason: 'Placement date recorded wrongly' });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/finance/fees');
    const twice = await officer.post(url, { reason: 'Again' });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /This fee has already been reversed\./);

    const next = await api('finance', 'POST', '/api/v1/invoices', { localAuthorityId: north });
    assert.equal(next.status, 201);
    assert.equal(next.body.creditNotes.length, 1, 'the reversal of an invoiced fee is a credit note at the next issue');
    const note = await api('finance', 'GET', `/api/v1/invoices/${next.body.creditNotes[0]}`);
    assert.equal(note.body.totalPence, -450_000);
    const reversal = await admin<{ reason: string; raised_by: string }>(sql`select reason, raised_by from fee_events where reverses_id = ${fee}`);
    assert.deepEqual(reversal, [{ reason: 'Placement date recorded wrongly', raised_by: finance.id }]);
  });

  it('reverses a fee not yet invoiced, which then waits for no invoice, and lists a way to it on the fees page', async () => {
    const fee = await raiseFee('E. 5', 120_000);
    const list = await officer.get('/finance/fees');
    assert.match(list.body, new RegExp(`href="/finance/fees/${fee}/reverse"`));
    const page = await officer.get(`/finance/fees/${fee}/reverse`);
    assert.match(page.body, /This fee has not been invoiced/);
    const done = await officer.post(`/finance/fees/${fee}/reverse`, { reason: 'Raised for the wrong child' });
    assert.equal(done.statusCode, 303);
    const waiting = await api('finance', 'POST', '/api/v1/invoices', { localAuthorityId: north });
    assert.equal(waiting.status, 409, 'nothing is left to invoice');
    const welsh = await officer.get(`/finance/fees/${fee}/reverse?lang=cy`);
    assert.match(welsh.body, /Mae’r ffi hon eisoes wedi’i gwrthdroi\./);
  });
});
