import { DEFAULT_DISCLOSURE, type DisclosureConfig } from '../reporting/index.ts';

/** The agency's settings for ongoing support: every threshold a manager may want to change. */
export type SupportConfig = {
  /** Months after placement at which the stability report asks whether a placement still holds. */
  stabilityWindowsMonths: readonly number[];
  /** A family waiting this many days or more is shown as waiting long; at the second, very long. */
  waitingLongDays: number;
  waitingVeryLongDays: number;
  /** A support plan's review is "due soon" this many days ahead. */
  reviewDueSoonDays: number;
  /** Length of a support session, in minutes. */
  sessionMinutes: { min: number; max: number };
  disclosure: DisclosureConfig;
};

export const DEFAULT_SUPPORT_CONFIG: SupportConfig = {
  stabilityWindowsMonths: [6, 12, 24],
  waitingLongDays: 28,
  waitingVeryLongDays: 56,
  reviewDueSoonDays: 28,
  sessionMinutes: { min: 5, max: 600 },
  disclosure: DEFAULT_DISCLOSURE,
};
