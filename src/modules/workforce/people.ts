import type { UserActor } from '../../platform/policy/actor.ts';
import type { Role } from '../../platform/policy/roles.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { StaffMember } from './repository.ts';

/** Small helpers the workforce use cases share. */

/** The person asking, when the use case is about their own work; anyone else has nothing here. */
export function personOf(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new NotFoundError();
  return ctx.actor;
}

export function holdsAny(person: { roles: readonly string[] }, roles: readonly Role[]): boolean {
  return person.roles.some((role) => (roles as readonly string[]).includes(role));
}

/** The roles whose training is recorded here: the people who may keep a training record. */
export const TRAINED_ROLES: readonly Role[] = ['family_finder', 'social_worker', 'therapeutic_social_worker', 'clinical_psychologist', 'service_manager'];

/** A member of staff as the API and pages show them next to a record (no e-mail, no roles list). */
export function personJson(person: StaffMember) {
  return { id: person.id, name: person.name, organisationId: person.organisationId, organisationName: person.organisationName };
}
