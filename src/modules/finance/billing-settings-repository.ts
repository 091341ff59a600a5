import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { financeBillingSettings } from './schema.ts';

/** The agency's billing choices (the only place finance_billing_settings is read or written). */

export type BillingSettings = { reversePlacementFeesOnDisruption: boolean; version: number };

/** Until the agency chooses: a disrupted placement's fees are reversed (version 0: no row yet). */
export const DEFAULT_BILLING_SETTINGS: BillingSettings = { reversePlacementFeesOnDisruption: true, version: 0 };

export async function billingSettingsOf(tx: Tx, organisationId: string): Promise<BillingSettings> {
  const [row] = await tx
    .select({ reversePlacementFeesOnDisruption: financeBillingSettings.reversePlacementFeesOnDisruption, version: financeBillingSettings.version })
    .from(financeBillingSettings)
    .where(eq(financeBillingSettings.organisationId, organisationId));
  return row ?? DEFAULT_BILLING_SETTINGS;
}

/**
 * Saves the choice if the settings are still at `version` (0: never saved): the first save inserts,
 * a later one updates; answers undefined when someone else saved first.
 */
export async function saveBillingSettings(
  tx: Tx,
  organisationId: string,
  version: number,
  values: { reversePlacementFeesOnDisruption: boolean; updatedBy: string | null },
): Promise<BillingSettings | undefined> {
  if (version === 0) {
    const [row] = await tx
      .insert(financeBillingSettings)
      .values({ organisationId, ...values })
      .onConflictDoNothing()
      .returning({ reversePlacementFeesOnDisruption: financeBillingSettings.reversePlacementFeesOnDisruption, version: financeBillingSettings.version });
    return row;
  }
  const [row] = await tx
    .update(financeBillingSettings)
    .set({ ...values, updatedAt: new Date(), version: sql`${financeBillingSettings.version} + 1` })
    .where(and(eq(financeBillingSettings.organisationId, organisationId), eq(financeBillingSettings.version, version)))
    .returning({ reversePlacementFeesOnDisruption: financeBillingSettings.reversePlacementFeesOnDisruption, version: financeBillingSettings.version });
  return row;
}
