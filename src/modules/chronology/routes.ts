import { z } from 'zod';
import { idParams } from '../../platform/forms/form-route.ts';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { kindsFrom } from './merge.ts';
import type { Chronology } from './service.ts';
import { chronologyRows } from '../../platform/chronology/rows.ts';
import { kindItems } from './view.ts';

/** `?kind=tac&kind=match`: the kinds to show; none means every kind. Unknown names are ignored. */
const filterQuery = z.object({ kind: z.union([z.string().max(40), z.array(z.string().max(40)).max(40)]).optional() }).passthrough();

/** The chronology pages of a child and of a household: one template, a filter by kind, printable. */
export function chronologyRoutes(services: Services) {
  async function page(call: Call, found: Chronology, kinds: ReturnType<typeof kindsFrom>, back: { href: string; key: string }) {
    const t = call.t;
    return call.render('chronology/views/chronology.njk', {
      pageTitle: t('chronology:page.title', { name: found.subject.name }),
      subjectName: found.subject.name,
      back: { href: back.href, text: t(back.key) },
      rows: chronologyRows(found.entries, t, call.language),
      kindItems: kindItems(found.present, kinds, t),
      filtered: kinds.length > 0,
    });
  }

  return [
    route({
      method: 'GET',
      url: '/children/:id/chronology',
      kind: 'page',
      action: 'children.view',
      summary: 'A child’s chronology: what happened, from every part of the service, in the order it happened',
      params: idParams,
      query: filterQuery,
      handler: async (call) => {
        const kinds = kindsFrom(call.query.kind);
        const found = await services.chronology.childChronology(call.ctx, call.params.id, kinds);
        return page(call, found, kinds, { href: `/children/${call.params.id}`, key: 'chronology:page.backToChild' });
      },
    }),
    route({
      method: 'GET',
      url: '/households/:id/chronology',
      kind: 'page',
      action: 'households.view',
      summary: 'A household’s chronology: enquiry, stages, checks, training, links and matches, support',
      params: idParams,
      query: filterQuery,
      handler: async (call) => {
        const kinds = kindsFrom(call.query.kind);
        const found = await services.chronology.householdChronology(call.ctx, call.params.id, kinds);
        return page(call, found, kinds, { href: `/households/${call.params.id}`, key: 'chronology:page.backToHousehold' });
      },
    }),
  ];
}
