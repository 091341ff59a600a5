import { recordAudit } from '../../platform/audit/audit.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import { getOrganisation } from '../organisations/index.ts';
import { createAgreementUseCases } from './agreements-service.ts';
import { createBillingSettingsUseCases } from './billing-settings-service.ts';
import { createFeeEventUseCases, subscribeFeeRaising } from './fee-events-service.ts';
import * as invoiceRepo from './invoices-repository.ts';
import { invoicePdf } from './invoices-pdf.ts';
import { createInvoiceUseCases, invoiceResource } from './invoices-service.ts';
import { createPaymentUseCases } from './payments-service.ts';
import { organisationNameText } from '../../platform/i18n/agency-text.ts';
import { createStatementUseCases } from './statements-service.ts';

/**
 * Money in: agreements, fee events, invoices, payments and statements, as one service. Building it
 * subscribes fee raising to the workflow's steps on the runner's event bus (platform/events), so
 * the composition root wires finance to children and matching without either importing finance.
 */
export function createBillingService(runner: UseCaseRunner, clock: () => Date = () => new Date()) {
  subscribeFeeRaising(runner.events);
  const invoices = createInvoiceUseCases(runner, clock);
  return {
    today: () => dateInWales(clock()),
    ...createAgreementUseCases(runner),
    ...createBillingSettingsUseCases(runner),
    ...createFeeEventUseCases(runner, clock),
    ...invoices,
    ...createPaymentUseCases(runner, clock),
    ...createStatementUseCases(runner, clock),
    /** The PDF of an invoice or credit note, in the language of its authority. */
    async invoicePdf(ctx: RequestContext, id: string) {
      return runner.run(ctx, async (tx) => {
        const invoice = await invoiceRepo.getInvoice(tx, id);
        if (!invoice) throw new NotFoundError();
        authorize(ctx.actor, 'invoices.view', invoiceResource(invoice));
        const lines = await invoiceRepo.linesOfInvoice(tx, id);
        const agency = await getOrganisation(tx, invoice.organisationId);
        const credited = invoice.creditsInvoiceId ? await invoiceRepo.getInvoice(tx, invoice.creditsInvoiceId) : undefined;
        await recordAudit(tx, ctx, { action: 'invoices.pdf', resourceType: 'invoice', resourceId: id });
        const pdf = await invoicePdf({
          invoice,
          lines,
          agencyName: agency ? organisationNameText(agency, invoice.language) : '',
          creditsNumber: credited?.number ?? null,
        });
        return { pdf, number: invoice.number, kind: invoice.kind };
      });
    },
  };
}

export type BillingService = ReturnType<typeof createBillingService>;
