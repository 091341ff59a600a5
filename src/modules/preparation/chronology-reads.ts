import { arrayContains, asc, eq } from 'drizzle-orm';
import { users } from '../../platform/auth/schema.ts';
import type { ChronologyEntry } from '../../platform/chronology/entry.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { can } from '../../platform/policy/policy.ts';
import { consultations, tacMeetings } from './schema.ts';

/**
 * Preparation's part of a child's chronology: Team Around the Child meetings (dated by the day they
 * met) and the psychologist's consultations (dated by the consultation), for readers the policy lets
 * see them. Only that they happened and who led them: minutes and clinical notes stay on their pages.
 */
export async function childPreparationChronology(tx: Tx, ctx: RequestContext, childId: string): Promise<ChronologyEntry[]> {
  const meetings = can(ctx.actor, 'tac.view')
    ? await tx
        .select({ id: tacMeetings.id, startsAt: tacMeetings.startsAt, createdAt: tacMeetings.createdAt })
        .from(tacMeetings)
        .where(arrayContains(tacMeetings.childIds, [childId]))
        .orderBy(asc(tacMeetings.startsAt))
    : [];
  const consulted = can(ctx.actor, 'consultations.view')
    ? await tx
        .select({ id: consultations.id, on: consultations.consultationDate, createdAt: consultations.createdAt, who: users.name })
        .from(consultations)
        .leftJoin(users, eq(users.id, consultations.psychologistId))
        .where(arrayContains(consultations.childIds, [childId]))
        .orderBy(asc(consultations.consultationDate))
    : [];
  return [
    ...meetings.map((m): ChronologyEntry => ({
      on: dateInWales(m.startsAt),
      recordedAt: m.startsAt,
      kind: 'tac',
      text: { key: 'chronology:entries.tacMeeting' },
      href: `/tac-meetings/${m.id}`,
    })),
    ...consulted.map((c): ChronologyEntry => ({
      on: c.on,
      recordedAt: c.createdAt,
      kind: 'consultation',
      who: c.who,
      text: { key: 'chronology:entries.consultation' },
      href: `/consultations/${c.id}`,
    })),
  ];
}
