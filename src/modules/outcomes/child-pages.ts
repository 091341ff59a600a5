import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { longDate } from '../../platform/format/format.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { fields } from '../../platform/http/validation.ts';
import { dateFromParts, formErrors, text, type Form } from '../../platform/forms/forms.ts';
import { anyForm } from '../../platform/forms/form-route.ts';
import { trajectorySvg } from './chart.ts';
import { RESPONDENTS, type InstrumentDefinition } from './instrument.ts';
import type { ChildOutcomes } from './service.ts';

const idParams = z.object({ id: fields.uuid() });
const anyQuery = z.record(z.string(), z.unknown());

const CHANGE_TAG: Record<string, string> = { improved: 'govuk-tag--green', no_reliable_change: 'govuk-tag--grey', deteriorated: 'govuk-tag--red' };
const STATE_TAG: Record<string, string> = {
  done: 'govuk-tag--green',
  upcoming: 'govuk-tag--grey',
  due: 'govuk-tag--yellow',
  overdue: 'govuk-tag--red',
  missed: 'govuk-tag--grey',
};

const fixed = (n: number, language: string, digits = 2) =>
  new Intl.NumberFormat(language === 'cy' ? 'cy-GB' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);

/** The worked reliable change, as a worker reads it: difference, SE of the difference, RCI, verdict. */
function changeView(change: NonNullable<ChildOutcomes['instruments'][number]['scales'][number]['change']>, call: Call) {
  return {
    from: change.from,
    to: change.to,
    difference: change.difference > 0 ? `+${change.difference}` : String(change.difference),
    standardError: fixed(change.standardError, call.language),
    standardErrorOfDifference: fixed(change.standardErrorOfDifference, call.language),
    rci: fixed(change.rci, call.language),
    change: change.change,
    tag: CHANGE_TAG[change.change],
    text: call.t(`outcomes:change.${change.change}`),
  };
}

function outcomesView(outcomes: ChildOutcomes, call: Call) {
  const lang = call.language;
  return outcomes.instruments.map((instrument) => ({
    code: instrument.definition.code,
    name: instrument.definition.name[lang],
    licence: instrument.definition.licence.note[lang],
    bandSource: instrument.definition.bandSource,
    administrations: instrument.administrations.map((a) => ({
      id: a.id,
      text: `${longDate(a.completedOn, lang)} (${call.t(`outcomes:respondent.${a.respondent}`)})`,
    })),
    scales: instrument.scales.map((s) => {
      const name = s.scale.name[lang];
      const direction = call.t(s.scale.higherIsBetter ? 'outcomes:direction.higherIsBetter' : 'outcomes:direction.higherIsWorse');
      const bandNames = s.scale.bands.map((b) => b.name[lang]);
      return {
        code: s.scale.code,
        name,
        direction,
        svg: outcomes.bandsOnly
          ? ''
          : trajectorySvg({
              id: `chart-${instrument.definition.code}-${s.scale.code}`,
              title: call.t('outcomes:child.chartTitle', { scale: name }),
              description: call.t('outcomes:child.chartDescription', { scale: name, count: s.points.length, direction }),
              scale: s.scale,
              bandNames,
              points: s.points.map((p) => ({ label: longDate(p.completedOn, lang), score: p.score })),
            }),
        rows: s.points.map((p) => [
          { text: longDate(p.completedOn, lang) },
          ...(outcomes.bandsOnly ? [] : [{ text: String(p.score), format: 'numeric' }]),
          { text: p.band ? p.band.name[lang] : '' },
        ]),
        change: s.change && !outcomes.bandsOnly ? changeView(s.change, call) : undefined,
        changeOnly: s.change && outcomes.bandsOnly ? { tag: CHANGE_TAG[s.change.change], text: call.t(`outcomes:change.${s.change.change}`) } : undefined,
        noNorms: !s.scale.norms,
      };
    }),
  }));
}

function scheduleView(outcomes: ChildOutcomes, call: Call) {
  return outcomes.schedules.map((s) => ({
    name: s.definition.name[call.language],
    rows: s.points.map((p) => [
      { text: p.months === 0 ? call.t('outcomes:schedule.baseline') : call.t('outcomes:schedule.months', { count: p.months }) },
      { text: longDate(p.dueOn, call.language) },
      { text: `${longDate(p.windowStart, call.language)} – ${longDate(p.windowEnd, call.language)}` },
      { html: `<strong class="govuk-tag ${STATE_TAG[p.state]}" data-testid="schedule-state">${call.t(`outcomes:schedule.state.${p.state}`)}</strong>` },
    ]),
  }));
}

/** A child's outcomes page, and the entry of scale scores from a paper form. */
export function childOutcomePageRoutes(services: Services) {
  const outcomes = services.outcomes;

  async function renderEntry(call: Call<{ id: string }, unknown, unknown>, values: Form, errors: FieldError[], status: number) {
    const form = await outcomes.entryForm(call.ctx, call.params.id);
    const asked = (call.query as Record<string, unknown> | undefined)?.instrument;
    const chosen = typeof values.instrument === 'string' ? values.instrument : typeof asked === 'string' ? asked : 'sdq-parent';
    const definition: InstrumentDefinition = form.instruments.find((d) => d.code === chosen) ?? form.instruments[0]!;
    const names = Object.fromEntries(definition.scales.map((s) => [`scores.${s.code}`, `score-${s.code}`]));
    const { errorList, fieldErrors } = formErrors(errors, call.t, { dateFields: ['completedOn'], fieldNames: names });
    return call.render(
      'outcomes/views/entry.njk',
      {
        pageTitle: call.t('outcomes:entry.title', { name: form.child.name }),
        child: form.child,
        definition: {
          code: definition.code,
          name: definition.name[call.language],
          licence: definition.licence.note[call.language],
          version: definition.version,
        },
        instrumentLinks: form.instruments.map((d) => ({
          href: `/children/${form.child.id}/outcomes/new?instrument=${d.code}`,
          text: d.name[call.language],
          current: d.code === definition.code,
        })),
        scales: definition.scales.map((s) => ({
          code: s.code,
          label: `${s.name[call.language]} (${s.min}–${s.max})`,
          hint: s.sumOf
            ? call.t('outcomes:entry.sumHint', { parts: s.sumOf.map((p) => definition.scales.find((x) => x.code === p)?.name[call.language]).join(', ') })
            : undefined,
          value: values[`score-${s.code}`] ?? '',
          error: fieldErrors[`score-${s.code}`],
          choices:
            s.max - s.min <= 2
              ? s.bands.map((b) => ({ value: String(b.min), text: b.name[call.language], checked: values[`score-${s.code}`] === String(b.min) }))
              : undefined,
        })),
        respondentItems: RESPONDENTS.map((r) => ({
          value: r,
          text: call.t(`outcomes:respondent.${r}`),
          selected: (values.respondent ?? definition.respondent) === r,
        })),
        values,
        errorList,
        fieldErrors,
      },
      status,
    );
  }

  return [
    route({
      method: 'GET',
      url: '/children/:id/outcomes',
      kind: 'page',
      action: 'outcomes.view',
      summary: 'A child’s outcomes over time: trajectory per scale with bands, reliable change between baseline and latest or any two points, what is due',
      params: idParams,
      query: anyQuery,
      handler: async (call) => {
        const q = call.query ?? {};
        const compare =
          typeof q.from === 'string' && typeof q.to === 'string' && typeof q.instrument === 'string'
            ? { instrument: q.instrument, from: q.from, to: q.to }
            : undefined;
        const result = await outcomes.childOutcomes(call.ctx, call.params.id, compare);
        const instruments = outcomesView(result, call);
        return call.render('outcomes/views/child.njk', {
          pageTitle: call.t('outcomes:child.title', { name: result.child.name }),
          child: result.child,
          bandsOnly: result.bandsOnly,
          mayEnter: result.mayEnter,
          instruments,
          schedules: scheduleView(result, call),
          compared: result.compared && {
            instrument: result.compared.instrument,
            from: result.compared.fromId,
            to: result.compared.toId,
            rows: result.compared.scales
              .filter((s) => s.change)
              .map((s) => {
                const c = changeView(s.change!, call);
                return [
                  { text: s.scale.name[call.language] },
                  { text: `${c.from} → ${c.to}` },
                  { text: c.difference, format: 'numeric' },
                  { text: c.standardErrorOfDifference, format: 'numeric' },
                  { text: c.rci, format: 'numeric' },
                  { html: `<strong class="govuk-tag ${c.tag}">${c.text}</strong>` },
                ];
              }),
          },
        });
      },
    }),
    route({
      method: 'GET',
      url: '/children/:id/outcomes/new',
      kind: 'page',
      action: 'outcomes.edit',
      summary: 'Enter scale scores from a paper form (or the worker’s developmental check)',
      params: idParams,
      query: anyQuery,
      handler: async (call) => renderEntry(call, {}, [], 200),
    }),
    route({
      method: 'POST',
      url: '/children/:id/outcomes/new',
      kind: 'page',
      action: 'outcomes.edit',
      summary: 'Record scale scores: every mistake named beside its scale, nothing saved while any remains',
      params: idParams,
      body: anyForm,
      handler: async (call) => {
        const form = call.body;
        const date = dateFromParts(form, 'completedOn');
        const scores = Object.fromEntries(
          Object.entries(form)
            .filter(([k]) => k.startsWith('score-'))
            .map(([k, v]) => [k.slice('score-'.length), typeof v === 'string' ? v.trim() : v]),
        );
        try {
          await outcomes.recordAdministration(call.ctx, call.params.id, {
            instrument: text(form, 'instrument'),
            completedOn: date.value,
            respondent: text(form, 'respondent'),
            scores,
          });
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          // A date typed wrongly is named as such rather than as missing.
          const errors = error.fieldErrors.map((f) => (f.field === 'completedOn' && date.error ? date.error : f));
          return renderEntry(call, form, errors, 422);
        }
        return call.redirect(`/children/${call.params.id}/outcomes`, call.t('outcomes:entry.saved'));
      },
    }),
  ];
}
