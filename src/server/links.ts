import type { Actor } from '../platform/policy/actor.ts';
import { can } from '../platform/policy/policy.ts';
import type { Action } from '../platform/policy/actions.ts';
import type { Method, RouteDefinition } from './route.ts';

/**
 * May this person open the page at this address? Asked by pages before they show a link or a
 * button, so nobody is offered a page that would answer "you cannot see this" (403).
 */
export type MayOpen = (href: string, method?: Method) => boolean;

type Pattern = { segments: string[]; action: Action };

const segmentsOf = (path: string) => path.split('/').filter(Boolean);

/**
 * Reads the route registry once: every page route with its action, by method. An address is matched
 * as the router would, a route's fixed segments winning over its `:params` (so `/admin/users/new`
 * is users.create, not users.view). Addresses no page route answers (assets, other sites) are
 * not for the policy to hide.
 */
export function linkPolicy(routes: readonly RouteDefinition[]): (actor: Actor, href: string, method?: Method) => boolean {
  const byMethod = new Map<Method, Pattern[]>();
  for (const route of routes) {
    if (route.kind !== 'page') continue;
    const segments = segmentsOf(route.url);
    const list = byMethod.get(route.method) ?? [];
    list.push({ segments, action: route.action });
    byMethod.set(route.method, list);
  }
  // Like the router: at the first place two routes differ, a fixed segment comes before a parameter.
  const isParam = (p: Pattern, i: number) => (p.segments[i]?.startsWith(':') ? 1 : 0);
  for (const list of byMethod.values()) {
    list.sort((a, b) => {
      for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) if (isParam(a, i) !== isParam(b, i)) return isParam(a, i) - isParam(b, i);
      return 0;
    });
  }

  return (actor, href, method = 'GET') => {
    const url = new URL(href, 'http://local');
    if (url.origin !== 'http://local') return true;
    const wanted = segmentsOf(url.pathname);
    const found = byMethod.get(method)?.find((p) => p.segments.length === wanted.length && p.segments.every((s, i) => s.startsWith(':') || s === wanted[i]));
    return found ? can(actor, found.action) : true;
  };
}
