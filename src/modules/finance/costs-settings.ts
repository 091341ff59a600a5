import type { Tx } from '../../platform/db/pool.ts';
import type { CostSettings } from './costs.ts';
import {
  CARE_KINDS,
  DEFAULT_ACTIVITY_SETTINGS,
  DEFAULT_DISCOUNT_BASIS_POINTS,
  DEFAULT_PRICE_INDEX,
  DEFAULT_ROUTE_FEE_PENCE,
  DEFAULT_UNIT_COSTS,
  type Activity,
  type ActivitySetting,
  type UnitCost,
} from './costs-vocabulary.ts';
import * as repo from './costs-repository.ts';

/**
 * The agency's cost settings as the rules use them: its own rows over the starting defaults, each
 * with where it came from (so the pages can say "starting value" beside a figure nobody has set)
 * and the version a form must carry to change it (0: not yet set).
 */
export type LoadedSettings = {
  cost: CostSettings;
  activities: (ActivitySetting & { activity: Activity; version: number; isDefault: boolean })[];
  rates: repo.HourlyRateRow[];
  unitCosts: (UnitCost & { version: number; isDefault: boolean })[];
  priceIndex: { financialYear: number; indexThousandths: number; version: number; isDefault: boolean }[];
  returnSettings: { discountBasisPoints: number; defaultRouteFeePence: number; version: number; isDefault: boolean };
};

export async function loadSettings(tx: Tx, organisationId: string): Promise<LoadedSettings> {
  const activityRows = await repo.activitySettingsOf(tx, organisationId);
  const rates = await repo.hourlyRatesOf(tx, organisationId);
  const unitRows = await repo.unitCostsOf(tx, organisationId);
  const indexRows = await repo.priceIndexOf(tx, organisationId);
  const returnRow = await repo.returnSettingsOf(tx, organisationId);

  const activities = (Object.keys(DEFAULT_ACTIVITY_SETTINGS) as Activity[]).map((activity) => {
    const row = activityRows.find((r) => r.activity === activity);
    return row
      ? { activity, defaultMinutes: row.defaultMinutes, roles: row.roles, version: row.version, isDefault: false }
      : { activity, ...DEFAULT_ACTIVITY_SETTINGS[activity], version: 0, isDefault: true };
  });
  // A kind of care with no unit cost of the agency's own keeps the starting one.
  const unitCosts = CARE_KINDS.flatMap((careKind) => {
    const own = unitRows.filter((r) => r.careKind === careKind);
    return own.length
      ? own.map((r) => ({ careKind, priceYear: r.priceYear, weeklyPence: r.weeklyPence, source: r.source, version: r.version, isDefault: false }))
      : DEFAULT_UNIT_COSTS.filter((u) => u.careKind === careKind).map((u) => ({ ...u, version: 0, isDefault: true }));
  });
  const years = [...new Set([...Object.keys(DEFAULT_PRICE_INDEX).map(Number), ...indexRows.map((r) => r.financialYear)])].sort((a, b) => a - b);
  const priceIndex = years.map((financialYear) => {
    const row = indexRows.find((r) => r.financialYear === financialYear);
    return row
      ? { financialYear, indexThousandths: row.indexThousandths, version: row.version, isDefault: false }
      : { financialYear, indexThousandths: DEFAULT_PRICE_INDEX[financialYear]!, version: 0, isDefault: true };
  });
  return {
    cost: { activities: Object.fromEntries(activities.map((a) => [a.activity, a])) as unknown as Record<Activity, ActivitySetting>, rates },
    activities,
    rates,
    unitCosts,
    priceIndex,
    returnSettings: returnRow
      ? {
          discountBasisPoints: returnRow.discountBasisPoints,
          defaultRouteFeePence: returnRow.defaultRouteFeePence,
          version: returnRow.version,
          isDefault: false,
        }
      : { discountBasisPoints: DEFAULT_DISCOUNT_BASIS_POINTS, defaultRouteFeePence: DEFAULT_ROUTE_FEE_PENCE, version: 0, isDefault: true },
  };
}

/** The price index as the return's rules take it (financial year → thousandths). */
export const indexTable = (settings: LoadedSettings) => Object.fromEntries(settings.priceIndex.map((p) => [p.financialYear, p.indexThousandths]));
