import { z } from 'zod';
import { isoDate, pageOf, rowSchema } from '../../platform/http/responses.ts';
import { agreements, agreementVersions, feeEvents, interAgencyFeeRates, invoiceLines, invoices, payments } from './schema.ts';
import { feeScheduleItem, signatoryInput, upliftInput } from './agreements-inputs.ts';

/** What the money-in API answers (see the OpenAPI document). Amounts are integer pence. */
export const agreementOut = rowSchema(agreements);
export const agreementVersionOut = rowSchema(agreementVersions).extend({
  feeSchedule: z.array(feeScheduleItem),
  uplift: upliftInput,
  signatories: z.array(signatoryInput),
});
export const agreementPage = pageOf(agreementOut);
export const agreementDetail = agreementOut.extend({
  versions: z.array(agreementVersionOut),
  authorities: z.array(z.object({ id: z.uuid(), name: z.string(), nameCy: z.string().nullable().describe('Its name in Welsh, when it has one') })),
});
export const agreementSaved = z.object({ agreement: agreementOut, version: agreementVersionOut });

export const feeEventOut = rowSchema(feeEvents).extend({ reversed: z.boolean() });
export const feeEventPage = pageOf(feeEventOut);
export const feeEventRow = rowSchema(feeEvents);

export const invoiceOut = rowSchema(invoices).extend({ creditedPence: z.number().int(), paidPence: z.number().int() });
export const invoicePage = pageOf(invoiceOut);
export const invoiceDetail = invoiceOut.extend({
  outstandingPence: z.number().int(),
  lines: z.array(rowSchema(invoiceLines)),
  credits: z.array(rowSchema(invoices)),
});
export const issuedOut = z.object({ invoices: z.array(z.uuid()), creditNotes: z.array(z.uuid()) });
export const creditOut = z.object({ creditNote: z.uuid() });

export const paymentOut = rowSchema(payments);
export const paymentPage = pageOf(paymentOut.extend({ invoiceNumber: z.string().nullable() }));

export const statementOut = z.object({
  authorityName: z.string(),
  authorityNameCy: z.string().nullable(),
  openingPence: z.number().int(),
  closingPence: z.number().int(),
  overduePence: z.number().int(),
  entries: z.array(
    z.object({
      date: isoDate(),
      kind: z.enum(['invoice', 'credit_note', 'payment']),
      reference: z.string(),
      amountPence: z.number().int(),
      balancePence: z.number().int(),
      id: z.uuid(),
    }),
  ),
});
/** The PDF's bytes (served as application/pdf). */
export const pdfOut = z.string().describe('application/pdf');

export const rateOut = rowSchema(interAgencyFeeRates);
export const rateList = z.object({ items: z.array(rateOut), nextCursor: z.null() });
