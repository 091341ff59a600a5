import { CHRONOLOGY_KINDS, type ChronologyEntry, type ChronologyKind } from '../../platform/chronology/entry.ts';

/** Kinds a reader asked for, from a query string; unknown names are left out rather than refused. */
export function kindsFrom(value: unknown): ChronologyKind[] {
  const asked = (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]).map(String);
  return CHRONOLOGY_KINDS.filter((kind) => asked.includes(kind));
}

/**
 * Every source's entries as one chronology: oldest first by the day it happened, then by when it
 * was recorded, then in the order of the kinds (a referral before its decision on the same day).
 * With kinds given, only those; an empty list means every kind.
 */
export function mergeChronology(sources: readonly (readonly ChronologyEntry[])[], kinds: readonly ChronologyKind[] = []): ChronologyEntry[] {
  const rank = (kind: ChronologyKind) => CHRONOLOGY_KINDS.indexOf(kind);
  const time = (e: ChronologyEntry) => e.recordedAt?.getTime() ?? 0;
  return sources
    .flat()
    .filter((e) => kinds.length === 0 || kinds.includes(e.kind))
    .sort((a, b) => a.on.localeCompare(b.on) || time(a) - time(b) || rank(a.kind) - rank(b.kind));
}

/** The kinds present in a chronology, to offer as filters only what there is to filter. */
export function kindsPresent(entries: readonly ChronologyEntry[]): ChronologyKind[] {
  return CHRONOLOGY_KINDS.filter((kind) => entries.some((e) => e.kind === kind));
}
