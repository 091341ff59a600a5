import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { fields, parse } from '../../platform/http/validation.ts';
import { longDate } from '../../platform/format/format.ts';
import { formErrors, type Form } from '../../platform/forms/forms.ts';
import { formRoute, idParams, unversioned } from '../../platform/forms/form-route.ts';
import { formatPounds } from './invoices-pdf.ts';

/**
 * The finance officer's corrections, each with its reason and audited by the service:
 *  - credit chosen lines of an issued invoice (a credit note at once; the invoice never changes).
 *    The form carries the invoice's crediting version (how many credit notes it had when shown),
 *    so a credit note someone else issued meanwhile shows the invoice as it is now (409);
 *  - reverse a fee raised in error. A fee already invoiced is then credited by a credit note at the
 *    next issue, as every reversal is; a fee not yet invoiced simply leaves the list to invoice.
 */

const reason = z.string({ error: 'billing:errors.reason.required' }).trim().min(1, 'billing:errors.reason.required').max(1000, 'errors.field.tooLong');

/** Checkboxes post one value as a string, several as an array, none at all as nothing. */
const chosenLines = z.preprocess(
  (v): unknown[] => (v === undefined || v === '' ? [] : Array.isArray(v) ? (v as unknown[]) : [v]),
  z.array(fields.uuid()).min(1, 'billing:errors.lines.required').max(5000, 'billing:errors.lines.required'),
);

const CREDIT_STALE: FieldError[] = [{ field: 'version', key: 'billing:creditLines.stale' }];

export function correctionPageRoutes(services: Services) {
  const billing = services.billing;

  async function creditForm(call: Call<{ id: string }>, shown: Form | undefined, errors: FieldError[], status: number) {
    const t = call.t;
    const { invoice, lines, credits, creditedLineIds, version } = await billing.getInvoice(call.ctx, call.params.id);
    const credited = new Set(creditedLineIds);
    const chosen = new Set(shown ? [shown.lineIds ?? []].flat().map(String) : []);
    const cy = call.language === 'cy';
    return call.render(
      'finance/views/credit-lines.njk',
      {
        pageTitle: t('billing:creditLines.title', { number: invoice.number }),
        invoice,
        isInvoice: invoice.kind === 'invoice',
        // The version as it is now on a first showing or after a conflict; what was posted otherwise.
        version: shown?.version ?? String(version),
        creditNotes: credits.map((c) => c.number).join(', '),
        items: lines.map((l) => {
          const text = `${t('billing:invoice.line')} ${l.lineNumber}: ${cy ? l.descriptionCy : l.description} – ${l.childLabel} – ${longDate(l.occurredOn, call.language)} – ${formatPounds(l.netPence + l.vatPence)}`;
          return credited.has(l.id)
            ? { value: l.id, text, disabled: true, hint: { text: t('billing:creditLines.alreadyCredited') } }
            : { value: l.id, text, checked: chosen.has(l.id) };
        }),
        open: lines.length - credited.size,
        values: shown ?? {},
        ...formErrors(errors, t, { anchors: { lineIds: 'lineIds' } }),
      },
      status,
    );
  }

  async function reverseForm(call: Call<{ id: string }>, shown: Form | undefined, errors: FieldError[], status: number) {
    const t = call.t;
    const { event, reversed, invoiceId, invoiceNumber } = await billing.getFeeEvent(call.ctx, call.params.id);
    return call.render(
      'finance/views/reverse-fee.njk',
      {
        pageTitle: t('billing:reverseFee.title'),
        event,
        reversible: event.kind === 'charge' && !reversed,
        reversed,
        invoiceId,
        invoiceNumber,
        step: call.language === 'cy' ? event.descriptionCy : event.description,
        date: longDate(event.occurredOn, call.language),
        amount: formatPounds(event.amountPence),
        values: shown ?? {},
        ...formErrors(errors, t),
      },
      status,
    );
  }

  return [
    route({
      method: 'GET',
      url: '/finance/invoices/:id/credit',
      kind: 'page',
      action: 'invoices.issue',
      summary: 'Form: credit chosen lines of an invoice, with the reason',
      params: idParams,
      handler: (call) => creditForm(call, undefined, [], 200),
    }),
    formRoute({
      url: '/finance/invoices/:id/credit',
      action: 'invoices.issue',
      summary: 'Issue a credit note for the chosen lines of an invoice (version-checked, audited); the invoice never changes',
      firstVersion: 0,
      stale: CREDIT_STALE,
      otherConflicts: 'onForm',
      parse: (form) => parse(z.object({ lineIds: chosenLines, reason }), form),
      save: (call, value, version) => billing.creditInvoice(call.ctx, call.params.id, value, version),
      view: creditForm,
      done: (_call, { saved }) => ({ to: `/finance/invoices/${saved.creditNote}`, flash: 'billing:credit.done' }),
    }),
    route({
      method: 'GET',
      url: '/finance/fees/:id/reverse',
      kind: 'page',
      action: 'feeEvents.reverse',
      summary: 'Form: reverse a fee raised in error, with the reason',
      params: idParams,
      handler: (call) => reverseForm(call, undefined, [], 200),
    }),
    formRoute({
      url: '/finance/fees/:id/reverse',
      action: 'feeEvents.reverse',
      summary: 'Reverse a fee raised in error (audited); one already invoiced is credited at the next issue',
      // A fee is reversed once: a second reversal (someone else's meanwhile) is refused with its own message.
      readVersion: unversioned,
      otherConflicts: 'onForm',
      parse: (form) => parse(z.object({ reason }), form),
      save: async (call, value) => {
        const { invoiceNumber } = await billing.getFeeEvent(call.ctx, call.params.id);
        return { reversal: await billing.reverseFeeEvent(call.ctx, call.params.id, value.reason), invoiceNumber };
      },
      view: reverseForm,
      done: (_call, { saved }) => ({
        to: '/finance/fees',
        flash: saved.invoiceNumber ? 'billing:reverseFee.doneInvoiced' : 'billing:reverseFee.done',
        flashParams: { number: saved.invoiceNumber },
      }),
    }),
  ];
}
