import { asc, eq } from 'drizzle-orm';
import { users } from '../../platform/auth/schema.ts';
import type { ChronologyEntry } from '../../platform/chronology/entry.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { can } from '../../platform/policy/policy.ts';
import { childrenByIds } from '../children/index.ts';
import { childOutcomesResource } from './access.ts';
import { outcomeAdministrations } from './schema.ts';

/**
 * Outcomes' part of a child's chronology: each measure entered, dated by the day the form was
 * completed, with who entered it. The scores stay on the child's outcomes page, whose policy decides
 * who reads them; readers who may not see the child's outcomes get no lines.
 */
export async function childOutcomesChronology(tx: Tx, ctx: RequestContext, childId: string): Promise<ChronologyEntry[]> {
  const [child] = await childrenByIds(tx, [childId]);
  if (!child || !can(ctx.actor, 'outcomes.view', childOutcomesResource(child))) return [];
  const rows = await tx
    .select({
      instrument: outcomeAdministrations.instrumentCode,
      respondent: outcomeAdministrations.respondent,
      on: outcomeAdministrations.completedOn,
      createdAt: outcomeAdministrations.createdAt,
      who: users.name,
    })
    .from(outcomeAdministrations)
    .leftJoin(users, eq(users.id, outcomeAdministrations.enteredBy))
    .where(eq(outcomeAdministrations.childId, childId))
    .orderBy(asc(outcomeAdministrations.completedOn));
  return rows.map((r) => ({
    on: r.on,
    recordedAt: r.createdAt,
    kind: 'outcome',
    who: r.who,
    text: {
      key: 'chronology:entries.outcomeMeasure',
      params: { instrument: r.instrument.toUpperCase() },
      terms: { respondent: `outcomes:respondent.${r.respondent}` },
    },
    href: `/children/${childId}/outcomes`,
  }));
}
