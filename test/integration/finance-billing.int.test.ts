import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';
import { callApi, referredChild } from '../support/api-client.ts';
import type { RequestContext } from '../../src/platform/policy/actor.ts';
import { ROLES, type Role } from '../../src/platform/policy/roles.ts';
import { ROLES_BY_ORGANISATION_TYPE } from '../../src/modules/organisations/index.ts';
import { dateInWales } from '../../src/platform/dates/dates.ts';
import type { OrganisationType } from '../../src/platform/auth/schema.ts';

/** Money in, on a real database: fees raised by the workflow once, invoices that never change, each authority its own. */
describe('finance: fees, invoices and payments', () => {
  let t: TestApp;
  let agency: string;
  let north: string;
  let south: string;
  let finance: TestUser;
  let finder: TestUser;
  let referrerNorth: TestUser;
  let referrerSouth: TestUser;
  const tokens: Record<string, string> = {};
  const today = () => dateInWales(new Date());
  let siblings: string[] = [];
  let referralId: string;
  let invoiceId: string;

  const api = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers?: Record<string, string>) =>
    callApi(t, tokens[who]!, method, url, body, headers);
  const ctxOf = (user: TestUser, roles: Role[] = user.roles): RequestContext => ({
    actor: {
      kind: 'user',
      userId: user.id,
      organisationId: user.organisationId,
      organisationType: user.organisationId === agency ? 'agency' : 'local_authority',
      roles,
      name: 'Test',
    },
    requestId: 'test',
    channel: 'api',
    language: 'en',
  });
  const feeEventsOf = (childIds: string[]) =>
    t.services.runner.run(t.system, async (tx) => {
      const rows = await tx.execute<{ child_id: string; trigger: string; amount_pence: number; basis: string }>(
        sql`select child_id, trigger, amount_pence, basis from fee_events where child_id = any(string_to_array(${childIds.join(',')}, ',')::uuid[]) order by trigger, amount_pence desc`,
      );
      return rows.rows;
    });

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    north = await t.organisation('north', 'local_authority');
    south = await t.organisation('south', 'local_authority');
    finance = await t.user(['finance_officer'], agency);
    finder = await t.user(['family_finder'], agency);
    referrerNorth = await t.user(['la_referrer'], north);
    referrerSouth = await t.user(['la_referrer'], south);
    for (const [name, user] of Object.entries({ finance, finder, north: referrerNorth, south: referrerSouth })) tokens[name] = await t.token(user);

    // The inter-agency fee table and North's agreement: £2,000 at acceptance (£1,500 for a brother or sister), £6,000 at placement.
    for (const rate of [
      { effectiveFrom: '2011-04-01', firstChildPence: 2_700_000, siblingPence: 1_600_000, description: 'Inter-agency fee 2011' },
      { effectiveFrom: '2025-04-01', firstChildPence: 3_924_500, siblingPence: 2_354_700, description: 'Voluntary agencies from April 2025' },
    ])
      await t.services.billing.addRate(ctxOf(finance), rate);
    const agreement = await api('finance', 'POST', '/api/v1/agreements', {
      name: 'North Council SLA',
      reference: 'SLA-NORTH',
      party: 'local_authority',
      authorityIds: [north],
      language: 'cy',
      terms: {
        effectiveFrom: '2024-04-01',
        periodStart: '2024-04-01',
        feeSchedule: [
          { trigger: 'referral_accepted', amountPence: 200_000, siblingAmountPence: 150_000 },
          { trigger: 'placement', amountPence: 600_000 },
        ],
        uplift: { kind: 'none' },
        signatories: [{ name: 'A. Director', role: 'Director of Social Services', organisation: 'North Council', signedOn: '2024-03-20' }],
      },
    });
    assert.equal(agreement.status, 201, JSON.stringify(agreement.body));
    const referral = await api('north', 'POST', '/api/v1/referrals', {
      legalBasis: 'adoption_agencies_wales_regulations',
      children: [referredChild('Ffion', '2018-03-01'), referredChild('Gethin', '2020-07-07')],
      siblingRelationships: [{ child: 0, sibling: 1, relationship: 'full' }],
      siblingAssessment: { assessment: 'together', reasons: 'Close bond', assessmentDate: '2025-10-01' },
    });
    assert.equal(referral.status, 201, JSON.stringify(referral.body));
    siblings = referral.body.childIds;
    referralId = referral.body.referralId;
  });
  after(async () => t.close());

  it('raises the recruitment fee once per child when two people accept the same referral at the same moment', async () => {
    const decide = () => api('finder', 'POST', `/api/v1/referrals/${referralId}/decision`, { decision: 'accept', familyFinderId: finder.id });
    const answers = await Promise.all([decide(), decide()]);
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 409], 'one acceptance wins, the other is told it was already decided');
    const events = await feeEventsOf(siblings);
    assert.deepEqual(
      events.map((e) => `${e.trigger}:${e.amount_pence}:${e.basis}`),
      ['referral_accepted:200000:agreement', 'referral_accepted:150000:agreement'],
      'the first child at £2,000, the brother or sister at the sibling rate, each once',
    );
  });

  it('raises exactly one event when the same step is published by two transactions racing', async () => {
    const placed = {
      matchId: '00000000-0000-4000-8000-000000000001',
      agencyId: agency,
      children: siblings.map((id) => ({ id, localAuthorityId: north })),
      date: today(),
    };
    await Promise.all(
      [1, 2].map(() => t.services.runner.run(ctxOf(finder), (tx) => t.services.runner.events.publish(tx, ctxOf(finder), 'match.placed', placed))),
    );
    const placements = (await feeEventsOf(siblings)).filter((e) => e.trigger === 'placement');
    assert.deepEqual(
      placements.map((e) => e.amount_pence),
      [600_000, 600_000],
      'one therapeutic support fee per child (no sibling rate in the schedule)',
    );
  });

  it('prices a placement outside any agreement at the inter-agency fee in force on its date, with the sibling rate', async () => {
    const children = [
      { id: '00000000-0000-4000-8000-0000000000a1', localAuthorityId: south },
      { id: '00000000-0000-4000-8000-0000000000a2', localAuthorityId: south },
    ];
    await t.services.runner.run(ctxOf(finder), (tx) =>
      t.services.runner.events.publish(tx, ctxOf(finder), 'match.placed', {
        matchId: '00000000-0000-4000-8000-000000000002',
        agencyId: agency,
        children,
        date: '2025-06-01',
      }),
    );
    const events = await feeEventsOf(children.map((c) => c.id));
    assert.deepEqual(
      events.map((e) => `${e.amount_pence}:${e.basis}`),
      ['3924500:inter_agency', '2354700:inter_agency'],
    );
  });

  it('issues one invoice per authority from its uninvoiced fees, numbered without gaps, and never invoices a fee twice', async () => {
    const issued = await api('finance', 'POST', '/api/v1/invoices', { localAuthorityId: north });
    assert.equal(issued.status, 201, JSON.stringify(issued.body));
    assert.equal(issued.body.invoices.length, 1);
    invoiceId = issued.body.invoices[0];
    const invoice = await api('finance', 'GET', `/api/v1/invoices/${invoiceId}`);
    assert.equal(invoice.body.number, 'INV-000001');
    assert.equal(invoice.body.totalPence, 200_000 + 150_000 + 600_000 + 600_000);
    assert.equal(invoice.body.lines.length, 4);
    assert.ok(invoice.body.lines.every((l: { vatStatus: string; vatPence: number }) => l.vatStatus === 'exempt' && l.vatPence === 0));
    assert.equal(invoice.body.language, 'cy', 'North reads its invoices in Welsh');
    const again = await api('finance', 'POST', '/api/v1/invoices', { localAuthorityId: north });
    assert.equal(again.status, 409, 'nothing left to invoice');
    // A failed issue gives its number back: the next invoice is INV-000002.
    const southIssued = await api('finance', 'POST', '/api/v1/invoices', { localAuthorityId: south });
    assert.equal((await api('finance', 'GET', `/api/v1/invoices/${southIssued.body.invoices[0]}`)).body.number, 'INV-000002');
  });

  it('refuses to change or remove an issued invoice, for every role through the app and for the app’s database role and the owner', async () => {
    for (const role of ROLES) {
      const type = (Object.keys(ROLES_BY_ORGANISATION_TYPE) as OrganisationType[]).find((k) => ROLES_BY_ORGANISATION_TYPE[k].includes(role))!;
      const organisation = type === 'agency' ? agency : type === 'local_authority' ? north : await t.organisation(`other-${type.replace(/_/g, '-')}`, type);
      const user = await t.user([role], organisation);
      for (const statement of [
        sql`update invoices set total_pence = 1, net_pence = 1 where id = ${invoiceId}`,
        sql`delete from invoices where id = ${invoiceId}`,
      ]) {
        await assert.rejects(
          t.services.runner.run(ctxOf(user), (tx) => tx.execute(statement)),
          (error: Error & { cause?: { code?: string } }) => ['42501', '23503'].includes(error.cause?.code ?? ''),
          `${role} was allowed to change an issued invoice`,
        );
      }
    }
    await assert.rejects(t.database.adminQuery(`update invoices set total_pence = 1 where id = $1`, [invoiceId]), /cannot be changed or removed/);
    await assert.rejects(t.database.adminQuery(`delete from invoice_lines where invoice_id = $1`, [invoiceId]), /cannot be changed or removed/);
    await assert.rejects(t.database.adminQuery(`truncate invoices cascade`), /cannot be changed or removed/);
    const still = await api('finance', 'GET', `/api/v1/invoices/${invoiceId}`);
    assert.equal(still.body.totalPence, 1_550_000);
  });

  it('refuses an invoice line naming an invoice or a fee that does not exist, and any change to or removal of a fee', async () => {
    const before = (await api('finance', 'GET', `/api/v1/invoices/${invoiceId}`)).body.lines.length;
    const {
      rows: [line],
    } = await t.database.adminQuery(`select fee_event_id from invoice_lines where invoice_id = $1 limit 1`, [invoiceId]);
    // Lines numbered 99, 100, …: one line per fee given, all in one statement.
    const insertLines = (invoice: string, fees: string[]) =>
      t.database.adminQuery(
        `insert into invoice_lines (invoice_id, organisation_id, local_authority_id, line_number, fee_event_id, child_label, trigger, occurred_on, description, description_cy, net_pence, vat_status, vat_pence)
         select $1, organisation_id, local_authority_id, 98 + f.n, f.fee, 'X', 'placement', current_date, 'x', 'x', 1, 'exempt', 0
         from invoices, unnest($2::uuid[]) with ordinality as f(fee, n) where id = $3`,
        [invoice, fees, invoiceId],
      );
    const fee = line!.fee_event_id as string;
    await assert.rejects(insertLines(randomUUID(), [fee]), /must belong to an issued invoice or credit note that exists/);
    await assert.rejects(insertLines(invoiceId, [randomUUID()]), /can bill only a fee event that exists/);
    // One bad line among good ones: the whole statement is refused, nothing of it kept.
    await assert.rejects(insertLines(invoiceId, [fee, randomUUID(), fee]), /can bill only a fee event that exists/);
    await assert.rejects(t.database.adminQuery(`delete from fee_events where id = $1`, [fee]), /a fee event cannot be changed or removed/);
    await assert.rejects(t.database.adminQuery(`update fee_events set amount_pence = 1 where id = $1`, [fee]), /a fee event cannot be changed or removed/);
    await assert.rejects(t.database.adminQuery(`truncate fee_events`), /a fee event cannot be changed or removed/);
    const still = await api('finance', 'GET', `/api/v1/invoices/${invoiceId}`);
    assert.equal(still.body.lines.length, before, 'the invoice keeps its lines and nothing was added');
  });

  it('shows a local authority its own agreement, fees, invoices and statement, and nothing of another authority', async () => {
    const northInvoices = await api('north', 'GET', '/api/v1/invoices');
    assert.deepEqual(
      northInvoices.body.items.map((i: { localAuthorityId: string }) => i.localAuthorityId),
      [north],
    );
    const southInvoices = await api('south', 'GET', '/api/v1/invoices');
    assert.ok(southInvoices.body.items.length === 1 && southInvoices.body.items[0].localAuthorityId === south);
    assert.equal((await api('south', 'GET', `/api/v1/invoices/${invoiceId}`)).status, 404);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: `/api/v1/invoices/${invoiceId}/pdf`, headers: { authorization: `Bearer ${tokens.south}` } })).statusCode,
      404,
    );
    assert.equal((await api('south', 'GET', `/api/v1/statements/${north}?from=2020-01-01&to=${today()}`)).status, 404);
    const southFees = await api('south', 'GET', '/api/v1/fee-events');
    assert.ok(southFees.body.items.length === 2 && southFees.body.items.every((e: { localAuthorityId: string }) => e.localAuthorityId === south));
    const northFees = await api('north', 'GET', '/api/v1/fee-events');
    assert.deepEqual(new Set(northFees.body.items.map((e: { childId: string }) => e.childId)), new Set(siblings), 'which child each fee was for');
    assert.equal((await api('south', 'GET', '/api/v1/agreements')).body.items.length, 0);
    assert.equal((await api('north', 'GET', '/api/v1/agreements')).body.items.length, 1);
    assert.equal((await api('north', 'POST', '/api/v1/invoices', { localAuthorityId: north })).status, 403, 'an authority never issues invoices');
    const rates = await api('finance', 'GET', '/api/v1/fee-rates');
    assert.deepEqual(
      rates.body.items.map((r: { effectiveFrom: string }) => r.effectiveFrom),
      ['2025-04-01', '2011-04-01'],
    );
    const rate = rates.body.items[0];
    const corrected = await api(
      'finance',
      'PUT',
      `/api/v1/fee-rates/${rate.id}`,
      { ...rate, description: 'From April 2025 (corrected)' },
      { 'if-match': `"v${rate.version}"` },
    );
    assert.equal(corrected.status, 200, JSON.stringify(corrected.body));
    assert.equal(
      (await api('finance', 'PUT', `/api/v1/fee-rates/${rate.id}`, { ...rate }, { 'if-match': `"v${rate.version}"` })).status,
      412,
      'a stale edit is refused',
    );
    // Below the application: row-level security shows South no row of North's.
    const rows = await t.services.runner.run(ctxOf(referrerSouth), (tx) =>
      tx.execute<{ n: number }>(sql`select count(*)::int as n from invoices where local_authority_id = ${north}`),
    );
    assert.equal(rows.rows[0]!.n, 0);
  });

  it('takes part payments, refuses more than is owed, and a credit note brings the balance to nothing', async () => {
    const part = await api('finance', 'POST', '/api/v1/payments', { invoiceId, receivedOn: today(), amountPence: 500_000, reference: 'BACS 1234' });
    assert.equal(part.status, 201, JSON.stringify(part.body));
    const over = await api('finance', 'POST', '/api/v1/payments', { invoiceId, receivedOn: today(), amountPence: 1_050_001, reference: 'BACS 9999' });
    assert.equal(over.status, 400);
    assert.match(JSON.stringify(over.body), /more than is still owed/);
    const before = await api('north', 'GET', `/api/v1/statements/${north}?from=2020-01-01&to=${today()}`);
    assert.equal(before.body.closingPence, 1_050_000);
    const reversal = await t.services.runner.run(t.system, (tx) =>
      tx.execute<{ id: string }>(sql`select id from fee_events where child_id = ${siblings[1]} and trigger = 'placement'`),
    );
    const reversed = await api('finance', 'POST', `/api/v1/fee-events/${reversal.rows[0]!.id}/reversal`, { reason: 'Placement recorded in error' });
    assert.equal(reversed.status, 201);
    assert.equal(reversed.body.amountPence, -600_000);
    const credit = await api('finance', 'POST', '/api/v1/invoices', { localAuthorityId: north });
    assert.equal(credit.status, 201);
    assert.equal(credit.body.creditNotes.length, 1, 'the reversed fee was invoiced: a credit note, not an edit');
    const note = await api('finance', 'GET', `/api/v1/invoices/${credit.body.creditNotes[0]}`);
    assert.equal(note.body.number, 'CN-000001');
    assert.equal(note.body.totalPence, -600_000);
    assert.equal(note.body.creditsInvoiceId, invoiceId);
    const rest = await api('finance', 'POST', `/api/v1/invoices/${invoiceId}/credit-notes`, { reason: 'Agreement ended' });
    assert.equal(rest.status, 201);
    const statement = await api('north', 'GET', `/api/v1/statements/${north}?from=2020-01-01&to=${today()}`);
    assert.equal(statement.body.closingPence, -500_000, 'what was paid is now owed back: invoice − credits − payment');
    const invoice = await api('finance', 'GET', `/api/v1/invoices/${invoiceId}`);
    assert.equal(invoice.body.totalPence + invoice.body.creditedPence, 0, 'the credit notes balance the invoice exactly');
  });

  it('prints the invoice in the authority’s language with its total', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/invoices/${invoiceId}/pdf`, headers: { authorization: `Bearer ${tokens.north}` } });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/pdf');
    const dir = mkdtempSync(path.join(tmpdir(), 'invoice-'));
    writeFileSync(path.join(dir, 'invoice.pdf'), response.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'invoice.pdf'), '-'], { encoding: 'utf8' });
    assert.match(text, /Anfoneb INV-000001/);
    assert.match(text, /Cyfanswm sy’n ddyledus/);
    assert.match(text, /£15,500\.00/);
    // Saved under the reader's words, with the number the authority quotes.
    assert.match(String(response.headers['content-disposition']), /^attachment; filename="invoice-INV-000001\.pdf"/);
    const welsh = await t.app.inject({
      method: 'GET',
      url: `/api/v1/invoices/${invoiceId}/pdf`,
      headers: { authorization: `Bearer ${tokens.north}`, 'accept-language': 'cy' },
    });
    assert.match(String(welsh.headers['content-disposition']), /^attachment; filename="anfoneb-INV-000001\.pdf"/);
  });

  it('exports invoice lines and payments as CSV for the agency’s finance system, and not to an authority', async () => {
    const browser = await t.signIn(finance);
    const csv = await browser.get(`/finance/export/invoices.csv?from=2020-01-01&to=${today()}`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const rows = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    assert.equal(rows[0], 'number,kind,issued_on,due_on,authority,line,description,child,step_date,vat_status,net,vat,gross');
    assert.ok(rows.some((r) => r.startsWith('INV-000001,invoice,') && r.endsWith(',6000.00,0.00,6000.00')));
    assert.ok(rows.some((r) => r.startsWith('CN-000001,credit_note,') && r.includes(',-6000.00,')));
    const payments = await browser.get(`/finance/export/payments.csv?from=2020-01-01&to=${today()}`);
    assert.match(payments.body, /INV-000001,BACS 1234,5000\.00,payment/);
    const authority = await (await t.signIn(referrerNorth)).get('/finance/export/invoices.csv');
    assert.equal(authority.statusCode, 403);
  });
});
