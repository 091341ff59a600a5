import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { can } from '../../platform/policy/policy.ts';
import type { ChildrenService } from '../children/index.ts';
import type { AdministrationFact, ChildrenWaitingFact, FamilyFact, MatchFact, SupportRequestFact } from './work-list.ts';

/**
 * The parts of a person's work beyond "my work"'s diary, actions and timescales, each read from the
 * module that owns it through its service (never its tables), as the person asking, and only when
 * their role reaches it (so nothing is asked that would be refused). Undefined: not their work.
 */

const ATTENTION_LIMIT = 10;
const ATTENTION_PAGES = 5;
/** Children still waiting for a family: referred or being family-found, with no link or match yet. */
const STILL_WAITING = ['referred', 'family_finding'] as const;
/** Roles whose work includes children whose waiting clocks need attention (a referrer: their authority's children). */
const WATCHES_CLOCKS = ['family_finder', 'service_manager', 'la_referrer'] as const;
/** How far back the administrator's outbox failures are counted. */
const OUTBOX_DAYS = 7;
/** A token ending within this many days is worth renewing now. */
const TOKEN_WARNING_DAYS = 14;

type ChildListItem = Awaited<ReturnType<ChildrenService['listChildren']>>['items'][number];
/** A child on the family finder's "children whose waiting needs attention" panel. */
export type WaitingChild = {
  id: string;
  name: string;
  age: ChildListItem['age'];
  referralDate: ChildListItem['referralDate'];
  clockLevel: ChildListItem['clockLevel'];
  clockLevelMonths: ChildListItem['clockLevelMonths'];
  clock: { name: string; days: number } | undefined;
};

export type MoreSources = {
  childrenWaiting?: (ctx: RequestContext) => Promise<{ children: WaitingChild[]; fact: ChildrenWaitingFact } | undefined>;
  matches?: (ctx: RequestContext) => Promise<{ items: MatchFact[]; authority: boolean } | undefined>;
  referralDrafts?: (ctx: RequestContext) => Promise<{ count: number; oldest: IsoDate | null } | undefined>;
  supportRequests?: (ctx: RequestContext) => Promise<SupportRequestFact | undefined>;
  family?: (ctx: RequestContext) => Promise<FamilyFact | undefined>;
  administration?: (ctx: RequestContext, now: Date) => Promise<AdministrationFact | undefined>;
  /** The person's own API tokens that stop working soon (each person manages their own). */
  tokensExpiring?: (ctx: RequestContext, now: Date) => Promise<IsoDate[] | undefined>;
};

type MatchListItem = {
  match: { id: string; stage: string; stageSince: string; panelDate: string | null; localAuthorityAgreedAt: Date | null };
};
type RequestListItem = { allocatedTo: string | null; daysWaiting: number; waitingLevel: string | null; allocatedAt?: Date | null };

/** What these sources need of the composed services (the real ones satisfy it; a test may hand in less). */
export type MoreSourceServices = {
  children?: Pick<ChildrenService, 'listChildren'> & {
    listReferrals(ctx: RequestContext, status?: 'draft'): Promise<{ items: { referral: { createdAt: Date } }[] }>;
  };
  matching?: { listMatches(ctx: RequestContext, filter: { open?: boolean; allocatedTo?: string }): Promise<MatchListItem[]> };
  support?: { listRequests?(ctx: RequestContext, status: 'waiting' | 'allocated'): Promise<{ items: RequestListItem[] }> };
  portalDocuments?: { familyDocuments(ctx: RequestContext): Promise<{ status: string; kind: string; dueOn: string | null }[]> };
  conversations?: { familyThreads(ctx: RequestContext): Promise<{ unread: number }[]> };
  outbox?: { summary(ctx: RequestContext, query: { from: Date; to: Date }): Promise<{ failed: number }[]> };
  auth?: { listAccessTokens(ctx: RequestContext, userId: string): Promise<{ expiresAt: Date | null; revokedAt: Date | null }[]> };
};

const hasRole = (ctx: RequestContext, roles: readonly string[]) => ctx.actor.kind === 'user' && ctx.actor.roles.some((role) => roles.includes(role));

/**
 * Children still waiting for a family (not linked, matched or placed) whose clocks are at warning
 * or urgent level, oldest referral first: the first ten for the panel, and how many were found.
 */
async function childrenWaiting(ctx: RequestContext, children: Pick<ChildrenService, 'listChildren'>) {
  const found: ChildListItem[] = [];
  let after: { value: string | null; id: string } | undefined;
  // Pages in referral order; a few pages at most, since the longest-waiting come first.
  for (let pages = 0; pages < ATTENTION_PAGES; pages++) {
    const page = await children.listChildren(ctx, { sort: 'referralDate', outcome: 'none', limit: 100 }, after, { statuses: STILL_WAITING });
    found.push(...page.items.filter((child) => child.clockLevel !== 'ok'));
    if (!page.next) break;
    after = page.next;
  }
  const list = found.map((child) => {
    const longest = [...child.clocks].sort((a, b) => b.days - a.days)[0];
    return {
      id: child.id,
      name: child.legalName.startsWith(`${child.name} `) ? child.legalName : `${child.name} (${child.legalName})`,
      age: child.age,
      referralDate: child.referralDate,
      clockLevel: child.clockLevel,
      clockLevelMonths: child.clockLevelMonths,
      clock: longest ? { name: longest.name, days: longest.days } : undefined,
    };
  });
  const longestDays = list.reduce<number | null>((most, c) => (c.clock && (most === null || c.clock.days > most) ? c.clock.days : most), null);
  return {
    children: list.slice(0, ATTENTION_LIMIT),
    fact: { count: list.length, urgent: list.filter((c) => c.clockLevel === 'urgent').length, longestDays },
  };
}

export function moreSourcesFrom(services: MoreSourceServices): MoreSources {
  const { children, matching, support, portalDocuments, conversations, outbox, auth } = services;
  const sources: MoreSources = {};
  if (children) {
    sources.childrenWaiting = async (ctx) => (hasRole(ctx, WATCHES_CLOCKS) && can(ctx.actor, 'children.list') ? childrenWaiting(ctx, children) : undefined);
    sources.referralDrafts = async (ctx) => {
      if (!hasRole(ctx, ['la_referrer'])) return undefined;
      const drafts = (await children.listReferrals(ctx, 'draft')).items;
      const oldest = drafts.map((d) => dateInWales(d.referral.createdAt)).sort()[0] ?? null;
      return { count: drafts.length, oldest };
    };
  }
  if (matching) {
    sources.matches = async (ctx) => {
      const authority = hasRole(ctx, ['la_referrer']);
      if (!can(ctx.actor, 'matches.view') || !(authority || hasRole(ctx, ['family_finder']))) return undefined;
      const rows = await matching.listMatches(ctx, { open: true });
      // A match records no family finder: the links waiting on one are those of the children allocated to them.
      const mine =
        !authority && ctx.actor.kind === 'user'
          ? new Set((await matching.listMatches(ctx, { open: true, allocatedTo: ctx.actor.userId })).map((r) => r.match.id))
          : undefined;
      return {
        authority,
        items: rows.map(({ match }) => ({
          mine: mine ? mine.has(match.id) : true,
          stage: match.stage,
          stageSince: match.stageSince,
          panelDate: match.panelDate,
          agreedByAuthority: Boolean(match.localAuthorityAgreedAt),
        })),
      };
    };
  }
  const listRequests = support?.listRequests?.bind(support);
  if (listRequests) {
    sources.supportRequests = async (ctx) => {
      if (
        ctx.actor.kind !== 'user' ||
        !hasRole(ctx, ['therapeutic_social_worker', 'clinical_psychologist', 'service_manager']) ||
        !can(ctx.actor, 'support.view')
      )
        return undefined;
      const me = ctx.actor.userId;
      const [waiting, allocated] = await Promise.all([listRequests(ctx, 'waiting'), listRequests(ctx, 'allocated')]);
      const mine = allocated.items.filter((r) => r.allocatedTo === me);
      return {
        waiting: waiting.items.length,
        waitingTooLong: waiting.items.filter((r) => r.waitingLevel === 'long' || r.waitingLevel === 'very_long').length,
        longestDays: waiting.items.reduce<number | null>((most, r) => (most === null || r.daysWaiting > most ? r.daysWaiting : most), null),
        allocatedToMe: mine.length,
        oldestAllocated:
          mine
            .map((r) => (r.allocatedAt ? dateInWales(r.allocatedAt) : null))
            .filter((d): d is string => Boolean(d))
            .sort()[0] ?? null,
      };
    };
  }
  if (portalDocuments && conversations) {
    sources.family = async (ctx) => {
      if (!can(ctx.actor, 'portal.view')) return undefined;
      try {
        const documents = (await portalDocuments.familyDocuments(ctx)).filter((d) => d.status === 'requested' || d.status === 'asked_again');
        const unread = (await conversations.familyThreads(ctx)).reduce((sum, thread) => sum + thread.unread, 0);
        return { documents: documents.map((d) => ({ kind: d.kind, dueOn: d.dueOn })), unread };
      } catch (error) {
        // An adopter whose account is not yet joined to a household has nothing to do yet.
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    };
  }
  if (outbox) {
    sources.administration = async (ctx, now) => {
      if (!can(ctx.actor, 'outbox.summary')) return undefined;
      const rows = await outbox.summary(ctx, { from: new Date(now.getTime() - OUTBOX_DAYS * 86_400_000), to: now });
      return { outboxFailed: rows.reduce((sum, row) => sum + row.failed, 0), outboxDays: OUTBOX_DAYS };
    };
  }
  if (auth) {
    sources.tokensExpiring = async (ctx, now) => {
      if (ctx.actor.kind !== 'user' || !can(ctx.actor, 'account.tokens.manage')) return undefined;
      const until = now.getTime() + TOKEN_WARNING_DAYS * 86_400_000;
      return (await auth.listAccessTokens(ctx, ctx.actor.userId))
        .filter((token) => !token.revokedAt && token.expiresAt && token.expiresAt.getTime() > now.getTime() && token.expiresAt.getTime() <= until)
        .map((token) => dateInWales(token.expiresAt!));
    };
  }
  return sources;
}
