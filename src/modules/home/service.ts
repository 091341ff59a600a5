import type { RequestContext } from '../../platform/policy/actor.ts';
import { can } from '../../platform/policy/policy.ts';
import type { Action } from '../../platform/policy/actions.ts';
import type { Role } from '../../platform/policy/roles.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import type { ChildrenService } from '../children/index.ts';

/** Roles whose home page lists the children whose waiting clocks need attention. */
const WATCHES_CLOCKS: readonly Role[] = ['family_finder', 'service_manager'];
const ATTENTION_LIMIT = 10;
const ATTENTION_PAGES = 5;
/** Children still waiting for a family: referred or being family-found, with no link or match yet. */
const STILL_WAITING = ['referred', 'family_finding'] as const;

/** A task on a person's home page, shown only when the policy allows its action. */
type Task = { href: string; key: string; action: Action };

const TASKS: Task[] = [
  { href: '/my-application', key: 'portal:navigation.myApplication', action: 'portal.view' },
  { href: '/households', key: 'recruitment:home.households', action: 'households.list' },
  { href: '/households/new', key: 'recruitment:home.newHousehold', action: 'households.create' },
  { href: '/matching/settings', key: 'matches:navigation.settings', action: 'matching.configure' },
  { href: '/admin/users', key: 'home.tasks.users', action: 'users.list' },
  { href: '/admin/users/new', key: 'home.tasks.addUser', action: 'users.create' },
  { href: '/admin/organisations', key: 'home.tasks.organisations', action: 'organisations.list' },
  { href: '/admin/audit', key: 'home.tasks.audit', action: 'audit.view' },
  { href: '/account/tokens', key: 'home.tasks.tokens', action: 'account.tokens.manage' },
  { href: '/account', key: 'home.tasks.account', action: 'account.view' },
];

export function createHomeService(_runner: UseCaseRunner) {
  /** What the home page shows this person: their roles' purpose and the tasks open to them. */
  function dashboard(ctx: RequestContext): { roles: Role[]; tasks: Task[] } {
    const actor = ctx.actor;
    if (actor.kind !== 'user') return { roles: [], tasks: [] };
    return { roles: actor.roles, tasks: TASKS.filter((task) => can(actor, task.action)) };
  }

  /**
   * The family finder's panel: children still waiting for a family (not linked, matched or placed)
   * whose clocks are at warning or urgent level, oldest referral first, the first ten. Undefined
   * for everyone else (no panel is shown).
   */
  async function childrenNeedingAttention(ctx: RequestContext, children: Pick<ChildrenService, 'listChildren'>) {
    const actor = ctx.actor;
    if (actor.kind !== 'user' || !actor.roles.some((role) => WATCHES_CLOCKS.includes(role)) || !can(actor, 'children.list')) return undefined;
    const found: Awaited<ReturnType<ChildrenService['listChildren']>>['items'] = [];
    let after: { value: string | null; id: string } | undefined;
    // Pages in referral order until ten are found; a few pages at most, since the longest-waiting come first.
    for (let pages = 0; pages < ATTENTION_PAGES && found.length < ATTENTION_LIMIT; pages++) {
      const page = await children.listChildren(ctx, { sort: 'referralDate', outcome: 'none', limit: 100 }, after, { statuses: STILL_WAITING });
      found.push(...page.items.filter((child) => child.clockLevel !== 'ok'));
      if (!page.next) break;
      after = page.next;
    }
    return found.slice(0, ATTENTION_LIMIT).map((child) => {
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
  }
  return { dashboard, childrenNeedingAttention };
}
