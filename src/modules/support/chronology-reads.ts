import { asc, eq, inArray, ne, and, type SQL } from 'drizzle-orm';
import { users } from '../../platform/auth/schema.ts';
import type { ChronologyEntry } from '../../platform/chronology/entry.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { can } from '../../platform/policy/policy.ts';
import { supportSessions } from './schema.ts';

/** Support sessions held or planned (not cancelled), by the day they were: the kind and the worker, never the notes. */
async function sessionsWhere(tx: Tx, ctx: RequestContext, where: SQL): Promise<ChronologyEntry[]> {
  if (!can(ctx.actor, 'support.view')) return [];
  const rows = await tx
    .select({ id: supportSessions.id, kind: supportSessions.kind, status: supportSessions.status, startsAt: supportSessions.startsAt, who: users.name })
    .from(supportSessions)
    .leftJoin(users, eq(users.id, supportSessions.workerId))
    .where(and(where, ne(supportSessions.status, 'cancelled')))
    .orderBy(asc(supportSessions.startsAt));
  return rows.map((s) => ({
    on: dateInWales(s.startsAt),
    recordedAt: s.startsAt,
    kind: 'support',
    who: s.who,
    text: {
      key: 'chronology:entries.supportSession',
      terms: { session: `support:vocabulary.kind.${s.kind}`, status: `support:vocabulary.sessionStatus.${s.status}` },
    },
    href: `/support/sessions/${s.id}`,
  }));
}

/** Support's part of a child's chronology: sessions held for the family under the child's matches. */
export function matchesSupportChronology(tx: Tx, ctx: RequestContext, matchIds: readonly string[]): Promise<ChronologyEntry[]> {
  return matchIds.length ? sessionsWhere(tx, ctx, inArray(supportSessions.matchId, [...matchIds])) : Promise.resolve([]);
}

/** Support's part of a household's chronology: every session with the family. */
export function householdSupportChronology(tx: Tx, ctx: RequestContext, householdId: string): Promise<ChronologyEntry[]> {
  return sessionsWhere(tx, ctx, eq(supportSessions.householdId, householdId));
}
