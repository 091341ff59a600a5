import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { type FieldError } from '../../platform/http/errors.ts';
import { formErrors, formValues, type Form } from '../../platform/forms/forms.ts';
import { SupportRefusal } from './errors.ts';
import { familyNeedFromForm, SUPPORT_FORM } from './forms.ts';

const anyForm = z.record(z.string(), z.unknown());
const raw = (call: Call) => (call.request.body ?? {}) as Form;

/**
 * A family asks for support from their own portal. The form is also on their application page
 * (support/views/portal-support-requests.njk); this page shows it on its own, and with any mistake.
 */
export function portalSupportRoutes(services: Services) {
  const support = services.support;

  async function formPage(call: Call, values: Form, errors: FieldError[] = [], status?: number) {
    const mine = await support.myRequests(call.ctx);
    return call.render(
      'support/views/family-request.njk',
      {
        pageTitle: call.t('support:family.formTitle'),
        values,
        hasHousehold: Boolean(mine),
        mayAsk: Boolean(mine?.mayAsk),
        ...formErrors(errors, call.t, SUPPORT_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  return [
    route({
      method: 'GET',
      url: '/my-application/support-requests/new',
      kind: 'page',
      action: 'portal.view',
      summary: 'A family’s form to ask for support',
      handler: async (call) => formPage(call, {}),
    }),
    // The form sent back with a mistake is at the address it was sent to: the language toggle
    // (and a reload) ask for that address, which shows the form again.
    route({
      method: 'GET',
      url: '/my-application/support-requests',
      kind: 'page',
      action: 'portal.view',
      summary: 'The family’s form to ask for support, again',
      handler: async (call) => call.redirect('/my-application/support-requests/new'),
    }),
    route({
      method: 'POST',
      url: '/my-application/support-requests',
      kind: 'page',
      action: 'portal.view',
      summary: 'A family asks for support: the request joins the agency’s waiting list',
      body: anyForm,
      onInvalid: (call, errors) => formPage(call, formValues(raw(call)), errors),
      handler: async (call) => {
        const need = familyNeedFromForm(call.body);
        try {
          await support.requestSupportAsFamily(call.ctx, need);
        } catch (error) {
          if (error instanceof SupportRefusal) return formPage(call, formValues(raw(call)), [{ field: 'need', key: error.key }], 409);
          throw error;
        }
        return call.redirect('/my-application#support-requests', call.t('support:family.sent'));
      },
    }),
  ];
}
