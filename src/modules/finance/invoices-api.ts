import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { inOrderAnswer, pageAnswer, pageQuery } from '../../platform/http/cursor.ts';
import { setEtag } from '../../platform/http/versioning.ts';
import { agreementInput, isoDate, pence, rateInput, termsInput } from './agreements-inputs.ts';
import { outstanding } from './invoices-rules.ts';
import { sendInvoicePdf } from './invoices-download.ts';
import {
  agreementDetail,
  agreementPage,
  agreementSaved,
  creditOut,
  feeEventPage,
  feeEventRow,
  invoiceDetail,
  invoicePage,
  issuedOut,
  paymentOut,
  paymentPage,
  pdfOut,
  rateList,
  rateOut,
  statementOut,
} from './invoices-responses.ts';

const idParams = z.object({ id: fields.uuid() });
const period = z.object({ from: isoDate('billing:errors.date.invalid'), to: isoDate('billing:errors.date.invalid') });
const reasonBody = z.object({
  reason: z.string({ error: 'billing:errors.reason.required' }).trim().min(1, 'billing:errors.reason.required').max(1000, 'errors.field.tooLong'),
});

export const issueInput = z.object({
  localAuthorityId: fields.uuid(),
  upTo: isoDate('billing:errors.date.invalid').optional(),
  feeEventIds: z.array(fields.uuid()).max(5000).optional(),
});

export const paymentInput = z.object({
  invoiceId: fields.uuid(),
  receivedOn: isoDate('billing:errors.date.invalid'),
  amountPence: pence('billing:errors.amount.invalid', 1),
  reference: z.string({ error: 'billing:errors.reference.required' }).trim().min(1, 'billing:errors.reference.required').max(100, 'errors.field.tooLong'),
  note: z.string().trim().max(1000, 'errors.field.tooLong').optional().nullable(),
});

/** The JSON API of money in: the same service calls as the pages. Amounts are integer pence. */
export function billingApiRoutes(services: Services) {
  const billing = services.billing;
  return [
    route({
      method: 'GET',
      url: '/api/v1/agreements',
      kind: 'api',
      action: 'agreements.view',
      summary: 'Service-level agreements (an authority sees those it is party to)',
      query: pageQuery,
      response: agreementPage,
      handler: async (call) => pageAnswer(await billing.listAgreements(call.ctx, { limit: call.query.limit, after: call.query.cursor })),
    }),
    route({
      method: 'POST',
      url: '/api/v1/agreements',
      kind: 'api',
      action: 'agreements.edit',
      summary: 'Add an agreement with its first terms (fee schedule in pence, uplift, cap, signatories)',
      body: agreementInput,
      successStatus: 201,
      response: agreementSaved,
      handler: async (call) => {
        const saved = await billing.createAgreement(call.ctx, call.body);
        call.reply.header('location', `/api/v1/agreements/${saved.agreement.id}`);
        setEtag(call.reply, saved.agreement.version);
        return saved;
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/agreements/:id',
      kind: 'api',
      action: 'agreements.view',
      summary: 'An agreement with every version of its terms (ETag carries its version)',
      params: idParams,
      response: agreementDetail,
      handler: async (call) => {
        const { agreement, versions, authorities } = await billing.getAgreement(call.ctx, call.params.id);
        setEtag(call.reply, agreement.version);
        return { ...agreement, versions, authorities };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/agreements/:id/versions',
      kind: 'api',
      action: 'agreements.edit',
      summary: 'New terms from a date (If-Match: the agreement’s ETag); earlier versions keep pricing what happened under them',
      params: idParams,
      body: termsInput,
      successStatus: 201,
      response: agreementSaved,
      versioned: { etag: (saved: { agreement: { version: number } }) => saved.agreement.version },
      handler: async (call, version) => billing.addVersion(call.ctx, call.params.id, call.body, version),
    }),
    route({
      method: 'GET',
      url: '/api/v1/fee-rates',
      kind: 'api',
      action: 'feeRates.view',
      summary: 'The inter-agency fee table (a placement outside any agreement is priced by the rate in force on its date), newest first',
      query: pageQuery,
      response: rateList,
      handler: async (call) => inOrderAnswer(await billing.listRates(call.ctx), call.query, (rate) => rate.id),
    }),
    route({
      method: 'POST',
      url: '/api/v1/fee-rates',
      kind: 'api',
      action: 'feeRates.edit',
      summary: 'Add a rate from a date (first child and sibling rate, in pence)',
      body: rateInput,
      successStatus: 201,
      response: rateOut,
      handler: async (call) => billing.addRate(call.ctx, call.body),
    }),
    route({
      method: 'PUT',
      url: '/api/v1/fee-rates/:id',
      kind: 'api',
      action: 'feeRates.edit',
      summary: 'Correct a rate (If-Match: its ETag)',
      params: idParams,
      body: rateInput,
      response: rateOut,
      versioned: {},
      handler: async (call, version) => billing.editRate(call.ctx, call.params.id, call.body, version),
    }),
    route({
      method: 'GET',
      url: '/api/v1/fee-events',
      kind: 'api',
      action: 'feeEvents.view',
      summary: 'Fees raised by the workflow (which child, which step), newest first; `uninvoiced=true` for those still to invoice',
      query: pageQuery.extend({
        localAuthorityId: fields.uuid().optional(),
        childId: fields.uuid().optional(),
        uninvoiced: z.enum(['true', 'false']).optional(),
      }),
      response: feeEventPage,
      handler: async (call) =>
        pageAnswer(
          await billing.listFeeEvents(
            call.ctx,
            { localAuthorityId: call.query.localAuthorityId, childId: call.query.childId, uninvoiced: call.query.uninvoiced === 'true' },
            { limit: call.query.limit, after: call.query.cursor },
          ),
        ),
    }),
    route({
      method: 'POST',
      url: '/api/v1/fee-events/:id/reversal',
      kind: 'api',
      action: 'feeEvents.reverse',
      summary: 'Reverse a fee raised in error (a negative event; the charge itself never changes)',
      params: idParams,
      body: reasonBody,
      successStatus: 201,
      response: feeEventRow,
      handler: async (call) => billing.reverseFeeEvent(call.ctx, call.params.id, call.body.reason),
    }),
    route({
      method: 'GET',
      url: '/api/v1/invoices',
      kind: 'api',
      action: 'invoices.view',
      summary: 'Invoices and credit notes, newest first, with what has been credited and paid',
      query: pageQuery.extend({ localAuthorityId: fields.uuid().optional(), kind: z.enum(['invoice', 'credit_note']).optional() }),
      response: invoicePage,
      handler: async (call) =>
        pageAnswer(
          await billing.listInvoices(
            call.ctx,
            { localAuthorityId: call.query.localAuthorityId, kind: call.query.kind },
            { limit: call.query.limit, after: call.query.cursor },
          ),
        ),
    }),
    route({
      method: 'POST',
      url: '/api/v1/invoices',
      kind: 'api',
      action: 'invoices.issue',
      summary: 'Issue invoices from the uninvoiced fees of one authority (one per agreement), and credit notes for reversed fees already invoiced',
      body: issueInput,
      successStatus: 201,
      response: issuedOut,
      handler: async (call) => billing.issueInvoices(call.ctx, { ...call.body, upTo: call.body.upTo ?? billing.today() }),
    }),
    route({
      method: 'GET',
      url: '/api/v1/invoices/:id',
      kind: 'api',
      action: 'invoices.view',
      summary: 'An invoice or credit note with its lines, what is credited, paid and still owed',
      params: idParams,
      response: invoiceDetail,
      handler: async (call) => {
        const { invoice, lines, creditedPence, paidPence, credits, version } = await billing.getInvoice(call.ctx, call.params.id);
        setEtag(call.reply, version);
        const owed = invoice.kind === 'invoice' ? outstanding(invoice.totalPence, creditedPence, paidPence) : 0;
        return { ...invoice, creditedPence, paidPence, outstandingPence: owed, lines, credits };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/invoices/:id/credit-notes',
      kind: 'api',
      action: 'invoices.issue',
      summary:
        'Issue a credit note against an invoice (all its lines, or those named); the invoice never changes. If-Match (optional): the invoice’s ETag, the number of credit notes against it',
      params: idParams,
      body: reasonBody.extend({ lineIds: z.array(fields.uuid()).min(1).max(5000).optional(), version: z.number().int().min(0).optional() }),
      successStatus: 201,
      response: creditOut,
      versioned: { optional: true, onlyStale: true, answer: (saved: { creditNote: string }) => ({ creditNote: saved.creditNote }) },
      handler: async (call, version: number | undefined) =>
        billing.creditInvoice(call.ctx, call.params.id, { lineIds: call.body.lineIds, reason: call.body.reason }, version),
    }),
    route({
      method: 'GET',
      url: '/api/v1/invoices/:id/pdf',
      kind: 'api',
      action: 'invoices.view',
      summary: 'The invoice or credit note as a PDF, in its authority’s language (application/pdf)',
      params: idParams,
      response: pdfOut,
      handler: async (call) => sendInvoicePdf(billing, call),
    }),
    route({
      method: 'GET',
      url: '/api/v1/payments',
      kind: 'api',
      action: 'payments.view',
      summary: 'Payments received, newest first',
      query: pageQuery.extend({ localAuthorityId: fields.uuid().optional(), invoiceId: fields.uuid().optional() }),
      response: paymentPage,
      handler: async (call) =>
        pageAnswer(
          await billing.listPayments(
            call.ctx,
            { localAuthorityId: call.query.localAuthorityId, invoiceId: call.query.invoiceId },
            { limit: call.query.limit, after: call.query.cursor },
          ),
        ),
    }),
    route({
      method: 'POST',
      url: '/api/v1/payments',
      kind: 'api',
      action: 'payments.record',
      summary: 'Record a payment against an invoice (part payments allowed; never more than is owed)',
      body: paymentInput,
      successStatus: 201,
      response: paymentOut,
      handler: async (call) => billing.recordPayment(call.ctx, call.body),
    }),
    route({
      method: 'GET',
      url: '/api/v1/statements/:id',
      kind: 'api',
      action: 'statements.view',
      summary: 'Statement of account of one authority (its organisation id) between two dates',
      params: idParams,
      query: period,
      response: statementOut,
      handler: async (call) => billing.statement(call.ctx, call.params.id, call.query),
    }),
  ];
}
