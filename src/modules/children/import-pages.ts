import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { columnLabelKey, IMPORT_COLUMNS } from './import-rows.ts';
import { attachmentDisposition } from '../../platform/http/download.ts';

const uploadForm = z.object({
  // With multipart, the file arrives as a Buffer; an empty file input arrives empty.
  file: z.instanceof(Buffer, { error: 'imports:errors.fileRequired' }).refine((b) => b.length > 0, 'imports:errors.fileRequired'),
  mode: z.enum(['all-or-nothing', 'valid-only'], { error: 'imports:errors.modeRequired' }).default('all-or-nothing'),
});

/** One example row per column, obviously fictional, so a worker sees the format of each field. */
const TEMPLATE_ROW = [
  'R1',
  'adoption_agencies_wales_regulations',
  'Example',
  'Demoford (fictional)',
  '',
  '',
  '2019-04-02',
  'female',
  'white_british',
  '',
  'cy;en',
  'placement_order',
  '2021-01-10',
  '2021-06-01',
  '2024-05-01',
  '2024-03-01',
  'speech_language_communication:moderate',
  'no',
  'Foster carers',
];

/** The upload page for CSV referrals: the same import as `together import referrals`. */
export function importPageRoutes(services: Services) {
  const render = (call: Call, data: Record<string, unknown>, status = 200) =>
    call.render('children/views/referral-import.njk', { pageTitle: call.t('imports:report.title'), values: { mode: 'all-or-nothing' }, ...data }, status);

  return [
    route({
      method: 'GET',
      url: '/referrals/import',
      kind: 'page',
      action: 'children.import',
      summary: 'Upload a CSV of referrals',
      handler: async (call) => render(call, {}),
    }),
    route({
      method: 'GET',
      url: '/referrals/import/template.csv',
      kind: 'page',
      action: 'children.import',
      summary: 'The CSV template for importing referrals',
      handler: async (call) =>
        call.reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachmentDisposition(`${call.t('fileNames.referralsTemplate')}.csv`))
          .send(stringify([[...IMPORT_COLUMNS], TEMPLATE_ROW])),
    }),
    route({
      method: 'POST',
      url: '/referrals/import',
      kind: 'page',
      action: 'children.import',
      summary: 'Import referrals from an uploaded CSV',
      body: uploadForm,
      onInvalid: (call, errors) =>
        render(
          call,
          {
            errorList: errors.map((e) => ({ text: call.t(e.key, e.params), href: `#${e.field}` })),
            fieldErrors: Object.fromEntries(errors.map((e) => [e.field, { text: call.t(e.key, e.params) }])),
          },
          400,
        ),
      handler: async (call) => {
        const report = await services.referralImport.importReferrals(call.ctx, call.body.file.toString('utf8'), call.body.mode);
        // Columns and the missing column named in words of the reader's language, never by their codes.
        const rejected = report.rejected.map((r) => ({
          row: r.row,
          field: call.t(columnLabelKey(r.field)),
          reason: call.t(r.key, r.params?.columnKey ? { ...r.params, name: call.t(String(r.params.columnKey)) } : r.params),
        }));
        return render(call, { report, rejected, values: { mode: call.body.mode } }, report.committed || rejected.length === 0 ? 200 : 400);
      },
    }),
  ];
}
