import type { MissingCheck } from '../recruitment/index.ts';
import type { CheckKind } from '../recruitment/index.ts';

/** How long an invitation link works: long enough for a busy family, short enough to go stale. */
export const INVITATION_DAYS = 7;

export function invitationExpiry(now: Date, days = INVITATION_DAYS): Date {
  return new Date(now.getTime() + days * 86_400_000);
}

export type InvitationFacts = { createdAt: Date; expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null };

/** Whether a link may still be followed, and if not, why (the page tells a used link from a stale one). */
export type LinkState = 'usable' | 'used' | 'revoked' | 'expired';

export function linkState(invitation: InvitationFacts, now: Date): LinkState {
  if (invitation.acceptedAt) return 'used';
  if (invitation.revokedAt) return 'revoked';
  if (invitation.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'usable';
}

/** An applicant's account as the household page shows it. */
export type PortalAccess = 'invited' | 'active' | 'expired';

/**
 * Active once any invitation was accepted (a password was set); invited while the newest link
 * still works; expired when every link went stale or was replaced. No invitation: no state.
 */
export function accessState(invitations: readonly InvitationFacts[], now: Date): PortalAccess | undefined {
  if (invitations.length === 0) return undefined;
  if (invitations.some((i) => i.acceptedAt)) return 'active';
  return invitations.some((i) => linkState(i, now) === 'usable') ? 'invited' : 'expired';
}

/** One thing the family is still waiting for, without who was asked or what came back. */
export type OutstandingItem = { kind: CheckKind; applicantId: string | null; count: number };

/**
 * What the portal says is outstanding in Stage 1. An unsatisfactory outcome is not shown as such:
 * the social worker talks it through with the family, a web page never announces it. The same
 * check still appears as awaited (it has not concluded), so nothing looks finished that is not.
 */
export function outstandingForFamily(missing: readonly MissingCheck[]): OutstandingItem[] {
  const items = new Map<string, OutstandingItem>();
  for (const item of missing) {
    if (item.problem === 'unsatisfactory') continue;
    const key = `${item.kind}:${item.applicantId ?? ''}`;
    const count = item.needed ?? 1;
    const existing = items.get(key);
    if (!existing || existing.count < count) items.set(key, { kind: item.kind, applicantId: item.applicantId, count });
  }
  return [...items.values()];
}
