import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { formErrors, text, type Form } from '../../platform/forms/forms.ts';
import { formRoute } from '../../platform/forms/form-route.ts';
import { longDate } from '../../platform/format/format.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import { settingFormVersion } from '../../platform/settings/setting-form.ts';
import { PERIOD_FIELDS, retentionPeriodsFromForm, type RetentionPeriods } from './periods.ts';

/** The periods in whole years, as the page's boxes show them. */
const asYears = (periods: RetentionPeriods): Record<string, string> =>
  Object.fromEntries(Object.entries(PERIOD_FIELDS).map(([field, key]) => [field, String(Math.round(periods[key] / 12))]));

/** The agency's retention periods (/admin/retention/settings): its service manager's and administrator's. */
export function retentionSettingsRoutes(services: Services) {
  const settings = services.retentionSettings;

  async function page(call: Call, values?: Form, errors: FieldError[] = [], status?: number) {
    const t = call.t;
    const now = await settings.current(call.ctx);
    const shown = values ?? { ...asYears(now.periods), changeReason: '' };
    const defaults = asYears(now.defaults);
    return call.render(
      'retention/views/settings.njk',
      {
        pageTitle: t('retention:settings.title'),
        values: shown,
        version: values ? text(values, 'version') || now.version : now.version,
        fields: Object.keys(PERIOD_FIELDS).map((name) => ({
          name,
          label: t(`retention:settings.fields.${name}`),
          hint: t(`retention:settings.hints.${name}`, { period: t('retention:years', { count: Number(defaults[name]) }) }),
        })),
        current:
          now.version > 0
            ? t('retention:settings.current', { version: now.version, date: longDate(dateInWales(now.changedAt!), call.language), reason: now.changeReason })
            : t('retention:settings.none'),
        historyRows: now.history.map((h) => [
          { text: String(h.version) },
          { text: longDate(dateInWales(h.changedAt), call.language) },
          { text: h.changedByName ?? '' },
          { text: h.changeReason },
        ]),
        ...formErrors(errors, t),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  return [
    route({
      method: 'GET',
      url: '/admin/retention/settings',
      kind: 'page',
      action: 'retention.configure',
      summary: 'The agency’s own retention periods: enquiries, unsuccessful applications, leavers (versioned, audited)',
      handler: async (call) => page(call),
    }),
    formRoute({
      url: '/admin/retention/settings',
      action: 'retention.configure',
      summary: 'Change the agency’s retention periods (a reason is required; a stale version is refused)',
      params: z.object({}),
      readVersion: settingFormVersion,
      stale: [{ field: 'version', key: 'retention:errors.settings.stale' }],
      parse: (form) => retentionPeriodsFromForm(form),
      save: (call, input, version) => settings.change(call.ctx, input, text(call.body, 'changeReason'), version),
      view: (call, shown, errors, status) => page(call, shown, errors, status),
      done: () => ({ to: '/admin/retention/settings', flash: 'retention:settings.saved' }),
    }),
  ];
}
