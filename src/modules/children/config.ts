import { DEFAULT_CLOCK_CONFIG, type ClockConfig } from './clocks.ts';
import { DEFAULT_PRIORITY_CONFIG, type PriorityConfig } from './priority.ts';
import { DEFAULT_DISCLOSURE, type DisclosureConfig } from '../reporting/index.ts';

/**
 * The agency's settings for children who wait; every threshold a practitioner may want to change.
 * These are the defaults: an agency's saved settings (settings.ts, /children/settings) replace the
 * thresholds on its page, and the children service reads them once per use case.
 */
export type ChildrenConfig = {
  priority: PriorityConfig;
  clocks: ClockConfig;
  /** The comparison cohort's mean ACE count (about 4 in the studies the seeds cite). */
  comparatorMeanAces: number;
  /** What the comparison cohort is, in English and Welsh (shown beside the comparator on the analysis). */
  comparatorLabel: { en: string; cy: string };
  disclosure: DisclosureConfig;
};

export const DEFAULT_CHILDREN_CONFIG: ChildrenConfig = {
  priority: DEFAULT_PRIORITY_CONFIG,
  clocks: DEFAULT_CLOCK_CONFIG,
  comparatorMeanAces: 4,
  comparatorLabel: { en: 'Published studies of children in comparable groups', cy: 'Astudiaethau cyhoeddedig o blant mewn grwpiau tebyg' },
  disclosure: DEFAULT_DISCLOSURE,
};
