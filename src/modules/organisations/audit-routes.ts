import type { AnchorResult } from '../../platform/audit/checkpoint.ts';
import { checkpointTime } from '../../platform/audit/verify-report.ts';
import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';

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
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The administrator's view of the audit log: who viewed or changed record X, what did user Y do. */
export function auditRoutes(services: Services) {
  return [
    route({
      method: 'GET',
      url: '/admin/audit',
      kind: 'page',
      action: 'audit.view',
      summary: 'Audit log',
      query: auditQuery,
      handler: async (call) => {
        const page = await services.audit.search(call.ctx, call.query);
        return call.render('organisations/views/audit.njk', { pageTitle: call.t('admin:audit.title'), page, query: call.query });
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
