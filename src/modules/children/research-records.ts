import { and, asc, gt, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { children } from './schema.ts';

/**
 * The fields of a child's record a research extract may draw on: no name, no free text, no
 * birth family's postcode. The research module pseudonymises and coarsens them before anything
 * leaves (research/coarsen.ts); this is only what it may read.
 */
export type ResearchRecord = {
  id: string;
  dateOfBirth: string;
  sex: string;
  ethnicity: string;
  legalStatus: string;
  status: string;
  region: string | null;
  needCategories: string[];
  developmentalUncertainty: boolean;
  additionalLearningNeeds: boolean;
  aceKnown: number | null;
  aceKnownOrSuspected: number | null;
  referralDate: string;
  enteredCareDate: string | null;
  placementOrderDate: string | null;
  adoptionPlanDate: string | null;
  outcome: string | null;
  outcomeDate: string | null;
  importantContactPostcodes: string[];
};

const columns = {
  id: children.id,
  dateOfBirth: children.dateOfBirth,
  sex: children.sex,
  ethnicity: children.ethnicity,
  legalStatus: children.legalStatus,
  status: children.status,
  region: children.region,
  needCategories: children.needCategories,
  developmentalUncertainty: children.developmentalUncertainty,
  additionalLearningNeeds: children.additionalLearningNeeds,
  aceKnown: children.aceKnown,
  aceKnownOrSuspected: children.aceKnownOrSuspected,
  referralDate: children.referralDate,
  enteredCareDate: children.enteredCareDate,
  placementOrderDate: children.placementOrderDate,
  adoptionPlanDate: children.adoptionPlanDate,
  outcome: children.outcome,
  outcomeDate: children.outcomeDate,
  importantContactPostcodes: children.importantContactPostcodes,
};

/**
 * Every child referred to an agency (shared with it, not declined), in batches in the order of
 * their ids, read through row-level security in the caller's transaction: memory stays flat
 * however many children there are.
 */
export async function* researchRecords(tx: Tx, agencyId: string, batchSize = 2000): AsyncGenerator<ResearchRecord[]> {
  let after: string | undefined;
  for (;;) {
    const batch = await tx
      .select(columns)
      .from(children)
      .where(and(sql`${agencyId}::uuid = ANY(${children.sharedWith})`, ne(children.status, 'declined'), after ? gt(children.id, after) : undefined))
      .orderBy(asc(children.id))
      .limit(batchSize);
    if (batch.length) yield batch;
    if (batch.length < batchSize) return;
    after = batch[batch.length - 1]!.id;
  }
}
