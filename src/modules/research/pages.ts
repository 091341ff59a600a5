import { attachmentDisposition } from '../../platform/http/download.ts';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { DomainError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { can } from '../../platform/policy/policy.ts';
import { dateParts, formErrors, list, type Form } from '../../platform/forms/forms.ts';
import { anyForm, formRoute, idParams } from '../../platform/forms/form-route.ts';
import { escapeHtml, longDate } from '../../platform/format/format.ts';
import { organisationNameHtml } from '../../platform/i18n/agency-text.ts';
import { agreementFromForm, agreementToForm, amendmentFromForm, fieldText, renderAgreementForm } from './agreement-form.ts';
import type { Agreement } from './service.ts';

/** Agreements list, the new agreement form, an agreement's page with its extracts, and the download. */
export function researchPageRoutes(services: Services) {
  const research = services.research;

  async function formPage(call: Call, values: Form = {}, errors: FieldError[] = []) {
    return renderAgreementForm(call, { kind: 'new', partners: await research.partners(call.ctx) }, values, errors);
  }

  /** The amendment form: the agreement as it is now (first showing, or after someone else saved), or what was typed. */
  async function amendPage(call: Call<{ id: string }>, shown: Form | undefined, errors: FieldError[] = [], status?: number) {
    const { agreement } = await research.getAgreement(call.ctx, call.params.id);
    return renderAgreementForm(call, { kind: 'amend', agreement }, shown ?? agreementToForm(agreement), errors, status);
  }

  async function agreementPage(call: Call, id: string, errors: FieldError[] = [], status?: number) {
    const t = call.t;
    const language = call.language;
    const { agreement, versions, extracts, standing } = await research.getAgreement(call.ctx, id);
    const mayExtract = can(call.actor, 'researchExtracts.create') && standing === 'active';
    const mayAmend = can(call.actor, 'researchAgreements.amend', { type: 'research_agreement', organisationId: agreement.organisationId });
    return call.render(
      'research/views/agreement.njk',
      {
        pageTitle: agreement.title,
        agreementId: id,
        standing,
        standingText: t(`research:vocabulary.standing.${standing}`, {
          start: longDate(agreement.startDate, language),
          end: longDate(agreement.endDate, language),
        }),
        details: details(agreement, call),
        fields: agreement.fields.map((name) => ({ name, text: fieldText(name, language) })),
        versionRows: versions.map((v) => [{ text: String(v.version), format: 'numeric' }, { text: longDate(v.changedAt.toISOString(), language) }]),
        mayExtract,
        mayAmend,
        extractItems: agreement.fields.map((name) => ({ value: name, text: fieldText(name, language), checked: true })),
        extractRows: extracts.map((e) => [
          { text: longDate(e.asOf, language) },
          // An amendment does not change what an extract was made under: it names its version.
          { text: String(e.agreementVersion), format: 'numeric', attributes: { 'data-testid': 'extract-version' } },
          { text: String(e.children), format: 'numeric' },
          // Breaks allowed every 16 characters, so 64 hexadecimal digits wrap inside the table.
          {
            html: `<code class="govuk-!-font-size-14" data-testid="extract-checksum">${(e.sha256.match(/.{1,16}/g) ?? []).map(escapeHtml).join('<wbr>')}</code>`,
          },
          {
            html:
              standing === 'ended'
                ? escapeHtml(t('research:agreement.extracts.closed'))
                : `<a class="govuk-link" href="/research/extracts/${e.id}/download" data-testid="download-extract">${escapeHtml(t('research:agreement.extracts.download'))}<span class="govuk-visually-hidden"> ${escapeHtml(longDate(e.asOf, language))}</span></a>`,
          },
        ]),
        showExtracts: can(call.actor, 'researchExtracts.download'),
        ...formErrors(errors, t, { anchors: { fields: 'fields' } }),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  return [
    route({
      method: 'GET',
      url: '/research',
      kind: 'page',
      action: 'researchAgreements.view',
      summary: 'Data-sharing agreements with research partners',
      handler: async (call) => {
        const { items } = await research.pageAgreements(call.ctx, { limit: 200 });
        return call.render('research/views/agreements.njk', {
          pageTitle: call.t('research:list.title'),
          canCreate: can(call.actor, 'researchAgreements.create'),
          rows: items.map((a: Agreement) => [
            { html: `<a class="govuk-link" href="/research/agreements/${a.id}" data-testid="agreement-link">${escapeHtml(a.title)}</a>` },
            { html: organisationNameHtml({ name: a.partnerName, nameCy: a.partnerNameCy }, call.language) },
            { text: `${longDate(a.startDate, call.language)} – ${longDate(a.endDate, call.language)}` },
            { text: String(a.fields.length), format: 'numeric' },
          ]),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/research/agreements/new',
      kind: 'page',
      action: 'researchAgreements.create',
      summary: 'Form: a new data-sharing agreement',
      handler: async (call) => formPage(call, { ...dateParts('signedOn', research.today()), ...dateParts('startDate', research.today()) }),
    }),
    route({
      method: 'POST',
      url: '/research/agreements/new',
      kind: 'page',
      action: 'researchAgreements.create',
      summary: 'Make a data-sharing agreement',
      body: anyForm,
      onInvalid: (call, errors) => formPage(call, (call.request.body ?? {}) as Form, errors),
      handler: async (call) => {
        const parsed = agreementFromForm(call.body);
        if ('errors' in parsed) throw new ValidationError(parsed.errors);
        const created = await research.createAgreement(call.ctx, parsed.input);
        return call.redirect(`/research/agreements/${created.id}`, call.t('research:form.created'));
      },
    }),
    route({
      method: 'GET',
      url: '/research/agreements/:id',
      kind: 'page',
      action: 'researchAgreements.view',
      summary: 'A data-sharing agreement: its terms, versions and extracts',
      params: idParams,
      handler: async (call) => agreementPage(call, call.params.id),
    }),
    route({
      method: 'GET',
      url: '/research/agreements/:id/amend',
      kind: 'page',
      action: 'researchAgreements.amend',
      summary: 'Form: amend a data-sharing agreement (a new version of its terms)',
      params: idParams,
      handler: async (call) => amendPage(call, undefined),
    }),
    formRoute({
      url: '/research/agreements/:id/amend',
      action: 'researchAgreements.amend',
      summary: 'Amend a data-sharing agreement: saved as its next version on the version read (a stale form answers 409)',
      parse: (form) => amendmentFromForm(form),
      save: (call, terms, version) => research.amendAgreement(call.ctx, call.params.id, terms, version),
      view: (call, shown, errors, status) => amendPage(call, shown, errors, status),
      done: (call, { saved }) => ({ to: `/research/agreements/${call.params.id}`, flash: 'research:amend.saved', flashParams: { version: saved.version } }),
    }),
    route({
      method: 'POST',
      url: '/research/agreements/:id/extracts',
      formPage: '/research/agreements/:id',
      kind: 'page',
      action: 'researchExtracts.create',
      summary: 'Make a pseudonymised extract under the agreement',
      params: idParams,
      body: anyForm,
      handler: async (call) => {
        try {
          await research.createExtract(call.ctx, call.params.id, { fields: list(call.body, 'fields') });
        } catch (error) {
          if (error instanceof ValidationError) return agreementPage(call, call.params.id, error.fieldErrors);
          if (error instanceof DomainError && error.key.startsWith('research:errors.extract.'))
            return agreementPage(call, call.params.id, [{ field: 'fields', key: error.key, params: error.params }], error.status);
          throw error;
        }
        return call.redirect(`/research/agreements/${call.params.id}`, call.t('research:agreement.extracts.made'));
      },
    }),
    route({
      method: 'GET',
      url: '/research/extracts/:id/download',
      kind: 'page',
      action: 'researchExtracts.download',
      summary: 'Download an extract’s zip',
      params: idParams,
      handler: async (call) => {
        const { extract, stream } = await research.openDownload(call.ctx, call.params.id);
        return call.reply
          .type('application/zip')
          .header('content-length', String(extract.bytes))
          .header('cache-control', 'no-store')
          .header('content-disposition', attachmentDisposition(`${call.t('fileNames.researchExtract')}-${extract.asOf}-${extract.id.slice(0, 8)}.zip`))
          .send(stream);
      },
    }),
  ];
}

function details(agreement: Agreement, call: Call) {
  const t = call.t;
  const row = (key: string, value: string, testid?: string) => ({
    key: { text: t(`research:agreement.details.${key}`) },
    value: testid ? { html: `<span data-testid="${testid}">${escapeHtml(value)}</span>` } : { text: value },
  });
  const partner = organisationNameHtml({ name: agreement.partnerName, nameCy: agreement.partnerNameCy }, call.language);
  return [
    { key: { text: t('research:agreement.details.partner') }, value: { html: `<span data-testid="agreement-partner">${partner}</span>` } },
    row('purpose', agreement.purpose),
    row('lawfulBasis', t(`research:vocabulary.lawfulBasis.${agreement.lawfulBasis}`)),
    row('dates', `${longDate(agreement.startDate, call.language)} – ${longDate(agreement.endDate, call.language)}`),
    row(
      'signed',
      t('research:agreement.details.signedBy', {
        name: agreement.signedByName,
        role: agreement.signedByRole,
        date: longDate(agreement.signedOn, call.language),
      }),
    ),
    row('version', String(agreement.version)),
  ];
}
