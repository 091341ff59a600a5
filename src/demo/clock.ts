import type { IsoDate } from '../platform/dates/dates.ts';
import type { SetDay } from '../modules/matching/index.ts';
import { walesInstant } from '../platform/dates/times.ts';

/**
 * The clock the demo's services share. The demo moves it to the day each thing happened in the
 * story (10:00 in Wales unless said), so referral dates, timeline entries and the services' rules
 * about dates and order hold as they would have then; without a day it is the real time again.
 */
export function storyClock(): { clock: () => Date; setDay: SetDay } {
  let now: Date | null = null;
  return {
    clock: () => now ?? new Date(),
    setDay: (day?: IsoDate, time = '10:00') => {
      now = day ? walesInstant(day, time) : null;
    },
  };
}
