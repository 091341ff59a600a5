import type { IsoDate } from '../../platform/dates/dates.ts';
import { bandOf, type Band, type InstrumentDefinition, type Scale } from './instrument.ts';
import { reliableChange, type ReliableChange } from './rci.ts';
import type { InstrumentRegister } from './register.ts';

/**
 * A child's scores on one instrument over time, per scale: each point with the band it fell in
 * (banded by the definition version it was scored against) and the reliable change between the
 * first and the latest point.
 */

export type Administration = {
  id: string;
  instrumentCode: string;
  instrumentVersion: number;
  completedOn: IsoDate;
  respondent: string;
  scores: Record<string, number>;
};

export type Point = { administrationId: string; completedOn: IsoDate; score: number; band: Band | undefined; version: number };

export type ScaleTrajectory = { scale: Scale; points: Point[]; change: ReliableChange | undefined };

export type InstrumentTrajectory = { definition: InstrumentDefinition; administrations: Administration[]; scales: ScaleTrajectory[] };

export function trajectoriesOf(register: InstrumentRegister, administrations: readonly Administration[]): InstrumentTrajectory[] {
  const codes = [...new Set(administrations.map((a) => a.instrumentCode))];
  return codes.flatMap((code) => {
    const own = administrations
      .filter((a) => a.instrumentCode === code)
      .sort((a, b) => (a.completedOn < b.completedOn ? -1 : a.completedOn > b.completedOn ? 1 : 0));
    const definition = register.latest(code);
    if (!definition) return [];
    const scales = definition.scales.map((scale) => {
      const points: Point[] = own
        .filter((a) => typeof a.scores[scale.code] === 'number')
        .map((a) => {
          const scoredAgainst = register.version(code, a.instrumentVersion)?.scales.find((s) => s.code === scale.code) ?? scale;
          const score = a.scores[scale.code]!;
          return { administrationId: a.id, completedOn: a.completedOn, score, band: bandOf(scoredAgainst, score), version: a.instrumentVersion };
        });
      const first = points[0];
      const last = points[points.length - 1];
      const change = first && last && points.length >= 2 ? reliableChange(scale, first.score, last.score) : undefined;
      return { scale, points, change };
    });
    return [{ definition, administrations: own, scales }];
  });
}

/** The change on each scale with norms between the first and latest administration (what the cohort report counts). */
export function changesOf(trajectory: InstrumentTrajectory): Record<string, string> {
  return Object.fromEntries(trajectory.scales.filter((s) => s.change).map((s) => [s.scale.code, s.change!.change]));
}

/** Reliable change between two chosen administrations, per scale. */
export function changeBetween(
  trajectory: InstrumentTrajectory,
  fromId: string,
  toId: string,
): { scale: Scale; change: ReliableChange | undefined }[] | undefined {
  const from = trajectory.administrations.find((a) => a.id === fromId);
  const to = trajectory.administrations.find((a) => a.id === toId);
  if (!from || !to) return undefined;
  return trajectory.definition.scales.map((scale) => {
    const a = from.scores[scale.code];
    const b = to.scores[scale.code];
    return { scale, change: typeof a === 'number' && typeof b === 'number' ? reliableChange(scale, a, b) : undefined };
  });
}
