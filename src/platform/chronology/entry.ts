import type { IsoDate } from '../dates/dates.ts';

/**
 * The kinds of entry on a case chronology, in the order a case usually meets them. Every module
 * that contributes entries names one of these, so a reader can filter by what happened.
 */
export const CHRONOLOGY_KINDS = [
  'enquiry',
  'referral',
  'decision',
  'record',
  'clock',
  'aces',
  'stage',
  'check',
  'training',
  'tac',
  'consultation',
  'match',
  'transition',
  'placement',
  'support',
  'outcome',
  'document',
] as const;
export type ChronologyKind = (typeof CHRONOLOGY_KINDS)[number];

/**
 * One line of a chronology as a module hands it over: plain data, no words yet. `text` is a
 * translation key with its values; `terms` are values that are themselves translation keys (a stage,
 * an instrument), translated in the reader's language before the line is written.
 * `bilingual` values are data kept in both languages.
 */
export type ChronologyEntry = {
  /** The day it happened (a meeting's day, a decision's date), not the day it was typed. */
  on: IsoDate;
  /** When it was recorded, to keep entries of the same day in the order they were written. */
  recordedAt?: Date | null;
  kind: ChronologyKind;
  /** The person who did it, by name; null when unknown or not the reader's to see. */
  who?: string | null;
  text: {
    key: string;
    params?: Record<string, string | number>;
    terms?: Record<string, string>;
    /** Values the record holds in both languages (a course's title). */
    bilingual?: Record<string, { en: string; cy: string }>;
  };
  /** The record behind the entry, when the reader may open it. */
  href?: string | null;
};
