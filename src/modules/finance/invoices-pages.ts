import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { ConflictError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { fields, parse } from '../../platform/http/validation.ts';
import { can } from '../../platform/policy/policy.ts';
import { longDate } from '../../platform/format/format.ts';
import { formErrors, type Form } from '../../platform/forms/forms.ts';
import { anyForm, idParams } from '../../platform/forms/form-route.ts';
import { isoDate, poundsField } from './agreements-inputs.ts';
import { formatPounds } from './invoices-pdf.ts';
import { outstanding } from './invoices-rules.ts';
import { organisationNameText } from '../../platform/i18n/agency-text.ts';
import { attachmentDisposition } from '../../platform/http/download.ts';
import { sendInvoicePdf } from './invoices-download.ts';

const money = formatPounds;
const PAYMENT_FORM = { anchors: { amountPence: 'amount', receivedOn: 'receivedOn' }, fieldNames: {} };

/** The finance pages: the overview, invoices (issue, read, download, record a payment) and the exports. */
export function billingPageRoutes(services: Services) {
  const billing = services.billing;

  async function overviewPage(call: Call, errors: FieldError[] = [], status = 200) {
    const t = call.t;
    const view = await billing.overview(call.ctx);
    return call.render(
      'finance/views/finance.njk',
      {
        pageTitle: t('billing:overview.title'),
        isAgency: view.isAgency,
        canIssue: can(call.actor, 'invoices.issue'),
        canExport: can(call.actor, 'finance.export'),
        waiting: view.waiting.map((w) => ({
          ...w,
          amount: money(w.pence),
          // A button's words are plain text: the name in the reader's language, unmarked.
          authorityNameText: organisationNameText({ name: w.authorityName, nameCy: w.authorityNameCy }, call.language),
        })),
        overdue: view.overdue.map((o) => ({
          ...o,
          owed: money(o.outstandingPence),
          due: longDate(o.dueOn, call.language),
          band: t(`billing:bands.${o.band}`),
        })),
        totals: Object.entries(view.totals).map(([band, pence]) => ({ band: t(`billing:bands.${band}`), amount: money(pence) })),
        recent: view.recent.map((d) => ({
          ...d,
          total: money(d.totalPence),
          issued: longDate(d.issuedOn, call.language),
          kindText: t(`billing:kinds.${d.kind}`),
        })),
        ...formErrors(errors, t),
      },
      status,
    );
  }

  async function invoicePage(call: Call<{ id: string }>, errors: FieldError[] = [], values: Form = {}, status = 200) {
    const t = call.t;
    const { invoice, lines, creditedPence, paidPence, credits } = await billing.getInvoice(call.ctx, call.params.id);
    const payments = await billing.listPayments(call.ctx, { invoiceId: invoice.id }, { limit: 200 });
    const cy = call.language === 'cy';
    return call.render(
      'finance/views/invoice.njk',
      {
        pageTitle: `${t(`billing:kinds.${invoice.kind}`)} ${invoice.number}`,
        invoice,
        issued: longDate(invoice.issuedOn, call.language),
        due: longDate(invoice.dueOn, call.language),
        net: money(invoice.netPence),
        vat: money(invoice.vatPence),
        total: money(invoice.totalPence),
        credited: money(creditedPence),
        paid: money(paidPence),
        owed: invoice.kind === 'invoice' ? money(outstanding(invoice.totalPence, creditedPence, paidPence)) : null,
        lines: lines.map((l) => ({
          ...l,
          text: cy ? l.descriptionCy : l.description,
          amount: money(l.netPence),
          vatText: t(`billing:vat.${l.vatStatus}`),
          stepDate: longDate(l.occurredOn, call.language),
        })),
        credits: credits.map((c) => ({ ...c, total: money(c.totalPence) })),
        payments: payments.items.map((p) => ({ ...p, amount: money(p.amountPence), received: longDate(p.receivedOn, call.language) })),
        canRecord: invoice.kind === 'invoice' && can(call.actor, 'payments.record'),
        canCredit: invoice.kind === 'invoice' && invoice.totalPence + creditedPence > 0 && can(call.actor, 'invoices.issue'),
        values,
        ...formErrors(errors, t, PAYMENT_FORM),
      },
      status,
    );
  }

  return [
    route({
      method: 'GET',
      url: '/finance',
      kind: 'page',
      action: 'invoices.view',
      summary: 'Money in: what waits to be invoiced, what is overdue, the latest invoices (an authority sees its own)',
      handler: (call) => overviewPage(call),
    }),
    route({
      method: 'POST',
      url: '/finance/invoices',
      kind: 'page',
      action: 'invoices.issue',
      summary: 'Issue an invoice from the uninvoiced fees of one authority',
      body: anyForm,
      handler: async (call) => {
        const { localAuthorityId } = parse(z.object({ localAuthorityId: fields.uuid() }), call.body);
        try {
          const issued = await billing.issueInvoices(call.ctx, { localAuthorityId, upTo: billing.today() });
          const first = issued.invoices[0] ?? issued.creditNotes[0]!;
          return call.redirect(`/finance/invoices/${first}`, call.t('billing:issue.done', { count: issued.invoices.length + issued.creditNotes.length }));
        } catch (error) {
          if (error instanceof ConflictError) return overviewPage(call, [{ field: 'body', key: error.key }], 409);
          throw error;
        }
      },
    }),
    route({
      method: 'GET',
      url: '/finance/invoices/:id',
      kind: 'page',
      action: 'invoices.view',
      summary: 'An invoice or credit note: its lines (which child, which step), payments and what is owed',
      params: idParams,
      handler: (call) => invoicePage(call),
    }),
    route({
      method: 'GET',
      url: '/finance/invoices/:id/pdf',
      kind: 'page',
      action: 'invoices.view',
      summary: 'Download the invoice as a PDF in its authority’s language',
      params: idParams,
      handler: async (call) => sendInvoicePdf(billing, call),
    }),
    route({
      method: 'POST',
      url: '/finance/invoices/:id/payments',
      formPage: '/finance/invoices/:id',
      kind: 'page',
      action: 'payments.record',
      summary: 'Record a payment (part payments allowed)',
      params: idParams,
      body: anyForm,
      onInvalid: (call, errors) => invoicePage(call as Call<{ id: string }>, errors, call.body as Form, 400),
      handler: async (call) => {
        const form = parse(
          z.object({
            amountPence: poundsField('billing:errors.amount.invalid').refine((v) => v > 0, 'billing:errors.amount.invalid'),
            receivedOn: isoDate('billing:errors.date.invalid'),
            reference: z
              .string({ error: 'billing:errors.reference.required' })
              .trim()
              .min(1, 'billing:errors.reference.required')
              .max(100, 'errors.field.tooLong'),
          }),
          call.body,
        );
        try {
          await billing.recordPayment(call.ctx, { invoiceId: call.params.id, ...form });
        } catch (error) {
          if (error instanceof ValidationError) return invoicePage(call, error.fieldErrors, call.body, 400);
          throw error;
        }
        return call.redirect(`/finance/invoices/${call.params.id}`, call.t('billing:payment.done', { amount: money(form.amountPence) }));
      },
    }),
    route({
      method: 'POST',
      url: '/finance/invoices/:id/credit-notes',
      formPage: '/finance/invoices/:id',
      kind: 'page',
      action: 'invoices.issue',
      summary: 'Issue a credit note for what is left of an invoice, with the reason (the invoice itself never changes)',
      params: idParams,
      body: anyForm,
      onInvalid: (call, errors) => invoicePage(call as Call<{ id: string }>, errors, call.body as Form, 400),
      handler: async (call) => {
        const { reason } = parse(
          z.object({
            reason: z.string({ error: 'billing:errors.reason.required' }).trim().min(1, 'billing:errors.reason.required').max(1000, 'errors.field.tooLong'),
          }),
          call.body,
        );
        try {
          const { creditNote } = await billing.creditInvoice(call.ctx, call.params.id, { reason });
          return call.redirect(`/finance/invoices/${creditNote}`, call.t('billing:credit.done'));
        } catch (error) {
          if (error instanceof ConflictError) return invoicePage(call, [{ field: 'reason', key: error.key }], call.body, 409);
          throw error;
        }
      },
    }),
    route({
      method: 'GET',
      url: '/finance/export/:what',
      kind: 'page',
      action: 'finance.export',
      summary: 'CSV of invoice lines or payments over a period, for the agency’s finance system',
      params: z.object({ what: z.enum(['invoices.csv', 'payments.csv']) }),
      query: z.object({ from: isoDate('billing:errors.date.invalid').optional(), to: isoDate('billing:errors.date.invalid').optional() }),
      handler: async (call) => {
        const what = call.params.what === 'invoices.csv' ? 'invoices' : 'payments';
        const to = call.query.to ?? billing.today();
        const from = call.query.from ?? `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;
        // A byte-order mark, so spreadsheet programs read Welsh letters (ŵ, ŷ) correctly.
        const csv = '\ufeff' + (await billing.exportCsv(call.ctx, what, { from, to }));
        return call.reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachmentDisposition(`${call.t(`fileNames.${what}`)}-${from}-${to}.csv`))
          .header('cache-control', 'no-store')
          .send(csv);
      },
    }),
  ];
}
