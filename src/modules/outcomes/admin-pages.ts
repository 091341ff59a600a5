import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { formErrors, text } from '../../platform/forms/forms.ts';
import { anyForm } from '../../platform/forms/form-route.ts';
import { PLACEMENT_SATISFACTION } from './definitions.ts';

const anyQuery = z.record(z.string(), z.unknown());

/**
 * The administrator's instruments: every definition and version, and a page to add an instrument
 * (scores only, or with items a licence allows on screen) or a new version of one. The definition
 * is written as data (JSON), every name with its English and Welsh.
 */
export function instrumentAdminRoutes(services: Services) {
  const outcomes = services.outcomes;

  async function renderNew(call: Call, definition: string, errors: FieldError[], status: number) {
    return call.render(
      'outcomes/views/instrument-new.njk',
      { pageTitle: call.t('outcomes:admin.newTitle'), definition, ...formErrors(errors, call.t) },
      status,
    );
  }

  return [
    route({
      method: 'GET',
      url: '/admin/instruments',
      kind: 'page',
      action: 'instruments.manage',
      summary: 'Outcome instruments and their versions',
      handler: async (call) => {
        const { all, current } = await outcomes.listInstruments(call.ctx);
        return call.render('outcomes/views/instruments.njk', {
          pageTitle: call.t('outcomes:admin.title'),
          normsToBeConfirmed: current.some((d) => d.scales.some((s) => s.norms?.toBeConfirmed)),
          rows: all.map((d) => [
            { text: d.name[call.language] },
            { text: d.code },
            { text: String(d.version), format: 'numeric' },
            { text: call.t(d.licence.itemsOnScreen && d.items?.length ? 'outcomes:admin.withItems' : 'outcomes:admin.scoresOnly') },
            { html: `<a class="govuk-link" href="/admin/instruments/new?from=${encodeURIComponent(d.code)}">${call.t('outcomes:admin.newVersion')}</a>` },
          ]),
          // The norms reliable change is worked out with, each marked when not yet checked against its source.
          norms: current.flatMap((d) =>
            d.scales
              .filter((s) => s.norms)
              .map((s) => ({
                instrument: d.name[call.language],
                version: d.version,
                scale: s.name[call.language],
                sd: s.norms!.sd.toFixed(1),
                reliability: s.norms!.reliability.toFixed(2),
                toBeConfirmed: Boolean(s.norms!.toBeConfirmed),
              })),
          ),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/admin/instruments/new',
      kind: 'page',
      action: 'instruments.manage',
      summary: 'Add an instrument or a new version of one',
      query: anyQuery,
      handler: async (call) => {
        const from = call.query.from;
        const { current } = await outcomes.listInstruments(call.ctx);
        const start = current.find((d) => d.code === from) ?? { ...PLACEMENT_SATISFACTION, code: 'new-instrument' };
        return renderNew(call, JSON.stringify(start, null, 2), [], 200);
      },
    }),
    route({
      method: 'POST',
      url: '/admin/instruments/new',
      kind: 'page',
      action: 'instruments.manage',
      summary: 'Save an instrument definition (the next version of its code)',
      body: anyForm,
      handler: async (call) => {
        const written = text(call.body, 'definition');
        let parsed: unknown;
        try {
          parsed = JSON.parse(written);
        } catch {
          return renderNew(call, written, [{ field: 'definition', key: 'outcomes:errors.definition.json' }], 400);
        }
        try {
          const saved = await outcomes.addInstrument(call.ctx, parsed);
          return call.redirect('/admin/instruments', call.t('outcomes:admin.saved', { code: saved.code, version: saved.version }));
        } catch (error) {
          if (error instanceof ValidationError) return renderNew(call, written, error.fieldErrors, 400);
          throw error;
        }
      },
    }),
  ];
}
