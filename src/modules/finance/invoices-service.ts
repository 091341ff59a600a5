import { randomUUID } from 'node:crypto';
import { recordAudit, recordAudits } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize, listScope } from '../../platform/policy/policy.ts';
import type { PageRequest } from '../../platform/db/keyset.ts';
import { pageWindow } from '../../platform/views/list-page.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import * as repo from './invoices-repository.ts';
import { documentNumber, planInvoices } from './invoices-rules.ts';

/** An invoice as the policy sees it: the agency's, shared with the authority it is addressed to. */
export const invoiceResource = (invoice: { id: string; organisationId: string; localAuthorityId: string }) => ({
  type: 'invoice',
  id: invoice.id,
  organisationId: invoice.organisationId,
  sharedWithOrganisationIds: [invoice.localAuthorityId],
});

export type IssueRequest = { agencyId: string; localAuthorityId?: string; upTo: IsoDate; feeEventIds?: string[]; issuedOn?: IsoDate };

const actorId = (ctx: RequestContext) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/** The agency a finance action is for: the person's own organisation (the platform names it). */
export function agencyOf(ctx: RequestContext, named?: string): string {
  if (ctx.actor.kind === 'user') return ctx.actor.organisationId;
  if (!named) throw new ValidationError([{ field: 'agencyId', key: 'billing:errors.agency.required' }]);
  return named;
}

export function createInvoiceUseCases(runner: UseCaseRunner, clock: () => Date) {
  const { run } = runner;
  const today = () => dateInWales(clock());

  /** Issues in the caller's transaction: one invoice per authority and agreement from its uninvoiced charges, and credit notes for reversed invoiced ones. */
  async function issueInTx(tx: Tx, ctx: RequestContext, request: IssueRequest) {
    const issuedOn = request.issuedOn ?? today();
    const last = await repo.lockSequence(tx, request.agencyId, 'invoice');
    const events = await repo.billableEvents(tx, request.agencyId, {
      upTo: request.upTo,
      localAuthorityId: request.localAuthorityId,
      ids: request.feeEventIds,
    });
    // Terms and names read once per issue, whatever the number of invoices.
    const terms = await repo.invoicingTermsOf(tx, [...new Set(events.map((e) => e.agreementId).filter((id): id is string => Boolean(id)))], issuedOn);
    const planned = planInvoices(events, last, issuedOn, (agreementId) => (agreementId ? (terms.get(agreementId)?.paymentTermsDays ?? 30) : 30));
    const names = await repo.authorityNames(tx, [...new Set(planned.map((p) => p.localAuthorityId))]);
    const rows: repo.NewInvoice[] = [];
    const issued: repo.IssuedLines[] = [];
    for (const p of planned) {
      const id = randomUUID();
      rows.push({
        id,
        organisationId: request.agencyId,
        localAuthorityId: p.localAuthorityId,
        agreementId: p.agreementId,
        kind: 'invoice',
        sequenceNumber: p.sequenceNumber,
        number: p.number,
        issuedOn: p.issuedOn,
        dueOn: p.dueOn,
        paymentTermsDays: Math.round((Date.parse(p.dueOn) - Date.parse(p.issuedOn)) / 86_400_000),
        language: p.agreementId ? (terms.get(p.agreementId)?.language ?? 'en') : 'en',
        authorityName: names.get(p.localAuthorityId)?.name ?? '',
        authorityNameCy: names.get(p.localAuthorityId)?.nameCy ?? null,
        netPence: p.netPence,
        vatPence: p.vatPence,
        totalPence: p.totalPence,
        issuedBy: actorId(ctx),
      });
      issued.push({ invoiceId: id, lines: p.lines });
    }
    if (rows.length > 0) {
      await repo.insertDocuments(tx, rows, []);
      await repo.insertLinesFromFees(tx, request.agencyId, issued);
      await repo.advanceSequence(tx, request.agencyId, 'invoice', last + rows.length);
      await recordAudits(
        tx,
        ctx,
        rows.map((row, i) => ({ action: 'invoices.issue', resourceType: 'invoice', resourceId: row.id, detail: { lines: planned[i]!.lines.length } })),
      );
    }
    const credits = await creditReversals(tx, ctx, request, issuedOn);
    return { invoices: rows.map((r) => r.id), creditNotes: credits };
  }

  /** Reversed charges that were invoiced: a credit note per invoice, each line against the line it cancels. */
  async function creditReversals(tx: Tx, ctx: RequestContext, request: IssueRequest, issuedOn: IsoDate): Promise<string[]> {
    const pending = await repo.reversalsToCredit(tx, request.agencyId, { upTo: request.upTo, localAuthorityId: request.localAuthorityId });
    const byInvoice = new Map<string, string[]>();
    for (const p of pending) byInvoice.set(p.invoice_id, [...(byInvoice.get(p.invoice_id) ?? []), p.line_id]);
    const ids: string[] = [];
    for (const [invoiceId, lineIds] of byInvoice) ids.push(await creditLinesInTx(tx, ctx, invoiceId, lineIds, 'Fee reversed', issuedOn));
    return ids;
  }

  /** A credit note against an invoice for some (or all) of its uncredited lines. */
  async function creditLinesInTx(
    tx: Tx,
    ctx: RequestContext,
    invoiceId: string,
    lineIds: string[] | undefined,
    reason: string,
    issuedOn: IsoDate,
  ): Promise<string> {
    const invoice = await repo.getInvoice(tx, invoiceId);
    if (!invoice || invoice.kind !== 'invoice') throw new NotFoundError();
    const open = await repo.uncreditedLines(tx, invoiceId);
    const chosen = lineIds ? open.filter((l) => lineIds.includes(l.id)) : open;
    if (chosen.length === 0 || (lineIds && chosen.length !== lineIds.length)) throw new ConflictError('billing:errors.creditNote.nothingToCredit');
    const last = await repo.lockSequence(tx, invoice.organisationId, 'credit_note');
    const id = randomUUID();
    const netPence = -chosen.reduce((sum, l) => sum + l.netPence, 0);
    const vatPence = -chosen.reduce((sum, l) => sum + l.vatPence, 0);
    await repo.insertDocuments(
      tx,
      [
        {
          id,
          organisationId: invoice.organisationId,
          localAuthorityId: invoice.localAuthorityId,
          agreementId: invoice.agreementId,
          kind: 'credit_note',
          sequenceNumber: last + 1,
          number: documentNumber('credit_note', last + 1),
          creditsInvoiceId: invoice.id,
          issuedOn,
          dueOn: issuedOn,
          paymentTermsDays: 0,
          language: invoice.language,
          authorityName: invoice.authorityName,
          authorityNameCy: invoice.authorityNameCy,
          netPence,
          vatPence,
          totalPence: netPence + vatPence,
          reason,
          issuedBy: actorId(ctx),
        },
      ],
      chosen.map((l, i) => ({
        id: randomUUID(),
        invoiceId: id,
        organisationId: l.organisationId,
        localAuthorityId: l.localAuthorityId,
        lineNumber: i + 1,
        feeEventId: l.feeEventId,
        creditsLineId: l.id,
        childId: l.childId,
        childLabel: l.childLabel,
        trigger: l.trigger,
        occurredOn: l.occurredOn,
        description: l.description,
        descriptionCy: l.descriptionCy,
        netPence: -l.netPence,
        vatStatus: l.vatStatus,
        vatRateBasisPoints: l.vatRateBasisPoints,
        vatPence: -l.vatPence,
      })),
    );
    await repo.advanceSequence(tx, invoice.organisationId, 'credit_note', last + 1);
    await recordAudit(tx, ctx, { action: 'invoices.credit', resourceType: 'invoice', resourceId: id, detail: { credits: invoice.id, lines: chosen.length } });
    return id;
  }

  return {
    issueInTx,
    /** POST /api/v1/invoices and the "issue invoices" page: from the uninvoiced fees of one authority (or all). */
    async issueInvoices(ctx: RequestContext, request: Omit<IssueRequest, 'agencyId'> & { agencyId?: string }) {
      return run(ctx, async (tx) => {
        const agencyId = agencyOf(ctx, request.agencyId);
        authorize(ctx.actor, 'invoices.issue', { type: 'invoice', organisationId: agencyId });
        const issued = await issueInTx(tx, ctx, { ...request, agencyId });
        if (issued.invoices.length === 0 && issued.creditNotes.length === 0) throw new ConflictError('billing:errors.invoice.nothingToIssue');
        return issued;
      });
    },
    /**
     * A credit note correcting an issued invoice (the invoice itself never changes). The invoice's
     * crediting version is the number of credit notes against it: given, it must still be that
     * (checked under the credit notes' number lock, so two officers crediting at once cannot both pass).
     */
    async creditInvoice(ctx: RequestContext, invoiceId: string, input: { lineIds?: string[]; reason: string }, version?: number) {
      return run(ctx, async (tx) => {
        const invoice = await repo.getInvoice(tx, invoiceId);
        if (!invoice) throw new NotFoundError();
        authorize(ctx.actor, 'invoices.issue', invoiceResource(invoice));
        await repo.lockSequence(tx, invoice.organisationId, 'credit_note');
        const current = (await repo.creditNotesOf(tx, invoiceId)).length;
        if (version !== undefined && version !== current) throw new ConflictError('errors.conflict.body', current);
        const creditNote = await creditLinesInTx(tx, ctx, invoiceId, input.lineIds, input.reason, today());
        return { creditNote, version: current + 1 };
      });
    },
    async listInvoices(ctx: RequestContext, filter: Omit<repo.InvoiceFilter, 'visibleTo'>, page: PageRequest) {
      return run(ctx, async (tx) => {
        authorize(ctx.actor, 'invoices.view');
        const scope = listScope(ctx.actor, 'invoices.view');
        const found = await repo.listInvoices(tx, { ...filter, visibleTo: scope.kind === 'organisation' ? scope.organisationId : undefined }, page);
        await recordAudit(tx, ctx, { action: 'invoices.view', resourceType: 'invoice', detail: { rows: found.items.length } });
        return found;
      });
    },
    /**
     * One numbered page of the invoices and credit notes the reader may see (an authority's reader, its
     * own only), sorted by a heading and filtered, with how many match and the authorities to filter by.
     */
    async pageInvoices(
      ctx: RequestContext,
      filter: Omit<repo.InvoicePageFilter, 'visibleTo'>,
      list: { page: number; limit: number; sort: repo.InvoiceListSort; dir: 'asc' | 'desc'; language: 'en' | 'cy' },
    ) {
      return run(ctx, async (tx) => {
        authorize(ctx.actor, 'invoices.view');
        const scope = listScope(ctx.actor, 'invoices.view');
        const visibleTo = scope.kind === 'organisation' ? scope.organisationId : undefined;
        const found = await repo.pageInvoices(
          tx,
          { ...filter, visibleTo },
          { sort: list.sort, dir: list.dir, ...pageWindow(list), today: today(), language: list.language },
        );
        const authorities = await repo.invoicedAuthorities(tx, visibleTo);
        await recordAudit(tx, ctx, {
          action: 'invoices.view',
          resourceType: 'invoice',
          detail: { organisation: visibleTo ?? null, rows: found.rows.length, page: list.page },
        });
        return { items: found.rows, total: found.total, authorities };
      });
    },
    /** One document with its lines, what has been credited and paid, and the credit notes against it. */
    async getInvoice(ctx: RequestContext, id: string) {
      return run(ctx, async (tx) => {
        const invoice = await repo.getInvoice(tx, id);
        if (!invoice) throw new NotFoundError();
        authorize(ctx.actor, 'invoices.view', invoiceResource(invoice));
        const lines = await repo.linesOfInvoice(tx, id);
        const totals = await repo.totalsOf(tx, id);
        const credits = await repo.creditNotesOf(tx, id);
        await recordAudit(tx, ctx, { action: 'invoices.view', resourceType: 'invoice', resourceId: id });
        // Lines a credit note has already credited cannot be credited again; `version` is what a credit checks.
        const creditedLineIds = invoice.kind === 'invoice' ? await repo.creditedLineIdsOf(tx, id) : [];
        return { invoice, lines, ...totals, credits, creditedLineIds, version: credits.length };
      });
    },
  };
}
