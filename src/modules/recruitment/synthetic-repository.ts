import { randomUUID } from 'node:crypto';
import type { Tx } from '../../platform/db/pool.ts';
import { insertMany } from '../../platform/db/insert-many.ts';
import { applicants, considerationProfiles, householdChecks, households, householdStageEvents } from './schema.ts';
import type { SyntheticHousehold } from './synthetic.ts';

/**
 * Writes synthetic households in bulk (demo data, benchmarks, tests), as the platform (system actor)
 * inside the caller's transaction, with insertMany (one INSERT … SELECT per batch). Ids are made
 * here, so children rows need nothing read back.
 */

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
  const householdIds = rows.map(() => randomUUID());
  const applicantIds = rows.map((h) => h.applicants.map(() => randomUUID()));
  let allocated = 0;
  await insertMany(
    tx,
    households,
    rows.map((h, i) => {
      const { campaignIndex, allocated: isAllocated, applicants: _a, profiles: _p, checks: _c, history: _h, ...columns } = h;
      const socialWorkerId = isAllocated && options.socialWorkerIds.length ? options.socialWorkerIds[allocated++ % options.socialWorkerIds.length]! : null;
      return {
        ...columns,
        id: householdIds[i]!,
        organisationId,
        campaignId: campaignIndex === null ? null : (options.campaignIds[campaignIndex] ?? null),
        socialWorkerId,
      };
    }),
  );
  await insertMany(
    tx,
    applicants,
    rows.flatMap((h, i) =>
      h.applicants.map((a, n) => ({ ...a, id: applicantIds[i]![n]!, householdId: householdIds[i]!, organisationId, languages: h.languages })),
    ),
  );
  await insertMany(
    tx,
    considerationProfiles,
    rows.flatMap((h, i) =>
      h.profiles.map(({ recordedOn, ...p }) => ({ ...p, householdId: householdIds[i]!, organisationId, recordedAt: new Date(`${recordedOn}T12:00:00Z`) })),
    ),
  );
  await insertMany(
    tx,
    householdChecks,
    rows.flatMap((h, i) =>
      h.checks.map(({ applicant, ...c }) => ({
        ...c,
        householdId: householdIds[i]!,
        organisationId,
        applicantId: applicant === null ? null : applicantIds[i]![applicant]!,
      })),
    ),
  );
  await insertMany(
    tx,
    householdStageEvents,
    rows.flatMap((h, i) => h.history.map((e) => ({ ...e, householdId: householdIds[i]!, organisationId, at: new Date(`${e.effectiveDate}T12:00:00Z`) }))),
  );
  return rows.length;
}
