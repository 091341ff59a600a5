import type { IsoDate } from '../../platform/dates/dates.ts';

/**
 * Rules of Team Around the Child meetings, pure. Times are instants; the service passes "now".
 */

/** A TAC meeting is a morning or an afternoon, rarely a whole working day: longer is a mistyped time. */
export const LONGEST_MEETING_MINUTES = 8 * 60;

export type MeetingTimesRefusal = 'ends-before-start' | 'too-long';

/** Why these times cannot be a meeting's, or null. */
export function meetingTimesRefusal(startsAt: Date, endsAt: Date): MeetingTimesRefusal | null {
  const minutes = (endsAt.getTime() - startsAt.getTime()) / 60_000;
  if (minutes <= 0) return 'ends-before-start';
  if (minutes > LONGEST_MEETING_MINUTES) return 'too-long';
  return null;
}

/**
 * Minutes, decisions and who attended are a record of a meeting held: they cannot be written for
 * a meeting that has not started yet (its agenda can).
 */
export function mayRecordOutcome(startsAt: Date, now: Date): boolean {
  return startsAt.getTime() <= now.getTime();
}

/** The organisations whose people may own a meeting's actions: the meeting's own, and each child's owner and sharers. */
export function meetingOrganisations(
  meeting: { organisationId: string },
  children: readonly { organisationId: string; sharedWith: readonly string[] }[],
): string[] {
  return [...new Set([meeting.organisationId, ...children.flatMap((c) => [c.organisationId, ...c.sharedWith])])];
}

export type OwnerRefusal = 'unknown' | 'outside-organisations' | 'role';

/**
 * Why a person cannot own an action of this meeting, or null: they must be an active worker
 * (not a family, funder or administrator) of one of the meeting's organisations.
 */
export function ownerRefusal(
  owner: { organisationId: string; roles: readonly string[]; disabled: boolean } | undefined,
  organisations: readonly string[],
  ownerRoles: readonly string[],
): OwnerRefusal | null {
  if (!owner || owner.disabled) return 'unknown';
  if (!organisations.includes(owner.organisationId)) return 'outside-organisations';
  if (!owner.roles.some((role) => ownerRoles.includes(role))) return 'role';
  return null;
}

/** The children a meeting is about must all be of one unit: the child alone, or brothers and sisters of one group. */
export function childrenRefusal(
  childIds: readonly string[],
  visible: readonly string[],
  groupMembers: readonly string[] | null,
): 'not-found' | 'not-one-group' | null {
  if (childIds.length === 0 || childIds.some((id) => !visible.includes(id))) return 'not-found';
  if (childIds.length > 1 && (!groupMembers || childIds.some((id) => !groupMembers.includes(id)))) return 'not-one-group';
  return null;
}

/** Meetings ahead and held, as lists show them: soonest ahead first, then the most recent held. */
export function splitByTime<M extends { startsAt: Date }>(meetings: readonly M[], now: Date): { ahead: M[]; held: M[] } {
  const ahead = meetings.filter((m) => m.startsAt.getTime() > now.getTime()).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const held = meetings.filter((m) => m.startsAt.getTime() <= now.getTime()).sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime());
  return { ahead, held };
}

/** A clinical record of something that happened (a consultation, a preparation session) cannot be dated in the future. */
export function dateInFuture(date: IsoDate, today: IsoDate): boolean {
  return date > today;
}

/** Sessions and consultations last between five minutes and a working day. */
export const DURATION_MINUTES = { min: 5, max: 8 * 60 } as const;
