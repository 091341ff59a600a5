import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';

const staticPage = (url: string, view: string, titleKey: string) =>
  route({
    method: 'GET',
    url,
    kind: 'page',
    action: 'public.view',
    summary: `Information page ${url}`,
    beforeSecondFactor: true,
    handler: async (call) => call.render(view, { pageTitle: call.t(titleKey) }),
  });

import { longDate } from '../../platform/format/format.ts';
import { dueMeasureRows } from '../outcomes/index.ts';

export function homeRoutes(services: Services) {
  return [
    route({
      method: 'GET',
      url: '/',
      kind: 'page',
      action: 'home.view',
      summary: 'Home: the signed-in person’s dashboard',
      query: z.object({}).passthrough(),
      handler: async (call) => {
        const dashboard = services.home.dashboard(call.ctx);
        const attention = (await services.home.childrenNeedingAttention(call.ctx, services.children))?.map((c) => ({
          ...c,
          referred: longDate(c.referralDate, call.language),
        }));
        const households = await services.recruitment.needingAttention(call.ctx);
        const householdsAttention = households?.map((h) => ({
          id: h.id,
          reference: h.reference,
          names: h.applicantNames.join(' & '),
          clock: call.t(`recruitment:vocabulary.clock.${h.due.clock}`),
          due: longDate(h.due.due, call.language),
          levelText: call.t(`recruitment:vocabulary.due.${h.due.level}`, { count: Math.abs(h.due.daysLeft) }),
          levelClass: h.due.level === 'overdue' ? 'govuk-tag--red' : 'govuk-tag--yellow',
        }));
        const outcomesDue = dueMeasureRows(await services.outcomes.dueForMe(call.ctx), call.t, call.language);
        return call.render('home/views/home.njk', { pageTitle: call.t('home.title'), ...dashboard, attention, householdsAttention, outcomesDue });
      },
    }),
    staticPage('/accessibility', 'home/views/accessibility.njk', 'accessibility.title'),
    staticPage('/cookies', 'home/views/cookies.njk', 'cookies.title'),
    staticPage('/privacy', 'home/views/privacy.njk', 'privacy.title'),
  ];
}
