import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { ConflictError, type FieldError } from '../../platform/http/errors.ts';
import { can } from '../../platform/policy/policy.ts';
import { ageInYears, dateInWales } from '../../platform/dates/dates.ts';
import { decisionInput } from './inputs.ts';
import { formErrors, selectItems } from '../../platform/forms/forms.ts';
import { listQuery, listView, withoutEmptyQuery } from '../../platform/views/list-page.ts';
import { DECIDED_REFERRAL_SORTS, DECISIONS } from './referral-list-reads.ts';
import { childName, longDate, REFERRAL_TAG, CHILDREN_FORM } from './page-helpers.ts';
import { paragraphs } from './view-models.ts';
import { namesText } from '../../platform/format/format.ts';
import { organisationName, organisationNameHtml } from '../../platform/i18n/agency-text.ts';

const referralParams = z.object({ id: fields.uuid() });
const DECIDED_DEFAULTS = { sort: 'decided', dir: 'desc' } as const;
/** The decided referrals' page, sort and the decision filter; drafts and waiting ones are shown whole. */
const referralsQuery = z.preprocess(
  withoutEmptyQuery,
  z
    .object({ decision: z.enum(DECISIONS, { error: 'children:errors.referrals.decision' }).optional() })
    .extend(listQuery(DECIDED_REFERRAL_SORTS, DECIDED_DEFAULTS).shape),
);

/** The referrals list (the authority's own, or the agency's to decide) and a referral with the agency's decision. */
export function referralListRoutes(services: Services) {
  const children = services.children;
  const raw = (call: Call) => (call.request.body ?? {}) as Record<string, unknown>;

  async function referralPage(call: Call, id: string, errors: FieldError[] = [], values: Record<string, unknown> = {}, status?: number) {
    const t = call.t;
    const found = await children.getReferral(call.ctx, id);
    const { referral } = found;
    if (referral.status === 'draft') return call.redirect(`/referrals/drafts/${id}/check`);
    const today = dateInWales(new Date());
    const canDecide = referral.status === 'submitted' && can(call.actor, 'referrals.decide', { type: 'referral', organisationId: referral.agencyId });
    const mayViewChildren = can(call.actor, 'children.view');
    const summaryRows = [
      {
        key: { text: t('children:referral.status') },
        value: {
          html: `<strong class="govuk-tag ${REFERRAL_TAG[referral.status] ?? ''}" data-testid="referral-status">${t(`children:vocabulary.referralStatus.${referral.status}`)}</strong>`,
        },
      },
      {
        key: { text: t('children:referrals.table.date') },
        value: { text: referral.submittedAt ? longDate(dateInWales(referral.submittedAt), call.language) : '' },
      },
      { key: { text: t('children:referral.authority') }, value: { html: organisationNameHtml(found.authority, call.language) } },
      { key: { text: t('children:referral.agency') }, value: { html: organisationNameHtml(found.agency, call.language) } },
      {
        key: { text: t('children:journey.check.legalBasis') },
        value: { text: referral.legalBasis ? t(`children:vocabulary.legalBasis.${referral.legalBasis}`) : '' },
      },
      ...(referral.legalBasisNotes ? [{ key: { text: t('children:journey.legalBasis.notes') }, value: { html: paragraphs(referral.legalBasisNotes) } }] : []),
      ...(referral.decidedAt
        ? [{ key: { text: t('children:referral.decidedOn') }, value: { text: longDate(dateInWales(referral.decidedAt), call.language) } }]
        : []),
      ...(referral.declineReason ? [{ key: { text: t('children:referral.declineReason') }, value: { html: paragraphs(referral.declineReason) } }] : []),
      ...(found.textRemoved ? [{ key: { text: t('children:referral.textRemoved.label') }, value: { text: t('children:referral.textRemoved.value') } }] : []),
    ];
    return call.render(
      'children/views/referral.njk',
      {
        pageTitle: t('children:referral.title', { reference: referral.id.slice(0, 8).toUpperCase() }),
        referral,
        summaryRows,
        children: found.children.map((c) => ({
          id: c.id,
          name: childName(c),
          link: mayViewChildren && referral.status !== 'declined',
          dateOfBirth: longDate(c.dateOfBirth, call.language),
          age: ageInYears(c.dateOfBirth, today),
          legalStatus: t(`children:vocabulary.legalStatus.${c.legalStatus}`),
          status: t(`children:vocabulary.status.${c.status}`),
        })),
        canDecide,
        familyFinderItems: found.familyFinders.map((f) => ({ value: f.id, text: f.name, checked: values.familyFinderId === f.id })),
        values,
        ...formErrors(errors, t, CHILDREN_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  return [
    route({
      method: 'GET',
      url: '/referrals',
      kind: 'page',
      action: 'referrals.view',
      summary: 'Referrals: made by your authority, or (the agency) made to you',
      query: referralsQuery,
      handler: async (call) => {
        const t = call.t;
        const { page: pageNumber, sort, dir, limit, decision } = call.query;
        const state = { page: pageNumber, sort, dir, limit };
        const found = await children.referralsPage(call.ctx, { decision }, state);
        const canCreate = can(call.actor, 'referrals.create');
        type Row = (typeof found.drafts)[number];
        const reference = (r: Row) => r.referral.id.slice(0, 8).toUpperCase();
        const item = (r: Row, date: Date | null) => {
          const draft = r.referral.status === 'draft';
          // Named by the children, as people know a referral; by its reference when none is named (yet) or visible.
          const names = r.childNames.length ? namesText(r.childNames, t) : '';
          return {
            href: draft ? `/referrals/drafts/${r.referral.id}/check` : `/referrals/${r.referral.id}`,
            linkText: names || (draft ? t('children:referrals.unnamedDraft') : t('children:referrals.view', { reference: reference(r) })),
            reference: reference(r),
            deleteHref: draft && canCreate ? `/referrals/drafts/${r.referral.id}/delete` : undefined,
            date: date ? longDate(dateInWales(date), call.language) : '',
            organisationName: organisationName({ name: r.organisationName, nameCy: r.organisationNameCy }, call.language),
            referredByName: r.referredByName,
            statusText: t(`children:vocabulary.referralStatus.${r.referral.status}`),
            statusClass: REFERRAL_TAG[r.referral.status] ?? '',
          };
        };
        const list = listView({
          path: '/referrals',
          state,
          defaults: DECIDED_DEFAULTS,
          filters: { decision },
          active: decision
            ? [{ name: 'decision', label: t('children:referrals.filters.decision'), value: t(`children:vocabulary.referralStatus.${decision}`) }]
            : [],
          columns: [
            { key: 'children', text: t('children:referrals.table.children'), sortable: true },
            { key: 'decided', text: t('children:referrals.table.decided'), sortable: true },
            { key: 'authority', text: t('children:referrals.table.authority'), sortable: true },
            { key: 'referredBy', text: t('children:referrals.table.referredBy') },
            { key: 'status', text: t('children:referrals.table.status'), sortable: true },
          ],
          total: found.decidedTotal,
          shown: found.decided.length,
          t,
        });
        const drafts = found.drafts.map((r) => item(r, r.referral.updatedAt));
        const waiting = found.waiting.map((r) => item(r, r.referral.submittedAt));
        const decided = found.decided.map((r) => item(r, r.referral.decidedAt));
        return call.render('children/views/referrals.njk', {
          pageTitle: t('children:referrals.title'),
          drafts,
          waiting,
          decided,
          list,
          decision,
          decisionItems: selectItems(DECISIONS, 'children:vocabulary.referralStatus', t, decision, t('children:referrals.filters.any')),
          sortState: state,
          // Nothing at all yet (not merely nothing on this page or for this filter): say how to begin.
          nothingYet: !drafts.length && !waiting.length && !found.decidedTotal && !decision && pageNumber === 1,
          canCreate,
        });
      },
    }),
    route({
      method: 'GET',
      url: '/referrals/:id',
      kind: 'page',
      action: 'referrals.view',
      summary: 'A referral with its children, and (the agency) the decision',
      params: referralParams,
      handler: async (call) => referralPage(call, call.params.id),
    }),
    route({
      method: 'POST',
      url: '/referrals/:id/decision',
      formPage: '/referrals/:id',
      kind: 'page',
      action: 'referrals.decide',
      summary: 'Accept a referral (allocating a family finder) or decline it with a reason',
      params: referralParams,
      body: decisionInput,
      onInvalid: (call, errors) => referralPage(call, call.params.id, errors, raw(call)),
      handler: async (call) => {
        try {
          await children.decideReferral(call.ctx, call.params.id, call.body);
        } catch (error) {
          if (error instanceof ConflictError) return referralPage(call, call.params.id, [{ field: 'decision', key: error.key }], {}, 409);
          throw error;
        }
        return call.redirect(
          `/referrals/${call.params.id}`,
          call.t(call.body.decision === 'accept' ? 'children:referral.decide.accepted' : 'children:referral.decide.declined'),
        );
      },
    }),
  ];
}
