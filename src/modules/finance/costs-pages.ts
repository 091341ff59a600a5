import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { longDate } from '../../platform/format/format.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { formErrors, formValues, type Form } from '../../platform/forms/forms.ts';
import { anyForm, formRoute } from '../../platform/forms/form-route.ts';
import { financialYearOf, financialYearText } from './costs.ts';
import { percentText, poundsText } from './costs-money.ts';
import { ACTIVITIES, CARE_KINDS, COSTED_ROLES, DIRECT_COST_CATEGORIES } from './costs-vocabulary.ts';
import { directCostFromForm, reinvestmentFromForm, settingFromForm, SETTING_KINDS, type SettingKind } from './costs-forms.ts';
import { authorityCell, linkHtml, moneyCell, moneyHead, numberCell, type T } from './costs-format.ts';
import { organisationNameText } from '../../platform/i18n/agency-text.ts';

const kindParams = z.object({ kind: z.enum(SETTING_KINDS) });
const prefill = z.object({
  role: z.string().optional(),
  year: z.string().optional(),
  activity: z.enum(ACTIVITIES).optional(),
  careKind: z.string().optional(),
});
/** Pence as the digits typed in a box ("646.00"), by integer arithmetic. */
const pounds = (pence: number) => poundsText(pence).replace(/[£,]/g, '');
/** An index in thousandths as typed ("133.300"). */
const indexText = (thousandths: number) => `${Math.trunc(thousandths / 1000)}.${String(thousandths % 1000).padStart(3, '0')}`;

/** The fields of each settings form, as data for one template. */
function settingFields(kind: SettingKind, values: Form, t: T, activity?: string) {
  const select = (name: string, options: readonly string[], label: (v: string) => string) => ({
    type: 'select',
    name,
    label: t(`finance-costs:settings.fields.${name}`),
    items: [{ value: '', text: t('finance-costs:settings.choose') }, ...options.map((v) => ({ value: v, text: label(v), selected: values[name] === v }))],
  });
  const input = (name: string, extra: Record<string, unknown> = {}) => ({
    type: 'input',
    name,
    label: t(`finance-costs:settings.fields.${name}`),
    value: values[name],
    ...extra,
  });
  const pound = { prefix: { text: '£' }, classes: 'govuk-input--width-10' };
  switch (kind) {
    case 'rate':
      return [
        select('role', COSTED_ROLES, (r) => t(`finance-costs:role.${r}`)),
        input('financialYear', { classes: 'govuk-input--width-4', hint: t('finance-costs:settings.hints.financialYear') }),
        input('pencePerHour', pound),
      ];
    case 'activity':
      return [
        { type: 'fixed', label: t('finance-costs:settings.fields.activity'), value: t(`finance-costs:activity.${activity}`) },
        input('defaultMinutes', { classes: 'govuk-input--width-4', suffix: { text: t('finance-costs:settings.minutes') } }),
        {
          type: 'checkboxes',
          name: 'roles',
          label: t('finance-costs:settings.fields.roles'),
          items: COSTED_ROLES.map((r) => ({
            value: r,
            text: t(`finance-costs:role.${r}`),
            checked: (Array.isArray(values.roles) ? values.roles : [values.roles]).includes(r),
          })),
        },
      ];
    case 'unit-cost':
      return [
        select('careKind', CARE_KINDS, (k) => t(`finance-costs:care.${k}`)),
        input('priceYear', { classes: 'govuk-input--width-4', hint: t('finance-costs:settings.hints.priceYear') }),
        input('weeklyPence', pound),
        input('source'),
      ];
    case 'price-index':
      return [
        input('financialYear', { classes: 'govuk-input--width-4' }),
        input('indexThousandths', { classes: 'govuk-input--width-10', hint: t('finance-costs:settings.hints.index') }),
      ];
    case 'return':
      return [
        input('discountBasisPoints', { classes: 'govuk-input--width-4', suffix: { text: '%' }, hint: t('finance-costs:settings.hints.discount') }),
        input('defaultRouteFeePence', { ...pound, hint: t('finance-costs:settings.hints.defaultFee') }),
      ];
  }
}

/** Rates, durations, unit costs, the index and the discount rate; direct costs; surplus reinvested. */
export function costsPageRoutes(services: Services) {
  const settings = services.financeCostSettings;

  /** The current values of one setting, for a form's first showing (version 0: not yet set). */
  async function current(call: Call, kind: SettingKind, query: z.infer<typeof prefill>): Promise<Form> {
    const found = await settings.settings(call.ctx);
    switch (kind) {
      case 'rate': {
        const row = found.rates.find((r) => r.role === query.role && String(r.financialYear) === query.year);
        return row
          ? { role: row.role, financialYear: String(row.financialYear), pencePerHour: pounds(row.pencePerHour), version: String(row.version) }
          : { role: query.role ?? '', financialYear: query.year ?? String(financialYearOf(settings.today())), version: '0' };
      }
      case 'activity': {
        const row = found.activities.find((a) => a.activity === query.activity)!;
        return { defaultMinutes: String(row.defaultMinutes), roles: [...row.roles], version: String(row.version) };
      }
      case 'unit-cost': {
        const row = found.unitCosts.find((u) => u.careKind === query.careKind && String(u.priceYear) === query.year && !u.isDefault);
        return row
          ? { careKind: row.careKind, priceYear: String(row.priceYear), weeklyPence: pounds(row.weeklyPence), source: row.source, version: String(row.version) }
          : { careKind: query.careKind ?? '', priceYear: query.year ?? '', version: '0' };
      }
      case 'price-index': {
        const row = found.priceIndex.find((p) => String(p.financialYear) === query.year && !p.isDefault);
        return row
          ? { financialYear: String(row.financialYear), indexThousandths: indexText(row.indexThousandths), version: String(row.version) }
          : { financialYear: query.year ?? '', version: '0' };
      }
      case 'return': {
        const r = found.returnSettings;
        return {
          discountBasisPoints: percentText(r.discountBasisPoints).replace('%', ''),
          defaultRouteFeePence: pounds(r.defaultRouteFeePence),
          version: String(r.version),
        };
      }
    }
  }

  async function settingForm(call: Call<{ kind: SettingKind }>, shown: Form | undefined, errors: FieldError[] = [], status?: number) {
    const kind = call.params.kind;
    const query = prefill.parse(call.query ?? {});
    const activity = query.activity ?? (typeof (call.body as Form | undefined)?.activity === 'string' ? ((call.body as Form).activity as string) : undefined);
    const values = shown ?? (await current(call, kind, { ...query, activity: activity as never }));
    return call.render(
      'finance/views/costs-setting-form.njk',
      {
        pageTitle: call.t(`finance-costs:settings.forms.${kind}`),
        action: `/finance/costs/settings/${kind}${activity ? `?activity=${activity}` : ''}`,
        activity,
        version: values.version ?? '0',
        fields: settingFields(kind, values, call.t, activity),
        ...formErrors(errors, call.t),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  async function registerPage(call: Call, which: 'direct-costs' | 'reinvestment', values: Form = {}, errors: FieldError[] = []) {
    const t = call.t;
    const found = await settings.settings(call.ctx);
    const laName = new Map(found.localAuthorities.map((la) => [la.id, la]));
    const rows =
      which === 'direct-costs'
        ? (await settings.pageDirectCosts(call.ctx, {}, { limit: 200 })).items.map((d) => [
            { text: longDate(d.incurredOn, call.language) },
            { text: t(`finance-costs:category.${d.category}`) },
            { text: d.description },
            authorityCell(
              d.localAuthorityId ? laName.get(d.localAuthorityId) : undefined,
              d.localAuthorityId ? '' : t('finance-costs:recovery.shared'),
              call.language,
            ),
            moneyCell(d.amountPence),
          ])
        : (await settings.pageReinvestments(call.ctx, { limit: 200 })).items.map((r) => [
            { text: longDate(r.reinvestedOn, call.language) },
            { text: r.purpose },
            moneyCell(r.amountPence),
          ]);
    return call.render(
      'finance/views/costs-register.njk',
      {
        pageTitle: t(`finance-costs:${which}.title`),
        which,
        values,
        categoryItems: [
          { value: '', text: t('finance-costs:settings.choose') },
          ...DIRECT_COST_CATEGORIES.map((c) => ({ value: c, text: t(`finance-costs:category.${c}`), selected: values.category === c })),
        ],
        authorityItems: [
          { value: '', text: t('finance-costs:direct-costs.noAuthority') },
          ...found.localAuthorities.map((la) => ({ value: la.id, text: organisationNameText(la, call.language), selected: values.localAuthorityId === la.id })),
        ],
        head:
          which === 'direct-costs'
            ? [
                { text: t('finance-costs:direct-costs.date') },
                { text: t('finance-costs:recovery.table.category') },
                { text: t('finance-costs:direct-costs.description') },
                { text: t('finance-costs:recovery.table.authority') },
                moneyHead(t('finance-costs:direct-costs.amount')),
              ]
            : [
                { text: t('finance-costs:reinvestment.date') },
                { text: t('finance-costs:reinvestment.purpose') },
                moneyHead(t('finance-costs:reinvestment.amount')),
              ],
        rows,
        ...formErrors(errors, t, { dateFields: ['incurredOn', 'reinvestedOn'] }),
      },
      errors.length ? 400 : 200,
    );
  }

  return [
    route({
      method: 'GET',
      url: '/finance/costs/settings',
      kind: 'page',
      action: 'financeCosts.view',
      summary:
        'What the work costs and the return assumes: hourly rates by role and year, activity durations, unit costs, the price index and the discount rate',
      handler: async (call) => {
        const t = call.t;
        const found = await settings.settings(call.ctx);
        const change = (href: string, label: string) => ({
          html: linkHtml(href, `${t('finance-costs:settings.change')}`, undefined) + `<span class="govuk-visually-hidden"> ${label}</span>`,
        });
        return call.render('finance/views/costs-settings.njk', {
          pageTitle: t('finance-costs:settings.title'),
          rateRows: COSTED_ROLES.map((role) => {
            const own = found.rates.filter((r) => r.role === role);
            return [
              { text: t(`finance-costs:role.${role}`) },
              {
                text: own.length
                  ? own.map((r) => `${financialYearText(r.financialYear)}: ${poundsText(r.pencePerHour)}`).join('; ')
                  : t('finance-costs:settings.startingRate'),
              },
              own.length
                ? change(`/finance/costs/settings/rate?role=${role}&year=${own.at(-1)!.financialYear}`, t(`finance-costs:role.${role}`))
                : { text: '' },
            ];
          }),
          activityRows: found.activities.map((a) => [
            { text: t(`finance-costs:activity.${a.activity}`) },
            numberCell(a.defaultMinutes),
            { text: a.roles.map((r) => t(`finance-costs:role.${r}`)).join(', ') },
            change(`/finance/costs/settings/activity?activity=${a.activity}`, t(`finance-costs:activity.${a.activity}`)),
          ]),
          unitRows: found.unitCosts.map((u) => [
            { text: t(`finance-costs:care.${u.careKind}`) },
            { text: financialYearText(u.priceYear) },
            moneyCell(u.weeklyPence),
            { text: u.isDefault ? `${u.source} (${t('finance-costs:settings.starting')})` : u.source },
          ]),
          indexRows: found.priceIndex.map((p) => [
            { text: financialYearText(p.financialYear) },
            { text: indexText(p.indexThousandths) + (p.isDefault ? ` (${t('finance-costs:settings.starting')})` : ''), format: 'numeric' },
          ]),
          discount: percentText(found.returnSettings.discountBasisPoints),
          defaultFee: poundsText(found.returnSettings.defaultRouteFeePence),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/finance/costs/settings/:kind',
      kind: 'page',
      action: 'financeCosts.configure',
      summary: 'Form: set an hourly rate, an activity’s duration, a unit cost, an index figure or the discount rate',
      params: kindParams,
      query: prefill,
      handler: async (call) => settingForm(call as never, undefined),
    }),
    formRoute({
      url: '/finance/costs/settings/:kind',
      action: 'financeCosts.configure',
      summary: 'Set an hourly rate, an activity’s duration, a unit cost, an index figure or the discount rate (stale versions refused)',
      params: kindParams,
      firstVersion: 0,
      parse: (form, _loaded, call) => settingFromForm(call.params.kind, form, prefill.parse(call.query ?? {}).activity),
      save: async (call, parsed, version) => {
        switch (parsed.kind) {
          case 'rate':
            return settings.setHourlyRate(call.ctx, parsed.input, version);
          case 'activity':
            return settings.setActivity(call.ctx, parsed.input, version);
          case 'unit-cost':
            return settings.setUnitCost(call.ctx, parsed.input, version);
          case 'price-index':
            return settings.setPriceIndex(call.ctx, parsed.input, version);
          case 'return':
            return settings.setReturnSettings(call.ctx, parsed.input, version);
        }
      },
      view: (call, shown, errors, status) => settingForm(call as never, shown, errors, status),
      done: () => ({ to: '/finance/costs/settings', flash: 'finance-costs:settings.saved' }),
    }),
    ...(['direct-costs', 'reinvestment'] as const).flatMap((which) => [
      route({
        method: 'GET',
        url: `/finance/costs/${which}`,
        kind: 'page',
        action: 'financeCosts.view',
        summary:
          which === 'direct-costs' ? 'Direct costs entered by hand, and the form to add one' : 'The register of surplus reinvested, and the form to add to it',
        handler: async (call) => registerPage(call, which),
      }),
      route({
        method: 'POST',
        url: `/finance/costs/${which}`,
        kind: 'page',
        action: 'financeCosts.record',
        summary: which === 'direct-costs' ? 'Record a direct cost' : 'Record surplus reinvested',
        body: anyForm,
        onInvalid: (call, errors) => registerPage(call, which, formValues((call.request.body ?? {}) as Form), errors),
        handler: async (call) => {
          if (which === 'direct-costs') await settings.recordDirectCost(call.ctx, directCostFromForm(call.body));
          else await settings.recordReinvestment(call.ctx, reinvestmentFromForm(call.body));
          return call.redirect(`/finance/costs/${which}`, call.t(`finance-costs:${which}.saved`));
        },
      }),
    ]),
  ];
}
