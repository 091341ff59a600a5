import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { namesText } from '../../platform/format/format.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { createReferralDrafts } from './drafts.ts';
import { childName } from './page-helpers.ts';
import {
  MAX_CHILDREN,
  emptyDraft,
  firstIncomplete,
  stepUrl,
  unfinishedForm,
  withChild,
  withoutChild,
  withoutUnfinished,
  withUnfinished,
  type ReferralDraft,
  type StepRef,
} from './referral-journey.ts';
import { childFromForm, childToForm, childFormValues, legalBasisFromForm, referralFromDraft, siblingsFromForm, siblingsToForm } from './referral-forms.ts';
import { checkPage, childPage, legalBasisPage, siblingsPage } from './referral-step-views.ts';
import { organisationNameHtml } from '../../platform/i18n/agency-text.ts';

const draftParams = z.object({ id: fields.uuid() });
const childParams = z.object({ id: fields.uuid(), number: z.coerce.number().int().min(1).max(MAX_CHILDREN) });
const anyForm = z.record(z.string(), z.unknown());

/** What the buttons of a step ask for. */
function intent(body: Record<string, unknown>): 'continue' | 'add-another' | 'save-later' {
  const action = body.action;
  return action === 'add-another' || action === 'save-later' ? action : 'continue';
}

/** The referral journey (a local authority referrer), the referrals list and the agency's decision. */
export function referralPageRoutes(services: Services) {
  const children = services.children;
  const drafts = createReferralDrafts(services.runner);
  const raw = (call: Call) => (call.request.body ?? {}) as Record<string, unknown>;

  /** Where a step's buttons lead once its answers are saved. */
  function after(call: Call, draftId: string, next: StepRef, draft?: ReferralDraft, ref?: StepRef) {
    if (intent(raw(call)) === 'save-later') {
      const unfinished = draft && ref && unfinishedForm(draft, ref);
      return call.redirect('/referrals', call.t(unfinished ? 'children:journey.savedUnfinished' : 'children:journey.savedForLater'));
    }
    return call.redirect(stepUrl(draftId, next));
  }

  /**
   * A step's answers taken into the draft. "Save and come back later" on a page that is not complete
   * yet keeps what was typed, as typed, instead of refusing it: the referrer can stop mid-page. The
   * answers are checked when the page is completed, and everything again when the referral is sent.
   */
  function answered(call: Call, draft: ReferralDraft, ref: StepRef, take: () => ReferralDraft): ReferralDraft {
    try {
      return take();
    } catch (error) {
      if (error instanceof ValidationError && intent(raw(call)) === 'save-later') return withUnfinished(draft, ref, raw(call));
      throw error;
    }
  }

  /** The children a draft names, for people ("Alys and Ben"), or "no child yet". */
  function draftNames(call: Call, draft: ReferralDraft): string {
    const names = draft.children.map((c) => childName(c)).filter((name) => name.trim());
    return names.length ? namesText(names, call.t) : call.t('children:journey.delete.noChild');
  }

  function deletePage(call: Call, draft: { id: string; version: number; answers: ReferralDraft }, status = 200) {
    return call.render(
      'children/views/referral-delete.njk',
      {
        pageTitle: call.t('children:journey.delete.title'),
        names: draftNames(call, draft.answers),
        version: draft.version,
        action: `/referrals/drafts/${draft.id}/delete`,
        backHref: stepUrl(draft.id, firstIncomplete(draft.answers)),
      },
      status,
    );
  }

  return [
    route({
      method: 'GET',
      url: '/referrals/new',
      kind: 'page',
      action: 'referrals.create',
      summary: 'Referral journey, step 1: the legal basis for sharing',
      handler: async (call) => legalBasisPage(call, undefined, {}),
    }),
    route({
      method: 'POST',
      url: '/referrals/new',
      kind: 'page',
      action: 'referrals.create',
      summary: 'Start a draft referral with its legal basis',
      body: anyForm,
      onInvalid: (call, errors) => legalBasisPage(call, undefined, childFormValues(raw(call)), errors),
      handler: async (call) => {
        const ref: StepRef = { step: 'legal-basis' };
        const draft = answered(call, emptyDraft(), ref, () => ({ ...emptyDraft(), ...legalBasisFromForm(call.body) }));
        const { id } = await drafts.startDraft(call.ctx, draft);
        return after(call, id, firstIncomplete(draft), draft, ref);
      },
    }),
    route({
      method: 'GET',
      url: '/referrals/drafts/:id/legal-basis',
      kind: 'page',
      action: 'referrals.create',
      summary: 'Referral journey: change the legal basis',
      params: draftParams,
      handler: async (call) => {
        const { answers } = await drafts.getDraft(call.ctx, call.params.id);
        const typed = unfinishedForm(answers, { step: 'legal-basis' });
        return legalBasisPage(
          call,
          call.params.id,
          typed ? childFormValues(typed) : { legalBasis: answers.legalBasis, legalBasisNotes: answers.legalBasisNotes },
        );
      },
    }),
    route({
      method: 'POST',
      url: '/referrals/drafts/:id/legal-basis',
      kind: 'page',
      action: 'referrals.create',
      summary: 'Save the legal basis of a draft referral',
      params: draftParams,
      body: anyForm,
      onInvalid: async (call, errors) => {
        await drafts.getDraft(call.ctx, call.params.id); // only the authority's own draft
        return legalBasisPage(call, call.params.id, childFormValues(raw(call)), errors);
      },
      handler: async (call) => {
        const { answers } = await drafts.getDraft(call.ctx, call.params.id);
        const ref: StepRef = { step: 'legal-basis' };
        const draft = answered(call, answers, ref, () => withoutUnfinished({ ...answers, ...legalBasisFromForm(call.body) }, ref));
        await drafts.saveDraft(call.ctx, call.params.id, draft);
        return after(call, call.params.id, firstIncomplete(draft), draft, ref);
      },
    }),
    route({
      method: 'GET',
      url: '/referrals/drafts/:id/children/:number',
      kind: 'page',
      action: 'referrals.create',
      summary: 'Referral journey: one child’s details',
      params: childParams,
      handler: async (call) => {
        const { answers } = await drafts.getDraft(call.ctx, call.params.id);
        const index = call.params.number - 1;
        const typed = unfinishedForm(answers, { step: 'child', index });
        if (index > answers.children.length && !typed) return call.redirect(stepUrl(call.params.id, firstIncomplete(answers)));
        return childPage(call, call.params.id, answers, index, typed ? childFormValues(typed) : childToForm(answers.children[index]));
      },
    }),
    route({
      method: 'POST',
      url: '/referrals/drafts/:id/children/:number',
      kind: 'page',
      action: 'referrals.create',
      summary: 'Save one child of a draft referral',
      params: childParams,
      body: anyForm,
      onInvalid: async (call, errors) => {
        const { answers } = await drafts.getDraft(call.ctx, call.params.id);
        return childPage(call, call.params.id, answers, call.params.number - 1, childFormValues(raw(call)), errors);
      },
      handler: async (call) => {
        const { answers } = await drafts.getDraft(call.ctx, call.params.id);
        const index = call.params.number - 1;
        const ref: StepRef = { step: 'child', index };
        if (index > answers.children.length && !unfinishedForm(answers, ref)) throw new NotFoundError();
        const draft = answered(call, answers, ref, () => {
          const child = childFromForm(call.body);
          // A child's page complete before the pages of the children before it stays as typed until they are.
          return index > answers.children.length ? withUnfinished(answers, ref, call.body) : withChild(answers, index, child);
        });
        await drafts.saveDraft(call.ctx, call.params.id, draft);
        const next: StepRef =
          intent(call.body) === 'add-another' && draft.children.length < MAX_CHILDREN
            ? { step: 'child', index: draft.children.length }
            : firstIncomplete(draft);
        return after(call, call.params.id, next, draft, ref);
      },
    }),
    route({
      method: 'POST',
      url: '/referrals/drafts/:id/children/:number/remove',
      kind: 'page',
      action: 'referrals.create',
      summary: 'Remove a child from a draft referral',
      params: childParams,
      handler: async (call) => {
        const { answers } = await drafts.getDraft(call.ctx, call.params.id);
        const index = call.params.number - 1;
        if (index >= answers.children.length) throw new NotFoundError();
        const draft = withoutChild(answers, index);
        await drafts.saveDraft(call.ctx, call.params.id, draft);
        return call.redirect(stepUrl(call.params.id, firstIncomplete(draft)), call.t('children:journey.check.removed'));
      },
    }),
    route({
      method: 'GET',
      url: '/referrals/drafts/:id/siblings',
      kind: 'page',
      action: 'referrals.create',
      summary: 'Referral journey: how the brothers and sisters are related, together or apart',
      params: draftParams,
      handler: async (call) => {
        const { answers } = await drafts.getDraft(call.ctx, call.params.id);
        if (answers.children.length < 2) return call.redirect(stepUrl(call.params.id, firstIncomplete(answers)));
        const typed = unfinishedForm(answers, { step: 'siblings' });
        return siblingsPage(call, call.params.id, answers, typed ? childFormValues(typed) : siblingsToForm(answers));
      },
    }),
    route({
      method: 'POST',
      url: '/referrals/drafts/:id/siblings',
      kind: 'page',
      action: 'referrals.create',
      summary: 'Save the sibling relationships and assessment of a draft referral',
      params: draftParams,
      body: anyForm,
      onInvalid: async (call, errors) =>
        siblingsPage(call, call.params.id, (await drafts.getDraft(call.ctx, call.params.id)).answers, childFormValues(raw(call)), errors),
      handler: async (call) => {
        const { answers } = await drafts.getDraft(call.ctx, call.params.id);
        if (answers.children.length < 2) return call.redirect(stepUrl(call.params.id, firstIncomplete(answers)));
        const ref: StepRef = { step: 'siblings' };
        const draft = answered(call, answers, ref, () =>
          withoutUnfinished(
            {
              ...answers,
              ...siblingsFromForm(
                call.body,
                answers.children.map((c) => childName(c)),
              ),
            },
            ref,
          ),
        );
        await drafts.saveDraft(call.ctx, call.params.id, draft);
        return after(call, call.params.id, firstIncomplete(draft), draft, ref);
      },
    }),
    route({
      method: 'GET',
      url: '/referrals/drafts/:id/check',
      kind: 'page',
      action: 'referrals.create',
      summary: 'Referral journey: check your answers',
      params: draftParams,
      handler: async (call) => {
        const { answers } = await drafts.getDraft(call.ctx, call.params.id);
        const next = firstIncomplete(answers);
        if (next.step !== 'check') return call.redirect(stepUrl(call.params.id, next));
        return checkPage(call, call.params.id, answers);
      },
    }),
    route({
      method: 'POST',
      url: '/referrals/drafts/:id/submit',
      formPage: '/referrals/drafts/:id/check',
      kind: 'page',
      action: 'referrals.create',
      summary: 'Send a draft referral to the agency',
      params: draftParams,
      onInvalid: async (call, errors) => checkPage(call, call.params.id, (await drafts.getDraft(call.ctx, call.params.id)).answers, errors),
      handler: async (call) => {
        const { answers } = await drafts.getDraft(call.ctx, call.params.id);
        const next = firstIncomplete(answers);
        if (next.step !== 'check') return call.redirect(stepUrl(call.params.id, next));
        const created = await children.submitReferral(call.ctx, referralFromDraft(answers), call.params.id);
        return call.redirect(`/referrals/${created.referralId}/sent`);
      },
    }),
    route({
      method: 'GET',
      url: '/referrals/drafts/:id/delete',
      kind: 'page',
      action: 'referrals.create',
      summary: 'Referral journey: confirm deleting a draft',
      params: draftParams,
      handler: async (call) => {
        const draft = await drafts.getDraft(call.ctx, call.params.id);
        return deletePage(call, draft);
      },
    }),
    route({
      method: 'POST',
      url: '/referrals/drafts/:id/delete',
      kind: 'page',
      action: 'referrals.create',
      summary: 'Delete a draft referral that will not be sent',
      params: draftParams,
      body: z.object({ version: z.coerce.number().int().min(1) }).loose(),
      onInvalid: async (call) => deletePage(call, await drafts.getDraft(call.ctx, call.params.id), 400),
      handler: async (call) => {
        const draft = await drafts.getDraft(call.ctx, call.params.id);
        await drafts.deleteDraft(call.ctx, call.params.id, call.body.version);
        return call.redirect('/referrals', call.t('children:journey.delete.deleted', { names: draftNames(call, draft.answers) }));
      },
    }),
    route({
      method: 'GET',
      url: '/referrals/:id/sent',
      kind: 'page',
      action: 'referrals.view',
      summary: 'Confirmation that a referral was sent',
      params: draftParams,
      handler: async (call) => {
        const found = await children.getReferral(call.ctx, call.params.id);
        if (found.referral.status === 'draft') throw new NotFoundError();
        return call.render('children/views/referral-sent.njk', {
          pageTitle: call.t('children:journey.sent.title'),
          reference: found.referral.id.slice(0, 8).toUpperCase(),
          referralId: found.referral.id,
          children: found.children.map((c) => childName(c)),
          agencyName: organisationNameHtml(found.agency, call.language),
        });
      },
    }),
  ];
}
