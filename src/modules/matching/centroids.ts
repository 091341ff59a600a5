import { parse as parseCsv } from 'csv-parse/sync';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { postcodeKey } from './geography.ts';
import { upsertCentroids } from './pool-repository.ts';

export type CentroidRow = { postcode: string; latitude: number; longitude: number };

/**
 * Postcode centroids from a CSV the agency obtains (e.g. an ONS Postcode Directory extract): a
 * header naming the postcode (postcode or pcds), latitude (latitude or lat) and longitude
 * (longitude or long) columns. Every row is checked; a file with a bad row loads nothing.
 */
export function readCentroids(text: string): { rows: CentroidRow[]; problems: string[] } {
  let records: Record<string, string>[];
  try {
    records = parseCsv(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true });
  } catch (error) {
    return { rows: [], problems: [`not a CSV file: ${(error as Error).message.split('\n')[0]}`] };
  }
  const rows: CentroidRow[] = [];
  const problems: string[] = [];
  records.forEach((record, i) => {
    const line = i + 2;
    const key = postcodeKey(record.postcode ?? record.pcds ?? '');
    const latitude = Number(record.latitude ?? record.lat);
    const longitude = Number(record.longitude ?? record.long);
    if (!key) problems.push(`line ${line}: not a postcode`);
    else if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90) problems.push(`line ${line}: latitude must be a number from -90 to 90`);
    else if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180) problems.push(`line ${line}: longitude must be a number from -180 to 180`);
    else rows.push({ postcode: key, latitude, longitude });
  });
  if (records.length === 0) problems.push('no rows: the file needs a header (postcode,latitude,longitude) and at least one row');
  return { rows, problems };
}

/** Loads the centroids as the platform (reference data no person owns), audited. */
export async function loadCentroids(runner: UseCaseRunner, ctx: RequestContext, rows: readonly CentroidRow[], source: string): Promise<number> {
  return runner.run(ctx, async (tx) => {
    await upsertCentroids(
      tx,
      rows.map((r) => ({ ...r, source })),
    );
    await recordAudit(tx, ctx, { action: 'matching.configure', resourceType: 'postcode_centroids', detail: { rows: rows.length } });
    return rows.length;
  });
}
