import type { Tx } from '../../platform/db/pool.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import type { Action } from '../../platform/policy/actions.ts';
import { authorize } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import * as repo from './repository.ts';

/** What every training use case is built from: the runner and the clock. */
export type TrainingDeps = { run: UseCaseRunner['run']; clock: () => Date };

/** A database refusal of a second live booking of one applicant on one session. */
export function isDoubleBooking(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; constraint?: string } }).cause ?? (error as { code?: string; constraint?: string });
  return cause?.code === '23505' && cause.constraint === 'course_bookings_one_live_idx';
}

export function userIdOf(ctx: RequestContext): string | null {
  return ctx.actor.kind === 'user' ? ctx.actor.userId : null;
}

/** The end of a session must come after its start. */
export function checkTimes(startsAt: Date, endsAt: Date): void {
  if (endsAt.getTime() <= startsAt.getTime()) throw new ValidationError([{ field: 'endsAt', key: 'training:errors.endsAt.beforeStart' }]);
}

export async function loadCourse(tx: Tx, ctx: RequestContext, id: string, action: Action) {
  const course = await repo.getCourse(tx, id);
  if (!course) throw new NotFoundError();
  authorize(ctx.actor, action, { type: 'course', id, organisationId: course.organisationId });
  return course;
}

export async function loadSession(tx: Tx, ctx: RequestContext, id: string, action: Action) {
  const found = await repo.getSession(tx, id);
  if (!found) throw new NotFoundError();
  authorize(ctx.actor, action, { type: 'course_session', id, organisationId: found.session.organisationId });
  return found;
}

/** Loads a booking to change it; a page names the session too, and a booking of another session is not found. */
export async function loadBooking(tx: Tx, ctx: RequestContext, id: string, sessionId?: string) {
  const booking = await repo.getBooking(tx, id);
  if (!booking || (sessionId && booking.sessionId !== sessionId)) throw new NotFoundError();
  authorize(ctx.actor, 'bookings.edit', { type: 'course_booking', id, organisationId: booking.organisationId });
  return booking;
}

/** Facilitators chosen from the organisation's staff; anyone else is refused by name of the field. */
export async function checkFacilitators(tx: Tx, organisationId: string, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const staff = new Set((await repo.facilitators(tx, organisationId)).map((f) => f.id));
  if (unique.some((id) => !staff.has(id))) throw new ValidationError([{ field: 'facilitatorIds', key: 'training:errors.facilitators.unknown' }]);
  return unique;
}
