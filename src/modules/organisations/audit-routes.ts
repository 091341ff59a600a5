import { attachmentDisposition } from '../../platform/http/download.ts';
import type { AnchorResult } from '../../platform/audit/checkpoint.ts';
import { checkpointTime } from '../../platform/audit/verify-report.ts';
import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { stringify } from 'csv-stringify/sync';
import type { AuditListRow, AuditQuery } from '../../platform/audit/audit.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { dateField, type Form } from '../../platform/forms/forms.ts';
import { safeCell, type T } from '../../platform/format/format.ts';
import { AUDIT_RECORD_TYPES, auditedActions, auditNameKey } from '../../platform/audit/names.ts';

export const auditQuery = z.object({
  userId: z
    .union([fields.uuid(), z.literal('')])
    .optional()
    .transform((v) => v || undefined),
  resourceType: z
    .string()
    .trim()
    .max(60)
    .optional()
    .transform((v) => v || undefined),
  resourceId: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
  action: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
  personName: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The page's filters: a person by name, what was done, the kind of record, and a range of dates. */
const auditPageQuery = auditQuery.omit({ from: true, to: true }).extend({
  'from-day': z.string().max(2).optional(),
  'from-month': z.string().max(2).optional(),
  'from-year': z.string().max(4).optional(),
  'to-day': z.string().max(2).optional(),
  'to-month': z.string().max(2).optional(),
  'to-year': z.string().max(4).optional(),
});
type AuditPageQuery = z.infer<typeof auditPageQuery>;

/** The search a page asks for, and the mistakes in its dates (shown, the date left out of the search). */
function pageSearch(query: AuditPageQuery): { search: AuditQuery; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const form = query as unknown as Form;
  const from = dateField(form, 'from', errors);
  const to = dateField(form, 'to', errors);
  if (from && to && to < from) errors.push({ field: 'to', key: 'admin:audit.errors.toBeforeFrom' });
  const { userId, personName, resourceType, resourceId, action, before, limit } = query;
  return {
    search: { userId, personName, resourceType, resourceId, action, before, limit, from: from ?? undefined, to: errors.length ? undefined : (to ?? undefined) },
    errors,
  };
}

type AuditWords = { action: string; record: string; who: string; role: string; outcome: string; channel: string };

/** An entry in the reader's words: actions and records named, never a raw code (one a newer version wrote is shown as it is). */
function wordsFor(t: T, row: AuditListRow): AuditWords {
  return {
    action: t(auditNameKey('actions', row.action), { defaultValue: row.action }),
    record: row.resourceType ? t(auditNameKey('records', row.resourceType), { defaultValue: row.resourceType }) : '',
    who: row.userName ?? '',
    role: row.role ? t(`roles.${row.role}`, { defaultValue: row.role }) : '',
    outcome: t(`admin:audit.outcomes.${row.outcome}`),
    channel: t(`audit:channels.${row.channel}`, { defaultValue: row.channel }),
  };
}

/** The choices of a filter: every action or kind of record by name, in the reader's alphabetical order. */
function namedChoices(t: T, group: 'actions' | 'records', selected: string | undefined, anyText: string) {
  const codes = group === 'actions' ? auditedActions() : AUDIT_RECORD_TYPES;
  const items = codes
    .map((code) => ({ value: code, text: t(auditNameKey(group, code), { defaultValue: code }), selected: code === selected }))
    .sort((a, b) => a.text.localeCompare(b.text));
  return [{ value: '', text: anyText }, ...items];
}

/** The administrator's view of the audit log: who viewed or changed record X, what did person Y do, and when. */
export function auditRoutes(services: Services) {
  return [
    route({
      method: 'GET',
      url: '/admin/audit',
      kind: 'page',
      action: 'audit.view',
      summary: 'Audit log',
      query: auditPageQuery,
      handler: async (call) => {
        const { search, errors } = pageSearch(call.query);
        const page = await services.audit.search(call.ctx, search);
        const t = call.t;
        const anyText = t('admin:audit.any');
        const rows = page.items.map((row) => ({ ...row, words: wordsFor(t, row) }));
        const filters = new URLSearchParams();
        for (const [key, value] of Object.entries(call.query))
          if (value !== undefined && value !== '' && key !== 'before' && key !== 'limit') filters.set(key, String(value));
        return call.render('organisations/views/audit.njk', {
          pageTitle: t('admin:audit.title'),
          page: { ...page, items: rows },
          query: call.query,
          values: call.query,
          fieldErrors: Object.fromEntries(errors.map((e) => [e.field, { text: t(e.key) }])),
          errorList: errors.map((e) => ({ text: t(e.key), href: `#${e.field}-day` })),
          actionItems: namedChoices(t, 'actions', call.query.action, anyText),
          recordItems: namedChoices(t, 'records', call.query.resourceType, anyText),
          filterQuery: filters.toString(),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/admin/audit/export.csv',
      kind: 'page',
      action: 'audit.view',
      summary: 'The audit log as CSV, with the page’s filters (up to 10,000 entries, newest first)',
      query: auditPageQuery,
      handler: async (call) => {
        const { search } = pageSearch(call.query);
        const page = await services.audit.search(call.ctx, { ...search, limit: 10_000 });
        const t = call.t;
        const header = ['when', 'who', 'role', 'action', 'record', 'recordId', 'outcome', 'channel'].map((key) => t(`admin:audit.csv.${key}`));
        const body = page.items.map((row) => {
          const words = wordsFor(t, row);
          return [row.at.toISOString(), words.who, words.role, words.action, words.record, row.resourceId ?? '', words.outcome, words.channel].map(safeCell);
        });
        return call.reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachmentDisposition(`${t('admin:audit.csv.fileName')}.csv`))
          .header('cache-control', 'no-store')
          .send('\ufeff' + stringify([header, ...body]));
      },
    }),
    route({
      method: 'POST',
      url: '/admin/audit/verify',
      kind: 'page',
      action: 'audit.verify',
      summary: 'Check the audit log’s hash chain',
      handler: async (call) => {
        const result = await services.audit.verify(call.ctx);
        const chain = result.break ? call.t('admin:audit.verify.broken', { id: result.break.id }) : call.t('admin:audit.verify.intact', { count: result.rows });
        return call.redirect('/admin/audit', `${chain}. ${anchorMessage(call.t, result.anchor)}.`);
      },
    }),
  ];
}

/** What the signed checkpoint outside the database says of the chain, in the reader's language. */
function anchorMessage(t: (key: string, values?: Record<string, unknown>) => string, anchor: AnchorResult): string {
  switch (anchor.state) {
    case 'none':
      return t('admin:audit.verify.anchor.none');
    case 'anchored':
      return t('admin:audit.verify.anchor.anchored', { seq: anchor.checkpoint.seq, at: checkpointTime(anchor.checkpoint.at) });
    case 'rewritten':
      return t('admin:audit.verify.anchor.rewritten', { seq: anchor.checkpoint.seq, at: checkpointTime(anchor.checkpoint.at) });
    case 'rewound':
      return t('admin:audit.verify.anchor.rewound', { seq: anchor.checkpoint.seq, at: checkpointTime(anchor.checkpoint.at) });
    case 'forged':
      return t('admin:audit.verify.anchor.forged', { lines: anchor.lines.join(', ') });
  }
}
