import { z } from 'zod';
import { SESSION_COOKIE, errorViewModel, setRequestState } from '../../server/page.ts';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { DomainError, TooManyRequestsError, type FieldError } from '../../platform/http/errors.ts';
import { totpQrSvg } from '../../platform/auth/totp.ts';
import { anonymous } from '../../platform/policy/actor.ts';
import { safeNext, sessionCookie } from './sign-in-helpers.ts';

const signInForm = z.object({
  email: fields.email(),
  password: z.string({ error: 'errors.password.required' }).min(1, 'errors.password.required').max(200, 'errors.password.tooLong'),
});
const codeForm = z.object({ code: z.string({ error: 'errors.code.required' }).trim().min(1, 'errors.code.required').max(20, 'errors.code.invalid') });
const nextQuery = z.object({ next: z.string().max(500).optional() });
const setupForm = z
  .object({
    organisationName: fields.name(),
    name: fields.name(),
    email: fields.email(),
    password: z.string({ error: 'errors.password.required' }).min(12, 'errors.password.tooShort').max(200, 'errors.password.tooLong'),
    confirmPassword: z.string().optional(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'errors.password.mismatch' });

function formErrors(call: Call, view: string, titleKey: string, errors: FieldError[], values: Record<string, unknown>, status = 400) {
  return call.render(view, { pageTitle: call.t(titleKey), values, ...errorViewModel(errors, call.t) }, status);
}

export function accountRoutes(services: Services) {
  const signInView = 'accounts/views/sign-in.njk';
  const providerRequired = Boolean(services.organisationSignIn?.required);
  /** The sign-in page with its errors, still offering the organisation's provider when there is one. */
  const signInErrors = (call: Call, errors: FieldError[], values: Record<string, unknown>, status = 400) =>
    call.render(
      signInView,
      {
        pageTitle: call.t('accounts:signIn.title'),
        values,
        organisationSignIn: Boolean(services.organisationSignIn),
        organisationSignInRequired: providerRequired,
        ...errorViewModel(errors, call.t),
      },
      status,
    );
  return [
    route({
      method: 'GET',
      url: '/sign-in',
      kind: 'page',
      action: 'public.view',
      summary: 'Sign-in page',
      query: nextQuery,
      handler: async (call) => {
        if (await services.organisations.needsFirstAdministrator(call.ctx)) return call.redirect('/setup');
        return call.render(signInView, {
          pageTitle: call.t('accounts:signIn.title'),
          next: call.query.next,
          values: {},
          organisationSignIn: Boolean(services.organisationSignIn),
          organisationSignInRequired: providerRequired,
        });
      },
    }),
    route({
      method: 'POST',
      url: '/sign-in',
      kind: 'page',
      action: 'public.view',
      summary: 'Sign in with e-mail and password',
      query: nextQuery,
      body: signInForm,
      onInvalid: (call, errors) => signInErrors(call, errors, { email: (call.request.body as Record<string, unknown>)?.email }),
      handler: async (call) => {
        const result = await services.auth.signIn(call.ctx, {
          email: call.body.email,
          password: call.body.password,
          address: call.request.ip,
          userAgent: call.request.headers['user-agent'],
          previousToken: call.request.cookies[SESSION_COOKIE],
        });
        if (result.outcome === 'locked') throw new TooManyRequestsError('errors.signIn.locked');
        if (result.outcome === 'invalid') {
          return signInErrors(call, [{ field: 'email', key: 'errors.signIn.invalid' }], { email: call.body.email }, 401);
        }
        if (result.outcome === 'provider-required') {
          // The error points at the organisation's button (its id), the way they can sign in.
          return signInErrors(call, [{ field: 'organisation-sign-in', key: 'accounts:organisationSignIn.required' }], { email: call.body.email }, 403);
        }
        sessionCookie(call, result.sessionToken);
        const next = encodeURIComponent(safeNext(call.query.next));
        if (result.state === 'second-factor') return call.redirect(`/sign-in/second-factor?next=${next}`);
        if (result.state === 'enrol') return call.redirect('/account/security/enrol');
        return call.redirect(safeNext(call.query.next));
      },
    }),
    route({
      method: 'GET',
      url: '/sign-in/second-factor',
      kind: 'page',
      action: 'public.view',
      beforeSecondFactor: true,
      summary: 'Second-factor code page',
      query: nextQuery,
      handler: async (call) => {
        if (!call.session) return call.redirect('/sign-in');
        if (call.session.state === 'active') return call.redirect(safeNext(call.query.next));
        return call.render('accounts/views/second-factor.njk', { pageTitle: call.t('accounts:secondFactor.title'), next: call.query.next });
      },
    }),
    route({
      method: 'POST',
      url: '/sign-in/second-factor',
      kind: 'page',
      action: 'public.view',
      beforeSecondFactor: true,
      summary: 'Check the second-factor code',
      query: nextQuery,
      body: codeForm,
      onInvalid: (call, errors) => formErrors(call, 'accounts/views/second-factor.njk', 'accounts:secondFactor.title', errors, {}),
      handler: async (call) => {
        if (!call.session) return call.redirect('/sign-in');
        const outcome = await services.auth.verifySecondFactor(call.ctx, call.session, call.body.code, call.request.ip);
        if (outcome === 'locked') throw new TooManyRequestsError('errors.signIn.locked');
        if (outcome === 'invalid') {
          return formErrors(
            call,
            'accounts/views/second-factor.njk',
            'accounts:secondFactor.title',
            [{ field: 'code', key: 'errors.code.invalid' }],
            { next: call.query.next },
            401,
          );
        }
        return call.redirect(safeNext(call.query.next));
      },
    }),
    route({
      method: 'GET',
      url: '/account/security/enrol',
      kind: 'page',
      action: 'account.view',
      beforeSecondFactor: true,
      summary: 'Set up the second factor (authenticator app)',
      handler: async (call) => {
        if (!call.session) return call.redirect('/sign-in');
        if (call.session.state !== 'enrol') return call.redirect('/account');
        const secret = await services.auth.startEnrolment(call.session);
        const qr = await totpQrSvg(secret, call.session.email);
        return call.render('accounts/views/enrol.njk', { pageTitle: call.t('accounts:enrol.title'), qr, secret: secret.replace(/(.{4})/g, '$1 ').trim() });
      },
    }),
    route({
      method: 'POST',
      url: '/account/security/enrol',
      kind: 'page',
      action: 'account.view',
      beforeSecondFactor: true,
      summary: 'Confirm the authenticator app with a code',
      body: codeForm,
      handler: async (call) => {
        if (!call.session) return call.redirect('/sign-in');
        const codes = await services.auth.completeEnrolment(call.ctx, call.session, call.body.code);
        if (!codes) {
          const secret = await services.auth.startEnrolment(call.session);
          const qr = await totpQrSvg(secret, call.session.email);
          return call.render(
            'accounts/views/enrol.njk',
            {
              pageTitle: call.t('accounts:enrol.title'),
              qr,
              secret: secret.replace(/(.{4})/g, '$1 ').trim(),
              ...errorViewModel([{ field: 'code', key: 'errors.code.invalid' }], call.t),
            },
            400,
          );
        }
        return call.render('accounts/views/recovery-codes.njk', { pageTitle: call.t('accounts:recoveryCodes.title'), codes });
      },
    }),
    route({
      method: 'POST',
      url: '/sign-out',
      kind: 'page',
      action: 'public.view',
      beforeSecondFactor: true,
      summary: 'Sign out',
      handler: async (call) => {
        const token = call.request.cookies[SESSION_COOKIE];
        if (token) await services.auth.signOut(call.ctx, token);
        call.reply.clearCookie(SESSION_COOKIE, { path: '/' });
        // The page after signing out is an anonymous one: no navigation, no "signed in as".
        setRequestState(call.request, { actor: anonymous, language: call.language });
        return call.render('accounts/views/signed-out.njk', { pageTitle: call.t('accounts:signedOut.title') });
      },
    }),
    route({
      method: 'GET',
      url: '/sign-out',
      kind: 'page',
      action: 'public.view',
      beforeSecondFactor: true,
      summary: 'Signed-out page, where its language toggle leads',
      handler: async (call) => {
        // Only the form (a POST with its token) signs anyone out; a link or a typed address cannot.
        if (call.session) return call.redirect('/');
        return call.render('accounts/views/signed-out.njk', { pageTitle: call.t('accounts:signedOut.title') });
      },
    }),
    route({
      method: 'GET',
      url: '/setup',
      kind: 'page',
      action: 'public.view',
      summary: 'One-time set-up: the first administrator',
      handler: async (call) => {
        if (!(await services.organisations.needsFirstAdministrator(call.ctx))) return call.redirect('/sign-in');
        return call.render('accounts/views/setup.njk', { pageTitle: call.t('accounts:setup.title'), values: {} });
      },
    }),
    route({
      method: 'POST',
      url: '/setup',
      kind: 'page',
      action: 'public.view',
      summary: 'Create the first administrator',
      body: setupForm,
      onInvalid: (call, errors) => {
        const { password, confirmPassword, ...values } = (call.request.body ?? {}) as Record<string, unknown>;
        return formErrors(call, 'accounts/views/setup.njk', 'accounts:setup.title', errors, values);
      },
      handler: async (call) => {
        try {
          await services.organisations.createFirstAdministrator(call.ctx, call.body);
        } catch (error) {
          if (error instanceof DomainError && error.status === 409) return call.redirect('/sign-in');
          throw error;
        }
        return call.redirect('/sign-in', call.t('accounts:setup.done'));
      },
    }),
  ];
}
