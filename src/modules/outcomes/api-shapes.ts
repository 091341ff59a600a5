import { bandOf, type InstrumentDefinition } from './instrument.ts';
import type { InstrumentRegister } from './register.ts';
import type { AdministrationRow } from './repository.ts';
import type { CohortReport } from './cohort-service.ts';
import type { ChildOutcomes } from './service.ts';

/** How the API words the module's records (responses.ts holds the schemas). */

export function instrumentJson(d: InstrumentDefinition) {
  return {
    code: d.code,
    version: d.version,
    name: d.name,
    respondent: d.respondent,
    answeredIn: d.answeredIn,
    itemsOnScreen: d.licence.itemsOnScreen,
    licence: d.licence.note,
    bandSource: d.bandSource,
    scales: d.scales.map((s) => ({
      code: s.code,
      name: s.name,
      min: s.min,
      max: s.max,
      higherIsBetter: s.higherIsBetter,
      sd: s.norms?.sd ?? null,
      reliability: s.norms?.reliability ?? null,
      normsSource: s.norms?.source ?? null,
      sumOf: s.sumOf ?? null,
      bands: s.bands,
    })),
    items: d.licence.itemsOnScreen ? (d.items ?? null) : null,
    schedule: d.schedule,
  };
}

export function administrationJson(row: AdministrationRow, register: InstrumentRegister, bandsOnly: boolean) {
  const definition = register.version(row.instrumentCode, row.instrumentVersion);
  const bands = Object.fromEntries(
    Object.entries(row.scores).map(([code, score]) => {
      const scale = definition?.scales.find((s) => s.code === code);
      return [code, scale ? (bandOf(scale, score)?.code ?? null) : null];
    }),
  );
  return {
    id: row.id,
    childId: row.childId,
    instrument: row.instrumentCode,
    instrumentVersion: row.instrumentVersion,
    completedOn: row.completedOn,
    respondent: row.respondent,
    ...(bandsOnly ? {} : { scores: row.scores }),
    bands,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}

export function outcomesJson(outcomes: ChildOutcomes) {
  const full = !outcomes.bandsOnly;
  return {
    childId: outcomes.child.id,
    bandsOnly: outcomes.bandsOnly,
    instruments: outcomes.instruments.map((i) => ({
      code: i.definition.code,
      version: i.definition.version,
      scales: i.scales.map((s) => ({
        code: s.scale.code,
        higherIsBetter: s.scale.higherIsBetter,
        points: s.points.map((p) => ({
          administrationId: p.administrationId,
          completedOn: p.completedOn,
          ...(full ? { score: p.score } : {}),
          band: p.band?.code ?? null,
        })),
        rci: full && s.change ? Math.round(s.change.rci * 1000) / 1000 : null,
        change: s.change?.change ?? null,
        working:
          full && s.change
            ? { difference: s.change.difference, standardError: s.change.standardError, standardErrorOfDifference: s.change.standardErrorOfDifference }
            : null,
      })),
    })),
  };
}

export function cohortJson(report: CohortReport) {
  return {
    instrument: report.instrument,
    version: report.version,
    disclosed: report.disclosed,
    scales: report.scales.map((s) => ({
      code: s.scale.code,
      higherIsBetter: s.scale.higherIsBetter,
      children: s.children,
      counts: s.counts,
      intervals: s.intervals,
    })),
  };
}
