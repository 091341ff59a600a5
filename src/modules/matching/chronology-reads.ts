import { arrayContains, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { users } from '../../platform/auth/schema.ts';
import type { ChronologyEntry } from '../../platform/chronology/entry.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { can } from '../../platform/policy/policy.ts';
import { matchEvents, matches, transitionSteps } from './schema.ts';

/** Steps that put a child into, or take a child out of, their adoptive home: a reader filters them as placement. */
const PLACEMENT_STAGES = new Set(['placed', 'adoption_order', 'disrupted']);

/**
 * Every step of these matches (the link, each step to the order or the close, dated when it took
 * effect) and every step of their introductions (dated when planned or held). Row-level security
 * leaves out matches the reader's organisation does not share.
 */
async function entriesOfMatches(tx: Tx, ctx: RequestContext, where: SQL): Promise<ChronologyEntry[]> {
  if (!can(ctx.actor, 'matches.view')) return [];
  const found = await tx.select({ id: matches.id }).from(matches).where(where);
  const ids = found.map((m) => m.id);
  if (ids.length === 0) return [];
  const steps = await tx
    .select({ matchId: matchEvents.matchId, toStage: matchEvents.toStage, on: matchEvents.effectiveDate, at: matchEvents.at, who: users.name })
    .from(matchEvents)
    .leftJoin(users, eq(users.id, matchEvents.actorId))
    .where(inArray(matchEvents.matchId, ids))
    .orderBy(asc(matchEvents.at));
  const introductions = await tx
    .select({ matchId: transitionSteps.matchId, kind: transitionSteps.kind, status: transitionSteps.status, on: transitionSteps.plannedDate })
    .from(transitionSteps)
    .where(inArray(transitionSteps.matchId, ids))
    .orderBy(asc(transitionSteps.plannedDate));
  return [
    ...steps.map((s): ChronologyEntry => ({
      on: s.on,
      recordedAt: s.at,
      kind: PLACEMENT_STAGES.has(s.toStage) ? 'placement' : 'match',
      who: s.who,
      text: { key: 'chronology:entries.matchStep', terms: { stage: `matches:vocabulary.stage.${s.toStage}` } },
      href: `/matches/${s.matchId}`,
    })),
    ...introductions
      .filter((s) => s.status !== 'cancelled' && s.status !== 'moved')
      .map((s): ChronologyEntry => ({
        on: s.on,
        kind: 'transition',
        text: {
          key: 'chronology:entries.transitionStep',
          terms: { step: `matches:vocabulary.step.${s.kind}`, status: `matches:vocabulary.stepStatus.${s.status}` },
        },
        href: `/matches/${s.matchId}/transition-plan`,
      })),
  ];
}

/** Matching's part of a child's chronology: links, every match step, introductions and placement. */
export function childMatchingChronology(tx: Tx, ctx: RequestContext, childId: string): Promise<ChronologyEntry[]> {
  return entriesOfMatches(tx, ctx, arrayContains(matches.childIds, [childId]));
}

/** Matching's part of a household's chronology: the same, for every child linked with the family. */
export function householdMatchingChronology(tx: Tx, ctx: RequestContext, householdId: string): Promise<ChronologyEntry[]> {
  return entriesOfMatches(tx, ctx, eq(matches.householdId, householdId));
}

/** The matches a child is in that the reader's organisation may see (support's sessions hang on them). */
export async function matchIdsOfChild(tx: Tx, childId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: matches.id })
    .from(matches)
    .where(arrayContains(matches.childIds, [childId]));
  return rows.map((m) => m.id);
}
