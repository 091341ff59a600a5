import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { setEtag } from '../../platform/http/versioning.ts';
import { isoTime } from '../../platform/http/responses.ts';
import { formErrors, text, type Form } from '../../platform/forms/forms.ts';
import { formRoute } from '../../platform/forms/form-route.ts';
import { longDate } from '../../platform/format/format.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import { settingFormVersion } from '../../platform/settings/setting-form.ts';
import { trainingSettingsFromForm, trainingSettingsSchema } from './settings.ts';

const settingsOut = z.object({
  settings: trainingSettingsSchema,
  version: z.number().int(),
  changedAt: isoTime().nullable(),
  changeReason: z.string().nullable(),
});
const settingsSaved = z.object({ settings: trainingSettingsSchema, version: z.number().int() });

/** The agency's training settings (/training/settings) and their JSON API: the service manager's and the administrator's. */
export function trainingSettingsRoutes(services: Services) {
  const settings = services.trainingSettings;

  async function page(call: Call, values?: Form, errors: FieldError[] = [], status?: number) {
    const t = call.t;
    const now = await settings.current(call.ctx);
    const shown = values ?? { reminderDays: String(now.settings.reminderDays), changeReason: '' };
    return call.render(
      'training/views/settings.njk',
      {
        pageTitle: t('training:settings.title'),
        values: shown,
        version: values ? text(values, 'version') || now.version : now.version,
        current:
          now.version > 0
            ? t('training:settings.current', { version: now.version, date: longDate(dateInWales(now.changedAt!), call.language), reason: now.changeReason })
            : t('training:settings.none', { period: t('training:settings.period', { count: now.defaults.reminderDays }) }),
        ...formErrors(errors, t),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  return [
    route({
      method: 'GET',
      url: '/training/settings',
      kind: 'page',
      action: 'training.configure',
      summary: 'The agency’s training settings: when booked places are reminded (versioned, audited)',
      handler: async (call) => page(call),
    }),
    formRoute({
      url: '/training/settings',
      action: 'training.configure',
      summary: 'Change the agency’s training settings (a reason is required)',
      params: z.object({}),
      readVersion: settingFormVersion,
      // Someone saved first: show what is saved now, and say the change was not made.
      stale: [{ field: 'version', key: 'training:errors.settings.stale' }],
      parse: (form) => trainingSettingsFromForm(form),
      save: (call, input, version) => settings.change(call.ctx, input, text(call.body, 'changeReason'), version),
      view: (call, shown, errors, status) => page(call, shown, errors, status),
      done: () => ({ to: '/training/settings', flash: 'training:settings.saved' }),
    }),
    route({
      method: 'GET',
      url: '/api/v1/training/settings',
      kind: 'api',
      action: 'training.configure',
      summary: 'The agency’s training settings (ETag carries the version; 0 = the server’s default)',
      response: settingsOut,
      handler: async (call) => {
        const now = await settings.current(call.ctx);
        setEtag(call.reply, now.version);
        return { settings: now.settings, version: now.version, changedAt: now.changedAt, changeReason: now.changeReason };
      },
    }),
    route({
      method: 'PUT',
      url: '/api/v1/training/settings',
      kind: 'api',
      action: 'training.configure',
      summary: 'Replace the agency’s training settings (If-Match required; a reason is required; audited)',
      body: z.object({ settings: z.unknown(), changeReason: z.string().max(1000).optional(), version: z.number().int().min(0).optional() }),
      response: settingsSaved,
      versioned: {},
      handler: async (call, version) => settings.change(call.ctx, call.body.settings, call.body.changeReason ?? null, version),
    }),
  ];
}
