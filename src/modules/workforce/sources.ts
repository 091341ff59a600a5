import type { RequestContext } from '../../platform/policy/actor.ts';
import { can } from '../../platform/policy/policy.ts';
import { childReference } from './calendar.ts';
import type { DiaryEntry, TimescaleFact } from './my-work.ts';

/**
 * Where "my work" and the calendar feed get what other modules own. Each is optional: a source
 * whose module is not wired into the services yet is simply absent, and the page leaves that part
 * out (it never shows made-up or empty data in its place).
 *
 * HOOKS (each looked up on the composed services by name, so this file compiles before and after
 * the other modules are wired):
 * - services.preparation.meetingsFor(ctx, { from, to }) → [{ id, startsAt, endsAt, childNames, childIds? }]
 *   (the children's references in the feed come from childIds; without them a meeting is listed
 *   without a reference, never with a name)
 * - services.preparation.actionsFor(ctx) → [{ id, dueDate, state, ... }] (shown by preparation/views/my-actions.njk)
 * - services.support.sessionsFor(ctx, { from, to }) → [{ id, startsAt, endsAt, kind, mode, status, householdReference, path }]
 * - services.recruitment.needingAttention(ctx) → households whose timescales are about to pass
 */
export type DiaryRange = { from: Date; to: Date };

export type MyWorkSources = {
  meetings?: (ctx: RequestContext, range: DiaryRange) => Promise<DiaryEntry[]>;
  sessions?: (ctx: RequestContext, range: DiaryRange) => Promise<DiaryEntry[]>;
  /** The preparation module's own list (its partial shows it), with the due dates "my work" counts. */
  actions?: (ctx: RequestContext) => Promise<{ items: unknown[]; facts: { dueDate: string; doneAt: Date | null }[] }>;
  timescales?: (ctx: RequestContext) => Promise<TimescaleFact[] | undefined>;
};

type AnyFunction = (...args: never[]) => Promise<unknown>;

/** A service function by module and name, when that module is wired into the services. */
export function hook(services: object, module: string, name: string): AnyFunction | undefined {
  const service = (services as Record<string, unknown>)[module];
  if (!service || typeof service !== 'object') return undefined;
  const fn = (service as Record<string, unknown>)[name];
  return typeof fn === 'function' ? (fn as AnyFunction) : undefined;
}

type Row = Record<string, unknown>;
const asRows = (value: unknown): Row[] => (Array.isArray(value) ? (value.filter((v) => v && typeof v === 'object') as Row[]) : []);
const asDate = (value: unknown): Date | null => (value instanceof Date ? value : typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value) : null);
const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const asString = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** A TAC meeting as a diary entry: the children by reference (the feed) and by name (the page). */
export function meetingEntry(row: Row): DiaryEntry | null {
  const startsAt = asDate(row.startsAt);
  const endsAt = asDate(row.endsAt);
  const id = asString(row.id);
  if (!id || !startsAt || !endsAt) return null;
  return {
    kind: 'tac_meeting',
    id,
    startsAt,
    endsAt,
    references: asStrings(row.childReferences).length ? asStrings(row.childReferences) : asStrings(row.childIds).map(childReference),
    namesForPage: asStrings(row.childNames),
    detail: null,
    mode: null,
    status: null,
    href: `/tac-meetings/${id}`,
  };
}

/** A support session as a diary entry: the family by its household reference, never by name. */
export function sessionEntry(row: Row): DiaryEntry | null {
  const id = asString(row.id);
  const startsAt = asDate(row.startsAt);
  const minutes = typeof row.durationMinutes === 'number' ? row.durationMinutes : null;
  const endsAt = asDate(row.endsAt) ?? (startsAt && minutes ? new Date(startsAt.getTime() + minutes * 60_000) : null);
  if (!id || !startsAt || !endsAt) return null;
  const status = row.status === 'planned' || row.status === 'delivered' || row.status === 'cancelled' ? row.status : null;
  const reference = asString(row.householdReference);
  return {
    kind: 'support_session',
    id,
    startsAt,
    endsAt,
    references: reference ? [reference] : [],
    namesForPage: asStrings(row.familyNames ?? row.applicantNames),
    detail: asString(row.kind),
    mode: asString(row.mode),
    status,
    href: asString(row.path) ?? `/support/sessions/${id}`,
  };
}

/**
 * The sources "my work" draws on, from the composed services. A person sees only parts their role
 * reaches (a local authority referrer has no support sessions), so nothing is asked that would be refused.
 */
export function sourcesFrom(services: object): MyWorkSources {
  const meetingsFor = hook(services, 'preparation', 'meetingsFor');
  const actionsFor = hook(services, 'preparation', 'actionsFor');
  const sessionsFor = hook(services, 'support', 'sessionsFor');
  const needingAttention = hook(services, 'recruitment', 'needingAttention') as ((ctx: RequestContext) => Promise<unknown>) | undefined;
  const sources: MyWorkSources = {};
  if (meetingsFor) {
    sources.meetings = async (ctx, range) => {
      if (!can(ctx.actor, 'tac.view')) return [];
      const rows = asRows(await (meetingsFor as (c: RequestContext, r: DiaryRange) => Promise<unknown>)(ctx, range));
      return rows.map(meetingEntry).filter((e): e is DiaryEntry => e !== null);
    };
  }
  if (actionsFor) {
    sources.actions = async (ctx) => {
      if (!can(ctx.actor, 'tac.view')) return { items: [], facts: [] };
      const items = asRows(await (actionsFor as (c: RequestContext) => Promise<unknown>)(ctx));
      const facts = items.flatMap((a) => (typeof a.dueDate === 'string' ? [{ dueDate: a.dueDate, doneAt: asDate(a.doneAt) }] : []));
      return { items, facts };
    };
  }
  if (sessionsFor) {
    sources.sessions = async (ctx, range) => {
      if (!can(ctx.actor, 'support.view')) return [];
      const rows = asRows(await (sessionsFor as (c: RequestContext, r: DiaryRange) => Promise<unknown>)(ctx, range));
      return rows.map(sessionEntry).filter((e): e is DiaryEntry => e !== null);
    };
  }
  if (needingAttention) {
    sources.timescales = async (ctx) => {
      const rows = await needingAttention(ctx);
      if (!Array.isArray(rows)) return undefined;
      return (rows as { id: string; reference: string; applicantNames: string[]; due: { clock: string; due: string; daysLeft: number; level: 'ok' | 'due_soon' | 'overdue' } }[]).map((h) => ({
        id: h.id,
        reference: h.reference,
        names: h.applicantNames.join(' & '),
        clock: h.due.clock,
        due: h.due.due,
        daysLeft: h.due.daysLeft,
        level: h.due.level,
      }));
    };
  }
  return sources;
}
