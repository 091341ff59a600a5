import { dayInWales, type T } from '../../platform/format/format.ts';
import type { LastVerification } from '../../platform/audit/service.ts';

type PeopleOverview = { byRole: { role: string; accounts: number }[]; locked: { id: string; name: string; disabled: boolean }[]; lockMinutes: number };

/** The administrator's panel in the reader's words: people by role, who cannot sign in, and the audit chain's last check. */
export function administrationView(people: PeopleOverview | undefined, verification: LastVerification | null | undefined, t: T, language: string) {
  const time = (d: Date) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' }).format(d);
  return {
    people: people && {
      total: people.byRole.reduce((sum, r) => sum + r.accounts, 0),
      byRole: people.byRole.map((r) => ({ role: t(`roles.${r.role}`), accounts: r.accounts })),
      locked: people.locked.map((a) => ({
        id: a.id,
        name: a.name,
        why: a.disabled ? t('home.admin.locked.disabled') : t('home.admin.locked.failures'),
        // A locked account goes straight to the unlock confirmation; a disabled one to its page, where it is enabled.
        href: a.disabled ? `/admin/users/${a.id}` : `/admin/users/${a.id}/unlock`,
        action: a.disabled ? t('home.admin.locked.enable') : t('home.admin.locked.unlock'),
      })),
    },
    // undefined: the reader may not check the chain; null: it was never checked.
    verification:
      verification === undefined
        ? undefined
        : verification === null
          ? { passed: null, text: t('home.admin.audit.never') }
          : {
              passed: verification.passed,
              text: t(verification.passed ? 'home.admin.audit.passed' : 'home.admin.audit.failed', {
                when: `${dayInWales(verification.verifiedAt, language)} ${time(verification.verifiedAt)}`,
                count: verification.rowsChecked,
              }),
            },
  };
}
