import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { formErrors } from '../../platform/forms/forms.ts';
import { formRoute } from '../../platform/forms/form-route.ts';
import { CRITERIA, DEFAULT_MATCHING_CONFIG, validateMatchingConfig, type MatchingConfig } from './matching-config.ts';
import { configVersions } from './settings-repository.ts';
import { matchingConfigChanged, matchingConfigOut } from './responses.ts';

/**
 * The agency's matching weights and distances. Every change is a new version with its reason and
 * who made it (audited), so a score can always be explained by the configuration it was made with.
 */
export function createMatchingSettingsService(runner: UseCaseRunner) {
  async function current(ctx: RequestContext) {
    return runner.run(ctx, async (tx) => {
      authorize(ctx.actor, 'matching.configure');
      if (ctx.actor.kind !== 'user') throw new NotFoundError();
      const saved = await configVersions.current(tx, ctx.actor.organisationId);
      return { config: saved.value ?? DEFAULT_MATCHING_CONFIG, configVersion: saved.version, changedAt: saved.changedAt, changeReason: saved.changeReason };
    });
  }

  async function change(ctx: RequestContext, input: unknown, changeReason: string | null, version: number) {
    return runner.run(ctx, async (tx) => {
      authorize(ctx.actor, 'matching.configure');
      if (ctx.actor.kind !== 'user') throw new NotFoundError();
      const checked = validateMatchingConfig(input);
      if (!checked.ok) throw new ValidationError(checked.errors);
      const row = await configVersions.change(tx, ctx, ctx.actor.organisationId, checked.config, changeReason, version, ctx.actor.userId);
      return { config: checked.config, configVersion: row.version };
    });
  }
  return { current, change };
}

const NUMBER_FIELDS = ['safetyDistanceKm', 'contactFullCreditKm', 'contactMaxKm'] as const;

function configFromForm(form: Record<string, unknown>, base: MatchingConfig): unknown {
  const num = (v: unknown) => (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
  return {
    ...base,
    weights: Object.fromEntries(CRITERIA.map((c) => [c, num(form[`weight-${c}`])])),
    ...Object.fromEntries(NUMBER_FIELDS.map((f) => [f, num(form[f])])),
  };
}

export function matchingSettingsRoutes(services: Services) {
  const settings = services.matchingSettings;

  async function page(call: Call, values?: Record<string, unknown>, errors: { field: string; key: string }[] = [], status = 200) {
    const t = call.t;
    const now = await settings.current(call.ctx);
    const shown = values ?? {
      ...Object.fromEntries(CRITERIA.map((c) => [`weight-${c}`, String(now.config.weights[c])])),
      ...Object.fromEntries(NUMBER_FIELDS.map((f) => [f, String(now.config[f])])),
    };
    const mapped = errors.map((e) => ({
      ...e,
      field: e.field.startsWith('weights.') ? `weight-${e.field.slice(8)}` : e.field === 'weights' ? `weight-${CRITERIA[0]}` : e.field,
    }));
    return call.render(
      'matching/views/settings.njk',
      {
        pageTitle: t('matches:settings.title'),
        values: shown,
        version: now.configVersion,
        criteria: CRITERIA.map((c) => ({ name: `weight-${c}`, label: t(`matches:settings.criteria.${c}`) })),
        numbers: NUMBER_FIELDS.map((f) => ({ name: f, label: t(`matches:settings.${f}`) })),
        ...formErrors(mapped, t),
      },
      status,
    );
  }

  return [
    route({
      method: 'GET',
      url: '/matching/settings',
      kind: 'page',
      action: 'matching.configure',
      summary: 'Matching weights and distances (versioned, audited)',
      handler: async (call) => page(call),
    }),
    formRoute({
      url: '/matching/settings',
      action: 'matching.configure',
      summary: 'Change the matching weights and distances',
      params: z.object({}),
      // A tampered version is never current: it is refused as stale.
      readVersion: (form) => (Number.isInteger(Number(form.version)) ? Number(form.version) : -1),
      load: (call) => settings.current(call.ctx),
      parse: (form, now) => configFromForm(form, now.config),
      save: (call, config, version) =>
        settings.change(
          call.ctx,
          config,
          typeof call.body.changeReason === 'string' && call.body.changeReason.trim() ? call.body.changeReason.trim() : null,
          version,
        ),
      view: (call, shown, errors, status) => page(call, shown, errors, status),
      done: () => ({ to: '/matching/settings', flash: 'matches:settings.saved' }),
    }),
    route({
      method: 'GET',
      url: '/api/v1/matching/config',
      kind: 'api',
      action: 'matching.configure',
      summary: 'The agency’s matching configuration and its version',
      response: matchingConfigOut,
      handler: async (call) => settings.current(call.ctx),
    }),
    route({
      method: 'PUT',
      url: '/api/v1/matching/config',
      kind: 'api',
      action: 'matching.configure',
      summary: 'Replace the matching configuration (version required; the change is audited)',
      body: z.object({ config: z.unknown(), changeReason: z.string().trim().max(1000).optional(), version: z.number().int().min(0) }),
      response: matchingConfigChanged,
      handler: async (call) => settings.change(call.ctx, call.body.config, call.body.changeReason ?? null, call.body.version),
    }),
  ];
}
