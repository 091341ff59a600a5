import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ageBand, documentNumber, linesOf, planInvoices, type BillableEvent } from './invoices-rules.ts';
import { agedTotals, overdueOf, statementOf, type StatementDocument } from './statements.ts';

const event = (id: string, localAuthorityId: string, amountPence: number, over: Partial<BillableEvent> = {}): BillableEvent => ({
  id,
  localAuthorityId,
  agreementId: 'sla',
  childLabel: `F. ${id}`,
  occurredOn: '2026-05-01',
  amountPence,
  vatStatus: 'exempt',
  ...over,
});

describe('issuing invoices', () => {
  it('lists an invoice’s lines by date, then child, then fee, in the order a reader’s locale sorts them', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.uuid(),
            occurredOn: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
            childLabel: fc.constantFrom('A. 1', 'a. 1', 'Ŵ. 2', 'W. 2', 'Ll. 3', 'L. 3', 'É. 4', 'E. 4'),
          }),
          { maxLength: 40 },
        ),
        (rows) => {
          const events = rows.map((r) => event(r.id, 'la', 100, { occurredOn: r.occurredOn, childLabel: r.childLabel }));
          const expected = [...events].sort(
            (a, b) => a.occurredOn.localeCompare(b.occurredOn) || a.childLabel.localeCompare(b.childLabel) || a.id.localeCompare(b.id),
          );
          assert.deepEqual(
            linesOf(events).lines.map((l) => l.feeEventId),
            expected.map((e) => e.id),
          );
        },
      ),
    );
  });

  it('numbers invoices on from the agency’s last number with no gaps and no repeats, whatever the events', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ authority: fc.constantFrom('a', 'b', 'c', 'd'), agreement: fc.constantFrom('sla', null), pence: fc.integer({ min: 0, max: 1_000_000 }) }),
          { maxLength: 60 },
        ),
        fc.integer({ min: 0, max: 10_000 }),
        (rows, last) => {
          const events = rows.map((r, i) => event(String(i), r.authority, r.pence, { agreementId: r.agreement }));
          const planned = planInvoices(events, last, '2026-06-01', () => 30);
          assert.deepEqual(
            planned.map((p) => p.sequenceNumber),
            planned.map((_, i) => last + i + 1),
          );
          assert.equal(planned.flatMap((p) => p.lines).length, events.length, 'every fee on exactly one invoice');
          assert.equal(
            planned.reduce((sum, p) => sum + p.totalPence, 0),
            events.reduce((sum, e) => sum + e.amountPence, 0),
          );
          assert.ok(planned.every((p) => p.lines.every((l) => events.find((e) => e.id === l.feeEventId)!.localAuthorityId === p.localAuthorityId)));
        },
      ),
    );
  });

  it('writes the numbers so they sort: INV-000042, CN-000007', () => {
    assert.equal(documentNumber('invoice', 42), 'INV-000042');
    assert.equal(documentNumber('credit_note', 7), 'CN-000007');
  });

  it('gives one invoice per authority and agreement, due after the agreement’s payment terms', () => {
    const planned = planInvoices(
      [event('1', 'north', 200_000), event('2', 'north', 150_000), event('3', 'south', 3_924_500, { agreementId: null })],
      0,
      '2026-06-01',
      (id) => (id ? 14 : 30),
    );
    assert.deepEqual(
      planned.map((p) => [p.number, p.localAuthorityId, p.totalPence, p.dueOn]),
      [
        ['INV-000001', 'north', 350_000, '2026-06-15'],
        ['INV-000002', 'south', 3_924_500, '2026-07-01'],
      ],
    );
  });

  it('orders a document’s lines by date, then by child as names sort for people (Welsh letters and accents among them)', () => {
    const labels = ['Ŵ. 1', 'a. 2', 'B. 3', 'ä. 4', 'W. 5', 'b. 6', 'Ll. 7', 'L. 8'];
    const { lines } = linesOf(labels.map((label, i) => event(String(i), 'a', 100, { childLabel: label, occurredOn: i === 7 ? '2026-04-30' : '2026-05-01' })));
    const sameDay = labels.slice(0, 7).sort((x, y) => x.localeCompare(y));
    assert.deepEqual(
      lines.map((l) => labels[Number(l.feeEventId)]),
      ['L. 8', ...sameDay],
    );
  });

  it('works VAT per line by the line’s status: exempt by default, standard-rated at 20%', () => {
    const { lines, netPence, vatPence } = linesOf([event('1', 'a', 100_000), event('2', 'a', 12_345, { vatStatus: 'standard' })]);
    assert.deepEqual(
      lines.map((l) => [l.vatStatus, l.vatRateBasisPoints, l.vatPence]),
      [
        ['exempt', 0, 0],
        ['standard', 2000, 2469],
      ],
    );
    assert.equal(netPence, 112_345);
    assert.equal(vatPence, 2469, '2,469p: 20% of 12,345p is 2,469p exactly');
  });
});

const doc = (over: Partial<StatementDocument>): StatementDocument => ({
  id: 'i1',
  kind: 'invoice',
  number: 'INV-000001',
  issuedOn: '2026-01-01',
  dueOn: '2026-01-31',
  totalPence: 100_000,
  creditedPence: 0,
  paidPence: 0,
  localAuthorityId: 'north',
  authorityName: 'North',
  authorityNameCy: null,
  ...over,
});

describe('what an authority owes', () => {
  it('ages an unpaid invoice from its due date in bands of 30 days', () => {
    assert.equal(ageBand('2026-01-31', '2026-01-31'), 'current');
    assert.equal(ageBand('2026-01-31', '2026-02-01'), '1-30');
    assert.equal(ageBand('2026-01-31', '2026-03-02'), '1-30');
    assert.equal(ageBand('2026-01-31', '2026-03-03'), '31-60');
    assert.equal(ageBand('2026-01-31', '2026-05-01'), '61-90');
    assert.equal(ageBand('2026-01-31', '2026-05-02'), '90+');
  });

  it('lists overdue invoices with what is still owed after part payments and credits, most overdue first', () => {
    const documents = [
      doc({ id: 'a', number: 'INV-000001', dueOn: '2026-01-31', paidPence: 40_000 }),
      doc({ id: 'b', number: 'INV-000002', dueOn: '2026-03-31', creditedPence: -100_000 }),
      doc({ id: 'c', number: 'INV-000003', dueOn: '2026-03-01' }),
      doc({ id: 'd', number: 'INV-000004', dueOn: '2026-06-01' }),
    ];
    const overdue = overdueOf(documents, '2026-04-15');
    assert.deepEqual(
      overdue.map((o) => [o.number, o.outstandingPence, o.band]),
      [
        ['INV-000001', 60_000, '61-90'],
        ['INV-000003', 100_000, '31-60'],
      ],
    );
    assert.deepEqual(agedTotals(overdue), { '1-30': 0, '31-60': 100_000, '61-90': 60_000, '90+': 0 });
  });

  it('keeps a statement with an opening balance, a running balance and a closing balance', () => {
    const documents = [
      doc({ id: 'a', number: 'INV-000001', issuedOn: '2025-12-01', totalPence: 50_000, paidPence: 50_000 }),
      doc({ id: 'b', number: 'INV-000002', issuedOn: '2026-02-01', totalPence: 200_000 }),
      doc({ id: 'c', kind: 'credit_note', number: 'CN-000001', issuedOn: '2026-02-10', totalPence: -20_000 }),
    ];
    const payments = [
      { id: 'p1', receivedOn: '2025-12-20', amountPence: 50_000, reference: 'BACS 1', invoiceId: 'a' },
      { id: 'p2', receivedOn: '2026-03-01', amountPence: 100_000, reference: 'BACS 2', invoiceId: 'b' },
    ];
    const statement = statementOf(documents, payments, { from: '2026-01-01', to: '2026-12-31' }, '2026-04-01');
    assert.equal(statement.openingPence, 0);
    assert.deepEqual(
      statement.entries.map((e) => [e.reference, e.amountPence, e.balancePence]),
      [
        ['INV-000002', 200_000, 200_000],
        ['CN-000001', -20_000, 180_000],
        ['BACS 2', -100_000, 80_000],
      ],
    );
    assert.equal(statement.closingPence, 80_000);
  });
});
