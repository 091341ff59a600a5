import { addDays, type IsoDate } from '../../platform/dates/dates.ts';
import type { MyWork } from './my-work.ts';

/**
 * The one place that decides what is due for whom: the home page and "My work" both show this
 * list, so they cannot disagree. Pure: the service gathers each fact from the module that owns it
 * (each read as the person asking) and passes today in. A fact left undefined is a source the
 * person's role does not reach, and adds nothing.
 */

/** Children still waiting for a family whose clocks have passed the warning or urgent time (children). */
export type ChildrenWaitingFact = { count: number; urgent: number; longestDays: number | null };
/** Open links and matches the person's organisation shares (matching). */
export type MatchFact = {
  stage: string;
  stageSince: IsoDate;
  panelDate: IsoDate | null;
  agreedByAuthority: boolean;
  /** Whether one of its children is allocated to the person (a family finder's own links). */
  mine?: boolean;
};
/** Requests for support waiting, and those allocated to the person (support). */
export type SupportRequestFact = {
  waiting: number;
  waitingTooLong: number;
  longestDays: number | null;
  allocatedToMe: number;
  oldestAllocated: IsoDate | null;
};
/** What the family must do: documents asked of them, messages they have not read (portal). */
export type FamilyFact = { documents: { kind: string; dueOn: IsoDate | null }[]; unread: number };
/** A psychologist's writing still to do: the date of each consultation not written up, and of the first consultation about each unit with no formulation (preparation). */
export type WritingFact = { consultations: readonly IsoDate[]; formulations: readonly IsoDate[] };
/** An assessing worker's households: the date each awaited check was asked for, and the dates of home study visits booked ahead (recruitment). */
export type AssessmentFact = { checksRequested: readonly IsoDate[]; visits: readonly IsoDate[] };
/** The administrator's watch: e-mails that failed in the last days (platform outbox). */
export type AdministrationFact = { outboxFailed: number; outboxDays: number };

export type WorkFacts = {
  today: IsoDate;
  /** "My work" as arranged by my-work.ts, for those who have it. */
  work?: MyWork;
  /** The due dates of the person's open actions, so an item can say by when. */
  actionDues?: readonly IsoDate[];
  childrenWaiting?: ChildrenWaitingFact;
  matches?: { items: MatchFact[]; authority: boolean };
  referralDrafts?: { count: number; oldest: IsoDate | null };
  support?: SupportRequestFact;
  writing?: WritingFact;
  assessment?: AssessmentFact;
  /** Outcome measures for the children the person enters scores for (outcomes). */
  outcomes?: { overdue: number; due: number; firstOverdue: IsoDate | null; firstDue: IsoDate | null };
  family?: FamilyFact;
  administration?: AdministrationFact;
  /** When the person's own API tokens that end soon stop working. */
  tokensExpiring?: readonly IsoDate[];
};

export type WorkLevel = 'overdue' | 'due_today' | 'due_soon' | 'waiting';

/**
 * One line of a person's work: what (key, and a count or detail), why it is there (the key says),
 * by when (`due`, or `since` for something waiting with no deadline), how pressing, and where to go.
 */
export type WorkItem = {
  key:
    | 'actionsOverdue'
    | 'actionsDueToday'
    | 'actionsDueSoon'
    | 'supervisionOverdue'
    | 'supervisionDueSoon'
    | 'teamSupervisionOverdue'
    | 'timescalesPassed'
    | 'timescalesDueSoon'
    | 'outcomesOverdue'
    | 'outcomesDue'
    | 'today'
    | 'childrenWaiting'
    | 'linksWaiting'
    | 'matchesAtPanel'
    | 'matchesToAgree'
    | 'referralDrafts'
    | 'supportWaiting'
    | 'supportAllocated'
    | 'consultationsToWrite'
    | 'formulationsToWrite'
    | 'checksAwaited'
    | 'visitsDue'
    | 'familyDocument'
    | 'familyMessages'
    | 'outboxFailed'
    | 'tokensExpiring';
  count: number;
  level: WorkLevel;
  due: IsoDate | null;
  since: IsoDate | null;
  /** A code the page translates (a household clock, a document kind), or null. */
  detail: string | null;
  href: string;
};

const LEVEL_ORDER: Record<WorkLevel, number> = { overdue: 0, due_today: 1, due_soon: 2, waiting: 3 };
/** Match stages at which a link is still being explored (waiting on the family finder). */
const LINK_STAGES = ['linked', 'shortlisted', 'visits'];
/** Stages at which the children's authority agrees a match (matching's MATCH_STAGE_LIST says so too). */
const AGREEMENT_STAGES = ['matching_meeting', 'matching_panel', 'agency_decision'];
/** A panel this many days ahead is "due soon". */
const PANEL_SOON_DAYS = 14;

const earliest = (dates: readonly (IsoDate | null)[]): IsoDate | null => dates.filter((d): d is IsoDate => Boolean(d)).sort()[0] ?? null;

function item(key: WorkItem['key'], count: number, level: WorkLevel, href: string, extra: Partial<Pick<WorkItem, 'due' | 'since' | 'detail'>> = {}): WorkItem {
  return { key, count, level, href, due: extra.due ?? null, since: extra.since ?? null, detail: extra.detail ?? null };
}

function fromMyWork(work: MyWork, today: IsoDate, actionDues: readonly IsoDate[]): WorkItem[] {
  const items: WorkItem[] = [];
  // The earliest due date of each group of actions: the one to do first.
  const overdue = earliest(actionDues.filter((d) => d < today));
  const soon = earliest(actionDues.filter((d) => d > today));
  if (work.actions?.overdue) items.push(item('actionsOverdue', work.actions.overdue, 'overdue', '/my-work#actions', { due: overdue }));
  if (work.actions?.dueToday) items.push(item('actionsDueToday', work.actions.dueToday, 'due_today', '/my-work#actions', { due: today }));
  if (work.actions?.dueSoon) items.push(item('actionsDueSoon', work.actions.dueSoon, 'due_soon', '/my-work#actions', { due: soon }));
  const mine = work.supervision?.mine;
  if (mine?.level === 'overdue') items.push(item('supervisionOverdue', 1, 'overdue', '/workforce/supervision', { due: mine.due }));
  else if (mine?.level === 'due_soon') items.push(item('supervisionDueSoon', 1, 'due_soon', '/workforce/supervision', { due: mine.due }));
  if (work.supervision?.teamOverdue) items.push(item('teamSupervisionOverdue', work.supervision.teamOverdue, 'overdue', '/workforce/supervision'));
  // Households by stage: one line for each clock, overdue and due soon apart.
  for (const level of ['overdue', 'due_soon'] as const) {
    const byClock = new Map<string, IsoDate[]>();
    for (const h of work.timescales ?? []) if (h.level === level) byClock.set(h.clock, [...(byClock.get(h.clock) ?? []), h.due]);
    for (const [clock, dues] of byClock)
      items.push(
        item(level === 'overdue' ? 'timescalesPassed' : 'timescalesDueSoon', dues.length, level, '/my-work#timescales', { due: earliest(dues), detail: clock }),
      );
  }
  const todays = work.diary?.find((d) => d.isToday)?.entries.length ?? 0;
  if (todays) items.push(item('today', todays, 'due_today', '/my-work#diary', { due: today }));
  return items;
}

function fromMatches(matches: NonNullable<WorkFacts['matches']>, today: IsoDate): WorkItem[] {
  const items: WorkItem[] = [];
  if (matches.authority) {
    // The local authority's part: agreeing matches at the stages where its agreement is asked.
    const toAgree = matches.items.filter((m) => AGREEMENT_STAGES.includes(m.stage) && !m.agreedByAuthority);
    if (toAgree.length) {
      const panel = earliest(toAgree.map((m) => m.panelDate));
      items.push(
        item('matchesToAgree', toAgree.length, panel && panel <= today ? 'overdue' : 'due_soon', '/matches', {
          due: panel,
          since: earliest(toAgree.map((m) => m.stageSince)),
        }),
      );
    }
    return items;
  }
  const links = matches.items.filter((m) => LINK_STAGES.includes(m.stage) && m.mine !== false);
  if (links.length) items.push(item('linksWaiting', links.length, 'waiting', '/matches', { since: earliest(links.map((m) => m.stageSince)) }));
  const atPanel = matches.items.filter((m) => m.stage === 'matching_meeting' || m.stage === 'matching_panel');
  if (atPanel.length) {
    const panel = earliest(atPanel.map((m) => m.panelDate));
    const level: WorkLevel = !panel ? 'waiting' : panel < today ? 'overdue' : panel <= addDays(today, PANEL_SOON_DAYS) ? 'due_soon' : 'waiting';
    items.push(item('matchesAtPanel', atPanel.length, level, '/matches', { due: panel, since: earliest(atPanel.map((m) => m.stageSince)) }));
  }
  return items;
}

/**
 * Everything the person should see, most pressing first (overdue, due today, due soon, waiting);
 * within a level in a fixed order: their own actions, their supervision, households, the team,
 * outcomes, today's diary, then children, matches, referrals, support, clinical writing, assessments, the family's, the outbox,
 * the person's API tokens.
 */
export function workItems(facts: WorkFacts): WorkItem[] {
  const { today } = facts;
  const items: WorkItem[] = facts.work ? fromMyWork(facts.work, today, facts.actionDues ?? []) : [];
  if (facts.outcomes?.overdue)
    items.push(item('outcomesOverdue', facts.outcomes.overdue, 'overdue', '/my-work#outcomes-due', { due: facts.outcomes.firstOverdue }));
  if (facts.outcomes?.due) items.push(item('outcomesDue', facts.outcomes.due, 'due_soon', '/my-work#outcomes-due', { due: facts.outcomes.firstDue }));
  const waiting = facts.childrenWaiting;
  if (waiting?.count)
    items.push(
      item('childrenWaiting', waiting.count, waiting.urgent ? 'overdue' : 'due_soon', '/children?outcome=none&sort=referralDate', {
        since: waiting.longestDays !== null ? addDays(today, -waiting.longestDays) : null,
      }),
    );
  if (facts.matches) items.push(...fromMatches(facts.matches, today));
  if (facts.referralDrafts?.count)
    items.push(item('referralDrafts', facts.referralDrafts.count, 'waiting', '/referrals', { since: facts.referralDrafts.oldest }));
  const support = facts.support;
  if (support?.waiting)
    items.push(
      item('supportWaiting', support.waiting, support.waitingTooLong ? 'overdue' : 'waiting', '/support/requests', {
        since: support.longestDays !== null ? addDays(today, -support.longestDays) : null,
      }),
    );
  if (support?.allocatedToMe)
    items.push(item('supportAllocated', support.allocatedToMe, 'waiting', '/support/requests?status=allocated', { since: support.oldestAllocated }));
  const writing = facts.writing;
  if (writing?.consultations.length)
    items.push(item('consultationsToWrite', writing.consultations.length, 'waiting', '/preparation', { since: earliest(writing.consultations) }));
  if (writing?.formulations.length)
    items.push(item('formulationsToWrite', writing.formulations.length, 'waiting', '/preparation', { since: earliest(writing.formulations) }));
  const assessment = facts.assessment;
  if (assessment?.checksRequested.length)
    items.push(item('checksAwaited', assessment.checksRequested.length, 'waiting', '/households', { since: earliest(assessment.checksRequested) }));
  if (assessment?.visits.length) {
    const next = earliest(assessment.visits)!;
    items.push(item('visitsDue', assessment.visits.length, next === today ? 'due_today' : 'due_soon', '/households', { due: next }));
  }
  for (const document of facts.family?.documents ?? []) {
    const level: WorkLevel = !document.dueOn ? 'waiting' : document.dueOn < today ? 'overdue' : document.dueOn === today ? 'due_today' : 'due_soon';
    items.push(item('familyDocument', 1, level, '/my-application/documents', { due: document.dueOn, detail: document.kind }));
  }
  if (facts.family?.unread) items.push(item('familyMessages', facts.family.unread, 'waiting', '/my-application/messages'));
  if (facts.administration?.outboxFailed)
    items.push(
      item('outboxFailed', facts.administration.outboxFailed, 'overdue', '/admin/outbox', { since: addDays(today, -facts.administration.outboxDays) }),
    );
  if (facts.tokensExpiring?.length)
    items.push(item('tokensExpiring', facts.tokensExpiring.length, 'due_soon', '/account/tokens', { due: earliest(facts.tokensExpiring) }));
  return items
    .map((it, index) => ({ it, index }))
    .sort((a, b) => LEVEL_ORDER[a.it.level] - LEVEL_ORDER[b.it.level] || a.index - b.index)
    .map(({ it }) => it);
}
