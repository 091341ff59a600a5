import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { choices, formErrors, list, type Form } from '../../platform/forms/forms.ts';
import { childName, CHILDREN_FORM } from './page-helpers.ts';
import { childPatch } from './inputs.ts';
import { CONTACT_ARRANGEMENTS } from './vocabulary.ts';
import { formRoute, idParams } from '../../platform/forms/form-route.ts';

const lines = (value: unknown) =>
  typeof value === 'string'
    ? value
        .split(/[\n,]+/)
        .map((l) => l.trim())
        .filter(Boolean)
    : [];
const ticked = (form: Form, name: string) => list(form, name).includes('yes');

/**
 * What matching needs to know from the child's worker: the contact the plan requires, identity
 * considerations (recorded, never inferred), and places to keep away from or stay near.
 */
export function matchingNeedsRoutes(services: Services) {
  const children = services.children;

  async function formPage(call: Call, id: string, values?: Record<string, unknown>, errors: FieldError[] = [], status = 200) {
    const t = call.t;
    const { child } = await children.getChild(call.ctx, id);
    const identity = child.identityConsiderations;
    const shown = values ?? {
      requiredContact: child.requiredContact,
      religionImportant: identity?.religionImportant ? 'yes' : '',
      religion: identity?.religion ?? '',
      ethnicityImportant: identity?.ethnicityImportant ? 'yes' : '',
      welshLanguageImportant: identity?.welshLanguageImportant ? 'yes' : '',
      identityNotes: identity?.notes ?? '',
      birthFamilyPostcodes: child.birthFamilyPostcodes.join('\n'),
      importantContactPostcodes: child.importantContactPostcodes.join('\n'),
      version: child.version,
    };
    const mapped = errors.map((e) => ({
      ...e,
      field: e.field
        .replace(/^identityConsiderations\.notes$/, 'identityNotes')
        .replace(/^identityConsiderations\./, '')
        .replace(/\.\d+$/, ''),
    }));
    return call.render(
      'children/views/matching-needs.njk',
      {
        pageTitle: t('children:matchingNeeds.title'),
        caption: childName(child),
        childId: id,
        values: shown,
        contactItems: choices(CONTACT_ARRANGEMENTS, 'recruitment:vocabulary.contact', t, shown.requiredContact),
        ...formErrors(mapped, t, CHILDREN_FORM),
      },
      status,
    );
  }

  return [
    route({
      method: 'GET',
      url: '/children/:id/matching-needs',
      kind: 'page',
      action: 'children.edit',
      summary: 'Form: what matching needs to know about the child (contact, identity, places)',
      params: idParams,
      handler: async (call) => formPage(call, call.params.id),
    }),
    formRoute({
      url: '/children/:id/matching-needs',
      action: 'children.edit',
      summary: 'Save what matching needs to know about the child',
      parse: (form) => {
        const result = childPatch.safeParse({
          requiredContact: list(form, 'requiredContact'),
          identityConsiderations: {
            religionImportant: ticked(form, 'religionImportant'),
            religion: typeof form.religion === 'string' ? form.religion : null,
            ethnicityImportant: ticked(form, 'ethnicityImportant'),
            welshLanguageImportant: ticked(form, 'welshLanguageImportant'),
            notes: typeof form.identityNotes === 'string' ? form.identityNotes : null,
          },
          birthFamilyPostcodes: lines(form.birthFamilyPostcodes),
          importantContactPostcodes: lines(form.importantContactPostcodes),
        });
        if (!result.success) throw new ValidationError(toFieldErrors(result.error));
        return result.data;
      },
      save: (call, patch, version) => children.updateChild(call.ctx, call.params.id, patch, version),
      view: (call, shown, errors, status) => formPage(call, call.params.id, shown, errors, status),
      done: (call) => ({ to: `/children/${call.params.id}`, flash: 'children:matchingNeeds.saved' }),
    }),
  ];
}
