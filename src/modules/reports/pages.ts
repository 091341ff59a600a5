import { reportDisposition } from './download-name.ts';
import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { can } from '../../platform/policy/policy.ts';
import { dateFromParts, formErrors, text, type Form } from '../../platform/forms/forms.ts';
import { anyForm, idParams } from '../../platform/forms/form-route.ts';
import { escapeHtml, longDate } from '../../platform/format/format.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import { barChartSvg } from '../../platform/views/chart.ts';
import type { ReportDocument } from './document.ts';
import { periodOf, REPORT_FORMATS, reportInput, type ReportInput } from './inputs.ts';
import { valueText } from './render/format.ts';

const DATE_FIELDS = ['from', 'to'] as const;

/** The form as the service's input, or every mistake in it (a quarter, a financial year, or dates). */
function inputFromForm(form: Form): { input: ReportInput } | { errors: FieldError[] } {
  const kind = text(form, 'kind');
  const errors: FieldError[] = [];
  const dates = { from: dateFromParts(form, 'from'), to: dateFromParts(form, 'to') };
  if (kind === 'dates') for (const name of DATE_FIELDS) if (dates[name].error) errors.push(dates[name].error);
  const period = kind
    ? periodOf({ kind, year: text(form, 'year'), quarter: text(form, 'quarter'), from: dates.from.value ?? '', to: dates.to.value ?? '' })
    : null;
  if (!period && !errors.length)
    errors.push({
      field: kind === 'dates' ? 'from' : kind ? 'year' : 'kind',
      key: kind === 'dates' ? 'reports:errors.from.required' : 'reports:errors.period.required',
    });
  const parsed = reportInput.safeParse({
    organisation: text(form, 'organisation'),
    from: period?.from ?? '',
    to: period?.to ?? '',
    language: text(form, 'language') || undefined,
  });
  if (!parsed.success) for (const e of toFieldErrors(parsed.error)) if (period || (e.field !== 'from' && e.field !== 'to')) errors.push(e);
  if (period && period.to > dateInWales(new Date())) errors.push({ field: kind === 'dates' ? 'to' : 'year', key: 'reports:errors.to.inFuture' });
  if (errors.length || !parsed.success) return { errors };
  return { input: parsed.data };
}

/** The report's sections as the page shows them: headlines, tables and charts (each chart beside its table), method notes. */
function sectionsView(document: ReportDocument) {
  return document.sections.map((section) => ({
    ...section,
    tables: section.tables.map((table) => ({
      caption: table.caption,
      notes: table.notes,
      head: [{ text: table.labelHeading }, ...table.columns.map((c) => ({ text: c.heading, format: c.kind === 'text' ? undefined : 'numeric' }))],
      rows: table.rows.map((row) => [
        { text: row.label, classes: row.total ? 'govuk-!-font-weight-bold' : undefined },
        ...row.values.map((value, i) => {
          const kind = table.columns[i]?.kind ?? 'count';
          return { text: valueText(value, kind), format: kind === 'text' ? undefined : 'numeric', classes: row.total ? 'govuk-!-font-weight-bold' : undefined };
        }),
      ]),
    })),
    charts: section.charts.map((chart) => ({
      svg: barChartSvg({
        id: `chart-${chart.code}`,
        title: chart.title,
        description: chart.description,
        xAxisLabel: '',
        yAxisLabel: chart.unit,
        bars: chart.bars.filter((b) => b.value !== null).map((b) => ({ label: b.label, value: b.value === 'c' ? null : b.value })),
        suppressedLabel: 'c',
      }),
    })),
  }));
}

/** Reports to funders and commissioners as pages: the list, preparing one, its preview, issuing it, and downloads. */
export function reportsPageRoutes(services: Services) {
  const reports = services.reports;

  async function formPage(call: Call, values: Form = {}, errors: FieldError[] = []) {
    const t = call.t;
    const recipients = await reports.recipients(call.ctx);
    const kind = text(values, 'kind');
    const year = text(values, 'year') || String(Number(dateInWales(new Date()).slice(0, 4)) - 1);
    return call.render(
      'reports/views/report-form.njk',
      {
        pageTitle: t('reports:form.heading'),
        values: { ...values, year },
        organisationItems: [
          { value: '', text: t('reports:form.organisation.choose'), selected: !text(values, 'organisation') },
          ...recipients.map((r) => ({ value: r.slug, text: r.name, selected: text(values, 'organisation') === r.slug })),
        ],
        kindItems: (['year', 'quarter', 'dates'] as const).map((k) => ({ value: k, text: t(`reports:form.period.${k}`), checked: kind === k })),
        quarterItems: [1, 2, 3, 4].map((q) => ({ value: String(q), text: t(`reports:form.quarter.q${q}`), selected: text(values, 'quarter') === String(q) })),
        languageItems: (['en', 'cy'] as const).map((l) => ({ value: l, text: t(`reports:form.language.${l}`), checked: text(values, 'language') === l })),
        ...formErrors(errors, t, { dateFields: DATE_FIELDS, anchors: { kind: 'kind', language: 'language', organisation: 'organisation' } }),
      },
      errors.length ? 400 : 200,
    );
  }

  return [
    route({
      method: 'GET',
      url: '/reports',
      kind: 'page',
      action: 'reports.view',
      summary: 'Reports issued by the agency, or issued to the reader’s organisation, with their files',
      handler: async (call) => {
        const t = call.t;
        const { items } = await reports.list(call.ctx, { limit: 200 });
        return call.render('reports/views/reports.njk', {
          pageTitle: t('reports:list.title'),
          canIssue: can(call.actor, 'reports.issue'),
          // The agency's other readers (its administrator) are told who issues, rather than offered a form they may not open.
          whoIssues: !can(call.actor, 'reports.issue') && call.actor.kind === 'user' && call.actor.organisationType === 'agency',
          rows: items.map((r) => [
            { html: `<a class="govuk-link" href="/reports/${r.id}" data-testid="report-link">${escapeHtml(r.reference)}</a>` },
            { text: r.recipientName },
            { text: `${longDate(r.periodFrom, call.language)} – ${longDate(r.periodTo, call.language)}` },
            { text: t(`reports:languages.${r.language}`) },
            { text: longDate(r.issuedAt.toISOString(), call.language) },
            {
              html: r.files
                .map(
                  (f) =>
                    `<a class="govuk-link" href="/reports/${r.id}/download/${f.format}" data-testid="download-${f.format}">${escapeHtml(t(`reports:formats.${f.format}`))}<span class="govuk-visually-hidden"> ${escapeHtml(r.reference)}</span></a>`,
                )
                .join('<br>'),
            },
          ]),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/reports/new',
      kind: 'page',
      action: 'reports.issue',
      summary: 'Form: prepare a report to a funder or commissioning local authority',
      handler: async (call) => formPage(call, { kind: 'year', language: call.language }),
    }),
    route({
      method: 'POST',
      url: '/reports/preview',
      kind: 'page',
      action: 'reports.issue',
      summary: 'Preview a report as it would be issued (nothing is stored)',
      body: anyForm,
      onInvalid: (call, errors) => formPage(call, (call.request.body ?? {}) as Form, errors),
      handler: async (call) => {
        const parsed = inputFromForm(call.body);
        if ('errors' in parsed) throw new ValidationError(parsed.errors);
        const { recipient, document } = await reports.preview(call.ctx, parsed.input);
        return call.render('reports/views/report.njk', {
          pageTitle: document.title,
          preview: true,
          input: parsed.input,
          document,
          recipientName: recipient.name,
          sections: sectionsView(document),
        });
      },
    }),
    route({
      method: 'POST',
      url: '/reports/issue',
      kind: 'page',
      action: 'reports.issue',
      summary: 'Issue the previewed report: stored, numbered and immutable, with its PDF, spreadsheet and CSV files',
      body: anyForm,
      onInvalid: (call, errors) => formPage(call, (call.request.body ?? {}) as Form, errors),
      handler: async (call) => {
        const parsed = reportInput.safeParse({
          organisation: text(call.body, 'organisation'),
          from: text(call.body, 'from'),
          to: text(call.body, 'to'),
          language: text(call.body, 'language') || undefined,
        });
        if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
        const issued = await reports.issue(call.ctx, parsed.data);
        return call.redirect(`/reports/${issued.id}`, call.t('reports:report.issued'));
      },
    }),
    route({
      method: 'GET',
      url: '/reports/:id',
      kind: 'page',
      action: 'reports.view',
      summary: 'An issued report: its reference, files with their SHA-256, and what it says',
      params: idParams,
      handler: async (call) => {
        const found = await reports.get(call.ctx, call.params.id);
        return call.render('reports/views/report.njk', {
          pageTitle: `${found.document.title} (${found.reference})`,
          preview: false,
          report: found,
          document: found.document,
          recipientName: found.recipientName,
          files: found.files.map((f) => ({
            href: `/reports/${found.id}/download/${f.format}`,
            text: call.t(`reports:formats.${f.format}`),
            format: f.format,
            size: `${Math.max(1, Math.round(f.size / 1024)).toLocaleString('en-GB')} KB`,
            sha256: (f.sha256.match(/.{1,16}/g) ?? []).join(' '),
          })),
          sections: sectionsView(found.document),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/reports/:id/download/:format',
      kind: 'page',
      action: 'reports.view',
      summary: 'One file of an issued report, byte for byte as issued',
      params: idParams.extend({ format: z.enum(REPORT_FORMATS, { error: 'reports:errors.format.unknown' }) }),
      handler: async (call) => {
        const file = await reports.download(call.ctx, call.params.id, call.params.format);
        return call.reply
          .type(file.contentType)
          .header('content-length', String(file.size))
          .header('cache-control', 'no-store')
          .header('content-disposition', reportDisposition(call.t, file))
          .send(file.bytes);
      },
    }),
  ];
}
