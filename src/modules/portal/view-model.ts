import type { OutstandingItem } from './access.ts';
import type { MyApplication } from './service.ts';

export type T = (key: string, params?: Record<string, unknown>) => string;

/** A calendar date ("2026-03-01") as "1 March 2026" / "1 Mawrth 2026". */
export function longDate(value: string, language: string): string {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(language === 'cy' ? 'cy-GB' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** One outstanding item in words: "DBS check for Morwenna", "2 more references". */
export function outstandingText(item: OutstandingItem, givenNames: ReadonlyMap<string, string>, t: T): string {
  const name = item.applicantId ? givenNames.get(item.applicantId) : undefined;
  switch (item.kind) {
    case 'dbs':
      return name ? t('portal:myApplication.outstanding.dbs', { name }) : t('portal:myApplication.outstanding.other');
    case 'medical':
      return name ? t('portal:myApplication.outstanding.medical', { name }) : t('portal:myApplication.outstanding.other');
    case 'reference':
      return t('portal:myApplication.outstanding.reference', { count: item.count });
    case 'local_authority':
      return t('portal:myApplication.outstanding.localAuthority', { count: item.count });
    default:
      return t('portal:myApplication.outstanding.other');
  }
}

/** The page's variables for views/my-application.njk, in the page's language. */
export function myApplicationView(application: MyApplication, t: T, language: string) {
  const givenNames = new Map(application.applicants.map((a) => [a.id, a.givenNames]));
  const rows = [
    { key: { text: t('portal:myApplication.stage') }, value: { text: t(`portal:stage.${application.stage}`) }, attributes: { 'data-testid': 'stage' } },
    { key: { text: t('portal:myApplication.since') }, value: { text: longDate(application.stageSince, language) } },
  ];
  if (application.due)
    rows.push({ key: { text: t('portal:myApplication.due') }, value: { text: longDate(application.due.due, language) }, attributes: { 'data-testid': 'due' } });
  rows.push({
    key: { text: t('portal:myApplication.socialWorker') },
    value: { text: application.socialWorkerName ?? t('portal:myApplication.notAllocated') },
    attributes: { 'data-testid': 'social-worker' },
  });
  rows.push({ key: { text: t('portal:myApplication.applicants') }, value: { text: application.applicants.map((a) => a.givenNames).join(', ') } });
  return {
    reference: t('portal:myApplication.reference', { reference: application.reference }),
    stageHelp: t(`portal:stageHelp.${application.stage}`),
    summaryRows: rows,
    inStage1: application.stage === 'stage1',
    outstanding: application.outstanding.map((item) => outstandingText(item, givenNames, t)),
  };
}
