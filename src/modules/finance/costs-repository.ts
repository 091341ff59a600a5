import { and, asc, between, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { keyset, pageOf, type Page, type PageRequest } from '../../platform/db/keyset.ts';
import { organisations } from '../../platform/auth/schema.ts';
import {
  financeActivitySettings,
  financeCareChoices,
  financeDirectCosts,
  financeHourlyRates,
  financePriceIndex,
  financeReinvestments,
  financeReturnSettings,
  financeUnitCosts,
} from './costs-schema.ts';
import { agreements } from './schema.ts';

/** The cost side's queries: the only place its tables are read or written. */

export type ActivitySettingRow = typeof financeActivitySettings.$inferSelect;
export type HourlyRateRow = typeof financeHourlyRates.$inferSelect;
export type DirectCostRow = typeof financeDirectCosts.$inferSelect;
export type ReinvestmentRow = typeof financeReinvestments.$inferSelect;
export type UnitCostRow = typeof financeUnitCosts.$inferSelect;
export type PriceIndexRow = typeof financePriceIndex.$inferSelect;
export type ReturnSettingsRow = typeof financeReturnSettings.$inferSelect;
export type CareChoiceRow = typeof financeCareChoices.$inferSelect;

type Period = { from: string; to: string };

export const activitySettingsOf = (tx: Tx, organisationId: string) =>
  tx.select().from(financeActivitySettings).where(eq(financeActivitySettings.organisationId, organisationId));

export const hourlyRatesOf = (tx: Tx, organisationId: string) =>
  tx
    .select()
    .from(financeHourlyRates)
    .where(eq(financeHourlyRates.organisationId, organisationId))
    .orderBy(asc(financeHourlyRates.role), asc(financeHourlyRates.financialYear));

export const unitCostsOf = (tx: Tx, organisationId: string) =>
  tx
    .select()
    .from(financeUnitCosts)
    .where(eq(financeUnitCosts.organisationId, organisationId))
    .orderBy(asc(financeUnitCosts.careKind), asc(financeUnitCosts.priceYear));

export const priceIndexOf = (tx: Tx, organisationId: string) =>
  tx.select().from(financePriceIndex).where(eq(financePriceIndex.organisationId, organisationId)).orderBy(asc(financePriceIndex.financialYear));

export async function returnSettingsOf(tx: Tx, organisationId: string): Promise<ReturnSettingsRow | undefined> {
  const [row] = await tx.select().from(financeReturnSettings).where(eq(financeReturnSettings.organisationId, organisationId));
  return row;
}

export const careChoicesOf = (tx: Tx, organisationId: string) =>
  tx.select().from(financeCareChoices).where(eq(financeCareChoices.organisationId, organisationId));

/**
 * A setting row written at the version the form was read at: 0 adds it (refused when someone added
 * it meanwhile), otherwise the row must still be at that version. Undefined means someone else saved first.
 */
async function saveVersioned<Row>(insert: () => Promise<Row[]>, update: () => Promise<Row[]>, version: number): Promise<Row | undefined> {
  const [row] = version === 0 ? await insert() : await update();
  return row;
}

export function saveActivitySetting(
  tx: Tx,
  values: {
    organisationId: string;
    activity: ActivitySettingRow['activity'];
    defaultMinutes: number;
    roles: ActivitySettingRow['roles'];
    updatedBy: string | null;
  },
  version: number,
) {
  return saveVersioned(
    () => tx.insert(financeActivitySettings).values(values).onConflictDoNothing().returning(),
    () =>
      tx
        .update(financeActivitySettings)
        .set({ defaultMinutes: values.defaultMinutes, roles: values.roles, updatedBy: values.updatedBy, updatedAt: new Date(), version: version + 1 })
        .where(
          and(
            eq(financeActivitySettings.organisationId, values.organisationId),
            eq(financeActivitySettings.activity, values.activity),
            eq(financeActivitySettings.version, version),
          ),
        )
        .returning(),
    version,
  );
}

export function saveHourlyRate(
  tx: Tx,
  values: { organisationId: string; role: HourlyRateRow['role']; financialYear: number; pencePerHour: number; updatedBy: string | null },
  version: number,
) {
  return saveVersioned(
    () => tx.insert(financeHourlyRates).values(values).onConflictDoNothing().returning(),
    () =>
      tx
        .update(financeHourlyRates)
        .set({ pencePerHour: values.pencePerHour, updatedBy: values.updatedBy, updatedAt: new Date(), version: version + 1 })
        .where(
          and(
            eq(financeHourlyRates.organisationId, values.organisationId),
            eq(financeHourlyRates.role, values.role),
            eq(financeHourlyRates.financialYear, values.financialYear),
            eq(financeHourlyRates.version, version),
          ),
        )
        .returning(),
    version,
  );
}

export function saveUnitCost(
  tx: Tx,
  values: { organisationId: string; careKind: UnitCostRow['careKind']; priceYear: number; weeklyPence: number; source: string; updatedBy: string | null },
  version: number,
) {
  return saveVersioned(
    () => tx.insert(financeUnitCosts).values(values).onConflictDoNothing().returning(),
    () =>
      tx
        .update(financeUnitCosts)
        .set({ weeklyPence: values.weeklyPence, source: values.source, updatedBy: values.updatedBy, updatedAt: new Date(), version: version + 1 })
        .where(
          and(
            eq(financeUnitCosts.organisationId, values.organisationId),
            eq(financeUnitCosts.careKind, values.careKind),
            eq(financeUnitCosts.priceYear, values.priceYear),
            eq(financeUnitCosts.version, version),
          ),
        )
        .returning(),
    version,
  );
}

export function savePriceIndex(
  tx: Tx,
  values: { organisationId: string; financialYear: number; indexThousandths: number; updatedBy: string | null },
  version: number,
) {
  return saveVersioned(
    () => tx.insert(financePriceIndex).values(values).onConflictDoNothing().returning(),
    () =>
      tx
        .update(financePriceIndex)
        .set({ indexThousandths: values.indexThousandths, updatedBy: values.updatedBy, updatedAt: new Date(), version: version + 1 })
        .where(
          and(
            eq(financePriceIndex.organisationId, values.organisationId),
            eq(financePriceIndex.financialYear, values.financialYear),
            eq(financePriceIndex.version, version),
          ),
        )
        .returning(),
    version,
  );
}

export function saveReturnSettings(
  tx: Tx,
  values: { organisationId: string; discountBasisPoints: number; defaultRouteFeePence: number; updatedBy: string | null },
  version: number,
) {
  return saveVersioned(
    () => tx.insert(financeReturnSettings).values(values).onConflictDoNothing().returning(),
    () =>
      tx
        .update(financeReturnSettings)
        .set({
          discountBasisPoints: values.discountBasisPoints,
          defaultRouteFeePence: values.defaultRouteFeePence,
          updatedBy: values.updatedBy,
          updatedAt: new Date(),
          version: version + 1,
        })
        .where(and(eq(financeReturnSettings.organisationId, values.organisationId), eq(financeReturnSettings.version, version)))
        .returning(),
    version,
  );
}

export function saveCareChoice(
  tx: Tx,
  values: { organisationId: string; childId: string; careKind: CareChoiceRow['careKind']; reason: string; updatedBy: string | null },
  version: number,
) {
  return saveVersioned(
    () => tx.insert(financeCareChoices).values(values).onConflictDoNothing().returning(),
    () =>
      tx
        .update(financeCareChoices)
        .set({ careKind: values.careKind, reason: values.reason, updatedBy: values.updatedBy, updatedAt: new Date(), version: version + 1 })
        .where(
          and(
            eq(financeCareChoices.organisationId, values.organisationId),
            eq(financeCareChoices.childId, values.childId),
            eq(financeCareChoices.version, version),
          ),
        )
        .returning(),
    version,
  );
}

const directOrder = keyset(sql`${financeDirectCosts.incurredOn}`, financeDirectCosts.id, 'desc', 'date');
const reinvestOrder = keyset(sql`${financeReinvestments.reinvestedOn}`, financeReinvestments.id, 'desc', 'date');

/** Direct costs, newest first (a page), over a period when given. */
export async function pageDirectCosts(tx: Tx, organisationId: string, period: Partial<Period>, page: PageRequest): Promise<Page<DirectCostRow>> {
  const rows = await tx
    .select({ row: financeDirectCosts, sortValue: directOrder.value })
    .from(financeDirectCosts)
    .where(
      and(
        eq(financeDirectCosts.organisationId, organisationId),
        period.from ? gte(financeDirectCosts.incurredOn, period.from) : undefined,
        period.to ? lte(financeDirectCosts.incurredOn, period.to) : undefined,
        directOrder.after(page.after),
      ),
    )
    .orderBy(...directOrder.orderBy)
    .limit(page.limit + 1);
  return pageOf(
    rows,
    page.limit,
    (r) => ({ value: r.sortValue, id: r.row.id }),
    (r) => r.row,
  );
}

export async function pageReinvestments(tx: Tx, organisationId: string, page: PageRequest): Promise<Page<ReinvestmentRow>> {
  const rows = await tx
    .select({ row: financeReinvestments, sortValue: reinvestOrder.value })
    .from(financeReinvestments)
    .where(and(eq(financeReinvestments.organisationId, organisationId), reinvestOrder.after(page.after)))
    .orderBy(...reinvestOrder.orderBy)
    .limit(page.limit + 1);
  return pageOf(
    rows,
    page.limit,
    (r) => ({ value: r.sortValue, id: r.row.id }),
    (r) => r.row,
  );
}

export const directCostsBetween = (tx: Tx, organisationId: string, period: Period) =>
  tx
    .select()
    .from(financeDirectCosts)
    .where(and(eq(financeDirectCosts.organisationId, organisationId), between(financeDirectCosts.incurredOn, period.from, period.to)));

export const reinvestmentsBetween = (tx: Tx, organisationId: string, period: Period) =>
  tx
    .select()
    .from(financeReinvestments)
    .where(and(eq(financeReinvestments.organisationId, organisationId), between(financeReinvestments.reinvestedOn, period.from, period.to)))
    .orderBy(desc(financeReinvestments.reinvestedOn));

export async function insertDirectCost(tx: Tx, values: typeof financeDirectCosts.$inferInsert): Promise<DirectCostRow> {
  const [row] = await tx.insert(financeDirectCosts).values(values).returning();
  return row!;
}

export async function insertReinvestment(tx: Tx, values: typeof financeReinvestments.$inferInsert): Promise<ReinvestmentRow> {
  const [row] = await tx.insert(financeReinvestments).values(values).returning();
  return row!;
}

/** The agency's agreements: which authorities each covers (the billing side's table, read here for cost recovery). */
export const agreementsOf = (tx: Tx, organisationId: string) =>
  tx
    .select({ id: agreements.id, name: agreements.name, reference: agreements.reference, authorityIds: agreements.authorityIds })
    .from(agreements)
    .where(eq(agreements.organisationId, organisationId))
    .orderBy(asc(agreements.name));

/** Local authorities the agency works with: names (English, and Welsh when they have one) for the tables, and the choice on a direct cost. */
export const localAuthorities = (tx: Tx) =>
  tx
    .select({ id: organisations.id, name: organisations.name, nameCy: organisations.nameCy })
    .from(organisations)
    .where(eq(organisations.type, 'local_authority'))
    .orderBy(asc(organisations.name));

/** Clinical partners: their psychologists' recorded work is part of the service's cost. */
export async function clinicalPartnerIds(tx: Tx): Promise<string[]> {
  const rows = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.type, 'clinical_partner'));
  return rows.map((r) => r.id);
}
