import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { dateInWales, isIsoDate } from '../../platform/dates/dates.ts';
import { addDays } from '../../platform/dates/dates.ts';
import { longDate } from '../../platform/format/format.ts';
import { dateParts, formErrors, queryWithDates } from '../../platform/forms/forms.ts';

const isoDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || isIsoDate(v), 'notifications:errors.dates.invalid');

export const outboxQuery = z.object({ from: isoDate, to: isoDate });
/** The page's query: the date inputs' boxes (or ISO dates from a link), read by the platform's queryWithDates. */
const anyQuery = z.record(z.string(), z.unknown());

/** The administrator's view of the outbox: counts by day and template, never a body or an address. */
export function notificationRoutes(services: Services) {
  return [
    route({
      method: 'GET',
      url: '/admin/outbox',
      kind: 'page',
      action: 'outbox.summary',
      summary: 'E-mail outbox: sent, failed and retried by template and day',
      query: anyQuery,
      handler: async (call) => {
        const dates = queryWithDates(call.query);
        const parsed = outboxQuery.safeParse(dates.query);
        const chosen: { from?: string; to?: string } = parsed.success ? parsed.data : {};
        const today = dateInWales(new Date());
        const to = chosen.to ?? today;
        const from = chosen.from && chosen.from <= to ? chosen.from : addDays(to, -13);
        const rows = await services.outbox.summary(call.ctx, { from: new Date(`${from}T00:00:00Z`), to: new Date(`${addDays(to, 1)}T00:00:00Z`) });
        const named = rows.map((row) => ({ ...row, templateName: templateName(call.t, row.template), dayText: longDate(row.day, call.language) }));
        // The boxes show what was typed after a mistake, else the period shown.
        const values = dates.errors.length ? dates.values : { ...dateParts('from', from), ...dateParts('to', to) };
        return call.render(
          'notifications/views/outbox.njk',
          { pageTitle: call.t('notifications:outbox.title'), rows: named, values, ...formErrors(dates.errors, call.t, { dateFields: ['from', 'to'] }) },
          dates.errors.length ? 400 : 200,
        );
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
