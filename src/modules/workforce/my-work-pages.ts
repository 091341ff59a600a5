import { attachmentDisposition } from '../../platform/http/download.ts';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { can } from '../../platform/policy/policy.ts';
import { z } from 'zod';
import { dateTimeInWales, dayHeading, LEVEL_TAG, longDate, tagHtml, timeInWales } from './format.ts';
import type { DiaryEntry } from './my-work.ts';
import { sourcesFrom } from './sources.ts';
import { workItemViews } from './work-list-view.ts';
import { FEED_TOKEN } from './calendar.ts';
import { dueText } from './supervision-pages.ts';
import { DUE_PANEL_VIEW, dueMeasureRows } from '../outcomes/index.ts';

/** The public address of this service as the request reached it (for links in the calendar feed). */
function baseUrlOf(call: Call): { baseUrl: string | null; host: string } {
  const host = call.request.headers.host;
  if (!host || !/^[A-Za-z0-9.:[\]-]+$/.test(host)) return { baseUrl: null, host: 'adopting-together' };
  return { baseUrl: `${call.request.protocol}://${host}`, host: host.replace(/:\d+$/, '') };
}

/** "My work", the calendar feed's address (made, shown once, revoked) and the feed itself. */
export function myWorkPageRoutes(services: Services) {
  const workforce = services.workforce;

  function entryView(entry: DiaryEntry, call: Call) {
    const t = call.t;
    const what =
      entry.kind === 'tac_meeting'
        ? t('workforce:myWork.diary.tacMeeting')
        : entry.detail
          ? t(`workforce:vocabulary.sessionKind.${entry.detail}`)
          : t('workforce:myWork.diary.supportSession');
    return {
      time: t('workforce:myWork.diary.time', { start: timeInWales(entry.startsAt), end: timeInWales(entry.endsAt) }),
      what,
      about: [...entry.namesForPage, ...entry.references].filter((v, i, all) => all.indexOf(v) === i).join(', '),
      mode: entry.mode ? t(`workforce:vocabulary.mode.${entry.mode}`) : null,
      href: entry.href,
      kind: entry.kind,
    };
  }

  async function calendarPage(call: Call, created?: string) {
    const t = call.t;
    const feed = await workforce.calendarStatus(call.ctx);
    const { baseUrl } = baseUrlOf(call);
    return call.render('workforce/views/calendar.njk', {
      pageTitle: t('workforce:calendar.title'),
      feed: feed
        ? { created: dateTimeInWales(feed.createdAt, call.language), lastUsed: feed.lastUsedAt ? dateTimeInWales(feed.lastUsedAt, call.language) : null }
        : null,
      address: created ? `${baseUrl ?? ''}/calendar/${created}.ics` : null,
    });
  }

  return [
    route({
      method: 'GET',
      url: '/my-work',
      kind: 'page',
      action: 'myWork.view',
      summary: 'My work: actions due, meetings and sessions ahead, supervision due, household timescales about to pass',
      handler: async (call) => {
        const t = call.t;
        const work = await workforce.myWork(call.ctx, sourcesFrom(services));
        return call.render('workforce/views/my-work.njk', {
          pageTitle: t('workforce:myWork.title'),
          today: longDate(work.today, call.language),
          // The same list as the home page (work-list.ts), in the same words.
          workItems: workItemViews(work.items, t, call.language),
          actions: work.actions,
          actionItems: work.actionItems,
          myActions: work.actionItems,
          // The outcomes module's own panel and rows, exactly as on the home page.
          outcomesDue: work.outcomesDue ? dueMeasureRows(work.outcomesDue, t, call.language) : null,
          outcomesDuePanel: DUE_PANEL_VIEW,
          diary:
            work.diary?.map((day) => ({
              heading: day.isToday ? t('workforce:myWork.diary.today', { day: dayHeading(day.date, call.language) }) : dayHeading(day.date, call.language),
              entries: day.entries.map((e) => entryView(e, call)),
            })) ?? null,
          daysAhead: workforce.config.myWork.daysAhead,
          supervision: work.supervision
            ? {
                mine: work.supervision.mine
                  ? {
                      due: longDate(work.supervision.mine.due, call.language),
                      tag: tagHtml(dueText(work.supervision.mine, t), LEVEL_TAG[work.supervision.mine.level]!, 'my-supervision-level'),
                    }
                  : null,
                teamOverdue: work.supervision.teamOverdue,
                showTeam: typeof work.supervision.teamOverdue === 'number',
              }
            : null,
          timescales:
            work.timescales?.map((h) => ({
              id: h.id,
              reference: h.reference,
              names: h.names,
              clock: t(`recruitment:vocabulary.clock.${h.clock}`),
              due: longDate(h.due, call.language),
              tag: tagHtml(t(`recruitment:vocabulary.due.${h.level}`, { count: Math.abs(h.daysLeft) }), LEVEL_TAG[h.level] ?? 'govuk-tag--grey'),
            })) ?? null,
          links: {
            training: can(call.actor, 'staffTraining.view'),
            supervision: can(call.actor, 'supervision.view'),
            calendar: can(call.actor, 'calendar.manage'),
          },
        });
      },
    }),
    route({
      method: 'GET',
      url: '/my-work/calendar',
      kind: 'page',
      action: 'calendar.manage',
      summary: 'Your private calendar feed: whether you have one, make a new address, stop it',
      handler: async (call) => calendarPage(call),
    }),
    route({
      method: 'POST',
      url: '/my-work/calendar',
      kind: 'page',
      action: 'calendar.manage',
      summary: 'Make a new private calendar address (any earlier one stops working); shown once',
      handler: async (call) => {
        const { token } = await workforce.createCalendarFeed(call.ctx);
        return calendarPage(call, token);
      },
    }),
    route({
      method: 'POST',
      url: '/my-work/calendar/revoke',
      kind: 'page',
      action: 'calendar.manage',
      summary: 'Stop your calendar feed address working',
      handler: async (call) => {
        const revoked = await workforce.revokeCalendarFeed(call.ctx);
        return call.redirect('/my-work/calendar', revoked ? call.t('workforce:calendar.revoked') : undefined);
      },
    }),
    route({
      method: 'GET',
      url: '/calendar/:token.ics',
      kind: 'api',
      action: 'calendar.feed',
      summary: 'A person’s private calendar feed (iCalendar) of their meetings and sessions; the secret address is the credential',
      // Anything but a well-formed token is "not found", like a revoked one.
      params: z.object({ token: z.string().regex(FEED_TOKEN) }),
      handler: async (call) => {
        const { text, fileName } = await workforce.calendarFeed(call.ctx, call.params.token, sourcesFrom(services), baseUrlOf(call));
        return call.reply
          .code(200)
          .header('content-type', 'text/calendar; charset=utf-8')
          .header('content-disposition', attachmentDisposition(fileName, 'inline'))
          .header('cache-control', 'private, no-store')
          .header('x-robots-tag', 'noindex')
          .send(text);
      },
    }),
  ];
}
