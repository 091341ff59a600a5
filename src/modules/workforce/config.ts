import type { Role } from '../../platform/policy/roles.ts';
import type { SupervisionFrequency } from './supervision.ts';

/** The agency's settings for its workforce: every threshold a manager may want to change. */
export type WorkforceConfig = {
  supervision: {
    /** How often each worker is expected to have clinical supervision (default monthly). */
    frequency: SupervisionFrequency;
    /** Supervision is "due soon" this many days before it is due. */
    dueSoonDays: number;
    /** Who is expected to have supervision: the agency's social workers of every kind. */
    superviseeRoles: readonly Role[];
    /** Who gives it: the clinical psychologists (of the agency or the clinical partner). */
    supervisorRoles: readonly Role[];
    /** Length of one session, in minutes. */
    minutes: { min: number; max: number };
  };
  cpd: {
    /** The month a CPD year starts (1 = January: the calendar year). */
    yearStartMonth: number;
    /**
     * Hours a worker aims for in a CPD year. Social Care Wales asks registered social workers for
     * 90 hours of post-registration training and learning in each three-year registration: 30 a year.
     */
    targetHoursPerYear: number;
    /** Hours of one training record (a course of several days is one record). */
    maxHoursPerRecord: number;
  };
  myWork: {
    /** Meetings and sessions shown ahead of today, in days. */
    daysAhead: number;
    /** Actions and supervision due within this many days are shown as due soon. */
    dueSoonDays: number;
  };
  calendar: {
    /** The feed carries the recent past (for a calendar that syncs late) and this far ahead. */
    daysBack: number;
    daysAhead: number;
  };
};

export const DEFAULT_WORKFORCE_CONFIG: WorkforceConfig = {
  supervision: {
    frequency: 'monthly',
    dueSoonDays: 7,
    superviseeRoles: ['family_finder', 'social_worker', 'therapeutic_social_worker'],
    supervisorRoles: ['clinical_psychologist'],
    minutes: { min: 15, max: 480 },
  },
  cpd: { yearStartMonth: 1, targetHoursPerYear: 30, maxHoursPerRecord: 300 },
  myWork: { daysAhead: 14, dueSoonDays: 7 },
  calendar: { daysBack: 31, daysAhead: 183 },
};
