import { plainPage } from './service-page.ts';

/** The cohort ACE analysis: a chart and its table against the comparison cohort. */
export const AceAnalysisPage = plainPage('ace-analysis', /^\/analytics\/aces(\?|$)/, 'children:analytics.title');
