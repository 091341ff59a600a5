import { inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { waitingForMatching } from '../children/index.ts';
import { householdsForPool } from '../recruitment/index.ts';
import { householdsWithTherapeuticPreparation } from '../training/index.ts';
import { matches, postcodeCentroids } from './schema.ts';

/** Children still waiting for a family: accepted for family finding, or only linked so far. */
const WAITING_STATUSES = ['family_finding', 'linked'] as const;

/** Waiting children the asker may see, with their needs and active sibling group, and whether a match is in progress. */
export async function waitingChildren(tx: Tx) {
  const rows = await waitingForMatching(tx, WAITING_STATUSES);
  const inMatch = await childrenInActiveMatches(tx);
  return rows.map(({ needs, ...child }) => ({ ...child, inActiveMatch: inMatch.has(child.id), needs }));
}

/** Children in a match in progress (from the matching meeting to placement) the asker may see. */
async function childrenInActiveMatches(tx: Tx): Promise<Set<string>> {
  const rows = await tx
    .select({ childIds: matches.childIds })
    .from(matches)
    .where(inArray(matches.stage, ['matching_meeting', 'matching_panel', 'agency_decision', 'introductions', 'placed']));
  return new Set(rows.flatMap((r) => r.childIds));
}

/** The agency's approved families not already in a match, with their current profile and training (recruitment's and training's named queries). */
export async function availableHouseholds(tx: Tx, organisationId: string) {
  const rows = await householdsForPool(tx, organisationId, ['approved', 'linked']);
  const prepared = await householdsWithTherapeuticPreparation(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, therapeuticPreparation: prepared.has(r.id) }));
}

export async function centroids(tx: Tx) {
  const rows = await tx.select().from(postcodeCentroids);
  return new Map(rows.map((r) => [r.postcode, { lat: r.latitude, lon: r.longitude }]));
}

export async function upsertCentroids(tx: Tx, rows: { postcode: string; latitude: number; longitude: number; source: string }[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    await tx
      .insert(postcodeCentroids)
      .values(rows.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: postcodeCentroids.postcode,
        set: { latitude: sql`excluded.latitude`, longitude: sql`excluded.longitude`, source: sql`excluded.source`, loadedAt: new Date() },
      });
  }
}
