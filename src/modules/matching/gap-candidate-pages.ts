import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { formErrors, type Form } from '../../platform/forms/forms.ts';
import { anyForm, formRoute, idParams } from '../../platform/forms/form-route.ts';
import { candidateFormOptions, candidateFromForm, candidateToForm } from './gap-candidate-form.ts';
import { describeCandidate } from './gap-profiles.ts';

/** The gap page, where the forms come from and go back to. */
const GAP_PAGE = '/matching/recruitment-gap';

/** The manager's own candidate profiles on a page: add one, change one (a stale version is shown as it is now). */
export function gapCandidatePageRoutes(services: Services) {
  const gap = services.recruitmentGap;
  const parse = (form: Form) => {
    const parsed = candidateFromForm(form);
    if ('errors' in parsed) throw new ValidationError(parsed.errors);
    return parsed.profile;
  };

  async function formPage(call: Call, id: string | null, values?: Form, errors: FieldError[] = [], status?: number) {
    const t = call.t;
    let shown = values;
    let description: string | null = null;
    if (id) {
      const candidate = await gap.getCandidate(call.ctx, id);
      description = describeCandidate(candidate.profile, t);
      // After someone else saved first, the record as it is now, at its new version.
      shown ??= candidateToForm(candidate.profile, candidate.version);
    }
    shown ??= {
      childrenMin: '1',
      childrenMax: '1',
      ageMin: '0',
      ageMax: '17',
      siblingGroups: 'no',
      welsh: 'no',
      supportNetwork: 'strong',
      therapeuticPreparation: 'yes',
    };
    return call.render(
      'matching/views/gap-candidate-form.njk',
      {
        pageTitle: id ? t('matches:gap.form.editTitle') : t('matches:gap.form.newTitle'),
        description,
        action: id ? `${GAP_PAGE}/candidates/${id}/edit` : `${GAP_PAGE}/candidates/new`,
        back: GAP_PAGE,
        editing: Boolean(id),
        values: shown,
        ...candidateFormOptions(shown, t),
        ...formErrors(errors, t),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  return [
    route({
      method: 'GET',
      url: `${GAP_PAGE}/candidates/new`,
      kind: 'page',
      action: 'matching.recruitmentGap.edit',
      summary: 'Form: a family profile written by hand for the recruitment gap',
      handler: async (call) => formPage(call, null),
    }),
    route({
      method: 'POST',
      url: `${GAP_PAGE}/candidates/new`,
      kind: 'page',
      action: 'matching.recruitmentGap.edit',
      summary: 'Add a family profile by hand; it is ranked with the generated ones',
      body: anyForm,
      onInvalid: (call, errors) => formPage(call, null, (call.request.body ?? {}) as Form, errors),
      handler: async (call) => {
        await gap.addCandidate(call.ctx, parse(call.body));
        return call.redirect(GAP_PAGE, call.t('matches:gap.form.added'));
      },
    }),
    route({
      method: 'GET',
      url: `${GAP_PAGE}/candidates/:id/edit`,
      kind: 'page',
      action: 'matching.recruitmentGap.edit',
      summary: 'Form: change a family profile written by hand',
      params: idParams,
      handler: async (call) => formPage(call, call.params.id),
    }),
    formRoute({
      url: `${GAP_PAGE}/candidates/:id/edit`,
      action: 'matching.recruitmentGap.edit',
      summary: 'Change a family profile written by hand (stale versions refused)',
      parse: (form) => parse(form),
      save: (call, profile, version) => gap.editCandidate(call.ctx, call.params.id, profile, version),
      view: (call, shown, errors, status) => formPage(call, call.params.id, shown, errors, status),
      done: () => ({ to: GAP_PAGE, flash: 'matches:gap.form.saved' }),
    }),
  ];
}
