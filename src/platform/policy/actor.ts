import type { OrganisationType } from '../auth/schema.ts';
import type { Role } from './roles.ts';
import { systemActor, type SystemActor } from './system-jobs.ts';

/** Who is asking. Built once per request (session or token) and passed to every service call. */
export type UserActor = {
  kind: 'user';
  userId: string;
  organisationId: string;
  organisationType: OrganisationType;
  roles: Role[];
  name: string;
};
/** The platform acting for one of its named jobs: made only in system-jobs.ts. */
export type { SystemActor };
export type AnonymousActor = { kind: 'anonymous' };
export type Actor = UserActor | SystemActor | AnonymousActor;

export const anonymous: AnonymousActor = { kind: 'anonymous' };

/** What travels with a use case: who, through which channel, under which request id, in which language. */
export type RequestContext = {
  actor: Actor;
  requestId: string;
  channel: 'web' | 'api' | 'cli' | 'system';
  language: 'en' | 'cy';
};

/** The context a command-line or seeding entry point acts in: the operator, the demo, or test fixtures. */
export function systemJobContext(job: 'operator' | 'demo' | 'testFixtures', base: Omit<RequestContext, 'actor'>): RequestContext {
  return { ...base, actor: systemActor(job) };
}
