import { DEFAULT_CLOCK_CONFIG, type ClockConfig } from './clocks.ts';
import { DEFAULT_PRIORITY_CONFIG, type PriorityConfig } from './priority.ts';
import { DEFAULT_DISCLOSURE, type DisclosureConfig } from '../reporting/disclosure.ts';

/** The agency's settings for children who wait; every threshold a practitioner may want to change. */
export type ChildrenConfig = {
  priority: PriorityConfig;
  clocks: ClockConfig;
  /** The comparison cohort's mean ACE count (about 4 in the studies the seeds cite). */
  comparatorMeanAces: number;
  comparatorLabel: string;
  disclosure: DisclosureConfig;
};

export const DEFAULT_CHILDREN_CONFIG: ChildrenConfig = {
  priority: DEFAULT_PRIORITY_CONFIG,
  clocks: DEFAULT_CLOCK_CONFIG,
  comparatorMeanAces: 4,
  comparatorLabel: 'comparison cohorts (seeds)',
  disclosure: DEFAULT_DISCLOSURE,
};
