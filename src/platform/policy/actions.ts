import type { Role } from './roles.ts';

/**
 * Every action a route or service may perform, with the roles that may perform it.
 * The scope (whose records) is decided per resource in policy.ts.
 */
export const ACTIONS = {
  /** Pages anyone may see, signed in or not. */
  'public.view': 'everyone',
  /** The signed-in person's own home, account, security and tokens. */
  'home.view': 'signed-in',
  'account.view': 'signed-in',
  'account.edit': 'signed-in',
  'account.tokens.manage': [
    'family_finder',
    'social_worker',
    'therapeutic_social_worker',
    'clinical_psychologist',
    'service_manager',
    'la_referrer',
    'funder',
    'research_partner',
    'administrator',
  ],
  /** People and organisations. Service managers see their own organisation's staff list. */
  'users.list': ['administrator', 'service_manager'],
  'users.view': ['administrator', 'service_manager'],
  'users.create': ['administrator'],
  'users.edit': ['administrator'],
  'users.disable': ['administrator'],
  'organisations.list': ['administrator'],
  'organisations.create': ['administrator'],
  'organisations.edit': ['administrator'],
  'audit.view': ['administrator'],
  'audit.verify': ['administrator'],
} as const satisfies Record<string, 'everyone' | 'signed-in' | readonly Role[]>;

export type Action = keyof typeof ACTIONS;

export function isAction(value: string): value is Action {
  return Object.hasOwn(ACTIONS, value);
}
