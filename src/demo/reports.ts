import type { Services } from '../server/services.ts';
import type { IsoDate } from '../platform/dates/dates.ts';
import { one, type DemoCast } from './cast.ts';

/** The last financial year (April to March) that has ended by `today`. */
export function lastFinancialYear(today: IsoDate): { from: IsoDate; to: IsoDate } {
  const year = Number(today.slice(0, 4));
  const starts = today.slice(5) >= '04-01' ? year - 1 : year - 2;
  return { from: `${starts}-04-01`, to: `${starts + 1}-03-31` };
}

/**
 * The demo funder's report for the last financial year, issued by the service manager in the
 * funder's language, so the funder's reports page has one to read and download (and the agency's
 * page shows what it issued).
 */
export async function seedDemoReport(services: Services, cast: DemoCast, options: { today: IsoDate }): Promise<{ id: string; reference: string }> {
  const funder = cast.find((p) => p.role === 'funder')!;
  return services.reports.issue(one(cast, 'service_manager'), {
    organisation: funder.organisation,
    ...lastFinancialYear(options.today),
    language: funder.language,
  });
}
