import type { FastifyReply, FastifyRequest } from 'fastify';
import type nunjucks from 'nunjucks';
import type { Config } from '../config.ts';
import type { ResolvedSession } from '../platform/auth/service.ts';
import { randomToken, safeEqual } from '../platform/auth/secrets.ts';
import { isLanguage, languageFromHeader, translator, type Language } from '../platform/i18n/i18n.ts';
import { anonymous, type Actor } from '../platform/policy/actor.ts';
import { can } from '../platform/policy/policy.ts';
import type { Action } from '../platform/policy/actions.ts';
import type { FieldError } from '../platform/http/errors.ts';
import type { Method } from './route.ts';

export const SESSION_COOKIE = 'together_session';
const CSRF_COOKIE = 'together_csrf';
const LANGUAGE_COOKIE = 'together_lang';
const FLASH_COOKIE = 'together_flash';

/** What the platform learned about a request before its handler ran; error pages reuse it. */
export type RequestState = { actor: Actor; session?: ResolvedSession; language: Language; csrfToken?: string };
const states = new WeakMap<FastifyRequest, RequestState>();

export function setRequestState(request: FastifyRequest, state: RequestState): void {
  states.set(request, state);
}

export function requestState(request: FastifyRequest): RequestState | undefined {
  return states.get(request);
}

/** The service navigation, shown item by item as the policy allows. Modules add their entries here. */
export const NAVIGATION: { href: string; key: string; action: Action }[] = [
  { href: '/', key: 'layout.navigation.home', action: 'home.view' },
  { href: '/my-work', key: 'workforce:navigation.myWork', action: 'myWork.view' },
  { href: '/children', key: 'children:navigation.children', action: 'children.list' },
  { href: '/referrals', key: 'children:navigation.referrals', action: 'referrals.view' },
  { href: '/analytics/aces', key: 'children:navigation.aceAnalysis', action: 'analytics.aces' },
  { href: '/preparation', key: 'preparation:navigation.preparation', action: 'tac.view' },
  { href: '/households', key: 'recruitment:navigation.households', action: 'households.list' },
  { href: '/matches', key: 'matches:navigation.matches', action: 'matches.view' },
  { href: '/matching', key: 'matches:navigation.overview', action: 'matching.overview' },
  { href: '/support', key: 'support:navigation.support', action: 'support.view' },
  { href: '/outcomes', key: 'outcomes:navigation.outcomes', action: 'outcomes.cohort' },
  { href: '/campaigns', key: 'campaigns:navigation.campaigns', action: 'campaigns.view' },
  { href: '/outcomes/placement-success', key: 'placement-success:navigation', action: 'placementSuccess.view' },
  { href: '/courses', key: 'training:navigation.courses', action: 'courses.view' },
  { href: '/research', key: 'research:navigation.research', action: 'researchAgreements.view' },
  { href: '/reports', key: 'reports:navigation.reports', action: 'reports.view' },
  { href: '/finance', key: 'billing:navigation.finance', action: 'invoices.view' },
  { href: '/finance/cost-recovery', key: 'finance-costs:navigation.costRecovery', action: 'financeCosts.view' },
  { href: '/my-application', key: 'portal:navigation.myApplication', action: 'portal.view' },
  { href: '/my-application/messages', key: 'portal:navigation.messages', action: 'portal.view' },
  { href: '/my-application/documents', key: 'portal:navigation.documents', action: 'portal.view' },
  { href: '/portal/messages', key: 'portal:navigation.familyMessages', action: 'portalDocuments.request' },
  { href: '/admin/users', key: 'layout.navigation.users', action: 'users.list' },
  { href: '/admin/organisations', key: 'layout.navigation.organisations', action: 'organisations.list' },
  { href: '/admin/audit', key: 'layout.navigation.audit', action: 'audit.view' },
  { href: '/admin/retention', key: 'retention:navigation.retention', action: 'retention.review' },
  { href: '/admin/outbox', key: 'notifications:navigation.outbox', action: 'outbox.summary' },
  { href: '/admin/instruments', key: 'outcomes:navigation.instruments', action: 'instruments.manage' },
  { href: '/account', key: 'layout.navigation.account', action: 'account.view' },
];

/** The language of a page: a toggle in the URL, then the remembered choice, the person's preference, the browser. */
export function pageLanguage(request: FastifyRequest, reply: FastifyReply, session?: ResolvedSession): Language {
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLanguage(fromQuery)) {
    reply.setCookie(LANGUAGE_COOKIE, fromQuery, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 365 * 24 * 3600 });
    return fromQuery;
  }
  const fromCookie = request.cookies[LANGUAGE_COOKIE];
  if (isLanguage(fromCookie)) return fromCookie;
  if (session) return session.preferredLanguage;
  return languageFromHeader(request.headers['accept-language']) ?? 'en';
}

export function apiLanguage(request: FastifyRequest): Language {
  return languageFromHeader(request.headers['accept-language']) ?? 'en';
}

/** CSRF token of a page: the session's when signed in, else a signed cookie (double submit). */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply, session?: ResolvedSession): string {
  if (session) return session.csrfToken;
  const raw = request.cookies[CSRF_COOKIE];
  const unsigned = raw ? request.unsignCookie(raw) : undefined;
  if (unsigned?.valid && unsigned.value) return unsigned.value;
  const token = randomToken(24);
  reply.setCookie(CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', signed: true });
  return token;
}

export function csrfValid(request: FastifyRequest, session?: ResolvedSession): boolean {
  const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
  if (typeof sent !== 'string' || sent.length === 0) return false;
  if (session) return safeEqual(sent, session.csrfToken);
  const raw = request.cookies[CSRF_COOKIE];
  const unsigned = raw ? request.unsignCookie(raw) : undefined;
  return Boolean(unsigned?.valid && unsigned.value && safeEqual(sent, unsigned.value));
}

export function setFlash(reply: FastifyReply, message: string): void {
  reply.setCookie(FLASH_COOKIE, Buffer.from(message).toString('base64url'), { path: '/', httpOnly: true, sameSite: 'lax', signed: true, maxAge: 60 });
}

function takeFlash(request: FastifyRequest, reply: FastifyReply): string | undefined {
  const raw = request.cookies[FLASH_COOKIE];
  if (!raw) return undefined;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? Buffer.from(unsigned.value, 'base64url').toString() : undefined;
}

function languageLinks(request: FastifyRequest): Record<Language, string> {
  const url = new URL(request.url, 'http://local');
  const link = (language: Language) => {
    url.searchParams.set('lang', language);
    return `${url.pathname}?${url.searchParams.toString()}`;
  };
  return { en: link('en'), cy: link('cy') };
}

/**
 * "Remember this choice": offered to a signed-in person reading in another language than the one on
 * their account (they used the toggle), with the page to come back to, without its `lang`.
 */
function rememberLanguageOffer(request: FastifyRequest, state: RequestState): { language: Language; returnTo: string } | undefined {
  if (state.actor.kind !== 'user' || state.session?.state !== 'active' || state.session.preferredLanguage === state.language) return undefined;
  if (request.method !== 'GET') return undefined;
  const url = new URL(request.url, 'http://local');
  url.searchParams.delete('lang');
  const query = url.searchParams.toString();
  return { language: state.language, returnTo: `${url.pathname}${query ? `?${query}` : ''}` };
}

/** Turns field errors into the GOV.UK error summary list and a per-field message map. */
export function errorViewModel(allErrors: FieldError[], t: (key: string, params?: Record<string, unknown>) => string) {
  // A bad item of a list ("roles.1") belongs to the list's field: the page shows it there, once.
  const byField = new Map<string, FieldError>();
  for (const e of allErrors) {
    const field = e.field.replace(/\.\d+(?=\.|$)/g, '');
    if (!byField.has(field)) byField.set(field, { ...e, field });
  }
  const errors = [...byField.values()];
  const errorList = errors.map((e) => ({ text: t(e.key, e.params), href: `#${e.field.replace(/\./g, '-')}` }));
  // The hidden prefix a screen reader announces before each field's message: GOV.UK Frontend says "Error" unless told.
  const fieldErrors: Record<string, { text: string; visuallyHiddenText: string }> = {};
  for (const e of errors) fieldErrors[e.field] = { text: t(e.key, e.params), visuallyHiddenText: t('errors.fieldPrefix') };
  return { errorList, fieldErrors };
}

/** The nonce helmet gave this response's scripts (Content-Security-Policy), if any. */
export function cspNonceOf(reply: FastifyReply): string | undefined {
  return (reply as FastifyReply & { cspNonce?: { script: string } }).cspNonce?.script;
}

/** What every page needs from the app: its templates, configuration and the link policy of its routes. */
export type PageDeps = { views: nunjucks.Environment; config: Config; links: (actor: Actor, href: string, method?: Method) => boolean };

export function renderPage(
  { views, config, links }: PageDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  view: string,
  data: Record<string, unknown>,
  status = 200,
): FastifyReply {
  const state = requestState(request) ?? { actor: anonymous, language: pageLanguage(request, reply) };
  const t = translator(state.language);
  const actor = state.actor;
  const navigation =
    actor.kind === 'user' && state.session?.state === 'active'
      ? NAVIGATION.filter((item) => can(actor, item.action)).map((item) => ({
          href: item.href,
          text: t(item.key),
          active: item.href === '/' ? request.url.split('?')[0] === '/' : request.url.startsWith(item.href),
        }))
      : [];
  const html = views.render(view, {
    t,
    lang: state.language,
    actor: state.session?.state === 'active' ? actor : undefined,
    organisationName: state.session?.organisationName,
    organisationNameCy: state.session?.organisationNameCy,
    navigation,
    languageLinks: languageLinks(request),
    rememberLanguage: rememberLanguageOffer(request, state),
    csrfToken: state.csrfToken ?? csrfTokenFor(request, reply, state.session),
    cspNonce: cspNonceOf(reply),
    flash: takeFlash(request, reply),
    production: config.production,
    /** Show a link or button only when its page would open for this person (not answer 403). */
    mayOpen: (href: string, method?: Method) => links(actor, href, method),
    ...data,
  });
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}
