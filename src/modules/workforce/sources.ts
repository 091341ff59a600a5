import type { RequestContext } from '../../platform/policy/actor.ts';
import { can } from '../../platform/policy/policy.ts';
import type { MyAction, MyMeeting, WritingDue } from '../preparation/index.ts';
import type { MySupportSession } from '../support/index.ts';
import type { RecruitmentService } from '../recruitment/index.ts';
import type { DueAdministration } from '../outcomes/index.ts';
import { childReference } from './calendar.ts';
import { moreSourcesFrom, type MoreSources, type MoreSourceServices } from './work-sources.ts';
import type { DiaryEntry, TimescaleFact } from './my-work.ts';
import type { AssessmentFact, WritingFact } from './work-list.ts';

/**
 * Where "my work" and the calendar feed get what other modules own, through the functions those
 * modules' services offer (never their tables):
 * - preparation.meetingsFor(ctx, { from, to }): the person's Team Around the Child meetings;
 * - preparation.actionsFor(ctx): their open actions, overdue first (shown by preparation/views/my-actions.njk);
 * - support.sessionsFor(ctx, { from, to }): the support sessions they deliver;
 * - recruitment.needingAttention(ctx): households whose timescales are about to pass;
 * - outcomes.dueForMe(ctx): outcome measures due or overdue for the children the person enters scores for.
 * Each module is optional here: one that is not composed into the services is left out of "my
 * work" (its part is null), never replaced by made-up or empty data. Each reads and audits as the
 * person asking.
 */
export type DiaryRange = { from: Date; to: Date };

export type MyWorkSources = MoreSources & {
  meetings?: (ctx: RequestContext, range: DiaryRange) => Promise<DiaryEntry[]>;
  sessions?: (ctx: RequestContext, range: DiaryRange) => Promise<DiaryEntry[]>;
  /** The preparation module's own list (its partial shows it), with the due dates "my work" counts. */
  actions?: (ctx: RequestContext) => Promise<{ items: MyAction[]; facts: { dueDate: string; doneAt: Date | null }[] }>;
  timescales?: (ctx: RequestContext) => Promise<TimescaleFact[] | undefined>;
  /** Outcome measures due and overdue for the children the person enters scores for (undefined: they enter none). */
  outcomesDue?: (ctx: RequestContext) => Promise<DueAdministration[] | undefined>;
  /** A psychologist's consultations and formulations still to write (undefined: they write none). */
  writing?: (ctx: RequestContext) => Promise<WritingFact | undefined>;
  /** An assessing worker's checks awaited and visits booked ahead (undefined: they assess no household). */
  assessment?: (ctx: RequestContext, daysAhead: number) => Promise<AssessmentFact | undefined>;
};

/** What "my work" needs of the composed services (the real ones satisfy it; a test may hand in less). */
export type SourceServices = MoreSourceServices & {
  preparation?: {
    meetingsFor(ctx: RequestContext, range: DiaryRange): Promise<MyMeeting[]>;
    actionsFor(ctx: RequestContext): Promise<MyAction[]>;
    writingFor?(ctx: RequestContext): Promise<WritingDue | undefined>;
  };
  support?: { sessionsFor(ctx: RequestContext, range: DiaryRange): Promise<MySupportSession[]> };
  recruitment?: Pick<RecruitmentService, 'needingAttention'> & Partial<Pick<RecruitmentService, 'assessmentWork'>>;
  outcomes?: { dueForMe(ctx: RequestContext): Promise<DueAdministration[] | undefined> };
};

/**
 * A TAC meeting as a diary entry: the children by name for the person's page, and by reference for
 * the calendar feed (from their record ids, when the preparation module passes them; otherwise the
 * feed lists the meeting with no reference rather than with a name).
 */
export function meetingEntry(meeting: MyMeeting & { childIds?: readonly string[] }): DiaryEntry {
  return {
    kind: 'tac_meeting',
    id: meeting.id,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    references: (meeting.childIds ?? []).map(childReference),
    namesForPage: meeting.childNames,
    detail: null,
    mode: null,
    status: null,
    href: `/tac-meetings/${meeting.id}`,
  };
}

/** A support session as a diary entry: the family by its household reference, never by name. */
export function sessionEntry(session: MySupportSession): DiaryEntry {
  return {
    kind: 'support_session',
    id: session.id,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    references: session.householdReference ? [session.householdReference] : [],
    namesForPage: [],
    detail: session.kind,
    mode: session.mode,
    status: session.status,
    href: session.path,
  };
}

/**
 * The sources "my work" draws on. A person is asked only for parts their role reaches (a local
 * authority referrer delivers no support sessions), so nothing is asked that would be refused.
 */
export function sourcesFrom(services: SourceServices): MyWorkSources {
  const { preparation, support, recruitment, outcomes } = services;
  const sources: MyWorkSources = moreSourcesFrom(services);
  if (preparation) {
    sources.meetings = async (ctx, range) => (can(ctx.actor, 'tac.view') ? (await preparation.meetingsFor(ctx, range)).map(meetingEntry) : []);
    sources.actions = async (ctx) => {
      const items = can(ctx.actor, 'tac.view') ? await preparation.actionsFor(ctx) : [];
      return { items, facts: items.map((a) => ({ dueDate: a.dueDate, doneAt: null })) };
    };
    const writingFor = preparation.writingFor?.bind(preparation);
    if (writingFor) sources.writing = (ctx) => writingFor(ctx);
  }
  if (support) {
    sources.sessions = async (ctx, range) => (can(ctx.actor, 'support.view') ? (await support.sessionsFor(ctx, range)).map(sessionEntry) : []);
  }
  if (recruitment) {
    sources.timescales = async (ctx) =>
      (await recruitment.needingAttention(ctx))?.map((h) => ({
        id: h.id,
        reference: h.reference,
        names: h.applicantNames.join(' & '),
        clock: h.due.clock,
        due: h.due.due,
        daysLeft: h.due.daysLeft,
        level: h.due.level,
      }));
    const assessmentWork = recruitment.assessmentWork?.bind(recruitment);
    if (assessmentWork) sources.assessment = (ctx, daysAhead) => assessmentWork(ctx, daysAhead);
  }
  // The same source the home page's panel reads: one answer to "what is due for whom".
  if (outcomes) sources.outcomesDue = (ctx) => outcomes.dueForMe(ctx);
  return sources;
}
