import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { dateInWales, isIsoDate } from '../../platform/dates/dates.ts';
import { addDays } from '../../platform/dates/dates.ts';
import { longDate } from '../../platform/format/format.ts';

const isoDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || isIsoDate(v), 'notifications:errors.dates.invalid');

export const outboxQuery = z.object({ from: isoDate, to: isoDate });

/** The administrator's view of the outbox: counts by day and template, never a body or an address. */
export function notificationRoutes(services: Services) {
  return [
    route({
      method: 'GET',
      url: '/admin/outbox',
      kind: 'page',
      action: 'outbox.summary',
      summary: 'E-mail outbox: sent, failed and retried by template and day',
      query: outboxQuery,
      handler: async (call) => {
        const today = dateInWales(new Date());
        const to = call.query.to ?? today;
        const from = call.query.from && call.query.from <= to ? call.query.from : addDays(to, -13);
        const rows = await services.outbox.summary(call.ctx, { from: new Date(`${from}T00:00:00Z`), to: new Date(`${addDays(to, 1)}T00:00:00Z`) });
        const named = rows.map((row) => ({ ...row, templateName: templateName(call.t, row.template), dayText: longDate(row.day, call.language) }));
        return call.render('notifications/views/outbox.njk', { pageTitle: call.t('notifications:outbox.title'), rows: named, query: { from, to } });
      },
    }),
  ];
}

/** A template named in the reader's language; one this page does not know is named as "other" with its code. */
function templateName(t: (key: string, params?: Record<string, unknown>) => string, code: string): string {
  const key = `notifications:outbox.templates.${code.replace(/\./g, '_')}`;
  const name = t(key);
  return name === key || name === key.split(':')[1] ? t('notifications:outbox.templates.other', { code }) : name;
}
