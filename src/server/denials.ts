import type { RequestContext } from '../platform/policy/actor.ts';
import type { Services } from './services.ts';

/** A refused request is audited in its own transaction: the refused work never began. */
export async function recordDenial(services: Services, ctx: RequestContext, action: string, url: string): Promise<void> {
  await services.audit.recordStandalone(ctx, { action, outcome: 'denied', detail: { route: url } });
}
