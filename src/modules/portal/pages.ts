import { agencyText } from '../../platform/i18n/agency-text.ts';
import { longDate } from '../../platform/format/format.ts';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { SESSION_COOKIE, errorViewModel } from '../../server/page.ts';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { DomainError, type FieldError } from '../../platform/http/errors.ts';
import { fields } from '../../platform/http/validation.ts';
import { householdTrainingView } from '../training/index.ts';
import { myApplicationView } from './view-model.ts';
import { familySupportView } from '../support/index.ts';
import { familyPreparationView } from '../preparation/index.ts';
import { householdSeesWaitingChildren } from '../matching/index.ts';

/** Where links in e-mails point: this service as the person asking reached it. */
export function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

const inviteParams = z.object({ id: fields.uuid(), applicantId: fields.uuid() });
/** A link's token is opaque: anything odd simply finds no invitation (the same page as a stale one). */
const tokenParams = z.object({ token: z.string().max(200) });
/** The platform's password rules (as at set-up): 12 to 200 characters, typed twice. */
const passwordForm = z
  .object({
    password: z.string({ error: 'errors.password.required' }).min(12, 'errors.password.tooShort').max(200, 'errors.password.tooLong'),
    confirmPassword: z.string().optional(),
    username: z.string().optional(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'errors.password.mismatch' });

/** The adopters' own pages: the invitation from the household page, the link, and their application. */
export function portalPageRoutes(services: Services) {
  const portal = services.portal;

  function unusable(call: Call, state: 'used' | 'expired') {
    const used = state === 'used';
    return call.render(
      'portal/views/invitation-unusable.njk',
      {
        pageTitle: call.t(used ? 'portal:unusable.usedTitle' : 'portal:unusable.expiredTitle'),
        message: call.t(used ? 'portal:unusable.used' : 'portal:unusable.expired'),
        used,
      },
      410,
    );
  }

  async function passwordPage(call: Call<{ token: string }>, errors: FieldError[] = []) {
    const link = await portal.invitationLink(call.ctx, call.params.token);
    if (link.state !== 'usable') return unusable(call, link.state);
    return call.render(
      'portal/views/invitation.njk',
      { pageTitle: call.t('portal:invitation.title'), email: link.email, token: call.params.token, ...errorViewModel(errors, call.t) },
      errors.length ? 400 : 200,
    );
  }

  return [
    route({
      method: 'POST',
      url: '/households/:id/applicants/:applicantId/invitation',
      kind: 'page',
      action: 'households.invite',
      summary: 'Invite an applicant to see their application online (e-mail link)',
      params: inviteParams,
      handler: async (call) => {
        try {
          const sent = await portal.invite(call.ctx, call.params.id, call.params.applicantId, { baseUrl: baseUrlOf(call.request) });
          return call.redirect(`/households/${call.params.id}`, call.t('portal:invite.sent', { email: sent.recipient }));
        } catch (error) {
          if (!(error instanceof DomainError) || error.status !== 422) throw error;
          return call.render(
            'portal/views/invite-refused.njk',
            { pageTitle: call.t('portal:invite.refused.title'), message: call.t(error.key), householdId: call.params.id },
            422,
          );
        }
      },
    }),
    route({
      method: 'GET',
      url: '/invitations/:token',
      kind: 'page',
      action: 'invitations.accept',
      beforeSecondFactor: true,
      summary: 'Follow an invitation link: choose a password',
      params: tokenParams,
      handler: async (call) => passwordPage(call),
    }),
    route({
      method: 'POST',
      url: '/invitations/:token',
      kind: 'page',
      action: 'invitations.accept',
      beforeSecondFactor: true,
      summary: 'Set the password through an invitation link and sign in',
      params: tokenParams,
      body: passwordForm,
      onInvalid: (call, errors) => passwordPage(call, errors),
      handler: async (call) => {
        const result = await portal.acceptInvitation(
          call.ctx,
          call.params.token,
          call.body.password,
          call.request.cookies[SESSION_COOKIE],
          call.request.headers['user-agent'],
        );
        if (result.outcome !== 'accepted') return unusable(call, result.outcome);
        call.reply.setCookie(SESSION_COOKIE, result.sessionToken, { path: '/', httpOnly: true, sameSite: 'lax', secure: call.request.protocol === 'https' });
        return call.redirect('/my-application');
      },
    }),
    route({
      method: 'GET',
      url: '/my-application',
      kind: 'page',
      action: 'portal.view',
      summary: 'The adopter’s own application: stage, what is outstanding, training',
      handler: async (call) => {
        const application = await portal.myApplication(call.ctx);
        if (!application) return call.render('portal/views/my-application.njk', { pageTitle: call.t('portal:myApplication.title'), application: null });
        const training = await services.training.householdTraining(call.ctx, application.householdId);
        // What the family has to do now: documents asked of them, and answers they have not read.
        const toSend = (await services.portalDocuments.familyDocuments(call.ctx)).filter((d) => d.status === 'requested' || d.status === 'asked_again');
        const unread = (await services.conversations.familyThreads(call.ctx)).reduce((sum, th) => sum + th.unread, 0);
        const familyTodo = [
          ...toSend.map((d) =>
            d.dueOn
              ? call.t('portal:home.sendBy', { kind: call.t(`portal:documents.kind.${d.kind}`), date: longDate(d.dueOn, call.language) })
              : call.t('portal:home.send', { kind: call.t(`portal:documents.kind.${d.kind}`) }),
          ),
          ...(unread ? [call.t('portal:home.unread', { count: unread })] : []),
        ];
        const preparation = await services.preparation.familyPreparation(call.ctx, application.householdId);
        const supportRequests = familySupportView(await services.support.myRequests(call.ctx), call.t, call.language);
        const links = (await services.matching.linksForAdopter(call.ctx, application.householdId)).map((l) => ({
          stage: call.t(`matches:vocabulary.stage.${l.stage}`),
          since: longDate(l.stageSince, call.language),
          named: l.children.length > 0,
          children: l.children.length ? l.children.map((c) => c.name).join(', ') : call.t('matches:portal.children', { count: l.childCount }),
          // One paragraph per child: each profile is written about one child.
          // One written only in the other language is shown marked with its `lang`, and said to be the only one.
          profiles: l.children.flatMap((c) => agencyText({ en: c.profileEn, cy: c.profileCy }, call.language) ?? []),
          reason: l.closeReason,
        }));
        return call.render('portal/views/my-application.njk', {
          pageTitle: call.t('portal:myApplication.title'),
          application,
          view: myApplicationView(application, call.t, call.language),
          training: householdTrainingView(training, call.t, call.language),
          preparation: familyPreparationView(preparation, call.t, call.language),
          supportRequests,
          links,
          unnamedLinks: links.some((l) => !l.named),
          // Approved families see the children whose profiles their workers show (waiting-children-pages.ts).
          seesWaitingChildren: householdSeesWaitingChildren(application.stage),
          familyTodo,
          idleMinutes: services.sessionIdleMinutes,
          language: call.language,
        });
      },
    }),
  ];
}
