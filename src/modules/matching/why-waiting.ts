import { EXCLUSION_CODES, type ExclusionCode } from './compatibility.ts';

/**
 * Why the children no family can take are still waiting, each child counted once, for the chart of
 * blocking limits on the whole picture. A group whose possible families are all suggested for other
 * children waits for that reason, whatever limits other families set ("taken"): recruiting more
 * families like those would place it. Otherwise it is counted under the limit that shuts out the
 * most families for it (ties in the order the limits are checked), or "no families" when no family
 * is available at all. The figures add up to the children left waiting.
 */

export const MAIN_REASONS = ['taken', ...EXCLUSION_CODES, 'no_families'] as const;
export type MainReason = (typeof MAIN_REASONS)[number];

export type UnmatchedUnit = {
  children: number;
  blocking: { byLimit: readonly { code: ExclusionCode; families: number }[]; eligibleButTaken: number };
};

export function mainReasonOf(blocking: UnmatchedUnit['blocking']): MainReason {
  if (blocking.eligibleButTaken > 0) return 'taken';
  let best: { code: ExclusionCode; families: number } | undefined;
  for (const limit of blocking.byLimit) {
    const earlier = best && EXCLUSION_CODES.indexOf(limit.code) < EXCLUSION_CODES.indexOf(best.code);
    if (!best || limit.families > best.families || (limit.families === best.families && earlier)) best = limit;
  }
  return best?.code ?? 'no_families';
}

/** Children by main reason, the largest first; reasons no child waits for are left out. */
export function childrenByMainReason(unmatched: readonly UnmatchedUnit[]): { reason: MainReason; children: number }[] {
  const counts = new Map<MainReason, number>();
  for (const unit of unmatched) {
    const reason = mainReasonOf(unit.blocking);
    counts.set(reason, (counts.get(reason) ?? 0) + unit.children);
  }
  return MAIN_REASONS.filter((r) => counts.has(r))
    .map((reason) => ({ reason, children: counts.get(reason)! }))
    .sort((a, b) => b.children - a.children);
}
