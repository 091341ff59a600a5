import type { RequestContext, SystemActor } from '../../src/platform/policy/actor.ts';
import { systemJobContext } from '../../src/platform/policy/actor.ts';

/**
 * Tests set up their records as the platform's testFixtures job (src/platform/policy/system-jobs.ts):
 * every action of the policy, on the database's system role. No code under src/ may start it.
 */
export function fixturesContext(requestId = 'test'): RequestContext {
  return systemJobContext('testFixtures', { requestId, channel: 'system', language: 'en' });
}

/** The actor of fixturesContext, for a transaction a test opens itself (inActorTransaction). */
export function fixturesActor(): SystemActor {
  return fixturesContext().actor as SystemActor;
}
