import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { longDate } from '../../platform/format/format.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { choices, formErrors, withDateFields, type Form } from '../../platform/forms/forms.ts';
import { formRoute, idParams, unversioned } from '../../platform/forms/form-route.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { agreementFromForm, rateFromForm, rateToForm, termsFromForm, termsToForm, TERMS_DATE_FIELDS, TERMS_FIELD_NAMES } from './agreements-forms.ts';
import { poundsText } from './costs-money.ts';
import { AGREEMENT_PARTIES, FEE_TRIGGERS, VAT_STATUSES } from './schema.ts';
import { organisationNameText } from '../../platform/i18n/agency-text.ts';

const noParams = z.object({});
const errorOptions = { ...withDateFields(TERMS_DATE_FIELDS), fieldNames: TERMS_FIELD_NAMES };

/**
 * Pages that change money-in's terms: a new agreement, new terms of an agreement from a date (a
 * new version with its reason; the old one keeps pricing what happened under it), and the
 * inter-agency fee table. The finance officer and the service manager only (agreements.edit,
 * feeRates.edit). Each save is a version-checked form: a stale one shows the record as it is now (409).
 */
export function agreementEditPageRoutes(services: Services) {
  const billing = services.billing;

  /** The boxes of the terms: one row per step of the fee schedule, the uplift, cap, terms, signatories. */
  function termsModel(call: Call, values: Form) {
    const t = call.t;
    return {
      feeRows: FEE_TRIGGERS.map((trigger) => ({
        trigger,
        step: t(`billing:triggers.${trigger}`),
        amount: values[`fee-${trigger}-amount`] ?? '',
        sibling: values[`fee-${trigger}-sibling`] ?? '',
        vatItems: choices(VAT_STATUSES, 'billing:vat', t, values[`fee-${trigger}-vat`] ?? 'exempt'),
      })),
      upliftKind: (values.upliftKind as string | undefined) ?? 'none',
    };
  }

  async function agreementForm(call: Call, shown: Form | undefined, errors: FieldError[], status: number) {
    const values = shown ?? { party: 'local_authority', language: 'en', paymentTermsDays: '30', upliftKind: 'none' };
    const authorities = await billing.authorityChoices(call.ctx);
    const chosen = Array.isArray(values.authorityIds) ? values.authorityIds : values.authorityIds ? [values.authorityIds] : [];
    return call.render(
      'finance/views/agreement-form.njk',
      {
        pageTitle: call.t('billing:agreementForm.newTitle'),
        mode: 'new',
        action: '/finance/agreements/new',
        back: '/finance/agreements',
        version: '0',
        values,
        partyItems: choices(AGREEMENT_PARTIES, 'billing:parties', call.t, values.party),
        languageItems: choices(['en', 'cy'], 'languages', call.t, values.language),
        authorityItems: authorities.map((a) => ({ value: a.id, text: organisationNameText(a, call.language), checked: chosen.includes(a.id) })),
        ...termsModel(call, values),
        ...formErrors(errors, call.t, errorOptions),
      },
      status,
    );
  }

  async function versionForm(call: Call<{ id: string }>, shown: Form | undefined, errors: FieldError[], status: number) {
    const { agreement, versions } = await billing.getAgreement(call.ctx, call.params.id);
    const latest = versions.at(-1)!;
    const values = shown ?? { ...termsToForm(latest), upliftKind: latest.uplift.kind };
    return call.render(
      'finance/views/agreement-form.njk',
      {
        pageTitle: call.t('billing:agreementForm.versionTitle', { name: agreement.name }),
        mode: 'version',
        action: `/finance/agreements/${agreement.id}/versions/new`,
        back: `/finance/agreements/${agreement.id}`,
        // The agreement's version as it is now on a first showing or after a conflict; what was posted otherwise.
        version: shown?.version ?? String(agreement.version),
        latest: call.t('billing:agreementForm.latest', { number: latest.versionNumber, from: longDate(latest.effectiveFrom, call.language) }),
        values,
        ...termsModel(call, values),
        ...formErrors(errors, call.t, errorOptions),
      },
      status,
    );
  }

  async function rateForm(call: Call, id: string | undefined, shown: Form | undefined, errors: FieldError[], status: number) {
    const values = shown ?? (id ? rateToForm(await billing.getRate(call.ctx, id)) : { version: '0' });
    return call.render(
      'finance/views/fee-rate-form.njk',
      {
        pageTitle: call.t(id ? 'billing:rates.editTitle' : 'billing:rates.newTitle'),
        action: id ? `/finance/fee-rates/${id}/edit` : '/finance/fee-rates/new',
        version: shown?.version ?? values.version ?? '0',
        values,
        ...formErrors(errors, call.t, { ...withDateFields(['effectiveFrom']), fieldNames: TERMS_FIELD_NAMES }),
      },
      status,
    );
  }

  /** The agency's choice about a disrupted placement's fees: radios, the settings' version in a hidden field. */
  async function disruptionForm(call: Call, shown: Form | undefined, errors: FieldError[], status: number) {
    const settings = await billing.billingSettings(call.ctx);
    const values = shown ?? { reversePlacementFees: settings.reversePlacementFeesOnDisruption ? 'yes' : 'no' };
    return call.render(
      'finance/views/disruption-fees-form.njk',
      {
        pageTitle: call.t('billing:disruption.title'),
        version: shown?.version ?? String(settings.version),
        values,
        ...formErrors(errors, call.t),
      },
      status,
    );
  }

  return [
    route({
      method: 'GET',
      url: '/finance/agreements/disruption-fees',
      kind: 'page',
      action: 'billingSettings.edit',
      summary: 'Form: whether a disrupted placement takes back its placement fees (the agency’s choice)',
      handler: (call) => disruptionForm(call, undefined, [], 200),
    }),
    formRoute({
      url: '/finance/agreements/disruption-fees',
      action: 'billingSettings.edit',
      summary: 'Choose whether a disrupted placement takes back its placement fees (version-checked, audited)',
      params: noParams,
      firstVersion: 0,
      parse: (form) => {
        const choice = form.reversePlacementFees;
        if (choice !== 'yes' && choice !== 'no') throw new ValidationError([{ field: 'reversePlacementFees', key: 'billing:errors.disruption.required' }]);
        return { reversePlacementFeesOnDisruption: choice === 'yes' };
      },
      save: (call, value, version) => billing.saveBillingSettings(call.ctx, value, version),
      view: (call, shown, errors, status) => disruptionForm(call, shown, errors, status),
      done: () => ({ to: '/finance/agreements', flash: 'billing:disruption.saved' }),
    }),
    route({
      method: 'GET',
      url: '/finance/agreements/new',
      kind: 'page',
      action: 'agreements.edit',
      summary: 'Form: a new service-level agreement with its first terms',
      handler: (call) => agreementForm(call, undefined, [], 200),
    }),
    formRoute({
      url: '/finance/agreements/new',
      action: 'agreements.edit',
      summary: 'Make a new service-level agreement (audited)',
      params: noParams,
      readVersion: unversioned,
      parse: (form) => agreementFromForm(form),
      save: (call, value) => billing.createAgreement(call.ctx, value),
      view: (call, shown, errors, status) => agreementForm(call, shown, errors, status),
      done: (_call, { saved }) => ({ to: `/finance/agreements/${saved.agreement.id}`, flash: 'billing:agreementForm.created' }),
    }),
    route({
      method: 'GET',
      url: '/finance/agreements/:id/versions/new',
      kind: 'page',
      action: 'agreements.edit',
      summary: 'Form: new terms of an agreement from a date, starting from the latest terms',
      params: idParams,
      handler: (call) => versionForm(call, undefined, [], 200),
    }),
    formRoute({
      url: '/finance/agreements/:id/versions/new',
      action: 'agreements.edit',
      summary: 'New terms from a date with the reason (a new version; the old one still prices what happened under it)',
      parse: (form) => termsFromForm(form, { reasonRequired: true }),
      save: (call, terms, version) => billing.addVersion(call.ctx, call.params.id, terms, version),
      view: (call, shown, errors, status) => versionForm(call, shown, errors, status),
      done: (call, { saved }) => ({
        to: `/finance/agreements/${call.params.id}`,
        flash: 'billing:agreementForm.versionSaved',
        flashParams: { number: saved.version.versionNumber },
      }),
    }),
    route({
      method: 'GET',
      url: '/finance/fee-rates',
      kind: 'page',
      action: 'feeRates.view',
      summary: 'The inter-agency fee table by date (first child and sibling rates)',
      handler: async (call) => {
        const rates = await billing.listRates(call.ctx);
        return call.render('finance/views/fee-rates.njk', {
          pageTitle: call.t('billing:rates.title'),
          rates: rates.map((r) => ({
            id: r.id,
            from: longDate(r.effectiveFrom, call.language),
            firstChild: poundsText(r.firstChildPence),
            sibling: poundsText(r.siblingPence),
            description: r.description,
          })),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/finance/fee-rates/new',
      kind: 'page',
      action: 'feeRates.edit',
      summary: 'Form: a new row of the inter-agency fee table (next April’s rate)',
      handler: (call) => rateForm(call, undefined, undefined, [], 200),
    }),
    formRoute({
      url: '/finance/fee-rates/new',
      action: 'feeRates.edit',
      summary: 'Add a row of the inter-agency fee table (audited)',
      params: noParams,
      readVersion: unversioned,
      parse: (form) => rateFromForm(form),
      save: (call, value) => billing.addRate(call.ctx, value),
      view: (call, shown, errors, status) => rateForm(call, undefined, shown, errors, status),
      done: () => ({ to: '/finance/fee-rates', flash: 'billing:rates.saved' }),
    }),
    route({
      method: 'GET',
      url: '/finance/fee-rates/:id/edit',
      kind: 'page',
      action: 'feeRates.edit',
      summary: 'Form: change a row of the inter-agency fee table',
      params: idParams,
      handler: (call) => rateForm(call, call.params.id, undefined, [], 200),
    }),
    formRoute({
      url: '/finance/fee-rates/:id/edit',
      action: 'feeRates.edit',
      summary: 'Change a row of the inter-agency fee table (version-checked, audited)',
      parse: (form) => rateFromForm(form),
      save: (call, value, version) => billing.editRate(call.ctx, call.params.id, value, version),
      view: (call, shown, errors, status) => rateForm(call, call.params.id, shown, errors, status),
      done: () => ({ to: '/finance/fee-rates', flash: 'billing:rates.saved' }),
    }),
  ];
}
