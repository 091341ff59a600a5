import { z } from 'zod';
import type { Call } from '../../server/route.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { dateFromParts, formErrors, text, type Form } from '../../platform/forms/forms.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import { organisationNameText } from '../../platform/i18n/agency-text.ts';
import { periodOf, reportInput, type ReportInput } from './inputs.ts';
import type { ReportsService } from './service.ts';

/**
 * Preparing a report takes two questions on two pages: first the kind of period (a financial year,
 * a quarter or other dates), then the recipient, that period's own boxes and the language. One page
 * showing every kind's boxes at once was confusing, and GOV.UK Frontend's conditional reveal sets
 * aria-expanded on radio inputs, which ARIA does not allow on a radio (axe: aria-allowed-attr). Two
 * plain pages need no JavaScript at all.
 */
export const PERIOD_KINDS = ['year', 'quarter', 'dates'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

const DATE_FIELDS = ['from', 'to'] as const;

/** The first page's answer as the address carries it (`/reports/new?period=quarter`), or null. */
export const periodQuery = z.object({ period: z.string().max(20).optional(), step: z.string().max(20).optional() });
export const periodKindOf = (value: unknown): PeriodKind | null => (PERIOD_KINDS.includes(value as PeriodKind) ? (value as PeriodKind) : null);

/** The second page's form as the service's input, or every mistake in it. */
export function inputFromForm(form: Form, kind: PeriodKind, today = dateInWales(new Date())): { input: ReportInput } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const dates = { from: dateFromParts(form, 'from'), to: dateFromParts(form, 'to') };
  const year = text(form, 'year');
  const quarter = text(form, 'quarter');
  if (kind === 'dates') {
    for (const name of DATE_FIELDS) if (dates[name].error) errors.push(dates[name].error);
    if (!dates.from.value && !dates.from.error) errors.push({ field: 'from', key: 'reports:errors.from.required' });
    if (!dates.to.value && !dates.to.error) errors.push({ field: 'to', key: 'reports:errors.to.required' });
  } else {
    if (!/^\d{4}$/.test(year) || Number(year) <= 2000 || Number(year) >= 2200) errors.push({ field: 'year', key: 'reports:errors.year.invalid' });
    if (kind === 'quarter' && !['1', '2', '3', '4'].includes(quarter)) errors.push({ field: 'quarter', key: 'reports:errors.quarter.required' });
  }
  const period = errors.length ? null : periodOf({ kind, year, quarter, from: dates.from.value ?? '', to: dates.to.value ?? '' });
  const parsed = reportInput.safeParse({
    organisation: text(form, 'organisation'),
    from: period?.from ?? '',
    to: period?.to ?? '',
    language: text(form, 'language') || undefined,
  });
  // Without a period its own boxes already say what is wrong; the service's from/to would only repeat it.
  if (!parsed.success) for (const e of toFieldErrors(parsed.error)) if (period || (e.field !== 'from' && e.field !== 'to')) errors.push(e);
  if (period && period.to > today) errors.push({ field: kind === 'dates' ? 'to' : 'year', key: 'reports:errors.to.inFuture' });
  if (errors.length || !parsed.success) return { errors };
  return { input: parsed.data };
}

/** The first page: which kind of period. `errors` when it was sent without a choice. */
export function renderPeriodPage(call: Call, errors: FieldError[] = []) {
  const t = call.t;
  return call.render(
    'reports/views/report-period.njk',
    {
      pageTitle: t('reports:form.period.question'),
      kindItems: PERIOD_KINDS.map((k) => ({ value: k, text: t(`reports:form.period.${k}`), hint: { text: t(`reports:form.period.hint.${k}`) } })),
      ...formErrors(errors, t, { anchors: { period: 'period' } }),
    },
    errors.length ? 400 : 200,
  );
}

/** The second page: the recipient, the boxes of the chosen kind of period only, and the language. */
export async function renderReportForm(call: Call, reports: ReportsService, kind: PeriodKind, values: Form = {}, errors: FieldError[] = []) {
  const t = call.t;
  const recipients = await reports.recipients(call.ctx);
  const year = text(values, 'year') || String(Number(dateInWales(new Date()).slice(0, 4)) - 1);
  return call.render(
    'reports/views/report-form.njk',
    {
      pageTitle: t('reports:form.heading'),
      kind,
      kindText: t(`reports:form.period.${kind}`),
      values: { ...values, year },
      organisationItems: [
        { value: '', text: t('reports:form.organisation.choose'), selected: !text(values, 'organisation') },
        ...recipients.map((r) => ({ value: r.slug, text: organisationNameText(r, call.language), selected: text(values, 'organisation') === r.slug })),
      ],
      quarterItems: [1, 2, 3, 4].map((q) => ({ value: String(q), text: t(`reports:form.quarter.q${q}`), checked: text(values, 'quarter') === String(q) })),
      languageItems: (['en', 'cy'] as const).map((l) => ({ value: l, text: t(`reports:form.language.${l}`), checked: text(values, 'language') === l })),
      ...formErrors(errors, t, { dateFields: DATE_FIELDS, anchors: { quarter: 'quarter', language: 'language', organisation: 'organisation' } }),
    },
    errors.length ? 400 : 200,
  );
}
