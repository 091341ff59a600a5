import { z } from 'zod';
import { errorViewModel } from '../../server/page.ts';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { UserActor } from '../../platform/policy/actor.ts';
import { fields } from '../../platform/http/validation.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { deviceInWords } from '../../platform/auth/device.ts';

const passwordForm = z
  .object({
    currentPassword: z.string({ error: 'errors.password.required' }).min(1, 'errors.password.required'),
    newPassword: z.string({ error: 'errors.password.required' }).min(12, 'errors.password.tooShort').max(200, 'errors.password.tooLong'),
    confirmPassword: z.string().optional(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'errors.password.mismatch' });

export const tokenForm = z.object({
  name: fields.name(),
  access: z.enum(['read', 'write'], { error: 'errors.tokenAccess.invalid' }),
  expiresInDays: z.coerce
    .number({ error: 'errors.tokenExpiry.invalid' })
    .int('errors.tokenExpiry.invalid')
    .min(1, 'errors.tokenExpiry.invalid')
    .max(365, 'errors.tokenExpiry.invalid'),
});

const preferencesForm = z.object({
  language: z.enum(['en', 'cy'], { error: 'notifications:errors.language.invalid' }),
  notifications: z.enum(['immediate', 'digest', 'required'], { error: 'notifications:errors.notifications.invalid' }),
});

/** "Remember this choice" beside the language toggle: the language, and the page to go back to (a path on this site only). */
const rememberForm = z.object({
  language: z.enum(['en', 'cy'], { error: 'notifications:errors.language.invalid' }),
  returnTo: z
    .string()
    .max(2000)
    .optional()
    .transform((v) => (v && /^\/(?![/\\])/.test(v) ? v : '/account')),
});

export function accountPageRoutes(services: Services) {
  const me = (actor: unknown) => actor as UserActor;

  async function accountView(call: Parameters<Parameters<typeof route>[0]['handler']>[0]) {
    const account = await services.organisations.getUser(call.ctx, me(call.actor).userId);
    const preferences = await services.notifications.preferencesOf(call.ctx);
    return { pageTitle: call.t('accounts:account.title'), account, preferences };
  }

  async function tokensView(call: Parameters<Parameters<typeof route>[0]['handler']>[0]) {
    const tokens = await services.auth.listAccessTokens(call.ctx, me(call.actor).userId);
    return { pageTitle: call.t('accounts:tokens.title'), tokens, now: new Date() };
  }

  async function sessionsPage(call: Parameters<Parameters<typeof route>[0]['handler']>[0]) {
    const listed = await services.auth.listSessions(call.ctx, call.session?.tokenHash ?? '');
    const sessions = listed.map((session) => ({ ...session, deviceWords: deviceInWords(session.device, call.t) }));
    return call.render('accounts/views/sessions.njk', { pageTitle: call.t('accounts:sessions.title'), sessions, others: sessions.some((s) => !s.current) });
  }

  return [
    route({
      method: 'GET',
      url: '/account/sessions',
      kind: 'page',
      action: 'account.view',
      summary: 'Where you are signed in',
      handler: sessionsPage,
    }),
    route({
      method: 'POST',
      url: '/account/sessions/end-others',
      kind: 'page',
      action: 'account.edit',
      summary: 'Sign out everywhere else',
      handler: async (call) => {
        await services.auth.endOtherSessions(call.ctx, call.session?.tokenHash ?? '');
        return call.redirect('/account/sessions', call.t('accounts:sessions.othersEnded'));
      },
    }),
    route({
      method: 'POST',
      url: '/account/sessions/:ref/end',
      kind: 'page',
      action: 'account.edit',
      summary: 'End one of your other sessions',
      params: z.object({ ref: z.string().regex(/^[0-9a-f]{32}$/, 'errors.field.invalid') }),
      handler: async (call) => {
        const done = await services.auth.endSession(call.ctx, call.session?.tokenHash ?? '', call.params.ref);
        if (!done) throw new NotFoundError();
        return call.redirect('/account/sessions', call.t('accounts:sessions.ended'));
      },
    }),
    route({
      method: 'GET',
      url: '/account',
      kind: 'page',
      action: 'account.view',
      summary: 'Your account',
      handler: async (call) => call.render('accounts/views/account.njk', await accountView(call)),
    }),
    route({
      method: 'POST',
      url: '/account/password',
      formPage: '/account',
      kind: 'page',
      action: 'account.edit',
      summary: 'Change your password',
      body: passwordForm,
      onInvalid: async (call, errors) => call.render('accounts/views/account.njk', { ...(await accountView(call)), ...errorViewModel(errors, call.t) }, 400),
      handler: async (call) => {
        const changed = await services.auth.changePassword(call.ctx, me(call.actor).userId, call.body.currentPassword, call.body.newPassword);
        if (!changed) {
          return call.render(
            'accounts/views/account.njk',
            { ...(await accountView(call)), ...errorViewModel([{ field: 'currentPassword', key: 'errors.password.wrong' }], call.t) },
            400,
          );
        }
        return call.redirect('/account', call.t('accounts:account.passwordChanged'));
      },
    }),
    route({
      method: 'POST',
      url: '/account/preferences',
      formPage: '/account',
      kind: 'page',
      action: 'account.edit',
      summary: 'Choose your language and how you hear of changes',
      body: preferencesForm,
      onInvalid: async (call, errors) => call.render('accounts/views/account.njk', { ...(await accountView(call)), ...errorViewModel(errors, call.t) }, 400),
      handler: async (call) => {
        await services.notifications.savePreferences(call.ctx, { language: call.body.language, notificationPreference: call.body.notifications });
        // The language cookie follows the choice, so the next page is already in it.
        return call.redirect(`/account?lang=${call.body.language}`, translator(call.body.language)('notifications:preferences.saved'));
      },
    }),
    route({
      method: 'POST',
      url: '/account/language',
      kind: 'page',
      action: 'account.edit',
      summary: 'Remember the language chosen with the toggle',
      body: rememberForm,
      handler: async (call) => {
        await services.notifications.savePreferences(call.ctx, { language: call.body.language });
        return call.redirect(call.body.returnTo, translator(call.body.language)('notifications:remember.saved'));
      },
    }),
    route({
      method: 'GET',
      url: '/account/tokens',
      kind: 'page',
      action: 'account.tokens.manage',
      summary: 'Your personal access tokens',
      handler: async (call) => call.render('accounts/views/tokens.njk', { ...(await tokensView(call)), values: { expiresInDays: 30, access: 'read' } }),
    }),
    route({
      method: 'POST',
      url: '/account/tokens',
      kind: 'page',
      action: 'account.tokens.manage',
      summary: 'Create a personal access token',
      body: tokenForm,
      onInvalid: async (call, errors) =>
        call.render('accounts/views/tokens.njk', { ...(await tokensView(call)), values: call.request.body, ...errorViewModel(errors, call.t) }, 400),
      handler: async (call) => {
        const expiresAt = new Date(Date.now() + call.body.expiresInDays * 24 * 3600_000);
        const scopes = call.body.access === 'write' ? (['read', 'write'] as const) : (['read'] as const);
        const token = await services.auth.createAccessToken(call.ctx, me(call.actor).userId, { name: call.body.name, scopes: [...scopes], expiresAt });
        return call.render('accounts/views/tokens.njk', { ...(await tokensView(call)), values: { expiresInDays: 30, access: 'read' }, newToken: token });
      },
    }),
    route({
      method: 'POST',
      url: '/account/tokens/:id/revoke',
      kind: 'page',
      action: 'account.tokens.manage',
      summary: 'Revoke a personal access token',
      params: z.object({ id: fields.uuid() }),
      handler: async (call) => {
        const done = await services.auth.revokeAccessToken(call.ctx, me(call.actor).userId, call.params.id);
        if (!done) throw new NotFoundError();
        return call.redirect('/account/tokens', call.t('accounts:tokens.revoked'));
      },
    }),
  ];
}
