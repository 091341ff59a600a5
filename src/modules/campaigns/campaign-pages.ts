import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { can } from '../../platform/policy/policy.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import { dateParts, formErrors, selectItems, text, type Form } from '../../platform/forms/forms.ts';
import { fields } from '../../platform/http/validation.ts';
import { candidateProfileSchema, describeCandidate, type CandidateProfile } from '../matching/index.ts';
import { longDate } from '../../platform/format/format.ts';
import { CHANNELS } from '../recruitment/index.ts';
import { enquiryLink } from './api.ts';
import { CAMPAIGN_FORM, campaignFormOptions, campaignFromForm, campaignToForm, costFromForm, targetFromCandidate } from './campaign-form.ts';
import type { CampaignInput } from './inputs.ts';
import {
  campaignName,
  campaignNameHtml,
  campaignText,
  channelName,
  considerChart,
  considerHead,
  considerRow,
  funnelChart,
  money,
  stageHead,
  stageRows,
  summaryHead,
  summaryRow,
} from './funnel-view.ts';
import type { Campaign } from './service.ts';
import { anyForm, formRoute, idParams } from '../../platform/forms/form-route.ts';

type T = Call['t'];

/** How the campaign's dates read: "1 March 2026 to 31 May 2026", or "from 1 March 2026". */
function datesText(campaign: Campaign, t: T, language: string): string {
  const start = longDate(campaign.startDate, language);
  return campaign.endDate
    ? t('campaigns:campaign.dates.range', { start, end: longDate(campaign.endDate, language) })
    : t('campaigns:campaign.dates.open', { start });
}

function targetText(campaign: Campaign, t: T): string {
  const target = campaign.targetProfile ?? {};
  const parts: string[] = [];
  if (target.siblingGroups) parts.push(t('campaigns:campaign.target.siblingGroups'));
  if (target.ageMin !== undefined || target.ageMax !== undefined) {
    parts.push(
      target.ageMin !== undefined && target.ageMax !== undefined
        ? t('campaigns:campaign.target.ages', { min: target.ageMin, max: target.ageMax })
        : target.ageMin !== undefined
          ? t('campaigns:campaign.target.agesFrom', { min: target.ageMin })
          : t('campaigns:campaign.target.agesTo', { max: target.ageMax }),
    );
  }
  for (const need of target.needCategories ?? []) parts.push(t(`children:vocabulary.need.${need}`));
  return parts.length ? parts.join('; ') : t('campaigns:campaign.target.any');
}

/** The campaigns list, the campaign's page (details, costs, its own funnel), the create and edit forms. */
export function campaignPageRoutes(services: Services) {
  const campaigns = services.campaigns;
  const raw = (call: Call) => (call.request.body ?? {}) as Record<string, unknown>;
  type Aim = { id: string; profile: CandidateProfile };
  /** The profile a campaign keeps, as matching reads profiles today (null if it no longer reads so). */
  const keptAim = (campaign: Campaign): Aim | undefined => {
    const kept = campaign.targetProfile.candidate;
    const profile = kept && candidateProfileSchema.safeParse(kept.profile);
    return kept && profile?.success ? { id: kept.id, profile: profile.data } : undefined;
  };

  /**
   * The gap's profile a form aims the campaign at (the hidden box `targetCandidate`): the one the
   * campaign already keeps, or today's profile of that id from the recruitment gap; null when none.
   */
  async function aimOf(call: Call, form: Form, kept?: Aim): Promise<Aim | null> {
    const id = text(form, 'targetCandidate');
    if (!id) return null;
    if (kept?.id === id) return kept;
    const found = await services.recruitmentGap.findCandidate(call.ctx, id);
    return found ? { id: found.id, profile: found.profile } : null;
  }

  /** The campaign's input with the aim it was given; a profile the gap no longer has is the person's to see. */
  async function withAim(call: Call, form: Form, input: CampaignInput, kept?: Aim): Promise<CampaignInput> {
    if (!text(form, 'targetCandidate')) return input;
    const aim = await aimOf(call, form, kept);
    if (!aim) throw new ValidationError([{ field: 'targetCandidate', key: 'campaigns:errors.candidate.gone' }]);
    return { ...input, targetProfile: { ...input.targetProfile, candidate: aim } };
  }

  async function listPage(call: Call) {
    const t = call.t;
    const [list, report] = [await campaigns.listCampaigns(call.ctx), await campaigns.funnel(call.ctx, {})];
    const figures = new Map(report.campaigns.map((c) => [c.campaign.id, c.total]));
    return call.render('campaigns/views/campaigns.njk', {
      pageTitle: t('campaigns:list.title'),
      canEdit: can(call.actor, 'campaigns.edit'),
      rows: list.map((c) => {
        const total = figures.get(c.id);
        return [
          { html: `<a class="govuk-link" href="/campaigns/${c.id}" data-testid="campaign-link">${campaignNameHtml(c, call.language)}</a>` },
          { text: datesText(c, t, call.language) },
          { text: c.channels.map((ch) => channelName(ch, t)).join(', ') },
          { html: `<code>${escapeHtml(c.referrerCode)}</code>` },
          { text: String(total?.enquiries ?? 0), format: 'numeric' },
          { text: String(total?.approvals ?? 0), format: 'numeric' },
          { text: money(c.totalCostPence, call.language), format: 'numeric' },
        ];
      }),
    });
  }

  async function formPage(
    call: Call,
    mode: { id: string } | null,
    values?: Record<string, unknown>,
    errors: FieldError[] = [],
    status?: number,
    from?: string,
  ) {
    const t = call.t;
    let shown = values;
    let title = t('campaigns:form.newTitle');
    let kept: Aim | undefined;
    if (mode) {
      const { campaign } = await campaigns.getCampaign(call.ctx, mode.id);
      shown ??= campaignToForm(campaign);
      kept = keptAim(campaign);
      title = t('campaigns:form.editTitle', { name: campaignName(campaign, call.language) });
    }
    let missing = false;
    if (!shown && from) {
      // "Start a campaign for families like this": the gap's profile fills in who the campaign is for.
      const found = await services.recruitmentGap.findCandidate(call.ctx, from);
      if (found) shown = { channels: [], ...targetFromCandidate(found) };
      missing = !found;
    }
    shown ??= { channels: [] };
    const aim = errors.some((e) => e.field === 'targetCandidate') ? null : await aimOf(call, shown, kept);
    return call.render(
      'campaigns/views/campaign-form.njk',
      {
        pageTitle: title,
        action: mode ? `/campaigns/${mode.id}/edit` : '/campaigns/new',
        back: mode ? `/campaigns/${mode.id}` : '/campaigns',
        editing: Boolean(mode),
        version: shown.version,
        aim: aim && { id: aim.id, description: describeCandidate(aim.profile, t) },
        missingProfile: missing,
        values: shown,
        ...campaignFormOptions(shown, t),
        ...formErrors(errors, t, CAMPAIGN_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  async function campaignPage(call: Call, id: string, costValues?: Record<string, unknown>, errors: FieldError[] = []) {
    const t = call.t;
    const language = call.language;
    const { campaign, costs, totalCostPence } = await campaigns.getCampaign(call.ctx, id);
    const report = await campaigns.funnel(call.ctx, { campaignId: id });
    const own = report.campaigns[0]!;
    const name = campaignName(campaign, language);
    // The heading is marked as English when a Welsh reader sees a campaign with no Welsh name.
    const nameLang = campaignText(campaign, language).lang;
    const shownCost = costValues ?? dateParts('incurredOn', dateInWales(new Date()));
    const aim = keptAim(campaign);
    // Whom it aims at, and how many approved families like that the agency has now (agency staff who may see the gap).
    const audience = aim ? await services.recruitmentGap.campaignAudience(call.ctx, { ...aim, source: 'manual', version: null }) : null;
    return call.render(
      'campaigns/views/campaign.njk',
      {
        pageTitle: name,
        nameLang,
        otherName: language === 'cy' ? (campaign.nameCy ? campaign.name : null) : campaign.nameCy,
        campaignId: id,
        canEdit: can(call.actor, 'campaigns.edit'),
        link: enquiryLink(campaign),
        details: [
          { key: { text: t('campaigns:campaign.details.description') }, value: { text: campaign.description ?? t('campaigns:campaign.notGiven') } },
          { key: { text: t('campaigns:campaign.details.dates') }, value: { text: datesText(campaign, t, language) } },
          { key: { text: t('campaigns:campaign.details.channels') }, value: { text: campaign.channels.map((c) => channelName(c, t)).join(', ') } },
          { key: { text: t('campaigns:campaign.details.target') }, value: { text: targetText(campaign, t) } },
          ...(aim
            ? [
                {
                  key: { text: t('campaigns:campaign.details.aim') },
                  value: { html: `<span data-testid="campaign-aim">${escapeHtml(describeCandidate(aim.profile, t))}</span>` },
                },
              ]
            : []),
          ...(audience
            ? [
                {
                  key: { text: t('campaigns:campaign.details.audience') },
                  value: {
                    html: `<span data-testid="campaign-audience">${escapeHtml(t('campaigns:campaign.audience', { families: audience.families, children: audience.children }))}</span>`,
                  },
                },
              ]
            : []),
          {
            key: { text: t('campaigns:campaign.details.referrerCode') },
            value: { html: `<code data-testid="referrer-code">${escapeHtml(campaign.referrerCode)}</code>` },
          },
        ],
        costRows: costs.map((c) => [
          { text: channelName(c.channel, t) },
          { text: c.description ?? '' },
          { text: longDate(c.incurredOn, language) },
          { text: money(c.amountPence, language), format: 'numeric' },
        ]),
        totalCost: money(totalCostPence, language),
        channelSelect: selectItems(CHANNELS, 'campaigns:vocabulary.channel', t, shownCost.channel, t('campaigns:costs.form.channelChoose')),
        costValues: shownCost,
        chart: funnelChart('campaign-funnel-chart', t('campaigns:funnel.chart.campaignTitle', { name }), own.total, t, language),
        stageHead: stageHead(t),
        stageRows: stageRows(own.total, t, language),
        channelHead: summaryHead(t('campaigns:funnel.table.channel'), t),
        channelRows: [
          ...own.channels.map((s) => summaryRow({ text: channelName(s.channel, t) }, s, language)),
          summaryRow({ html: `<strong>${escapeHtml(t('campaigns:funnel.table.total'))}</strong>` }, own.total, language),
        ],
        considerChart: considerChart('campaign-consider-chart', own.total, t, language),
        considerHead: considerHead(t('campaigns:funnel.table.channel'), t),
        considerRows: [
          ...own.channels.map((s) => considerRow({ text: channelName(s.channel, t) }, s, language)),
          considerRow({ html: `<strong>${escapeHtml(t('campaigns:funnel.table.total'))}</strong>` }, own.total, language),
        ],
        csvHref: `/campaigns/funnel.csv?campaignId=${id}`,
        ...formErrors(errors, t, CAMPAIGN_FORM),
      },
      errors.length ? 400 : 200,
    );
  }

  return [
    route({
      method: 'GET',
      url: '/campaigns',
      kind: 'page',
      action: 'campaigns.view',
      summary: 'Recruitment campaigns with their enquiries, approvals and costs',
      handler: async (call) => listPage(call),
    }),
    route({
      method: 'GET',
      url: '/campaigns/new',
      kind: 'page',
      action: 'campaigns.edit',
      summary: 'Form: a new campaign (from the recruitment gap, aimed at one of its family profiles)',
      query: z.object({ candidate: fields.uuid().optional() }),
      handler: async (call) => formPage(call, null, undefined, [], undefined, call.query.candidate),
    }),
    route({
      method: 'POST',
      url: '/campaigns/new',
      kind: 'page',
      action: 'campaigns.edit',
      summary: 'Create a campaign',
      body: anyForm,
      onInvalid: (call, errors) => formPage(call, null, raw(call), errors),
      handler: async (call) => {
        const parsed = campaignFromForm(call.body);
        if ('errors' in parsed) throw new ValidationError(parsed.errors);
        const created = await campaigns.createCampaign(call.ctx, await withAim(call, call.body, parsed.input));
        return call.redirect(`/campaigns/${created.id}`, call.t('campaigns:form.created'));
      },
    }),
    route({
      method: 'GET',
      url: '/campaigns/:id',
      kind: 'page',
      action: 'campaigns.view',
      summary: 'A campaign: details, link for enquiries, costs and its funnel',
      params: idParams,
      handler: async (call) => campaignPage(call, call.params.id),
    }),
    route({
      method: 'GET',
      url: '/campaigns/:id/edit',
      kind: 'page',
      action: 'campaigns.edit',
      summary: 'Form: change a campaign',
      params: idParams,
      handler: async (call) => formPage(call, { id: call.params.id }),
    }),
    formRoute({
      url: '/campaigns/:id/edit',
      action: 'campaigns.edit',
      summary: 'Change a campaign (stale versions refused)',
      load: async (call) => keptAim((await campaigns.getCampaign(call.ctx, call.params.id)).campaign),
      parse: async (form, kept, call) => {
        const parsed = campaignFromForm(form);
        if ('errors' in parsed) throw new ValidationError(parsed.errors);
        return withAim(call, form, parsed.input, kept);
      },
      save: (call, input, version) => campaigns.updateCampaign(call.ctx, call.params.id, input, version),
      view: (call, shown, errors, status) => formPage(call, { id: call.params.id }, shown, errors, status),
      done: (call) => ({ to: `/campaigns/${call.params.id}`, flash: 'campaigns:form.saved' }),
    }),
    route({
      method: 'POST',
      url: '/campaigns/:id/costs',
      formPage: '/campaigns/:id',
      kind: 'page',
      action: 'campaigns.edit',
      summary: 'Record what a campaign cost through one channel (in pounds)',
      params: idParams,
      body: anyForm,
      onInvalid: (call, errors) => campaignPage(call, call.params.id, raw(call), errors),
      handler: async (call) => {
        const parsed = costFromForm(call.body);
        if ('errors' in parsed) throw new ValidationError(parsed.errors);
        await campaigns.addCost(call.ctx, call.params.id, parsed.input);
        return call.redirect(`/campaigns/${call.params.id}`, call.t('campaigns:costs.added'));
      },
    }),
  ];
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
