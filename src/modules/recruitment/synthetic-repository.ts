import { randomUUID } from 'node:crypto';
import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../../platform/db/pool.ts';
import { campaignCosts, campaigns } from '../campaigns/schema.ts';
import type { SyntheticCampaign } from '../campaigns/index.ts';
import { applicants, considerationProfiles, householdChecks, households, householdStageEvents } from './schema.ts';
import type { SyntheticHousehold } from './synthetic.ts';

/**
 * Writes synthetic campaigns and households in bulk (demo data, benchmarks, tests), as the platform
 * (system actor) inside the caller's transaction. Each batch is one INSERT … SELECT from a JSON
 * array (jsonb_to_recordset): one parameter instead of tens of thousands, so building the
 * statement costs nothing and 50,000 households take seconds. Ids are made here, so children rows
 * need nothing read back.
 */

const BATCH = 2000;

/** Inserts rows (keyed by the table's property names) with one INSERT … SELECT per batch. */
async function insertMany<T extends PgTable>(tx: Tx, table: T, rows: readonly Partial<T['$inferInsert']>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in (rows[0] as object));
  const names = sql.join(
    columns.map(([, column]) => sql.identifier(column.name)),
    sql`, `,
  );
  const definitions = sql.join(
    columns.map(([, column]) => sql`${sql.identifier(column.name)} ${sql.raw(column.getSQLType())}`),
    sql`, `,
  );
  for (let start = 0; start < rows.length; start += BATCH) {
    const json = rows.slice(start, start + BATCH).map((row) => Object.fromEntries(columns.map(([key, column]) => [column.name, (row as Record<string, unknown>)[key] ?? null])));
    await tx.execute(sql`insert into ${table} (${names}) select ${names} from jsonb_to_recordset(${JSON.stringify(json)}::jsonb) as x(${definitions})`);
  }
}

/** The campaigns with their costs; answers their ids in the same order. */
export async function insertSyntheticCampaigns(tx: Tx, rows: readonly SyntheticCampaign[], options: { organisationId: string; createdBy?: string | null }): Promise<string[]> {
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
      return { ...columns, id: householdIds[i]!, organisationId, campaignId: campaignIndex === null ? null : (options.campaignIds[campaignIndex] ?? null), socialWorkerId };
    }),
  );
  await insertMany(
    tx,
    applicants,
    rows.flatMap((h, i) => h.applicants.map((a, n) => ({ ...a, id: applicantIds[i]![n]!, householdId: householdIds[i]!, organisationId, languages: h.languages }))),
  );
  await insertMany(
    tx,
    considerationProfiles,
    rows.flatMap((h, i) => h.profiles.map(({ recordedOn, ...p }) => ({ ...p, householdId: householdIds[i]!, organisationId, recordedAt: new Date(`${recordedOn}T12:00:00Z`) }))),
  );
  await insertMany(
    tx,
    householdChecks,
    rows.flatMap((h, i) => h.checks.map(({ applicant, ...c }) => ({ ...c, householdId: householdIds[i]!, organisationId, applicantId: applicant === null ? null : applicantIds[i]![applicant]! }))),
  );
  await insertMany(
    tx,
    householdStageEvents,
    rows.flatMap((h, i) => h.history.map((e) => ({ ...e, householdId: householdIds[i]!, organisationId, at: new Date(`${e.effectiveDate}T12:00:00Z`) }))),
  );
  return rows.length;
}
