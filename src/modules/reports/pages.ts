import { reportDisposition } from './download-name.ts';
import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { can } from '../../platform/policy/policy.ts';
import { text, type Form } from '../../platform/forms/forms.ts';
import { anyForm, idParams } from '../../platform/forms/form-route.ts';
import { escapeHtml, longDate } from '../../platform/format/format.ts';
import { barChartSvg } from '../../platform/views/chart.ts';
import type { ReportDocument } from './document.ts';
import { REPORT_FORMATS, reportInput } from './inputs.ts';
import { inputFromForm, periodKindOf, periodQuery, renderPeriodPage, renderReportForm } from './report-form.ts';
import { agencyTextHtml, organisationName, organisationNameHtml } from '../../platform/i18n/agency-text.ts';
import { valueText } from './render/format.ts';

/** The report's sections as the page shows them: headlines, tables and charts (each chart beside its table), method notes. */
function sectionsView(document: ReportDocument) {
  return document.sections.map((section) => ({
    ...section,
    tables: section.tables.map((table) => ({
      caption: table.caption,
      notes: table.notes,
      head: [{ text: table.labelHeading }, ...table.columns.map((c) => ({ text: c.heading, format: c.kind === 'text' ? undefined : 'numeric' }))],
      rows: table.rows.map((row) => [
        // A label in the other language (an authority with no Welsh name in a Welsh report) is marked as such.
        { html: agencyTextHtml({ text: row.label, lang: row.labelLang }), classes: row.total ? 'govuk-!-font-weight-bold' : undefined },
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

  /** The form again after a mistake: the second page when the kind of period is known, else the first. */
  async function formPage(call: Call, values: Form = {}, errors: FieldError[] = []) {
    const kind = periodKindOf(text(values, 'kind'));
    return kind ? renderReportForm(call, reports, kind, values, errors) : renderPeriodPage(call, [{ field: 'period', key: 'reports:errors.period.required' }]);
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
            { html: organisationNameHtml({ name: r.recipientName, nameCy: r.recipientNameCy }, call.language) },
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
      summary: 'Form: prepare a report to a funder or commissioning local authority (first the kind of period, then the rest)',
      query: periodQuery,
      handler: async (call) => {
        const kind = periodKindOf(call.query.period);
        if (kind) return renderReportForm(call, reports, kind, { kind, language: call.language });
        // Sent without a choice: the first page again, saying what is missing.
        return renderPeriodPage(call, call.query.step === 'period' ? [{ field: 'period', key: 'reports:errors.period.required' }] : []);
      },
    }),
    route({
      method: 'POST',
      url: '/reports/preview',
      formPage: '/reports/new',
      formPageQuery: { period: 'kind' },
      kind: 'page',
      action: 'reports.issue',
      summary: 'Preview a report as it would be issued (nothing is stored)',
      body: anyForm,
      onInvalid: (call, errors) => formPage(call, (call.request.body ?? {}) as Form, errors),
      handler: async (call) => {
        const kind = periodKindOf(text(call.body, 'kind'));
        if (!kind) return formPage(call, call.body);
        const parsed = inputFromForm(call.body, kind);
        if ('errors' in parsed) throw new ValidationError(parsed.errors);
        const { recipient, document } = await reports.preview(call.ctx, parsed.input);
        return call.render('reports/views/report.njk', {
          pageTitle: document.title,
          preview: true,
          input: parsed.input,
          document,
          recipientName: organisationName(recipient, call.language),
          sections: sectionsView(document),
        });
      },
    }),
    route({
      method: 'POST',
      url: '/reports/issue',
      formPage: '/reports/new',
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
          recipientName: organisationName({ name: found.recipientName, nameCy: found.recipientNameCy }, call.language),
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
