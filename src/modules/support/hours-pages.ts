import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { addMonths, dateInWales } from '../../platform/dates/dates.ts';
import { dateParts, formErrors, queryWithDates, type Form } from '../../platform/forms/forms.ts';
import { SUPPORT_FORM } from './forms.ts';
import { escapeHtml, hoursText, longDate } from './format.ts';
import { periodQuery, type PeriodQuery } from './inputs.ts';

const anyQuery = z.record(z.string(), z.unknown());

/** Hours of support delivered per family and per worker; the last three months unless a period is chosen. */
export function hoursPageRoutes(services: Services) {
  const support = services.support;

  function period(call: Call) {
    // The date inputs' boxes, or ISO dates from a link (the household links below carry them).
    const dates = queryWithDates((call.query ?? {}) as Form);
    const raw = Object.fromEntries(Object.entries(dates.query).filter(([k, v]) => (k === 'from' || k === 'to') && typeof v === 'string' && v !== ''));
    const parsed = periodQuery.safeParse(raw);
    const today = dateInWales(new Date());
    const fallback: PeriodQuery = { from: addMonths(today, -3), to: today };
    const errors = [...dates.errors, ...(parsed.success ? [] : toFieldErrors(parsed.error))];
    if (errors.length || !parsed.success) return { chosen: fallback, values: dates.values, errors };
    const chosen = parsed.data.from || parsed.data.to ? parsed.data : fallback;
    return { chosen, values: { ...dateParts('from', chosen.from), ...dateParts('to', chosen.to) }, errors: [] };
  }

  return [
    route({
      method: 'GET',
      url: '/support/hours',
      kind: 'page',
      action: 'support.view',
      summary: 'Hours of support delivered per family and per worker in a period',
      query: anyQuery,
      handler: async (call) => {
        const t = call.t;
        const { chosen, values, errors } = period(call);
        const hours = await support.hours(call.ctx, chosen);
        return call.render(
          'support/views/hours.njk',
          {
            pageTitle: t('support:hours.title'),
            values,
            periodText: t('support:hours.period', {
              from: longDate(chosen.from, call.language) || t('support:hours.beginning'),
              to: longDate(chosen.to, call.language) || t('support:hours.today'),
            }),
            totalText: t('support:hours.total', { count: hours.sessions, hours: hoursText(hours.minutes, t, call.language) }),
            householdRows: hours.byHousehold.map((h) => [
              {
                html: `<a class="govuk-link" href="/support/sessions?householdId=${h.householdId}&status=delivered${chosen.from ? `&from=${chosen.from}` : ''}${chosen.to ? `&to=${chosen.to}` : ''}">${escapeHtml(h.householdReference)}</a>`,
              },
              { text: String(h.sessions), format: 'numeric' },
              { text: hoursText(h.minutes, t, call.language), format: 'numeric' },
            ]),
            workerRows: hours.byWorker.map((w) => [
              { text: w.workerName },
              { text: String(w.sessions), format: 'numeric' },
              { text: hoursText(w.minutes, t, call.language), format: 'numeric' },
            ]),
            ...formErrors(errors, t, SUPPORT_FORM),
          },
          errors.length ? 400 : 200,
        );
      },
    }),
  ];
}
