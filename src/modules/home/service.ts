import type { RequestContext } from '../../platform/policy/actor.ts';
import { can } from '../../platform/policy/policy.ts';
import type { Action } from '../../platform/policy/actions.ts';
import type { Role } from '../../platform/policy/roles.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import type { ChildrenService } from '../children/index.ts';
import { createKeyFiguresService } from './key-figures-service.ts';
import { referredChildren } from './referred-children.ts';

/** A task on a person's home page, shown only when the policy allows its action. */
type Task = { href: string; key: string; action: Action };

const TASKS: Task[] = [
  { href: '/my-application', key: 'portal:navigation.myApplication', action: 'portal.view' },
  { href: '/households', key: 'recruitment:home.households', action: 'households.list' },
  { href: '/households/new', key: 'recruitment:home.newHousehold', action: 'households.create' },
  { href: '/matching/settings', key: 'matches:navigation.settings', action: 'matching.configure' },
  { href: '/training/settings', key: 'training:settings.link', action: 'training.configure' },
  { href: '/admin/users', key: 'home.tasks.users', action: 'users.list' },
  { href: '/admin/users/new', key: 'home.tasks.addUser', action: 'users.create' },
  { href: '/admin/organisations', key: 'home.tasks.organisations', action: 'organisations.list' },
  { href: '/admin/audit', key: 'home.tasks.audit', action: 'audit.view' },
  { href: '/admin/retention', key: 'retention:navigation.retention', action: 'retention.review' },
  { href: '/admin/retention/settings', key: 'retention:navigation.settings', action: 'retention.configure' },
  { href: '/admin/outbox', key: 'notifications:outbox.title', action: 'outbox.summary' },
  { href: '/outcomes/authority-questionnaires', key: 'outcomes:partner.authority.homeTask', action: 'satisfaction.authorityAnswer' },
  { href: '/outcomes/worker-questionnaire', key: 'outcomes:partner.worker.homeTask', action: 'satisfaction.workerAnswer' },
  { href: '/account/tokens', key: 'home.tasks.tokens', action: 'account.tokens.manage' },
  { href: '/account', key: 'home.tasks.account', action: 'account.view' },
];

export function createHomeService(runner: UseCaseRunner, options: { clock?: () => Date } = {}) {
  const clock = options.clock ?? (() => new Date());
  const { keyFigures } = createKeyFiguresService(runner, { clock });
  /** What the home page shows this person: their roles' purpose and the tasks open to them. */
  function dashboard(ctx: RequestContext): { roles: Role[]; tasks: Task[] } {
    const actor = ctx.actor;
    if (actor.kind !== 'user') return { roles: [], tasks: [] };
    return { roles: actor.roles, tasks: TASKS.filter((task) => can(actor, task.action)) };
  }

  return {
    dashboard,
    keyFigures,
    /** The referrer's children: every child their authority referred still with the agency. */
    referredChildren: (ctx: RequestContext, children: Pick<ChildrenService, 'listChildren'>) => referredChildren(ctx, children, clock()),
  };
}
