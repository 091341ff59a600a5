import { daysBetween, dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { can } from '../../platform/policy/policy.ts';
import type { ChildrenService } from '../children/index.ts';

/** Stages of a child's journey with the agency, in order; a closed or declined referral has left it. */
const IN_JOURNEY = ['referred', 'family_finding', 'linked', 'matched', 'placed'] as const;
export type JourneyStage = (typeof IN_JOURNEY)[number];
/** The referrer's panel lists this many children; the rest are on the children list. */
const SHOWN = 50;
const PAGES = 5;

/** One child their authority referred, as the referrer follows them: stage, days since referral, what happens next. */
export type ReferredChild = { id: string; name: string; stage: JourneyStage; referralDate: IsoDate; daysWaiting: number };

/**
 * Every child the referrer's authority referred who is still on their journey with the agency
 * (referred, being family-found, linked, matched or placed), longest waiting first. Read through
 * the children module as the referrer, so row-level security keeps it to their authority's children.
 */
export async function referredChildren(
  ctx: RequestContext,
  children: Pick<ChildrenService, 'listChildren'>,
  now: Date,
): Promise<{ children: ReferredChild[]; total: number } | undefined> {
  const actor = ctx.actor;
  if (actor.kind !== 'user' || !actor.roles.includes('la_referrer') || !can(actor, 'children.list')) return undefined;
  const today = dateInWales(now);
  const found: ReferredChild[] = [];
  let after: { value: string | null; id: string } | undefined;
  for (let page = 0; page < PAGES; page++) {
    const rows = await children.listChildren(ctx, { sort: 'referralDate', limit: 100 }, after, { statuses: IN_JOURNEY });
    for (const c of rows.items)
      found.push({
        id: c.id,
        name: c.name,
        stage: c.status as JourneyStage,
        referralDate: c.referralDate,
        daysWaiting: daysBetween(c.referralDate, today),
      });
    if (!rows.next) break;
    after = rows.next;
  }
  return { children: found.slice(0, SHOWN), total: found.length };
}
