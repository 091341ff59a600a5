import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields, parse, toFieldErrors } from '../../platform/http/validation.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { can } from '../../platform/policy/policy.ts';
import { choices, selectItems, dateParts, datesFromForm, firstPerField, formErrors, text, withDateFields } from '../../platform/forms/forms.ts';
import { longDate } from '../../platform/format/format.ts';
import { dateInWales } from '../../platform/dates/add-days.ts';
import { stepInput } from './inputs.ts';
import { MatchRefusedError } from './service.ts';
import { CLOSED_MATCH_STAGES, DECLINED_BY, MATCH_STAGES } from './vocabulary.ts';
import { listQuery, listView, withoutEmptyQuery } from '../../platform/views/list-page.ts';
import { MATCH_LIST_SORTS } from './repository.ts';

const MATCH_LIST_DEFAULTS = { sort: 'since', dir: 'asc' } as const;
/** The stages an open link or match can be at. */
const ACTIVE_AND_LINK_STAGES = MATCH_STAGES.filter((stage) => !(CLOSED_MATCH_STAGES as readonly string[]).includes(stage));
/** The matches list: open ones or all, a stage, and the shared page and sort. */
const matchListQuery = z.preprocess(
  withoutEmptyQuery,
  z
    .object({
      open: z.enum(['true', 'false']).optional(),
      stage: z.enum(MATCH_STAGES, { error: 'matches:errors.stage' }).optional(),
    })
    .extend(listQuery(MATCH_LIST_SORTS, MATCH_LIST_DEFAULTS).shape),
);
import { localAuthorityMayAgree, mayMoveOn, nextStages } from './stages.ts';
import { anyForm, formRoute, idParams } from '../../platform/forms/form-route.ts';
import { pdfRoute } from '../../platform/pdf/pdf-route.ts';
import { panelPapersPdf } from './panel-papers-pdf.ts';

/** The date input of a stage move, for formErrors. */
const MATCH_FORM = withDateFields(['date']);

export const MATCH_TAG: Record<string, string> = {
  linked: 'govuk-tag--grey',
  shortlisted: 'govuk-tag--light-blue',
  visits: 'govuk-tag--light-blue',
  matching_meeting: 'govuk-tag--blue',
  matching_panel: 'govuk-tag--purple',
  agency_decision: 'govuk-tag--purple',
  introductions: 'govuk-tag--turquoise',
  placed: 'govuk-tag--green',
  adoption_order: 'govuk-tag--green',
  declined: 'govuk-tag--red',
  ended: 'govuk-tag--red',
  disrupted: 'govuk-tag--orange',
};

/** The matching workflow's pages: links and matches, the next step, the authority's agreement, a link made by hand. */
export function matchPageRoutes(services: Services) {
  const matching = services.matching;

  /** What the match's page shows (its panel papers print the same, so they never hold more). */
  async function matchModel(call: Call, id: string) {
    const t = call.t;
    const lang = call.language;
    const { match, events, children, household, steps } = await matching.getMatch(call.ctx, id);
    const agencySide = call.actor.kind === 'user' && call.actor.organisationId === match.organisationId;
    return {
      pageTitle: t('matches:match.title', { children: children.map((c) => c.preferredName ?? c.legalGivenNames).join(', ') }),
      match,
      stageText: t(`matches:vocabulary.stage.${match.stage}`),
      stageClass: MATCH_TAG[match.stage],
      householdText: household ? `${household.names.join(' & ')} (${household.reference})` : t('matches:match.householdOfAgency'),
      householdHref: household && agencySide ? `/households/${match.householdId}` : null,
      children: children.map((c) => ({ id: c.id, name: `${c.preferredName ?? c.legalGivenNames} ${c.legalFamilyName}`, born: longDate(c.dateOfBirth, lang) })),
      facts: [
        { key: { text: t('matches:match.facts.since') }, value: { text: longDate(match.stageSince, lang) } },
        {
          key: { text: t('matches:match.facts.source') },
          value: {
            text:
              t(`matches:vocabulary.source.${match.source}`) +
              (match.score !== null ? ` · ${t('matches:match.facts.score', { score: Math.round(match.score) })}` : ''),
          },
        },
        {
          key: { text: t('matches:match.facts.agreed') },
          value: { text: match.localAuthorityAgreedAt ? longDate(dateInWales(match.localAuthorityAgreedAt), lang) : t('matches:match.facts.notYet') },
        },
        ...(match.panelRecommendation
          ? [
              {
                key: { text: t('matches:match.facts.panel') },
                value: { text: `${longDate(match.panelDate, lang)}: ${t(`matches:vocabulary.recommendation.${match.panelRecommendation}`)}` },
              },
            ]
          : []),
        ...(match.decision
          ? [
              {
                key: { text: t('matches:match.facts.decision') },
                value: {
                  text: `${longDate(match.decisionDate, lang)}: ${t(`matches:vocabulary.recommendation.${match.decision}`)} (${match.decisionMaker ?? ''})`,
                },
              },
            ]
          : []),
        ...(match.placementDate ? [{ key: { text: t('matches:match.facts.placement') }, value: { text: longDate(match.placementDate, lang) } }] : []),
        ...(match.adoptionOrderDate ? [{ key: { text: t('matches:match.facts.order') }, value: { text: longDate(match.adoptionOrderDate, lang) } }] : []),
        ...(match.closeReason
          ? [
              {
                key: { text: t('matches:match.facts.reason') },
                value: { text: `${match.declinedBy ? t(`matches:vocabulary.declinedBy.${match.declinedBy}`) + ': ' : ''}${match.closeReason}` },
              },
            ]
          : []),
        ...(match.disruptionReasons
          ? [{ key: { text: t('matches:match.facts.disruption') }, value: { text: `${longDate(match.disruptionDate, lang)}: ${match.disruptionReasons}` } }]
          : []),
      ],
      canProgress: can(call.actor, 'matches.progress') && agencySide && mayMoveOn(match.stage),
      canAgree: can(call.actor, 'matches.agree') && !match.localAuthorityAgreedAt && localAuthorityMayAgree(match.stage),
      steps: steps.map((s) => ({
        date: longDate(s.plannedDate, lang),
        kind: t(`matches:vocabulary.step.${s.kind}`),
        status: t(`matches:vocabulary.stepStatus.${s.status}`),
        description: s.description ?? '',
      })),
      history: events.map((e) => ({
        text:
          e.reason === 'local_authority_agreed'
            ? t('matches:history.agreed')
            : e.fromStage
              ? t('matches:history.moved', { from: t(`matches:vocabulary.stage.${e.fromStage}`), to: t(`matches:vocabulary.stage.${e.toStage}`) })
              : t('matches:history.created'),
        date: longDate(e.effectiveDate, lang),
        reason: e.reason === 'local_authority_agreed' ? null : e.reason,
        actorName: e.actorName ?? '',
      })),
    };
  }

  async function stepPage(call: Call, id: string, values?: Record<string, unknown>, errors: FieldError[] = [], status = 200) {
    const t = call.t;
    const { match, children } = await matching.getMatch(call.ctx, id);
    const today = dateInWales(new Date());
    const shown = values ?? dateParts('date', today);
    const moves = nextStages(match.stage);
    return call.render(
      'matching/views/step.njk',
      {
        pageTitle: t('matches:step.title'),
        caption: children.map((c) => c.preferredName ?? c.legalGivenNames).join(', '),
        matchId: id,
        version: match.version,
        currentText: t(`matches:vocabulary.stage.${match.stage}`),
        values: shown,
        moveItems: moves.map((m) => ({
          value: m,
          text: t(`matches:vocabulary.stage.${m}`),
          hint: { text: t(`matches:step.hints.${m}`) },
          checked: shown.to === m,
        })),
        needsPanel: moves.includes('agency_decision'),
        needsDecision: match.stage === 'agency_decision',
        canDecline: moves.includes('declined'),
        recommendationItems: choices(['match', 'do_not_match'], 'matches:vocabulary.recommendation', t, shown.panelRecommendation),
        decisionItems: choices(['match', 'do_not_match'], 'matches:vocabulary.recommendation', t, shown.decision),
        declinedByItems: choices(DECLINED_BY, 'matches:vocabulary.declinedBy', t, shown.declinedBy),
        ...formErrors(errors, t, MATCH_FORM),
      },
      status,
    );
  }

  async function newLinkPage(call: Call, childId: string, errors: FieldError[] = [], status = 200) {
    const t = call.t;
    const options = await matching.linkOptions(call.ctx, childId);
    const names = options.children.map((c) => `${c.preferredName ?? c.legalGivenNames} ${c.legalFamilyName}`);
    return call.render(
      'matching/views/new-link.njk',
      {
        pageTitle: t('matches:newLink.title'),
        childId,
        childrenText: names.join(', '),
        together: options.children.length > 1,
        familyItems: options.families.map((f) => ({
          value: f.id,
          text: `${f.names.join(' & ')} (${f.reference})`,
          hint: {
            text: f.profile
              ? t('matches:newLink.profile', {
                  min: f.profile.childrenMin,
                  max: f.profile.childrenMax,
                  ageMin: f.profile.ageMin,
                  ageMax: f.profile.ageMax,
                  siblings: t(f.profile.siblingGroups ? 'matches:newLink.siblingsYes' : 'matches:newLink.siblingsNo'),
                })
              : t('matches:newLink.noProfile'),
          },
        })),
        ...formErrors(errors, t, MATCH_FORM),
      },
      status,
    );
  }

  return [
    route({
      method: 'GET',
      url: '/matches/new',
      kind: 'page',
      action: 'matches.create',
      summary: 'Form: link an approved family with a child by hand',
      query: z.object({ childId: fields.uuid() }),
      handler: async (call) => newLinkPage(call, call.query.childId),
    }),
    route({
      method: 'POST',
      url: '/matches/new',
      kind: 'page',
      action: 'matches.create',
      summary: 'Link an approved family with a child by hand',
      body: anyForm,
      handler: async (call) => {
        const form = call.body;
        const childId = parse(z.object({ childId: fields.uuid() }), { childId: text(form, 'childId') }).childId;
        const householdId = text(form, 'householdId');
        if (!householdId) return newLinkPage(call, childId, [{ field: 'householdId', key: 'matches:errors.household.unknown' }], 400);
        try {
          const fromRecommendation = text(form, 'source') === 'recommendation';
          // A link made from a recommendation keeps the score and its reasons as they were, so the decision stays explainable.
          const scored = fromRecommendation
            ? (await services.recommendations.forChild(call.ctx, childId)).eligible.find((r) => r.family.id === householdId)?.result
            : undefined;
          const match = await matching.createLink(call.ctx, {
            householdId,
            childId,
            source: fromRecommendation ? 'recommendation' : 'manual',
            score: scored?.score ?? null,
            scoreReasons: scored ?? null,
          });
          return call.redirect(`/matches/${match.id}`, call.t('matches:newLink.saved'));
        } catch (error) {
          if (error instanceof MatchRefusedError)
            return newLinkPage(call, childId, [{ field: 'householdId', key: error.key, params: error.params }], error.status);
          if (error instanceof ValidationError) return newLinkPage(call, childId, error.fieldErrors, 400);
          throw error;
        }
      },
    }),
    route({
      method: 'GET',
      url: '/matches',
      kind: 'page',
      action: 'matches.view',
      summary: 'Links and matches in progress',
      query: matchListQuery,
      handler: async (call) => {
        const t = call.t;
        const { page: pageNumber, sort, dir, limit, stage } = call.query;
        const open = call.query.open !== 'false';
        const state = { page: pageNumber, sort, dir, limit };
        const { items, total } = await matching.pageMatchList(call.ctx, { open, stage }, state);
        const list = listView({
          path: '/matches',
          state,
          defaults: MATCH_LIST_DEFAULTS,
          // Open or all is chosen by the link above the list; the stage is the removable filter.
          filters: { open: open ? undefined : 'false', stage },
          active: stage ? [{ name: 'stage', label: t('matches:list.table.stage'), value: t(`matches:vocabulary.stage.${stage}`) }] : [],
          columns: [
            { key: 'children', text: t('matches:list.table.children') },
            { key: 'household', text: t('matches:list.table.household') },
            { key: 'stage', text: t('matches:list.table.stage'), sortable: true },
            { key: 'since', text: t('matches:list.table.since'), sortable: true },
            { key: 'agreed', text: t('matches:list.table.agreed') },
          ],
          total,
          shown: items.length,
          t,
        });
        return call.render('matching/views/matches.njk', {
          pageTitle: t('matches:list.title'),
          open,
          list,
          stage,
          sortState: state,
          stageItems: selectItems(open ? ACTIVE_AND_LINK_STAGES : MATCH_STAGES, 'matches:vocabulary.stage', t, stage, t('matches:list.filters.anyStage')),
          items: items.map((r) => ({
            id: r.match.id,
            children: r.childNames.join(', '),
            household: r.householdReference ? `${r.applicantNames.join(' & ')} (${r.householdReference})` : t('matches:match.householdOfAgency'),
            stageText: t(`matches:vocabulary.stage.${r.match.stage}`),
            stageClass: MATCH_TAG[r.match.stage],
            since: longDate(r.match.stageSince, call.language),
            agreed: r.match.localAuthorityAgreedAt ? t('matches:list.agreed') : '',
          })),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/matches/:id',
      kind: 'page',
      action: 'matches.view',
      summary: 'A link or match: children, household, steps, the authority’s agreement, the transition plan',
      params: idParams,
      handler: async (call) => call.render('matching/views/match.njk', await matchModel(call, call.params.id)),
    }),
    pdfRoute({
      url: '/matches/:id/pdf',
      action: 'matches.view',
      summary: 'The match’s documents for the matching panel as a PDF in the reader’s language: what the match’s page shows',
      load: matchModel,
      print: panelPapersPdf,
      fileName: 'fileNames.panelPapers',
    }),
    route({
      method: 'GET',
      url: '/matches/:id/step',
      kind: 'page',
      action: 'matches.progress',
      summary: 'Form: record the next step of a match',
      params: idParams,
      handler: async (call) => stepPage(call, call.params.id),
    }),
    formRoute({
      url: '/matches/:id/step',
      action: 'matches.progress',
      summary: 'Record the next step of a match',
      parse: (form) => {
        const dates = datesFromForm(form, ['date']);
        const result = stepInput.safeParse({
          to: text(form, 'to') || undefined,
          date: dates.values.date ?? undefined,
          reason: text(form, 'reason'),
          declinedBy: text(form, 'declinedBy') || null,
          panelRecommendation: text(form, 'panelRecommendation') || null,
          decision: text(form, 'decision') || null,
          decisionMaker: text(form, 'decisionMaker'),
        });
        const errors = firstPerField([...dates.errors, ...(result.success ? [] : toFieldErrors(result.error))]);
        if (errors.length || !result.success) throw new ValidationError(errors);
        return result.data;
      },
      save: (call, step, version) => {
        const { version: _v, ...move } = step;
        return matching.progress(call.ctx, call.params.id, move, version);
      },
      refusal: (error) => {
        if (!(error instanceof MatchRefusedError)) return undefined;
        const field =
          (
            {
              'reason-required': 'reason',
              'declined-by-required': 'declinedBy',
              'date-in-future': 'date',
              'date-before-stage': 'date',
              'order-too-soon': 'date',
              'panel-recommendation-required': 'panelRecommendation',
              'decision-required': 'decision',
              'decision-not-to-match': 'decision',
              'decision-maker-required': 'decisionMaker',
            } as Record<string, string>
          )[error.refusal.code] ?? 'to';
        return { error: { field, key: error.key, params: error.params }, status: error.status };
      },
      view: (call, shown, errors, status) => stepPage(call, call.params.id, shown, errors, status),
      done: (call, { value: step }) => ({
        to: `/matches/${call.params.id}`,
        flash: 'matches:step.saved',
        flashParams: { stage: call.t(`matches:vocabulary.stage.${step.to}`) },
      }),
    }),
    route({
      method: 'POST',
      url: '/matches/:id/agreement',
      kind: 'page',
      action: 'matches.agree',
      summary: 'The children’s local authority agrees the match',
      params: idParams,
      handler: async (call) => {
        await matching.agree(call.ctx, call.params.id);
        return call.redirect(`/matches/${call.params.id}`, call.t('matches:match.agreedFlash'));
      },
    }),
  ];
}
