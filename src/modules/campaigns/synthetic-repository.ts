import { randomUUID } from 'node:crypto';
import type { Tx } from '../../platform/db/pool.ts';
import { insertMany } from '../../platform/db/insert-many.ts';
import { campaignCosts, campaigns } from './schema.ts';
import type { SyntheticCampaign } from './synthetic.ts';

/**
 * Writes synthetic campaigns in bulk (demo data, benchmarks, tests), as the platform (system actor)
 * inside the caller's transaction. Ids are made here, so households attributed to them need nothing read back.
 */

/** The campaigns with their costs; answers their ids in the same order. */
export async function insertSyntheticCampaigns(
  tx: Tx,
  rows: readonly SyntheticCampaign[],
  options: { organisationId: string; createdBy?: string | null },
): Promise<string[]> {
  const ids = rows.map(() => randomUUID());
  await insertMany(
    tx,
    campaigns,
    rows.map((c, i) => ({
      id: ids[i]!,
      organisationId: options.organisationId,
      name: c.name,
      nameCy: c.nameCy,
      description: c.description,
      startDate: c.startDate,
      endDate: c.endDate,
      channels: c.channels,
      targetProfile: c.targetProfile,
      referrerCode: c.referrerCode,
      createdBy: options.createdBy ?? null,
    })),
  );
  await insertMany(
    tx,
    campaignCosts,
    rows.flatMap((c, i) => c.costs.map((cost) => ({ ...cost, campaignId: ids[i]!, organisationId: options.organisationId }))),
  );
  return ids;
}
