import type { ChronologyEntry } from '../../platform/chronology/entry.ts';
import type { IsoDate } from '../../platform/dates/dates.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { caseDocumentsChronology } from '../case-documents/index.ts';
import { childChronology } from '../children/index.ts';
import { childMatchingChronology, householdMatchingChronology, matchIdsOfChild } from '../matching/index.ts';
import { childOutcomesChronology } from '../outcomes/index.ts';
import { childPreparationChronology } from '../preparation/index.ts';
import { householdRecruitmentChronology } from '../recruitment/index.ts';
import { householdSupportChronology, matchesSupportChronology } from '../support/index.ts';
import { householdTrainingChronology } from '../training/index.ts';

/**
 * One module's lines of a chronology, read in the reader's transaction (row-level security applies)
 * from the module's front door. Each source asks the policy about its own records and returns only
 * what the reader may see.
 */
export type ChronologySource = {
  module: string;
  read: (tx: Tx, ctx: RequestContext, id: string, today: IsoDate) => Promise<ChronologyEntry[]>;
};

/**
 * The sources of a child's chronology. To add one, give the owning
 * module a named read on its index.ts returning ChronologyEntry lines, and list it here.
 */
export const CHILD_CHRONOLOGY_SOURCES: readonly ChronologySource[] = [
  { module: 'children', read: childChronology },
  { module: 'preparation', read: childPreparationChronology },
  { module: 'matching', read: childMatchingChronology },
  { module: 'support', read: async (tx, ctx, childId) => matchesSupportChronology(tx, ctx, await matchIdsOfChild(tx, childId)) },
  { module: 'outcomes', read: childOutcomesChronology },
  { module: 'case-documents', read: (tx, ctx, childId) => caseDocumentsChronology(tx, ctx, 'child', childId) },
];

/** The sources of a household's chronology; the same rule for adding one. */
export const HOUSEHOLD_CHRONOLOGY_SOURCES: readonly ChronologySource[] = [
  { module: 'recruitment', read: householdRecruitmentChronology },
  { module: 'training', read: householdTrainingChronology },
  { module: 'matching', read: householdMatchingChronology },
  { module: 'support', read: householdSupportChronology },
  { module: 'case-documents', read: (tx, ctx, householdId) => caseDocumentsChronology(tx, ctx, 'household', householdId) },
];
