import { CHRONOLOGY_KINDS, type ChronologyKind } from '../../platform/chronology/entry.ts';

type T = (key: string, params?: Record<string, unknown>) => string;

/** The filter's checkboxes: every kind the chronology holds, ticked when asked for. */
export function kindItems(present: readonly ChronologyKind[], asked: readonly ChronologyKind[], t: T) {
  return CHRONOLOGY_KINDS.filter((kind) => present.includes(kind) || asked.includes(kind)).map((kind) => ({
    value: kind,
    text: t(`chronology:kinds.${kind}`),
    checked: asked.includes(kind),
  }));
}
