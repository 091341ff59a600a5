import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { can } from '../../platform/policy/policy.ts';
import { choices, formErrors, selectItems, text, type T } from '../../platform/forms/forms.ts';
import { escapeHtml, longDate, queryString } from '../../platform/format/format.ts';
import { ETHNICITIES, NEED_CATEGORIES } from '../children/index.ts';
import { householdInput, householdListQuery, householdPatch } from './inputs.ts';
import { listQuery, listView, withoutEmptyQuery } from '../../platform/views/list-page.ts';
import { HOUSEHOLD_LIST_SORTS } from './repository.ts';

/** The households page: its filters (view, stage, search) and the shared page, sort and direction. */
const householdPageQuery = z.preprocess(
  withoutEmptyQuery,
  householdListQuery.omit({ limit: true }).extend(listQuery(HOUSEHOLD_LIST_SORTS, { sort: 'since', dir: 'asc' }).shape),
);
import { DUE_TAG, RECRUITMENT_FORM, STAGE_TAG } from './page-helpers.ts';
import type { MissingCheck } from './checks.ts';
import { CHANNELS, HEALTH_DECLARATION_STATUSES, MAX_CHILDREN_CONSIDERED, MEMBER_KINDS, STAGES, SUPPORT_NETWORK_LEVELS } from './vocabulary.ts';
import { anyForm, formRoute, idParams } from '../../platform/forms/form-route.ts';
import { agencyText, agencyTextHtml } from '../../platform/i18n/agency-text.ts';
import { applicantErrors, householdFromForm, householdToForm, MEMBER_ROWS } from './household-form.ts';

/** "DBS check for Sam", "2 more references": what is outstanding, in words. */
export function missingCheckText(missing: MissingCheck, applicantNames: Map<string, string>, t: T): string {
  const who = missing.applicantId ? (applicantNames.get(missing.applicantId) ?? '') : '';
  return t(`recruitment:outstanding.${missing.problem}.${missing.kind}`, { name: who, count: missing.needed ?? 1 });
}

/**
 * The sections of the household page that other modules draw (training, therapeutic preparation,
 * support): handed in by src/server/registry.ts, so recruitment imports none of those modules
 * (they read households through recruitment's front door).
 */
export type HouseholdSections = {
  training: (record: Awaited<ReturnType<Services['training']['householdTraining']>>, t: T, language: string, options?: { links?: boolean }) => unknown;
  preparation: (data: Awaited<ReturnType<Services['preparation']['householdSessions']>>, t: T, language: string, options: { canEdit: boolean }) => unknown;
  support: (support: Awaited<ReturnType<Services['support']['householdSupport']>>, t: T, language: string) => unknown;
};

export function householdPageRoutes(services: Services, sections: HouseholdSections) {
  const recruitment = services.recruitment;
  const raw = (call: Call) => (call.request.body ?? {}) as Record<string, unknown>;

  async function formOptions(call: Call, values: Record<string, unknown>) {
    const t = call.t;
    const options = await recruitment.formOptions(call.ctx);
    const applicantOptions = (n: number) => ({
      languageItems: choices(['en', 'cy'], 'recruitment:vocabulary.language', t, values[`applicant${n}PreferredLanguage`] || 'en'),
      ethnicityItems: selectItems(ETHNICITIES, 'children:vocabulary.ethnicity', t, values[`applicant${n}Ethnicity`], t('recruitment:form.choose')),
    });
    return {
      languageItems: choices(['en', 'cy'], 'recruitment:vocabulary.language', t, values.preferredLanguage || 'en'),
      ethnicityItems: selectItems(ETHNICITIES, 'children:vocabulary.ethnicity', t, values.ethnicity, t('recruitment:form.choose')),
      supportNetworkItems: [
        ...choices(SUPPORT_NETWORK_LEVELS, 'recruitment:vocabulary.supportNetwork', t, values.supportNetworkRating),
        { value: '', text: t('recruitment:vocabulary.supportNetwork.not_assessed'), checked: !values.supportNetworkRating },
      ],
      healthItems: choices(HEALTH_DECLARATION_STATUSES, 'recruitment:vocabulary.health', t, values.healthDeclaration || 'not_started'),
      channelItems: selectItems(CHANNELS, 'recruitment:vocabulary.channel', t, values.channel, t('recruitment:form.choose')),
      workerItems: [
        { value: '', text: t('recruitment:form.notAllocated'), selected: !values.socialWorkerId },
        ...options.workers.map((w) => ({ value: w.id, text: w.name, selected: w.id === values.socialWorkerId })),
      ],
      campaignItems: [
        { value: '', text: t('recruitment:form.noCampaign'), selected: !values.campaignId },
        ...options.campaigns.map((c) => ({
          value: c.id,
          text: agencyText({ en: c.name, cy: c.nameCy }, call.language)?.text ?? c.name,
          selected: c.id === values.campaignId,
        })),
      ],
      applicant1: applicantOptions(1),
      applicant2: applicantOptions(2),
      memberRows: MEMBER_ROWS.map((n) => ({ n, kindItems: choices(MEMBER_KINDS, 'recruitment:vocabulary.member', t, values[`member${n}Kind`] || 'child') })),
    };
  }

  async function newPage(call: Call, values: Record<string, unknown> = {}, errors: FieldError[] = [], status = 200) {
    return call.render(
      'recruitment/views/household-form.njk',
      {
        pageTitle: call.t('recruitment:form.newTitle'),
        action: '/households/new',
        isNew: true,
        values,
        ...(await formOptions(call, values)),
        ...formErrors(errors, call.t, RECRUITMENT_FORM),
      },
      status,
    );
  }

  async function editPage(call: Call, id: string, values?: Record<string, unknown>, errors: FieldError[] = [], status = 200) {
    const record = await recruitment.getHousehold(call.ctx, id);
    const shown = values ?? householdToForm(record);
    return call.render(
      'recruitment/views/household-form.njk',
      {
        pageTitle: call.t('recruitment:form.editTitle'),
        caption: record.household.reference,
        action: `/households/${id}/edit`,
        householdId: id,
        version: values?.version ?? record.household.version,
        values: shown,
        ...(await formOptions(call, shown)),
        ...formErrors(errors, call.t, RECRUITMENT_FORM),
      },
      status,
    );
  }

  async function householdPage(call: Call, id: string) {
    const t = call.t;
    const lang = call.language;
    const record = await recruitment.getHousehold(call.ctx, id);
    const { household } = record;
    const names = new Map(record.applicants.map((a) => [a.id, a.givenNames]));
    const canEdit = can(call.actor, 'households.edit');
    const training = await services.training.householdTraining(call.ctx, id);
    const preparation = can(call.actor, 'adopterPreparation.view')
      ? sections.preparation(await services.preparation.householdSessions(call.ctx, id), t, lang, { canEdit: can(call.actor, 'adopterPreparation.edit') })
      : null;
    const matches = can(call.actor, 'matches.view') ? await services.matching.listMatches(call.ctx, { householdId: id, open: false }) : [];
    const support = sections.support(await services.support.householdSupport(call.ctx, id), t, lang);
    const access = can(call.actor, 'households.invite') ? await services.portal.portalAccess(call.ctx, id) : {};
    const profile = record.currentProfile;
    const notGiven = t('recruitment:summary.notGiven');
    const row = (key: string, value: string | null | undefined, html = false) => ({
      key: { text: t(key) },
      value: html ? { html: value || notGiven } : { text: value || notGiven },
    });
    return call.render('recruitment/views/household.njk', {
      pageTitle: record.applicants.map((a) => `${a.givenNames} ${a.familyName}`).join(' & ') || household.reference,
      household,
      stageText: t(`recruitment:vocabulary.stage.${household.stage}`),
      stageClass: STAGE_TAG[household.stage],
      due: record.due && {
        ...record.due,
        dueText: longDate(record.due.due, lang),
        levelText: t(`recruitment:vocabulary.due.${record.due.level}`, { count: Math.abs(record.due.daysLeft) }),
        levelClass: DUE_TAG[record.due.level],
        clockText: t(`recruitment:vocabulary.clock.${record.due.clock}`),
      },
      canEdit,
      canMove: can(call.actor, 'households.transition') && record.moves.length > 0,
      canInvite: can(call.actor, 'households.invite'),
      keyFacts: [
        row('recruitment:household.facts.reference', household.reference),
        row('recruitment:household.facts.since', longDate(household.stageSince, lang)),
        ...(household.stageReason ? [row('recruitment:household.facts.reason', household.stageReason)] : []),
        row('recruitment:household.facts.worker', record.socialWorkerName),
        row('recruitment:household.facts.enquiry', longDate(household.enquiryDate, lang)),
        row(
          'recruitment:household.facts.source',
          // The campaign's name in the reader's language (English marked as such when it has no Welsh one).
          [
            record.campaign
              ? agencyTextHtml(agencyText({ en: record.campaign.name, cy: record.campaign.nameCy }, lang) ?? { text: record.campaign.name })
              : null,
            household.channel ? escapeHtml(t(`recruitment:vocabulary.channel.${household.channel}`)) : null,
          ]
            .filter(Boolean)
            .join(' · '),
          true,
        ),
      ],
      outstanding: ['registration', 'stage1', 'on_hold'].includes(household.stage) ? record.missingChecks.map((m) => missingCheckText(m, names, t)) : [],
      checks: record.checks.map((c) => ({
        id: c.id,
        kind: t(`recruitment:vocabulary.check.${c.kind}`),
        who: c.applicantId ? (names.get(c.applicantId) ?? '') : (c.subject ?? ''),
        requested: c.requestedDate ? longDate(c.requestedDate, lang) : '',
        received: c.receivedDate ? longDate(c.receivedDate, lang) : '',
        outcome: t(`recruitment:vocabulary.outcome.${c.outcome}`),
        outcomeClass:
          c.outcome === 'satisfactory'
            ? 'govuk-tag--green'
            : c.outcome === 'pending'
              ? 'govuk-tag--grey'
              : c.outcome === 'concerns'
                ? 'govuk-tag--yellow'
                : 'govuk-tag--red',
      })),
      visits: record.visits.map((v) => ({ date: longDate(v.visitDate, lang), focus: v.focus ?? '', worker: v.workerName ?? '' })),
      assessment: [
        row('recruitment:household.assessment.report', household.reportCompletedDate ? longDate(household.reportCompletedDate, lang) : null),
        row(
          'recruitment:household.assessment.panel',
          household.panelMeetingDate
            ? `${longDate(household.panelMeetingDate, lang)}: ${t(`recruitment:vocabulary.recommendation.${household.panelRecommendation}`)}`
            : null,
        ),
        row(
          'recruitment:household.assessment.decision',
          household.decisionDate
            ? `${longDate(household.decisionDate, lang)}: ${t(`recruitment:vocabulary.recommendation.${household.decision}`)} (${household.decisionMaker ?? ''})`
            : null,
        ),
      ],
      profile: profile && {
        version: profile.profileVersion,
        recorded: profile.recordedByName
          ? t('recruitment:profile.recorded', { date: longDate(profile.recordedAt.toISOString().slice(0, 10), lang), name: profile.recordedByName })
          : t('recruitment:profile.recordedUnknown', { date: longDate(profile.recordedAt.toISOString().slice(0, 10), lang) }),
        rows: [
          row(
            'recruitment:profile.children',
            profile.childrenMin === profile.childrenMax
              ? countText(profile.childrenMin, t)
              : `${countText(profile.childrenMin, t)} – ${countText(profile.childrenMax, t)}`,
          ),
          row('recruitment:profile.ages', t('recruitment:profile.ageRange', { min: profile.ageMin, max: profile.ageMax })),
          row('recruitment:profile.siblings', t(profile.siblingGroups ? 'recruitment:profile.yes' : 'recruitment:profile.no')),
          row('recruitment:profile.contact', profile.contact.map((c) => t(`recruitment:vocabulary.contact.${c}`)).join(', ')),
          row('recruitment:profile.strengths', profile.strengths),
        ],
        needs: NEED_CATEGORIES.map((n) => ({
          need: t(`children:vocabulary.need.${n}`),
          level: t(`recruitment:vocabulary.level.${profile.needs[n] ?? 'cannot'}`),
        })),
      },
      profileVersions: record.profiles.length,
      applicants: record.applicants.map((a) => ({
        id: a.id,
        name: `${a.givenNames} ${a.familyName}`,
        access: access[a.id] ? t(`recruitment:household.portal.${access[a.id]}`) : null,
        hasEmail: Boolean(a.email),
        rows: [
          row('recruitment:applicant.dateOfBirth', a.dateOfBirth ? longDate(a.dateOfBirth, lang) : null),
          row('recruitment:applicant.email', a.email),
          row('recruitment:applicant.phone', a.phone),
          row('recruitment:applicant.language', t(`recruitment:vocabulary.language.${a.preferredLanguage}`)),
          row('recruitment:applicant.ethnicity', a.ethnicity ? t(`children:vocabulary.ethnicity.${a.ethnicity}`) : null),
          row('recruitment:applicant.occupation', a.occupation),
        ],
      })),
      householdRows: [
        row('recruitment:form.email', household.email),
        row('recruitment:form.phone', household.phone),
        row('recruitment:form.address', [household.addressLine1, household.addressLine2, household.town, household.postcode].filter(Boolean).join(', ')),
        row('recruitment:form.localAuthorityArea', household.localAuthorityArea),
        row('recruitment:form.preferredLanguage', t(`recruitment:vocabulary.language.${household.preferredLanguage}`)),
        row('recruitment:form.ethnicity', household.ethnicity ? t(`children:vocabulary.ethnicity.${household.ethnicity}`) : null),
        row('recruitment:form.religion', household.religion),
        row('recruitment:form.languages', household.languages.join(', ')),
        row('recruitment:form.pets', household.pets),
        row('recruitment:form.supportNetwork', household.supportNetwork),
        row('recruitment:form.supportNetworkRating', t(`recruitment:vocabulary.supportNetwork.${household.supportNetworkRating ?? 'not_assessed'}`)),
        row('recruitment:form.experienceOfChildren', household.experienceOfChildren),
        row('recruitment:form.healthDeclaration', t(`recruitment:vocabulary.health.${household.healthDeclaration}`)),
      ],
      members: record.members.map((m) => ({
        name: m.name,
        relationship: m.relationship,
        kind: t(`recruitment:vocabulary.member.${m.kind}`),
        dateOfBirth: m.dateOfBirth ? longDate(m.dateOfBirth, lang) : '',
      })),
      training: sections.training(training, t, lang, { links: true }),
      preparation,
      support,
      matches: matches.map((m) => ({
        id: m.match.id,
        children: m.childNames.join(', '),
        stageText: t(`matches:vocabulary.stage.${m.match.stage}`),
        since: longDate(m.match.stageSince, lang),
      })),
      canRecommend: can(call.actor, 'matching.recommendations') && ['approved', 'linked'].includes(household.stage),
      history: record.events.map((e) => ({
        text: e.fromStage
          ? t('recruitment:history.moved', { from: t(`recruitment:vocabulary.stage.${e.fromStage}`), to: t(`recruitment:vocabulary.stage.${e.toStage}`) })
          : t('recruitment:history.created', { stage: t(`recruitment:vocabulary.stage.${e.toStage}`) }),
        date: longDate(e.effectiveDate, lang),
        reason: e.reason,
        actorName: e.actorName ?? t(fromEnquiryForm(e) ? 'recruitment:history.publicForm' : 'recruitment:history.notRecorded'),
      })),
    });
  }

  return [
    route({
      method: 'GET',
      url: '/households',
      kind: 'page',
      action: 'households.list',
      summary: 'Adopter households, by stage, with their timescales',
      query: householdPageQuery,
      handler: async (call) => {
        const t = call.t;
        const lang = call.language;
        const { page: pageNumber, sort, dir, limit, ...filters } = call.query;
        const state = { page: pageNumber, sort, dir, limit };
        const { items, total } = await recruitment.pageHouseholds(call.ctx, filters, state);
        const tabs = (['all', 'mine', 'overdue', 'due_soon'] as const).map((view) => ({
          view,
          text: t(`recruitment:list.views.${view}`),
          href: `/households${queryString({ ...filters, view })}`,
          current: filters.view === view,
        }));
        const list = listView({
          path: '/households',
          state,
          defaults: { sort: 'since', dir: 'asc' },
          // The view is chosen by its tabs, shown above; stage and search are the removable filters.
          filters: { view: filters.view === 'all' ? undefined : filters.view, stage: filters.stage, q: filters.q },
          active: [
            ...(filters.stage ? [{ name: 'stage', label: t('recruitment:list.stage'), value: t(`recruitment:vocabulary.stage.${filters.stage}`) }] : []),
            ...(filters.q ? [{ name: 'q', label: t('recruitment:list.search'), value: filters.q }] : []),
          ],
          columns: [
            { key: 'reference', text: t('recruitment:list.table.reference'), sortable: true },
            { key: 'applicants', text: t('recruitment:list.table.applicants') },
            { key: 'stage', text: t('recruitment:list.table.stage'), sortable: true },
            { key: 'since', text: t('recruitment:list.table.since'), sortable: true },
            { key: 'due', text: t('recruitment:list.table.due') },
            { key: 'worker', text: t('recruitment:list.table.worker'), sortable: true },
          ],
          total,
          shown: items.length,
          t,
        });
        return call.render('recruitment/views/households.njk', {
          pageTitle: t('recruitment:list.title'),
          query: filters,
          sortState: state,
          list,
          filtered: list.tags.length > 0 || filters.view !== 'all',
          tabs,
          stageItems: selectItems(STAGES, 'recruitment:vocabulary.stage', t, filters.stage, t('recruitment:list.anyStage')),
          canCreate: can(call.actor, 'households.create'),
          canOverview: can(call.actor, 'recruitment.overview'),
          items: items.map((h) => ({
            id: h.id,
            reference: h.reference,
            names: h.applicantNames.join(' & '),
            stageText: t(`recruitment:vocabulary.stage.${h.stage}`),
            stageClass: STAGE_TAG[h.stage],
            since: longDate(h.stageSince, lang),
            worker: h.socialWorkerName ?? '',
            due: h.due && {
              text: longDate(h.due.due, lang),
              levelText: t(`recruitment:vocabulary.due.${h.due.level}`, { count: Math.abs(h.due.daysLeft) }),
              levelClass: DUE_TAG[h.due.level],
            },
          })),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/households/new',
      kind: 'page',
      action: 'households.create',
      summary: 'Record a household (telephone enquiry)',
      handler: async (call) => newPage(call, { preferredLanguage: call.language, applicant1PreferredLanguage: call.language }),
    }),
    route({
      method: 'POST',
      url: '/households/new',
      kind: 'page',
      action: 'households.create',
      summary: 'Save a new household',
      body: anyForm,
      onInvalid: (call, errors) => newPage(call, raw(call), errors, 400),
      handler: async (call) => {
        const form = call.body;
        const { household, dateErrors } = householdFromForm(form);
        const result = householdInput.safeParse({ ...household, channel: text(form, 'channel') || null, campaignId: text(form, 'campaignId') || null });
        const errors = [...dateErrors, ...(result.success ? [] : applicantErrors(toFieldErrors(result.error)))];
        if (errors.length || !result.success) throw new ValidationError(errors);
        const created = await recruitment.createHousehold(call.ctx, result.data);
        return call.redirect(`/households/${created.id}`, call.t('recruitment:form.created', { reference: created.reference }));
      },
    }),
    route({
      method: 'GET',
      url: '/households/:id',
      kind: 'page',
      action: 'households.view',
      summary: 'A household’s record: stage, checks, assessment, what they can consider, training, history',
      params: idParams,
      handler: async (call) => householdPage(call, call.params.id),
    }),
    route({
      method: 'GET',
      url: '/households/:id/edit',
      kind: 'page',
      action: 'households.edit',
      summary: 'Change a household’s details and applicants',
      params: idParams,
      handler: async (call) => editPage(call, call.params.id),
    }),
    formRoute({
      url: '/households/:id/edit',
      action: 'households.edit',
      summary: 'Save a household’s details and applicants',
      parse: (form) => {
        const { household, dateErrors } = householdFromForm(form);
        const result = householdPatch.safeParse(household);
        const errors = [...dateErrors, ...(result.success ? [] : applicantErrors(toFieldErrors(result.error)))];
        if (errors.length || !result.success) throw new ValidationError(errors);
        return result.data;
      },
      save: (call, patch, version) => recruitment.updateHousehold(call.ctx, call.params.id, patch, version),
      view: (call, shown, errors, status) => editPage(call, call.params.id, shown, errors, status),
      done: (call) => ({ to: `/households/${call.params.id}`, flash: 'recruitment:form.saved' }),
    }),
  ];
}

/**
 * Only the public enquiry starts a household with nobody signed in; any other change without a
 * person (one made by the platform itself, or kept from before people were recorded) says so
 * rather than crediting the enquiry form with, say, the agency's decision.
 */
function fromEnquiryForm(event: { fromStage: string | null; toStage: string }): boolean {
  return event.fromStage === null && event.toStage === 'enquiry';
}

function countText(n: number, t: T): string {
  return n >= MAX_CHILDREN_CONSIDERED ? t('recruitment:profile.fourOrMore') : String(n);
}
