import { recordAudit } from '../../platform/audit/audit.ts';
import { randomToken, sha256 } from '../../platform/auth/secrets.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { type RequestContext } from '../../platform/policy/actor.ts';
import { authorize, can } from '../../platform/policy/policy.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import type { DueAdministration } from '../outcomes/index.ts';
import { workItems, type WorkFacts } from './work-list.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { calendarText, FEED_TOKEN } from './calendar.ts';
import type { WorkforceConfig } from './config.ts';
import { arrangeMyWork, type DiaryEntry, type MyWork, type TimescaleFact } from './my-work.ts';
import { personOf } from './people.ts';
import * as repo from './repository.ts';
import type { SupervisionDue } from './supervision.ts';
import type { MyWorkSources } from './sources.ts';

const DAY = 86_400_000;

/** The first window to close among measures in one state. */
const earliestEnd = (due: readonly DueAdministration[], state: DueAdministration['state']) =>
  due
    .filter((d) => d.state === state)
    .map((d) => d.windowEnd)
    .sort()[0] ?? null;

/** "My work" and the private calendar feed of each person. */
export function createMyWorkUseCases(
  runner: UseCaseRunner,
  config: WorkforceConfig,
  clock: () => Date,
  supervisionForMyWork: (ctx: RequestContext) => Promise<{ mine: SupervisionDue | null; teamOverdue: number | undefined }>,
) {
  const { run } = runner;

  /** Meetings and sessions between two instants, from whichever sources are connected. */
  async function diaryEntries(ctx: RequestContext, sources: MyWorkSources, from: Date, to: Date) {
    const [meetings, sessions] = await Promise.all([sources.meetings?.(ctx, { from, to }), sources.sessions?.(ctx, { from, to })]);
    return { meetings, sessions };
  }

  /**
   * Everything of the person's work, gathered once: "my work"'s parts (actions due, meetings and
   * sessions ahead, their supervision, households whose timescales are about to pass) for those who
   * have it, and the rest of what is due for them (children waiting, links and matches, support
   * requests, the family's next steps, the outbox), each from the module that owns it and read (and
   * audited) there, then listed by the one rule of work-list.ts.
   */
  async function gather(ctx: RequestContext, sources: MyWorkSources, withMyWork: boolean) {
    const now = clock();
    const today = dateInWales(now);
    let work: MyWork | undefined;
    let actions: Awaited<ReturnType<NonNullable<MyWorkSources['actions']>>> | undefined;
    let timescales: TimescaleFact[] | undefined;
    let outcomesDue: DueAdministration[] | undefined;
    if (withMyWork) {
      // From the start of the day, so a meeting in progress still shows.
      const { meetings, sessions } = await diaryEntries(
        ctx,
        sources,
        new Date(now.getTime() - DAY),
        new Date(now.getTime() + (config.myWork.daysAhead + 1) * DAY),
      );
      actions = await sources.actions?.(ctx);
      timescales = await sources.timescales?.(ctx);
      const supervision = await supervisionForMyWork(ctx);
      outcomesDue = await sources.outcomesDue?.(ctx);
      work = arrangeMyWork(
        {
          now,
          meetings,
          sessions,
          actions: actions?.facts,
          timescales,
          mySupervision: supervision.mine ?? undefined,
          teamOverdue: supervision.teamOverdue,
          outcomesOverdue: outcomesDue?.filter((d) => d.state === 'overdue').length,
        },
        config.myWork,
      );
    }
    const waiting = await sources.childrenWaiting?.(ctx);
    const facts: WorkFacts = {
      today,
      work,
      actionDues: actions?.facts.map((a) => a.dueDate),
      // By when: the end of each measure's window (a measure "due" may be entered until then).
      outcomes: outcomesDue && {
        overdue: outcomesDue.filter((d) => d.state === 'overdue').length,
        due: outcomesDue.filter((d) => d.state === 'due').length,
        firstOverdue: earliestEnd(outcomesDue, 'overdue'),
        firstDue: earliestEnd(outcomesDue, 'due'),
      },
      childrenWaiting: waiting?.fact,
      matches: await sources.matches?.(ctx),
      referralDrafts: await sources.referralDrafts?.(ctx),
      support: await sources.supportRequests?.(ctx),
      writing: await sources.writing?.(ctx),
      assessment: await sources.assessment?.(ctx, config.myWork.daysAhead),
      family: await sources.family?.(ctx),
      administration: await sources.administration?.(ctx, now),
      tokensExpiring: await sources.tokensExpiring?.(ctx, now),
    };
    return { work, actions, outcomesDue, childrenWaiting: waiting?.children ?? null, items: workItems(facts), today };
  }

  /**
   * The signed-in person's week and their whole work list (the same list as their home page), each
   * part read by its own module; this read is audited too.
   */
  async function myWork(ctx: RequestContext, sources: MyWorkSources) {
    const actor = personOf(ctx);
    authorize(actor, 'myWork.view');
    const { work: arranged, actions, outcomesDue, items, childrenWaiting } = await gather(ctx, sources, true);
    const work = arranged!;
    await run(ctx, (tx) =>
      recordAudit(tx, ctx, {
        action: 'myWork.view',
        resourceType: 'user',
        resourceId: actor.userId,
        detail: { diary: work.diaryEntries, actions: actions?.items.length ?? null, timescales: work.timescales?.length ?? null, items: items.length },
      }),
    );
    return {
      ...work,
      items,
      childrenWaiting,
      actionItems: actions?.items ?? null,
      outcomesDue: outcomesDue ?? null,
      connected: {
        meetings: Boolean(sources.meetings),
        sessions: Boolean(sources.sessions),
        actions: Boolean(sources.actions),
        timescales: Boolean(sources.timescales),
        outcomesDue: Boolean(sources.outcomesDue),
      },
    };
  }

  /**
   * The home page's list: exactly what "my work" lists for the person (one gathering, one rule), and
   * for people without "my work" (an adopter, an administrator) what is due for them all the same.
   */
  async function workList(ctx: RequestContext, sources: MyWorkSources) {
    const actor = personOf(ctx);
    authorize(actor, 'home.view');
    const gathered = await gather(ctx, sources, can(actor, 'myWork.view'));
    await run(ctx, (tx) =>
      recordAudit(tx, ctx, { action: 'home.view', resourceType: 'user', resourceId: actor.userId, detail: { items: gathered.items.length } }),
    );
    return {
      items: gathered.items,
      today: gathered.today,
      childrenWaiting: gathered.childrenWaiting,
      timescales: gathered.work?.timescales ?? null,
      outcomesDue: gathered.outcomesDue ?? null,
    };
  }

  /** Whether the person has a live feed address, when it was made and last read. */
  async function calendarStatus(ctx: RequestContext) {
    const actor = personOf(ctx);
    return run(ctx, async (tx) => {
      authorize(actor, 'calendar.manage');
      return (await repo.liveFeedOf(tx, actor.userId)) ?? null;
    });
  }

  /**
   * A new private feed address. Only the token's hash is kept, so the address is shown once; any
   * earlier address stops working at the same moment (one live address per person).
   */
  async function createCalendarFeed(ctx: RequestContext): Promise<{ token: string; feedId: string }> {
    const actor = personOf(ctx);
    return run(ctx, async (tx) => {
      authorize(actor, 'calendar.manage');
      const revoked = await repo.revokeFeedsOf(tx, actor.userId, clock());
      const token = randomToken(32);
      const feed = await repo.insertFeed(tx, actor.userId, sha256(token));
      await recordAudit(tx, ctx, { action: 'calendar.manage', resourceType: 'calendar_feed', resourceId: feed.id, detail: { created: true, revoked } });
      return { token, feedId: feed.id };
    });
  }

  /** Stops the person's feed address working; returns whether there was one. */
  async function revokeCalendarFeed(ctx: RequestContext): Promise<boolean> {
    const actor = personOf(ctx);
    return run(ctx, async (tx) => {
      authorize(actor, 'calendar.manage');
      const revoked = await repo.revokeFeedsOf(tx, actor.userId, clock());
      await recordAudit(tx, ctx, { action: 'calendar.manage', resourceType: 'calendar_feed', detail: { revoked } });
      return revoked > 0;
    });
  }

  /**
   * The feed behind a token, as iCalendar text, in the person's own language: their meetings and
   * sessions from a month back to six months ahead, read as them (so nothing they may not see can
   * appear). An unknown or revoked token, or a disabled person, is "not found", and the attempt is audited.
   */
  async function calendarFeed(
    ctx: RequestContext,
    token: string,
    sources: MyWorkSources,
    link: { baseUrl: string | null; host: string },
  ): Promise<{ text: string; fileName: string }> {
    const known = FEED_TOKEN.test(token);
    const now = clock();
    const found = known
      ? await runner.runAsSystemJob('calendarFeed', ctx, async (tx) => {
          const feed = await repo.feedByTokenHash(tx, sha256(token));
          // "Last read" needs no precision beyond a few minutes; most reads then write nothing.
          if (feed && (!feed.lastUsedAt || now.getTime() - feed.lastUsedAt.getTime() > 5 * 60_000)) await repo.markFeedUsed(tx, feed.feedId, now);
          return feed;
        })
      : undefined;
    if (!found) {
      await runner.recordStandalone(ctx, {
        action: 'calendar.feed',
        resourceType: 'calendar_feed',
        outcome: 'denied',
        detail: { reason: known ? 'unknown-or-revoked' : 'malformed' },
      });
      throw new NotFoundError();
    }
    const asPerson: RequestContext = { ...ctx, actor: found.actor, language: found.preferredLanguage };
    const { meetings, sessions } = await diaryEntries(
      asPerson,
      sources,
      new Date(now.getTime() - config.calendar.daysBack * DAY),
      new Date(now.getTime() + config.calendar.daysAhead * DAY),
    );
    const entries: DiaryEntry[] = [...(meetings ?? []), ...(sessions ?? [])].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    await run(asPerson, (tx) =>
      recordAudit(tx, asPerson, { action: 'calendar.feed', resourceType: 'calendar_feed', resourceId: found.feedId, detail: { events: entries.length } }),
    );
    const t = translator(found.preferredLanguage);
    // The feed, and the name a calendar saves it under, are in the person's own language, whoever asks.
    return { text: calendarText({ entries, t, baseUrl: link.baseUrl, now, host: link.host }), fileName: `${t('fileNames.myWork')}.ics` };
  }

  return { myWork, workList, calendarStatus, createCalendarFeed, revokeCalendarFeed, calendarFeed };
}
