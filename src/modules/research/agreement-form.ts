import type { Call } from '../../server/route.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { organisationName, organisationNameText } from '../../platform/i18n/agency-text.ts';
import { dateFromParts, dateParts, firstPerField, formErrors, list, selectItems, text, type Form } from '../../platform/forms/forms.ts';
import { CHOOSABLE_FIELDS, fieldOf } from './dictionary.ts';
import { agreementAmendment, agreementInput, type AgreementAmendment, type AgreementInput } from './inputs.ts';
import { LAWFUL_BASES } from './schema.ts';
import type { Agreement } from './service.ts';

/** The agreement form, used both to make an agreement and to amend one (a new version of its terms). */
const DATE_FIELDS = ['startDate', 'endDate', 'signedOn'] as const;
const FORM_OPTIONS = { dateFields: DATE_FIELDS, anchors: { fields: 'fields', lawfulBasis: 'lawfulBasis' } };

/** A field of the dictionary as the pages name it, in the reader's language. */
export function fieldText(name: string, language: string): string {
  const field = fieldOf(name);
  return field ? (language === 'cy' ? field.cy : field.en) : name;
}

/** The terms as typed, each date read from its three boxes ("invalid" when they do not make a date). */
function termsOf(form: Form) {
  const dates = Object.fromEntries(DATE_FIELDS.map((name) => [name, dateFromParts(form, name)]));
  const terms = {
    title: text(form, 'title'),
    purpose: text(form, 'purpose'),
    lawfulBasis: text(form, 'lawfulBasis') || undefined,
    fields: list(form, 'fields'),
    ...Object.fromEntries(DATE_FIELDS.map((name) => [name, dates[name]!.value ?? (dates[name]!.error ? 'invalid' : '')])),
    signedByName: text(form, 'signedByName'),
    signedByRole: text(form, 'signedByRole'),
  };
  return { terms, dateErrors: DATE_FIELDS.flatMap((name) => (dates[name]!.error ? [dates[name]!.error] : [])) };
}

/** The new-agreement form as the service's input, or every mistake in it. */
export function agreementFromForm(form: Form): { input: AgreementInput } | { errors: FieldError[] } {
  const { terms, dateErrors } = termsOf(form);
  const result = agreementInput.safeParse({ partnerOrganisationId: text(form, 'partnerOrganisationId') || undefined, ...terms });
  const errors = [...dateErrors, ...(result.success ? [] : toFieldErrors(result.error))];
  if (errors.length || !result.success) return { errors: firstPerField(errors) };
  return { input: result.data };
}

/** The amendment form as the terms of the next version; a mistake throws, so the form comes back with what was typed. */
export function amendmentFromForm(form: Form): AgreementAmendment {
  const { terms, dateErrors } = termsOf(form);
  const result = agreementAmendment.safeParse(terms);
  const errors = [...dateErrors, ...(result.success ? [] : toFieldErrors(result.error))];
  if (errors.length || !result.success) throw new ValidationError(firstPerField(errors));
  return result.data;
}

/** An agreement's terms as the form shows them, with the version they were read at. */
export function agreementToForm(agreement: Agreement): Form {
  return {
    title: agreement.title,
    purpose: agreement.purpose,
    lawfulBasis: agreement.lawfulBasis,
    fields: agreement.fields,
    ...dateParts('startDate', agreement.startDate),
    ...dateParts('endDate', agreement.endDate),
    ...dateParts('signedOn', agreement.signedOn),
    signedByName: agreement.signedByName,
    signedByRole: agreement.signedByRole,
    version: String(agreement.version),
  };
}

export type AgreementFormMode = { kind: 'new'; partners: { id: string; name: string; nameCy: string | null }[] } | { kind: 'amend'; agreement: Agreement };

/** Shows the form: a new agreement (choosing its partner) or an amendment (the partner fixed, the version read kept). */
export function renderAgreementForm(call: Call, mode: AgreementFormMode, values: Form, errors: FieldError[] = [], status?: number) {
  const t = call.t;
  const amending = mode.kind === 'amend' ? mode.agreement : null;
  return call.render(
    'research/views/agreement-form.njk',
    {
      pageTitle: amending ? t('research:amend.heading') : t('research:form.heading'),
      caption: amending?.title,
      intro: amending ? t('research:amend.intro', { version: amending.version + 1 }) : t('research:form.intro'),
      action: amending ? `/research/agreements/${amending.id}/amend` : '/research/agreements/new',
      back: amending ? { href: `/research/agreements/${amending.id}`, text: t('research:amend.back') } : { href: '/research', text: t('research:form.back') },
      save: amending ? t('research:amend.save') : t('research:form.save'),
      partnerName: amending ? organisationName({ name: amending.partnerName, nameCy: amending.partnerNameCy }, call.language) : undefined,
      version: amending ? text(values, 'version') : undefined,
      values,
      partnerItems:
        mode.kind === 'new'
          ? [
              { value: '', text: t('research:form.partner.choose'), selected: !values.partnerOrganisationId },
              ...mode.partners.map((p) => ({ value: p.id, text: organisationNameText(p, call.language), selected: values.partnerOrganisationId === p.id })),
            ]
          : [],
      lawfulBasisItems: selectItems(LAWFUL_BASES, 'research:vocabulary.lawfulBasis', t, values.lawfulBasis, t('research:form.lawfulBasis.choose')),
      fieldItems: CHOOSABLE_FIELDS.map((name) => ({ value: name, text: fieldText(name, call.language), checked: list(values, 'fields').includes(name) })),
      ...formErrors(errors, t, FORM_OPTIONS),
    },
    status ?? (errors.length ? 400 : 200),
  );
}
