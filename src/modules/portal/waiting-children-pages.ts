import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { ConflictError, type FieldError } from '../../platform/http/errors.ts';
import { fields } from '../../platform/http/validation.ts';
import { agencyText } from '../../platform/i18n/agency-text.ts';
import { conjunctionContext } from '../../platform/i18n/welsh.ts';
import { longDate } from '../../platform/format/format.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import { formErrors } from '../../platform/forms/forms.ts';
import { formRoute, idParams } from '../../platform/forms/form-route.ts';
import { interestMessageInput } from '../matching/index.ts';

const childParams = z.object({ childId: fields.uuid() });
/** The words of each status as the family reads them. */
const STATUS_KEY = { waiting: 'waiting', exploring: 'exploring', not_taken_forward: 'notTakenForward', withdrawn: 'withdrawn' } as const;

/**
 * Children waiting (the adopter's own pages): the profiles the children's workers chose to show to
 * the agency's approved families, anonymised, with "Express interest"; and every interest of the
 * family with its answer, the reason given when it was not taken forward.
 */
export function waitingChildrenPageRoutes(services: Services) {
  const interests = services.interests;

  async function page(call: Call, options: { errors?: FieldError[]; status?: number; typed?: { childId: string; message: string } } = {}) {
    const t = call.t;
    const { errors = [], status = 200, typed } = options;
    const found = await interests.waitingChildren(call.ctx);
    const childLine = (c: { firstName: string; age: number }) => t('portal:waitingChildren.childLine', { name: c.firstName, count: c.age });
    // "Rhian a Tomos", "Rhian ac Owain": Welsh "and" changes before a vowel.
    const together = (children: readonly { firstName: string; age: number }[]) =>
      children
        .map((c, i) => (i === 0 ? childLine(c) : `${t('portal:waitingChildren.and', { context: conjunctionContext(c.firstName) })}${childLine(c)}`))
        .join('');
    return call.render(
      'portal/views/waiting-children.njk',
      {
        pageTitle: t('portal:waitingChildren.title'),
        state: found.state,
        entries:
          found.state === 'noHousehold'
            ? []
            : found.entries.map((e) => ({
                childId: e.childIds[0],
                heading: together(e.children),
                together: e.children.length > 1,
                // One paragraph per child, in the reader's language when written in it (else marked with its own).
                profiles: e.children.flatMap((c) => {
                  const text = agencyText({ en: c.profileEn, cy: c.profileCy }, call.language);
                  return text ? [{ name: c.firstName, ...text }] : [];
                }),
                openInterest: e.openInterest && t(`portal:waitingChildren.status.${STATUS_KEY[e.openInterest.status]}`),
                message: typed && typed.childId === e.childIds[0] ? typed.message : '',
              })),
        interests:
          found.state === 'noHousehold'
            ? []
            : found.interests.map((i) => ({
                id: i.id,
                version: i.version,
                children: i.children.length ? together(i.children) : t('portal:waitingChildren.childrenNoLongerShown'),
                expressed: longDate(dateInWales(i.createdAt), call.language),
                statusText: t(`portal:waitingChildren.status.${STATUS_KEY[i.status]}`),
                status: i.status,
                reason: i.reason,
                // The reason as the worker wrote it; marked with its language when it is not the page's.
                reasonLang: i.reasonLanguage && i.reasonLanguage !== call.language ? i.reasonLanguage : null,
                message: i.message,
                mayWithdraw: i.status === 'waiting',
              })),
        ...formErrors(errors, t),
      },
      status,
    );
  }

  return [
    route({
      method: 'GET',
      url: '/my-application/children-waiting',
      kind: 'page',
      action: 'waitingChildren.view',
      summary: 'Children waiting: profiles shown to approved families, anonymised, and the family’s interests with their answers',
      handler: async (call) => page(call),
    }),
    route({
      method: 'POST',
      url: '/my-application/children-waiting/:childId/interest',
      kind: 'page',
      action: 'interests.express',
      summary: 'Express interest in a child (or brothers and sisters placed together), with an optional message',
      formPage: '/my-application/children-waiting',
      params: childParams,
      body: interestMessageInput,
      onInvalid: (call, errors) =>
        page(call, {
          errors: errors.map((e) => ({ ...e, field: `message-${call.params.childId}` })),
          status: 400,
          typed: { childId: call.params.childId, message: typedMessage(call.request.body) },
        }),
      handler: async (call) => {
        try {
          await interests.expressInterest(call.ctx, call.params.childId, call.body.message);
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          return page(call, { errors: [{ field: `message-${call.params.childId}`, key: error.key }], status: 409 });
        }
        return call.redirect('/my-application/children-waiting', call.t('portal:waitingChildren.expressed'));
      },
    }),
    formRoute({
      url: '/my-application/interests/:id/withdraw',
      action: 'interests.withdraw',
      summary: 'Withdraw an expression of interest still waiting for an answer',
      params: idParams,
      formPage: '/my-application/children-waiting',
      parse: () => null,
      save: (call, _value, version) => interests.withdrawInterest(call.ctx, call.params.id, version),
      view: (call, _shown, errors, status) => page(call, { errors, status }),
      done: () => ({ to: '/my-application/children-waiting', flash: 'portal:waitingChildren.withdrawn' }),
    }),
  ];
}

/** What the family typed, to show again with the error (nothing when the form sent no text). */
function typedMessage(body: unknown): string {
  const message = body && typeof body === 'object' && 'message' in body ? body.message : undefined;
  return typeof message === 'string' ? message : '';
}
