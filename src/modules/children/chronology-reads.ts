import type { ChronologyEntry, ChronologyKind } from '../../platform/chronology/entry.ts';
import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize, can } from '../../platform/policy/policy.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { thresholdsPassed } from './clocks.ts';
import * as repo from './repository.ts';
import { childResource } from './service-context.ts';
import { loadChildrenConfig, settingsOwner } from './settings-service.ts';
import { childName } from './page-helpers.ts';

/** What the chronology page says about whose chronology it is. */
export type ChronologyChild = { id: string; name: string };

/**
 * Opens a child's chronology: the child must be in the reader's scope (children.view), or the
 * whole chronology answers 404. Run first, in the reader's transaction, before any other source.
 */
export async function childForChronology(tx: Tx, ctx: RequestContext, childId: string): Promise<ChronologyChild> {
  const child = await repo.getChild(tx, childId);
  if (!child) throw new NotFoundError();
  authorize(ctx.actor, 'children.view', childResource(child, await repo.sharedWith(tx, childId)));
  return { id: child.id, name: childName(child) };
}

/** Lines of the child's own timeline, each in the kind a reader filters by. Matching's lines come from matching itself, dated when the step took effect. */
const KIND_OF_EVENT: Record<string, ChronologyKind> = {
  referred: 'referral',
  accepted: 'decision',
  declined: 'decision',
  edited: 'record',
  'aces.recorded': 'aces',
  'sibling-group.joined': 'record',
  'referral.text-removed': 'referral',
  'sibling-group.reasons-removed': 'record',
};
const EVENT_KEY: Record<string, string> = {
  referred: 'referred',
  accepted: 'accepted',
  declined: 'declined',
  edited: 'edited',
  'aces.recorded': 'acesRecorded',
  'sibling-group.joined': 'siblingGroupJoined',
  'referral.text-removed': 'referralTextRemoved',
  'sibling-group.reasons-removed': 'siblingReasonsRemoved',
};

/**
 * The children module's part of a child's chronology: the referral (dated by the referral date),
 * the agency's decision, changes to the record and the ACE record, the days the waiting clocks
 * passed their warning and urgent levels, and the outcome (dated by the outcome's date). The caller
 * has opened the chronology with childForChronology.
 */
export async function childChronology(tx: Tx, ctx: RequestContext, childId: string, today: IsoDate): Promise<ChronologyEntry[]> {
  const child = (await repo.getChild(tx, childId))!;
  const mayViewAces = can(ctx.actor, 'aces.view');
  const events = await repo.timelineOf(tx, childId, 1000);
  const recorded: ChronologyEntry[] = events.flatMap((e): ChronologyEntry[] => {
    if (e.event.startsWith('outcome.')) {
      const outcome = e.event.slice('outcome.'.length);
      return [
        {
          on: child.outcome === outcome && child.outcomeDate ? child.outcomeDate : dateInWales(e.at),
          recordedAt: e.at,
          kind: 'outcome',
          who: e.actorName,
          text: { key: 'children:child.timeline.events.outcome', terms: { outcome: `children:vocabulary.outcome.${outcome}` } },
          href: `/children/${childId}`,
        },
      ];
    }
    const kind = KIND_OF_EVENT[e.event];
    if (!kind || (kind === 'aces' && !mayViewAces)) return [];
    return [
      {
        on: e.event === 'referred' ? child.referralDate : dateInWales(e.at),
        recordedAt: e.at,
        kind,
        who: e.actorName,
        text: { key: `children:child.timeline.events.${EVENT_KEY[e.event]}` },
        href:
          kind === 'aces'
            ? `/children/${childId}/aces`
            : child.referralId && kind !== 'record' && can(ctx.actor, 'referrals.view')
              ? `/referrals/${child.referralId}`
              : `/children/${childId}`,
      },
    ];
  });
  // A clock stops when the journey does: no warnings after the outcome.
  const until = child.outcomeDate && child.outcomeDate < today ? child.outcomeDate : today;
  const config = await loadChildrenConfig(tx, settingsOwner(ctx.actor));
  const clocks: ChronologyEntry[] = thresholdsPassed(child, until, config.clocks).map((passed) => ({
    on: passed.on,
    kind: 'clock',
    text: { key: `children:chronology.clock.${passed.level}`, params: { count: passed.months }, terms: { clock: `children:vocabulary.clock.${passed.name}` } },
    href: `/children/${childId}`,
  }));
  return [...recorded, ...clocks];
}
