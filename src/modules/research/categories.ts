/**
 * Small categories in an extract: a value (an ethnicity, an age, a region) held by fewer children
 * than the agency's threshold could single a child out, so it is merged into "other". Should
 * "other" itself hold fewer than the threshold (but some), the next smallest values join it until
 * it does; when the whole field holds too few children for that, every value is suppressed ("c").
 * A field of several values (needs, districts) is merged value by value. Pure.
 */
export const OTHER = 'other';
export const SUPPRESSED_VALUE = 'c';

export type MergePlan = { keep: ReadonlySet<string>; merged: string };

/** Counts of each value of each field, over the children of an extract. */
export class CategoryTally {
  readonly counts = new Map<string, Map<string, number>>();

  /** Counts `value` for `children` children (a group counted in the database) or for one. */
  add(field: string, value: string, multi: boolean, children = 1): void {
    const counts = this.counts.get(field) ?? this.counts.set(field, new Map()).get(field)!;
    for (const one of multi ? splitValues(value) : [value]) counts.set(one, (counts.get(one) ?? 0) + children);
  }

  plan(field: string, minimum: number): MergePlan {
    return mergePlan(this.counts.get(field) ?? new Map(), minimum);
  }
}

export function splitValues(value: string): string[] {
  return value ? value.split(';') : [];
}

/** Which values of a field are shown as they are, and what the rest become ("other" or "c"). */
export function mergePlan(counts: ReadonlyMap<string, number>, minimum: number): MergePlan {
  const ascending = [...counts.entries()].filter(([, n]) => n > 0).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  const keep = new Set(ascending.filter(([, n]) => n >= minimum).map(([value]) => value));
  let other = ascending.filter(([value]) => !keep.has(value)).reduce((sum, [, n]) => sum + n, 0);
  for (const [value, n] of ascending) {
    if (other === 0 || other >= minimum) break;
    if (!keep.has(value)) continue;
    keep.delete(value);
    other += n;
  }
  if (other > 0 && other < minimum) return { keep: new Set(), merged: SUPPRESSED_VALUE };
  return { keep, merged: OTHER };
}

/** A value as the extract shows it under its field's plan. */
export function applyPlan(value: string, plan: MergePlan, multi: boolean): string {
  if (!multi) return plan.keep.has(value) ? value : plan.merged;
  const shown = new Set(splitValues(value).map((one) => (plan.keep.has(one) ? one : plan.merged)));
  return [...shown].sort().join(';');
}
