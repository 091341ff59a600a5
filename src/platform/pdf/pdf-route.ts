import { route, type Call, type RouteDefinition } from '../../server/route.ts';
import type { Action } from '../policy/actions.ts';
import { idParams } from '../forms/form-route.ts';
import { pdfHeaders } from '../http/download.ts';
import { printedRecord, renderRecordPdf, type RecordContent } from './record.ts';

type PdfCall = Call<{ id: string }>;

export type PdfRouteOptions<M> = {
  /** The record's address, `/things/:id/pdf`. */
  url: string;
  /** The action of the record's page: the PDF is that page on paper. */
  action: Action;
  summary: string;
  /** The page's own model, read by the same service call as the page (so the policy and the audit are the page's). */
  load: (call: PdfCall, id: string) => Promise<M>;
  /** The model as printed content, in the reader's words. */
  print: (model: M, t: PdfCall['t']) => RecordContent;
  /** The file's name in the reader's words: a `fileNames.*` translation key. */
  fileName: string;
  /** What tells one copy from another in the file's name: by default the first 8 characters of the record's id. */
  fileSuffix?: (model: M, id: string) => string;
};

/**
 * The one shape of a record's PDF: load what the record's page shows, print it in the reader's language
 * and send it as a download. The file is named by the record's id (or another neutral mark such as a
 * meeting's day), never by a person's name: a downloads folder is no place for a name.
 */
export function pdfRoute<M>(options: PdfRouteOptions<M>): RouteDefinition {
  const { load, print, fileName, fileSuffix = (_model: M, id: string) => id.slice(0, 8) } = options;
  return route({
    method: 'GET',
    url: options.url,
    kind: 'page',
    action: options.action,
    summary: options.summary,
    params: idParams,
    handler: async (call) => {
      const model = await load(call, call.params.id);
      const bytes = await renderRecordPdf(printedRecord(call, print(model, call.t)));
      return call.reply.headers(pdfHeaders(`${call.t(fileName)}-${fileSuffix(model, call.params.id)}.pdf`)).send(bytes);
    },
  });
}
