import type { Tx } from '../../platform/db/pool.ts';
import { campaignCosts, campaigns } from '../campaigns/schema.ts';
import { applicants, considerationProfiles, householdChecks, households, householdStageEvents } from './schema.ts';
import type { SyntheticCampaign } from '../campaigns/synthetic.ts';
import type { SyntheticHousehold } from './synthetic.ts';

/**
 * Writes synthetic campaigns and households in bulk (demo data, benchmarks, tests): batches of
 * multi-row inserts, so 50,000 households take seconds, not minutes. Run as the platform (system
 * actor), inside the caller's transaction.
 */

const BATCH = 500;

/** The campaigns with their costs; answers their ids in the same order. */
export async function insertSyntheticCampaigns(tx: Tx, rows: readonly SyntheticCampaign[], options: { organisationId: string; createdBy?: string | null }): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await tx
    .insert(campaigns)
    .values(
      rows.map((c) => ({
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
    )
    .returning({ id: campaigns.id });
  const ids = inserted.map((r) => r.id);
  const costs = rows.flatMap((c, i) => c.costs.map((cost) => ({ ...cost, campaignId: ids[i]!, organisationId: options.organisationId })));
  if (costs.length) await tx.insert(campaignCosts).values(costs);
  return ids;
}

/**
 * The households with their applicants, consideration profiles, Stage 1 checks and stage history.
 * `campaignIds[i]` is the campaign of `campaignIndex` i; households from registration on are
 * allocated to the social workers in turn.
 */
export async function insertSyntheticHouseholds(
  tx: Tx,
  rows: readonly SyntheticHousehold[],
  options: { organisationId: string; campaignIds: readonly string[]; socialWorkerIds: readonly string[] },
): Promise<number> {
  const organisationId = options.organisationId;
  let allocated = 0;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const inserted = await tx
      .insert(households)
      .values(
        batch.map((h) => {
          const { campaignIndex, allocated: isAllocated, applicants: _a, profiles: _p, checks: _c, history: _h, ...columns } = h;
          const socialWorkerId = isAllocated && options.socialWorkerIds.length ? options.socialWorkerIds[allocated++ % options.socialWorkerIds.length]! : null;
          return { ...columns, organisationId, campaignId: campaignIndex === null ? null : (options.campaignIds[campaignIndex] ?? null), socialWorkerId };
        }),
      )
      .returning({ id: households.id });
    const ids = inserted.map((r) => r.id);

    const people = await tx
      .insert(applicants)
      .values(batch.flatMap((h, i) => h.applicants.map((a) => ({ ...a, householdId: ids[i]!, organisationId, languages: h.languages }))))
      .returning({ id: applicants.id });
    // Applicant ids in the order inserted: household by household, first applicant first.
    const applicantIds: string[][] = [];
    let next = 0;
    for (const h of batch) applicantIds.push(h.applicants.map(() => people[next++]!.id));

    const profiles = batch.flatMap((h, i) =>
      h.profiles.map(({ recordedOn, ...p }) => ({ ...p, householdId: ids[i]!, organisationId, recordedAt: new Date(`${recordedOn}T12:00:00Z`) })),
    );
    if (profiles.length) await tx.insert(considerationProfiles).values(profiles);

    const checks = batch.flatMap((h, i) =>
      h.checks.map(({ applicant, ...c }) => ({ ...c, householdId: ids[i]!, organisationId, applicantId: applicant === null ? null : applicantIds[i]![applicant]! })),
    );
    for (let c = 0; c < checks.length; c += BATCH * 4) await tx.insert(householdChecks).values(checks.slice(c, c + BATCH * 4));

    const events = batch.flatMap((h, i) => h.history.map((e) => ({ ...e, householdId: ids[i]!, organisationId, at: new Date(`${e.effectiveDate}T12:00:00Z`) })));
    for (let e = 0; e < events.length; e += BATCH * 4) await tx.insert(householdStageEvents).values(events.slice(e, e + BATCH * 4));
  }
  return rows.length;
}
