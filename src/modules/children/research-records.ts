import { sql } from 'drizzle-orm';
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

/**
 * Every child referred to an agency (shared with it, not declined), in batches in the order of
 * their ids, read through row-level security in the caller's transaction: memory stays flat
 * however many children there are. One plain query per batch (rows as node-postgres gives them,
 * no mapping: this runs over every child), and the next batch is asked for while the caller
 * works on the current one.
 */
export async function* researchRecords(tx: Tx, agencyId: string, batchSize = 2000): AsyncGenerator<ResearchRecord[]> {
  const fetch = async (after: string | null) =>
    (
      await tx.execute<ResearchRecord>(sql`
        select id, date_of_birth as "dateOfBirth", sex, ethnicity, legal_status as "legalStatus", status, region,
               need_categories as "needCategories", developmental_uncertainty as "developmentalUncertainty",
               additional_learning_needs as "additionalLearningNeeds", ace_known as "aceKnown",
               ace_known_or_suspected as "aceKnownOrSuspected", referral_date as "referralDate",
               entered_care_date as "enteredCareDate", placement_order_date as "placementOrderDate",
               adoption_plan_date as "adoptionPlanDate", outcome, outcome_date as "outcomeDate",
               important_contact_postcodes as "importantContactPostcodes"
          from ${children}
         where ${agencyId}::uuid = any(shared_with) and status <> 'declined' and (${after}::uuid is null or id > ${after}::uuid)
         order by id
         limit ${batchSize}`)
    ).rows;
  let next = fetch(null);
  for (;;) {
    const batch = await next;
    if (batch.length === batchSize) next = fetch(batch[batch.length - 1]!.id);
    if (batch.length) yield batch;
    if (batch.length < batchSize) return;
  }
}
