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

/** What `researchCategoryCounts` groups by: a column of ResearchRecord, the age at referral, or every child. */
export type ResearchCountedColumn =
  | 'sex'
  | 'ethnicity'
  | 'legalStatus'
  | 'status'
  | 'region'
  | 'needCategories'
  | 'developmentalUncertainty'
  | 'additionalLearningNeeds'
  | 'aceKnown'
  | 'aceKnownOrSuspected'
  | 'outcome'
  | 'importantContactPostcodes'
  | 'dateOfBirth'
  | 'referralAge'
  | 'all';

/**
 * One group of `researchCategoryCounts`: how many children hold the value of the column it is
 * `counted` by (that column set as in a ResearchRecord, the others null). The age at referral comes
 * as its two parts, the difference of the years and whether the referral's "MM-DD" is at or after
 * the birth's, so the research module turns them into whole years by its own rule.
 */
export type ResearchCount = Partial<ResearchRecord> & {
  counted: ResearchCountedColumn;
  children: number;
  referralYears: number | null;
  referralBirthdayPassed: boolean | null;
};

/**
 * The same children as researchRecords, counted in PostgreSQL by each column a research extract
 * merges small categories over (one grouping set per column, and one of all the children), so the
 * extract's counting pass receives a few thousand groups instead of every child's record.
 */
export async function researchCategoryCounts(tx: Tx, agencyId: string): Promise<ResearchCount[]> {
  const result = await tx.execute<ResearchCount>(sql`
    select case when grouping(sex) = 0 then 'sex' when grouping(ethnicity) = 0 then 'ethnicity'
                when grouping(legal_status) = 0 then 'legalStatus' when grouping(status) = 0 then 'status'
                when grouping(region) = 0 then 'region' when grouping(need_categories) = 0 then 'needCategories'
                when grouping(developmental_uncertainty) = 0 then 'developmentalUncertainty'
                when grouping(additional_learning_needs) = 0 then 'additionalLearningNeeds'
                when grouping(ace_known) = 0 then 'aceKnown' when grouping(ace_known_or_suspected) = 0 then 'aceKnownOrSuspected'
                when grouping(outcome) = 0 then 'outcome' when grouping(important_contact_postcodes) = 0 then 'importantContactPostcodes'
                when grouping(date_of_birth) = 0 then 'dateOfBirth' when grouping(referral_years) = 0 then 'referralAge'
                else 'all' end as counted,
           count(*)::int as children,
           sex, ethnicity, legal_status as "legalStatus", status, region, need_categories as "needCategories",
           developmental_uncertainty as "developmentalUncertainty", additional_learning_needs as "additionalLearningNeeds",
           ace_known as "aceKnown", ace_known_or_suspected as "aceKnownOrSuspected", outcome,
           important_contact_postcodes as "importantContactPostcodes", date_of_birth as "dateOfBirth",
           referral_years as "referralYears", referral_birthday_passed as "referralBirthdayPassed"
      from (select sex, ethnicity, legal_status, status, region, need_categories, developmental_uncertainty,
                   additional_learning_needs, ace_known, ace_known_or_suspected, outcome, important_contact_postcodes, date_of_birth,
                   (extract(year from referral_date) - extract(year from date_of_birth))::int as referral_years,
                   -- "MM-DD" compared byte by byte (collation C), as the research module compares the strings.
                   to_char(referral_date, 'MM-DD') collate "C" >= to_char(date_of_birth, 'MM-DD') collate "C" as referral_birthday_passed
              from ${children}
             where ${agencyId}::uuid = any(shared_with) and status <> 'declined') c
     group by grouping sets ((sex), (ethnicity), (legal_status), (status), (region), (need_categories), (developmental_uncertainty),
                             (additional_learning_needs), (ace_known), (ace_known_or_suspected), (outcome), (important_contact_postcodes),
                             (date_of_birth), (referral_years, referral_birthday_passed), ())`);
  return result.rows;
}
