import { horizontalBarChartSvg } from './chart.ts';
import type { CampaignRef, FunnelReport, Segment } from './funnel.ts';
import type { T } from '../../platform/forms/forms.ts';
import { agencyText, agencyTextHtml, type AgencyText } from '../../platform/i18n/agency-text.ts';

/**
 * The funnel's figures as people read them, the same on the page (chart and tables) and in the
 * CSV: whole numbers, whole percentages, money in pounds, medians in days.
 */

const locale = (language: string) => (language === 'cy' ? 'cy-GB' : 'en-GB');

export function money(pence: number | null, language: string): string {
  if (pence === null) return '–';
  return new Intl.NumberFormat(locale(language), { style: 'currency', currency: 'GBP' }).format(pence / 100);
}

export function whole(n: number, language: string): string {
  return new Intl.NumberFormat(locale(language)).format(n);
}

export function pct(value: number | null): string {
  return value === null ? '–' : `${value}%`;
}

export function daysText(value: number | null, language: string): string {
  return value === null ? '–' : new Intl.NumberFormat(locale(language), { maximumFractionDigits: 1 }).format(value);
}

/**
 * A campaign's name as a reader in `language` sees it, from the one chooser of agency-written text
 * (platform/i18n/agency-text.ts): its Welsh name for a Welsh reader when it has one, otherwise its
 * English name, marked `lang: 'en'` for a Welsh reader.
 */
export function campaignText(campaign: Pick<CampaignRef, 'name' | 'nameCy'>, language: string): AgencyText {
  return agencyText({ en: campaign.name, cy: campaign.nameCy }, language === 'cy' ? 'cy' : 'en') ?? { text: campaign.name };
}

/** The name as plain text (a CSV, a chart's title, a choice in a list). */
export function campaignName(campaign: Pick<CampaignRef, 'name' | 'nameCy'>, language: string): string {
  return campaignText(campaign, language).text;
}

/** The name as escaped HTML for a page, the other language's name wrapped in its `lang`. */
export function campaignNameHtml(campaign: Pick<CampaignRef, 'name' | 'nameCy'>, language: string): string {
  return agencyTextHtml(campaignText(campaign, language));
}

export function channelName(channel: string | null, t: T): string {
  return channel ? t(`campaigns:vocabulary.channel.${channel}`) : t('campaigns:vocabulary.channelNotGiven');
}

const numeric = (text: string) => ({ text, format: 'numeric' });

/** One row per stage: reached, conversion from the previous stage and from enquiry, median days. */
export function stageRows(segment: Segment, t: T, language: string) {
  return segment.stages.map((s) => [
    { text: t(`campaigns:vocabulary.stage.${s.stage}`) },
    numeric(whole(s.reached, language)),
    numeric(pct(s.fromPreviousPercent)),
    numeric(pct(s.fromEnquiryPercent)),
    numeric(daysText(s.medianDaysFromPrevious, language)),
  ]);
}

export function stageHead(t: T) {
  return [
    { text: t('campaigns:funnel.table.stage') },
    { text: t('campaigns:funnel.table.reached'), format: 'numeric' },
    { text: t('campaigns:funnel.table.fromPrevious'), format: 'numeric' },
    { text: t('campaigns:funnel.table.fromEnquiry'), format: 'numeric' },
    { text: t('campaigns:funnel.table.medianDays'), format: 'numeric' },
  ];
}

const PLACED = 9;
const APPROVED = 6;

/** Enquiries to approvals and what they cost: one row of the comparison tables. */
export function summaryRow(label: { text?: string; html?: string }, segment: Segment, language: string) {
  return [
    label,
    numeric(whole(segment.enquiries, language)),
    numeric(whole(segment.approvals, language)),
    numeric(pct(segment.stages[APPROVED]!.fromEnquiryPercent)),
    numeric(whole(segment.stages[PLACED]!.reached, language)),
    numeric(money(segment.costPence, language)),
    numeric(money(segment.costPerEnquiryPence, language)),
    numeric(money(segment.costPerApprovalPence, language)),
  ];
}

export function summaryHead(first: string, t: T) {
  return [
    { text: first },
    ...['enquiries', 'approvals', 'approvalRate', 'placed', 'cost', 'costPerEnquiry', 'costPerApproval'].map((k) => ({
      text: t(`campaigns:funnel.table.${k}`),
      format: 'numeric',
    })),
  ];
}

/** Approved families with a current profile, and how many can consider each group of children who wait. */
export function considerRow(label: { text?: string; html?: string }, segment: Segment, language: string) {
  const c = segment.consider;
  return [label, ...[c.approved, c.siblingGroup, c.olderChild, c.additionalNeeds, c.all].map((n) => numeric(whole(n, language)))];
}

export function considerHead(first: string, t: T) {
  return [
    { text: first },
    ...['approved', 'siblingGroup', 'olderChild', 'additionalNeeds', 'all'].map((k) => ({ text: t(`campaigns:consider.table.${k}`), format: 'numeric' })),
  ];
}

export function funnelChart(id: string, title: string, segment: Segment, t: T, language: string): string {
  const approved = segment.stages[APPROVED]!;
  return horizontalBarChartSvg({
    id,
    title,
    description: t('campaigns:funnel.chart.description', {
      enquiries: whole(segment.enquiries, language),
      approvals: whole(approved.reached, language),
      rate: pct(approved.fromEnquiryPercent),
      placed: whole(segment.stages[PLACED]!.reached, language),
    }),
    valueLabel: t('campaigns:funnel.chart.valueLabel'),
    bars: segment.stages.map((s) => ({ label: t(`campaigns:vocabulary.stage.${s.stage}`), value: s.reached, note: pct(s.fromEnquiryPercent) })),
  });
}

export function considerChart(id: string, segment: Segment, t: T, language: string): string {
  const c = segment.consider;
  return horizontalBarChartSvg({
    id,
    title: t('campaigns:consider.chart.title'),
    description: t('campaigns:consider.chart.description', {
      approved: whole(c.approved, language),
      siblingGroup: whole(c.siblingGroup, language),
      olderChild: whole(c.olderChild, language),
      additionalNeeds: whole(c.additionalNeeds, language),
      all: whole(c.all, language),
    }),
    valueLabel: t('campaigns:consider.chart.valueLabel'),
    labelWidth: 260,
    bars: (['approved', 'siblingGroup', 'olderChild', 'additionalNeeds', 'all'] as const).map((k) => ({
      label: t(`campaigns:consider.table.${k}`),
      value: c[k],
    })),
  });
}

/** Every segment of the report, labelled, in the order the tables and the CSV show them. */
export function labelledSegments(report: FunnelReport, t: T, language: string) {
  const rows: { kind: string; campaign: CampaignRef | null; label: string; segment: Segment; byChannel: boolean }[] = [];
  for (const c of report.campaigns) {
    rows.push({ kind: t('campaigns:csv.kind.campaign'), campaign: c.campaign, label: campaignName(c.campaign, language), segment: c.total, byChannel: false });
    for (const s of c.channels)
      rows.push({
        kind: t('campaigns:csv.kind.campaignChannel'),
        campaign: c.campaign,
        label: campaignName(c.campaign, language),
        segment: s,
        byChannel: true,
      });
  }
  rows.push({
    kind: t('campaigns:csv.kind.noCampaign'),
    campaign: null,
    label: t('campaigns:funnel.noCampaign'),
    segment: report.noCampaign.total,
    byChannel: false,
  });
  for (const s of report.noCampaign.channels)
    rows.push({ kind: t('campaigns:csv.kind.noCampaignChannel'), campaign: null, label: t('campaigns:funnel.noCampaign'), segment: s, byChannel: true });
  rows.push({
    kind: t('campaigns:csv.kind.allCampaigns'),
    campaign: null,
    label: t('campaigns:funnel.allCampaigns'),
    segment: report.allCampaigns.total,
    byChannel: false,
  });
  for (const s of report.allCampaigns.channels)
    rows.push({ kind: t('campaigns:csv.kind.allCampaignsChannel'), campaign: null, label: t('campaigns:funnel.allCampaigns'), segment: s, byChannel: true });
  rows.push({ kind: t('campaigns:csv.kind.everyone'), campaign: null, label: t('campaigns:funnel.everyone'), segment: report.everyone, byChannel: false });
  return rows;
}

const csvMoney = (pence: number | null) => (pence === null ? '' : (pence / 100).toFixed(2));
const csvNumber = (n: number | null) => (n === null ? '' : String(n));

/**
 * The CSV: one line per segment (campaign, campaign and channel, no campaign, all campaigns,
 * everyone) with every figure the pages show: per stage the households, the conversions and the
 * median days; the costs in pounds; who approved families can consider.
 */
export function funnelCsvLines(report: FunnelReport, t: T, language: string): string[][] {
  const stages = report.everyone.stages.map((s) => t(`campaigns:vocabulary.stage.${s.stage}`));
  const head = [
    t('campaigns:csv.kind.title'),
    t('campaigns:csv.campaign'),
    t('campaigns:csv.referrerCode'),
    t('campaigns:csv.channel'),
    ...stages.flatMap((stage, i) => [
      t('campaigns:csv.reached', { stage }),
      ...(i === 0 ? [] : [t('campaigns:csv.fromPrevious', { stage }), t('campaigns:csv.fromEnquiry', { stage }), t('campaigns:csv.medianDays', { stage })]),
    ]),
    t('campaigns:csv.cost'),
    t('campaigns:csv.costPerEnquiry'),
    t('campaigns:csv.costPerApproval'),
    ...(['approved', 'siblingGroup', 'olderChild', 'additionalNeeds', 'all'] as const).map((k) => t(`campaigns:consider.table.${k}`)),
  ];
  const lines = labelledSegments(report, t, language).map(({ kind, campaign, label, segment, byChannel }) => [
    kind,
    label,
    campaign?.referrerCode ?? '',
    byChannel ? channelName(segment.channel, t) : '',
    ...segment.stages.flatMap((s, i) => [
      String(s.reached),
      ...(i === 0 ? [] : [csvNumber(s.fromPreviousPercent), csvNumber(s.fromEnquiryPercent), csvNumber(s.medianDaysFromPrevious)]),
    ]),
    csvMoney(segment.costPence),
    csvMoney(segment.costPerEnquiryPence),
    csvMoney(segment.costPerApprovalPence),
    ...[segment.consider.approved, segment.consider.siblingGroup, segment.consider.olderChild, segment.consider.additionalNeeds, segment.consider.all].map(
      String,
    ),
  ]);
  return [head, ...lines];
}
