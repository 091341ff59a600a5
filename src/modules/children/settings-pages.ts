import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { setEtag } from '../../platform/http/versioning.ts';
import { formErrors, text } from '../../platform/forms/forms.ts';
import { longDate, monthsText } from './page-helpers.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import {
  aceCategoryCode,
  aceCategoryInput,
  aceCategoryNames,
  formFieldOf,
  ROUNDINGS,
  settingsFromForm,
  settingsToForm,
  type SettingsFormField,
} from './settings.ts';
import { settingsOut, settingsSaved } from './responses.ts';
import { settingFormVersion } from '../../platform/settings/setting-form.ts';
import { anyForm, formRoute } from '../../platform/forms/form-route.ts';

const codeParams = z.object({ code: aceCategoryCode });
/** A page whose address names no record. */
const noParams = z.object({});

/**
 * The agency's settings for children who wait (/children/settings) and its extended ACE categories
 * (/children/settings/ace-categories), with the settings' JSON API. Both are the service manager's;
 * the categories also the agency's administrator.
 */
export function childrenSettingsRoutes(services: Services) {
  const settings = services.childrenSettings;
  const raw = (call: Call) => (call.request.body ?? {}) as Record<string, unknown>;

  async function settingsPage(call: Call, values?: Record<string, unknown>, errors: FieldError[] = [], status?: number) {
    const t = call.t;
    const now = await settings.current(call.ctx);
    const shown: Record<string, unknown> = values ?? { ...settingsToForm(now.settings), changeReason: '' };
    const number = (name: SettingsFormField, suffix?: string, hint?: string) => ({
      name,
      label: t(`children:settings.fields.${name}`),
      hint: hint ?? t(`children:settings.hints.${name}`),
      suffix: suffix ? t(suffix) : undefined,
      value: shown[name],
    });
    const defaults = settingsToForm(now.defaults);
    return call.render(
      'children/views/settings.njk',
      {
        pageTitle: t('children:settings.title'),
        version: values ? text(values, 'version') || now.version : now.version,
        values: shown,
        savedVersion: now.version,
        changedAt: now.changedAt ? longDate(dateInWales(now.changedAt), call.language) : null,
        changeReason: now.changeReason,
        priority: [number('minimumAgeYears', 'children:settings.units.years'), number('waitingMonths', 'children:settings.units.months')],
        clocks: [number('warningMonths', 'children:settings.units.months'), number('urgentMonths', 'children:settings.units.months')],
        comparatorMean: number('comparatorMean'),
        minimumCount: number('minimumCount'),
        roundingItems: ROUNDINGS.map((r) => ({
          value: String(r),
          text: t(`children:settings.rounding.${r}`),
          checked: String(shown.roundTotalsTo) === String(r),
        })),
        defaultsText: t('children:settings.defaults', {
          age: defaults.minimumAgeYears,
          waiting: monthsText(t, now.defaults.priority.waitingMonthsSincePlacementOrder),
          warning: monthsText(t, now.defaults.clocks.warningMonths),
          urgent: monthsText(t, now.defaults.clocks.urgentMonths),
          mean: defaults.comparatorMean,
          minimum: defaults.minimumCount,
        }),
        historyRows: now.history.map((h) => [
          { text: String(h.version) },
          { text: longDate(dateInWales(h.changedAt), call.language) },
          { text: h.changedByName ?? '' },
          { text: h.changeReason },
        ]),
        ...formErrors(
          errors.map((e) => ({ ...e, field: formFieldOf(e.field) })),
          t,
        ),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  async function categoriesPage(call: Call, values: Record<string, unknown> = {}, errors: FieldError[] = []) {
    const t = call.t;
    const { standard, extended } = await settings.listAceCategories(call.ctx);
    return call.render(
      'children/views/ace-categories.njk',
      {
        pageTitle: t('children:aceCategories.title'),
        values,
        standardRows: standard.map((code) => [{ text: code, classes: 'app-break' }, { text: t(`children:vocabulary.ace.${code}`) }]),
        extended: extended.map((c) => ({
          code: c.code,
          name: call.language === 'cy' ? c.nameCy : c.nameEn,
          description: call.language === 'cy' ? c.descriptionCy : c.description,
          active: c.active,
          version: c.version,
          statusText: t(c.active ? 'children:aceCategories.status.active' : 'children:aceCategories.status.retired'),
          changeText: t(c.active ? 'children:aceCategories.change' : 'children:aceCategories.changeRetired'),
        })),
        ...formErrors(errors, t),
      },
      errors.length ? 400 : 200,
    );
  }

  async function categoryPage(call: Call, code: string, values?: Record<string, unknown>, errors: FieldError[] = [], status?: number) {
    const category = await settings.getAceCategory(call.ctx, code);
    const shown = values ?? {
      nameEn: category.nameEn,
      nameCy: category.nameCy,
      description: category.description ?? '',
      descriptionCy: category.descriptionCy ?? '',
      version: String(category.version),
    };
    return call.render(
      'children/views/ace-category.njk',
      {
        pageTitle: call.t('children:aceCategories.edit.title', { name: call.language === 'cy' ? category.nameCy : category.nameEn }),
        category,
        values: shown,
        version: shown.version,
        ...formErrors(errors, call.t),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  return [
    route({
      method: 'GET',
      url: '/children/settings',
      kind: 'page',
      action: 'children.configure',
      summary: 'The agency’s settings for children who wait (versioned, audited)',
      handler: async (call) => settingsPage(call),
    }),
    formRoute({
      url: '/children/settings',
      action: 'children.configure',
      summary: 'Change the agency’s settings for children who wait (a reason is required)',
      params: noParams,
      readVersion: settingFormVersion,
      // Someone saved first: show what is saved now, and say the change was not made.
      stale: [{ field: 'version', key: 'children:errors.settings.stale' }],
      parse: (form) => settingsFromForm(form),
      save: (call, input, version) => settings.change(call.ctx, input, text(call.body, 'changeReason'), version),
      view: (call, shown, errors, status) => settingsPage(call, shown, errors, status),
      done: () => ({ to: '/children/settings', flash: 'children:settings.saved' }),
    }),
    route({
      method: 'GET',
      url: '/api/v1/children/settings',
      kind: 'api',
      action: 'children.configure',
      summary: 'The agency’s settings for children who wait (ETag carries the version; 0 = defaults)',
      response: settingsOut,
      handler: async (call) => {
        const now = await settings.current(call.ctx);
        setEtag(call.reply, now.version);
        return { settings: now.settings, version: now.version, changedAt: now.changedAt, changeReason: now.changeReason };
      },
    }),
    route({
      method: 'PUT',
      url: '/api/v1/children/settings',
      kind: 'api',
      action: 'children.configure',
      summary: 'Replace the settings for children who wait (If-Match required; a reason is required; audited)',
      body: z.object({ settings: z.unknown(), changeReason: z.string().max(1000).optional(), version: z.number().int().min(0).optional() }),
      response: settingsSaved,
      versioned: {},
      handler: async (call, version) => settings.change(call.ctx, call.body.settings, call.body.changeReason ?? null, version),
    }),
    route({
      method: 'GET',
      url: '/children/settings/ace-categories',
      kind: 'page',
      action: 'aceCategories.manage',
      summary: 'ACE categories: the standard ten and the agency’s extended ones',
      handler: async (call) => categoriesPage(call),
    }),
    route({
      method: 'POST',
      url: '/children/settings/ace-categories',
      kind: 'page',
      action: 'aceCategories.manage',
      summary: 'Add an extended ACE category (audited)',
      body: anyForm,
      onInvalid: (call, errors) => categoriesPage(call, raw(call), errors),
      handler: async (call) => {
        const result = aceCategoryInput.safeParse({
          code: text(call.body, 'code'),
          nameEn: text(call.body, 'nameEn'),
          nameCy: text(call.body, 'nameCy'),
          description: text(call.body, 'description'),
          descriptionCy: text(call.body, 'descriptionCy'),
        });
        if (!result.success) throw new ValidationError(toFieldErrors(result.error));
        const added = await settings.addAceCategory(call.ctx, result.data);
        return call.redirect(
          '/children/settings/ace-categories',
          call.t('children:aceCategories.added', { name: call.language === 'cy' ? added.nameCy : added.nameEn }),
        );
      },
    }),
    route({
      method: 'GET',
      url: '/children/settings/ace-categories/:code',
      kind: 'page',
      action: 'aceCategories.manage',
      summary: 'Rename or retire an extended ACE category',
      params: codeParams,
      handler: async (call) => categoryPage(call, call.params.code),
    }),
    formRoute({
      url: '/children/settings/ace-categories/:code',
      action: 'aceCategories.manage',
      summary: 'Rename an extended ACE category (audited)',
      params: codeParams,
      parse: (form) => {
        const result = aceCategoryNames.safeParse({
          nameEn: text(form, 'nameEn'),
          nameCy: text(form, 'nameCy'),
          description: text(form, 'description'),
          descriptionCy: text(form, 'descriptionCy'),
        });
        if (!result.success) throw new ValidationError(toFieldErrors(result.error));
        return result.data;
      },
      save: (call, names, version) => settings.renameAceCategory(call.ctx, call.params.code, names, version),
      view: (call, shown, errors, status) => categoryPage(call, call.params.code, shown, errors, status),
      done: () => ({ to: '/children/settings/ace-categories', flash: 'children:aceCategories.renamed' }),
    }),
    // Retiring and reinstating differ only in their words: one form, one version, one audited change each.
    ...(
      [
        {
          verb: 'retire',
          summary: 'Retire an extended ACE category: no longer offered, kept where recorded (audited)',
          change: settings.retireAceCategory,
          doneKey: 'children:aceCategories.retiredMessage',
        },
        {
          verb: 'reinstate',
          summary: 'Reinstate a retired extended ACE category: offered again for new records (audited)',
          change: settings.reinstateAceCategory,
          doneKey: 'children:aceCategories.reinstatedMessage',
        },
      ] as const
    ).map(({ verb, summary, change, doneKey }) =>
      formRoute({
        url: `/children/settings/ace-categories/:code/${verb}`,
        formPage: '/children/settings/ace-categories/:code',
        action: 'aceCategories.manage',
        summary,
        params: codeParams,
        parse: () => undefined,
        save: (call, _nothing, version) => change(call.ctx, call.params.code, version),
        // The button's form has nothing typed: any error shows the category as it is now.
        view: (call, _shown, errors, status) => categoryPage(call, call.params.code, undefined, errors, status),
        done: () => ({ to: '/children/settings/ace-categories', flash: doneKey }),
      }),
    ),
  ];
}
