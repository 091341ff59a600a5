import { FORMULATION_FIELDS, type FormulationField } from './vocabulary.ts';

/**
 * A formulation is written for one unit (a child, or brothers and sisters together) and rewritten
 * as understanding grows: every change is a new version, the earlier ones kept and readable.
 */

export type FormulationText = Record<FormulationField, string | null>;

/** The key of a formulation's line of versions: the first of its children's ids, in a stable order. */
export function unitKeyOf(childIds: readonly string[]): string {
  if (childIds.length === 0) throw new RangeError('a formulation is about at least one child');
  return [...childIds].sort()[0]!;
}

/** The parts that differ between two versions (what a reader of the history wants to know first). */
export function changedFields(before: Partial<FormulationText> | null, after: FormulationText): FormulationField[] {
  return FORMULATION_FIELDS.filter((field) => (before?.[field] ?? null) !== (after[field] ?? null));
}

/** The version a new formulation gets: one more than the current, or 1 for the first. */
export function nextVersion(current: { formulationVersion: number } | null | undefined): number {
  return (current?.formulationVersion ?? 0) + 1;
}
