import { z } from 'zod';
import { stringify } from 'csv-stringify/sync';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { dateField, dateParts, firstPerField, formErrors, type Choice } from '../../platform/forms/forms.ts';
import { queryString } from '../../platform/format/format.ts';
import { CAMPAIGN_FORM } from './campaign-form.ts';
import { escapeHtml } from './campaign-pages.ts';
import {
  campaignName,
  campaignNameHtml,
  channelName,
  considerChart,
  considerHead,
  considerRow,
  funnelChart,
  funnelCsvLines,
  stageHead,
  stageRows,
  summaryHead,
  summaryRow,
} from './funnel-view.ts';
import { funnelQuery, type FunnelFilters } from './inputs.ts';
import { attachmentDisposition } from '../../platform/http/download.ts';

const anyQuery = z.record(z.string(), z.unknown());
const strong = (text: string) => ({ html: `<strong>${escapeHtml(text)}</strong>` });

/**
 * The filters as typed: a campaign, and enquiries received from / to (GOV.UK date inputs, or the
 * ISO dates of a link such as the CSV's).
 */
function filtersFromQuery(query: Record<string, unknown>): { filters: FunnelFilters; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const date = (name: 'enquiryFrom' | 'enquiryTo') => {
    if (typeof query[name] === 'string' && query[name]) return query[name];
    return dateField(query, name, errors) ?? undefined;
  };
  const candidate = {
    campaignId: typeof query.campaignId === 'string' && query.campaignId ? query.campaignId : undefined,
    enquiryFrom: date('enquiryFrom'),
    enquiryTo: date('enquiryTo'),
  };
  const result = funnelQuery.safeParse(Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined)));
  if (!result.success) errors.push(...toFieldErrors(result.error));
  const unique = firstPerField(errors);
  return { filters: result.success && unique.length === 0 ? result.data : {}, errors: unique };
}

/** All campaigns' funnel: a chart and its table, campaigns and channels compared, who approved families can consider, and a CSV. */
export function funnelPageRoutes(services: Services) {
  const campaigns = services.campaigns;

  async function page(call: Call<unknown, Record<string, unknown>>) {
    const t = call.t;
    const language = call.language;
    const { filters, errors } = filtersFromQuery(call.query);
    const [list, report] = [await campaigns.listCampaigns(call.ctx), await campaigns.funnel(call.ctx, filters)];
    const values = errors.length ? call.query : { ...dateParts('enquiryFrom', filters.enquiryFrom), ...dateParts('enquiryTo', filters.enquiryTo) };
    const campaignItems: Choice[] = [
      { value: '', text: t('campaigns:funnel.filters.allCampaigns'), selected: !filters.campaignId },
      ...list.map((c) => ({ value: c.id, text: campaignName(c, language), selected: c.id === filters.campaignId })),
    ];
    const one = filters.campaignId ? report.campaigns[0] : undefined;
    const headline = one ? one.total : report.everyone;
    const headlineTitle = one
      ? t('campaigns:funnel.chart.campaignTitle', { name: campaignName(one.campaign, language) })
      : t('campaigns:funnel.chart.everyoneTitle');
    const link = (id: string, nameHtml: string) => ({ html: `<a class="govuk-link" href="/campaigns/${id}">${nameHtml}</a>` });
    const segments = [
      ...report.campaigns.map((c) => ({ label: link(c.campaign.id, campaignNameHtml(c.campaign, language)), segment: c.total })),
      ...(one ? [] : [{ label: { text: t('campaigns:funnel.noCampaign') }, segment: report.noCampaign.total }]),
      ...(one ? [] : [{ label: strong(t('campaigns:funnel.allCampaigns')), segment: report.allCampaigns.total }]),
      ...(one ? [] : [{ label: strong(t('campaigns:funnel.everyone')), segment: report.everyone }]),
    ];
    return call.render(
      'campaigns/views/funnel.njk',
      {
        pageTitle: t('campaigns:funnel.title'),
        values,
        campaignItems,
        csvHref: `/campaigns/funnel.csv${queryString(filters)}`,
        chart: funnelChart('funnel-chart', headlineTitle, headline, t, language),
        chartCaption: headlineTitle,
        stageHead: stageHead(t),
        stageRows: stageRows(headline, t, language),
        campaignHead: summaryHead(t('campaigns:funnel.table.campaign'), t),
        campaignRows: segments.map((s) => summaryRow(s.label, s.segment, language)),
        channelHead: summaryHead(t('campaigns:funnel.table.channel'), t),
        channelRows: [
          ...report.allCampaigns.channels.map((s) => summaryRow({ text: channelName(s.channel, t) }, s, language)),
          summaryRow(strong(t('campaigns:funnel.allCampaigns')), report.allCampaigns.total, language),
        ],
        considerChart: considerChart('consider-chart', headline, t, language),
        considerHead: considerHead(t('campaigns:funnel.table.campaign'), t),
        considerRows: segments.map((s) => considerRow(s.label, s.segment, language)),
        ...formErrors(errors, t, CAMPAIGN_FORM),
      },
      errors.length ? 400 : 200,
    );
  }

  return [
    route({
      method: 'GET',
      url: '/campaigns/funnel',
      kind: 'page',
      action: 'campaigns.view',
      summary: 'The funnel of every campaign: stages, conversions, median days, costs and who approved families can consider',
      query: anyQuery,
      handler: async (call) => page(call as never),
    }),
    route({
      method: 'GET',
      url: '/campaigns/funnel.csv',
      kind: 'page',
      action: 'campaigns.view',
      summary: 'The campaign funnel as CSV: one line per campaign, channel and total, with every figure of the pages',
      query: funnelQuery,
      handler: async (call) => {
        const report = await campaigns.funnel(call.ctx, call.query);
        return call.reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachmentDisposition(`${call.t('fileNames.campaignFunnel')}-${campaigns.today()}.csv`))
          .header('cache-control', 'no-store')
          .send('\ufeff' + stringify(funnelCsvLines(report, call.t, call.language)));
      },
    }),
  ];
}
