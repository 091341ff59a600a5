import { stringify } from 'csv-stringify/sync';
import { recordAudit } from '../../platform/audit/audit.ts';
import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize, listScope } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { getOrganisation } from '../organisations/index.ts';
import * as invoiceRepo from './invoices-repository.ts';
import { listPaymentRows, paymentsOfAuthority } from './payments-service.ts';
import { outstanding } from './invoices-rules.ts';
import { agedTotals, overdueOf, statementOf } from './statements.ts';

const penceToPounds = (pence: number) => `${pence < 0 ? '-' : ''}${Math.floor(Math.abs(pence) / 100)}.${String(Math.abs(pence) % 100).padStart(2, '0')}`;

/** Statements of account, the overdue list and the exports for the agency's finance system. */
export function createStatementUseCases(runner: UseCaseRunner, clock: () => Date) {
  const { run } = runner;
  const today = () => dateInWales(clock());
  const visibleTo = (ctx: RequestContext, action: 'statements.view' | 'finance.export') => {
    const scope = listScope(ctx.actor, action);
    return scope.kind === 'organisation' ? scope.organisationId : undefined;
  };

  return {
    /** One authority's account: opening balance, each document and payment, running and closing balance, what is overdue. */
    async statement(ctx: RequestContext, localAuthorityId: string, period: { from: IsoDate; to: IsoDate }) {
      return run(ctx, async (tx) => {
        const own = ctx.actor.kind === 'user' && ctx.actor.organisationType === 'agency' ? ctx.actor.organisationId : null;
        authorize(ctx.actor, 'statements.view', {
          type: 'statement',
          id: localAuthorityId,
          organisationId: own,
          sharedWithOrganisationIds: [localAuthorityId],
        });
        const documents = await invoiceRepo.documentsOf(tx, { localAuthorityId, visibleTo: visibleTo(ctx, 'statements.view') });
        const payments = (await paymentsOfAuthority(tx, localAuthorityId)).filter((p) => documents.some((d) => d.id === p.invoiceId));
        const authority = await getOrganisation(tx, localAuthorityId);
        await recordAudit(tx, ctx, { action: 'statements.view', resourceType: 'organisation', resourceId: localAuthorityId });
        return { authorityName: authority?.name ?? '', authorityNameCy: authority?.nameCy ?? null, ...statementOf(documents, payments, period, today()) };
      });
    },
    /**
     * The finance page: for the agency, what waits to be invoiced per authority and what is overdue;
     * for an authority, what it owes. One transaction, one audit entry.
     */
    async overview(ctx: RequestContext) {
      return run(ctx, async (tx) => {
        authorize(ctx.actor, 'invoices.view');
        const scope = visibleTo(ctx, 'statements.view');
        const isAgency = ctx.actor.kind === 'user' && ctx.actor.organisationType === 'agency';
        const waiting = [];
        if (isAgency && ctx.actor.kind === 'user') {
          for (const w of await invoiceRepo.uninvoicedByAuthority(tx, ctx.actor.organisationId)) {
            const authority = await getOrganisation(tx, w.localAuthorityId);
            waiting.push({ ...w, authorityName: authority?.name ?? '', authorityNameCy: authority?.nameCy ?? null });
          }
          waiting.sort((a, b) => a.authorityName.localeCompare(b.authorityName));
        }
        const documents = await invoiceRepo.documentsOf(tx, { visibleTo: scope });
        const overdue = overdueOf(documents, today());
        await recordAudit(tx, ctx, { action: 'invoices.view', resourceType: 'invoice', detail: { overview: true } });
        return { isAgency, waiting, overdue, totals: agedTotals(overdue), recent: documents.slice(-10).reverse() };
      });
    },
    /**
     * What the authorities owe the agency in all (invoiced, less credits and payments) and how much
     * of it is past its due date, in pence: the service manager's money figures.
     */
    async moneyOwed(ctx: RequestContext) {
      return run(ctx, async (tx) => {
        authorize(ctx.actor, 'statements.view');
        const documents = await invoiceRepo.documentsOf(tx, { visibleTo: visibleTo(ctx, 'statements.view') });
        const owedPence = documents
          .filter((d) => d.kind === 'invoice')
          .reduce((sum, d) => sum + Math.max(0, outstanding(d.totalPence, d.creditedPence, d.paidPence)), 0);
        const overdue = overdueOf(documents, today());
        await recordAudit(tx, ctx, { action: 'statements.view', resourceType: 'invoice', detail: { owed: true, overdue: overdue.length } });
        return { owedPence, overduePence: overdue.reduce((sum, o) => sum + o.outstandingPence, 0), overdueInvoices: overdue.length };
      });
    },
    /** Invoices owed past their due date, by age (1–30, 31–60, 61–90, over 90 days). */
    async overdue(ctx: RequestContext) {
      return run(ctx, async (tx) => {
        authorize(ctx.actor, 'statements.view');
        const documents = await invoiceRepo.documentsOf(tx, { visibleTo: visibleTo(ctx, 'statements.view') });
        const overdue = overdueOf(documents, today());
        await recordAudit(tx, ctx, { action: 'statements.view', resourceType: 'invoice', detail: { overdue: overdue.length } });
        return { overdue, totals: agedTotals(overdue) };
      });
    },
    /** CSV of invoices (one row per line) or payments over a period, for the agency's finance system. */
    async exportCsv(ctx: RequestContext, what: 'invoices' | 'payments', period: { from: IsoDate; to: IsoDate }) {
      return run(ctx, async (tx) => {
        authorize(ctx.actor, 'finance.export');
        const scope = visibleTo(ctx, 'finance.export');
        let csv: string;
        if (what === 'invoices') {
          const documents = await invoiceRepo.documentsOf(tx, { visibleTo: scope, from: period.from, to: period.to });
          const rows: string[][] = [];
          for (const d of documents) {
            for (const l of await invoiceRepo.linesOfInvoice(tx, d.id)) {
              rows.push([
                d.number,
                d.kind,
                d.issuedOn,
                d.dueOn,
                d.authorityName,
                String(l.lineNumber),
                l.description,
                l.childLabel,
                l.occurredOn,
                l.vatStatus,
                penceToPounds(l.netPence),
                penceToPounds(l.vatPence),
                penceToPounds(l.netPence + l.vatPence),
              ]);
            }
          }
          csv = stringify(rows, {
            header: true,
            columns: ['number', 'kind', 'issued_on', 'due_on', 'authority', 'line', 'description', 'child', 'step_date', 'vat_status', 'net', 'vat', 'gross'],
          });
        } else {
          const found = await listPaymentRows(tx, { visibleTo: scope, from: period.from, to: period.to }, { limit: 100_000 });
          csv = stringify(
            found.items.map((p) => [p.receivedOn, p.invoiceNumber ?? '', p.reference, penceToPounds(p.amountPence), p.reversesId ? 'reversal' : 'payment']),
            { header: true, columns: ['received_on', 'invoice', 'reference', 'amount', 'kind'] },
          );
        }
        await recordAudit(tx, ctx, { action: 'finance.export', resourceType: what, detail: { from: period.from, to: period.to } });
        return csv;
      });
    },
  };
}
