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
import { sourcesFrom, workItemViews } from '../workforce/index.ts';
import { can } from '../../platform/policy/policy.ts';
import { administrationView } from './administration-view.ts';
import { keyFigureRows } from './key-figures-view.ts';

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
        // The person's work list from the same gathering and rule as "My work", so the two never disagree.
        const work = await services.workforce.workList(call.ctx, sourcesFrom(services));
        const attention = work.childrenWaiting?.map((c) => ({ ...c, referred: longDate(c.referralDate, call.language) }));
        const householdsAttention = work.timescales?.map((h) => ({
          id: h.id,
          reference: h.reference,
          names: h.names,
          clock: call.t(`recruitment:vocabulary.clock.${h.clock}`),
          due: longDate(h.due, call.language),
          levelText: call.t(`recruitment:vocabulary.due.${h.level}`, { count: Math.abs(h.daysLeft) }),
          levelClass: h.level === 'overdue' ? 'govuk-tag--red' : 'govuk-tag--yellow',
        }));
        const outcomesDue = work.outcomesDue ? dueMeasureRows(work.outcomesDue, call.t, call.language) : undefined;
        // The service manager's key figures; supervision's state comes from workforce, which decides who is overdue.
        const figures = await services.home.keyFigures(call.ctx, {
          supervisionLevels: async (ctx) => (await services.workforce.supervisionDueList(ctx, false)).items.map((i) => i.level),
          money: (ctx) => services.billing.moneyOwed(ctx),
          // The SDQ's total difficulties, first to latest measure (the outcomes module's cohort report).
          improvement: async (ctx) => {
            const total = (await services.outcomes.cohort(ctx, { instrument: 'sdq-parent' })).scales.find((s) => s.scale.code === 'total');
            if (!total) return null;
            const improved = total.counts.improved;
            return typeof improved === 'number' && typeof total.children === 'number' ? { improved, children: total.children } : null;
          },
        });
        // The referrer follows every child their authority referred, not only those past their clocks.
        const referred = await services.home.referredChildren(call.ctx, services.children);
        // The administrator's watch: people, accounts that cannot sign in, and the audit chain's last check.
        const people = await services.organisations.peopleOverview(call.ctx);
        const verification = can(call.actor, 'audit.verify') ? await services.audit.lastVerification(call.ctx) : undefined;
        const administration = people || verification !== undefined ? administrationView(people, verification, call.t, call.language) : undefined;
        return call.render('home/views/home.njk', {
          pageTitle: call.t('home.title'),
          ...dashboard,
          workItems: workItemViews(work.items, call.t, call.language),
          myWorkLink: can(call.actor, 'myWork.view'),
          attention,
          householdsAttention,
          outcomesDue,
          referred,
          administration,
          keyFigures: figures ? keyFigureRows(figures, call.t, call.language, (href) => call.mayOpen(href)) : undefined,
        });
      },
    }),
    staticPage('/accessibility', 'home/views/accessibility.njk', 'accessibility.title'),
    staticPage('/cookies', 'home/views/cookies.njk', 'cookies.title'),
    staticPage('/privacy', 'home/views/privacy.njk', 'privacy.title'),
  ];
}
