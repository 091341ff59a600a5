import type { Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { pdfHeaders } from '../../platform/http/download.ts';

/**
 * Sends an invoice or credit note as its PDF: the page's download and the API's answer are this one
 * reply. The billing service checks the reader may see it and audits the print; the file is named in
 * the reader's words, with the number the authority quotes (anfoneb-INV-0001.pdf).
 */
export async function sendInvoicePdf(billing: Services['billing'], call: Call<{ id: string }>) {
  const { pdf, number, kind } = await billing.invoicePdf(call.ctx, call.params.id);
  return call.reply.headers(pdfHeaders(`${call.t(`fileNames.${kind}`)}-${number}.pdf`)).send(pdf);
}
