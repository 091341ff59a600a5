import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { baseUrlOf } from './pages.ts';
import { invitationOut, myApplicationOut } from './responses.ts';

/** The portal's JSON API: a worker's invitation, and the adopter's own application. */
export function portalApiRoutes(services: Services) {
  const portal = services.portal;
  return [
    route({
      method: 'POST',
      url: '/api/v1/households/:id/applicants/:applicantId/invitation',
      kind: 'api',
      action: 'households.invite',
      summary: 'Invite an applicant to the portal: an e-mail link (7 days) in their language; a new one replaces the last',
      params: z.object({ id: fields.uuid(), applicantId: fields.uuid() }),
      successStatus: 201,
      response: invitationOut,
      handler: async (call) => {
        const sent = await portal.invite(call.ctx, call.params.id, call.params.applicantId, { baseUrl: baseUrlOf(call.request) });
        return {
          invitationId: sent.invitationId,
          householdId: sent.householdId,
          applicantId: sent.applicantId,
          userId: sent.userId,
          language: sent.language,
          expiresAt: sent.expiresAt.toISOString(),
        };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/my-application',
      kind: 'api',
      action: 'portal.view',
      summary: 'The adopter’s own application (null when they have none): stage, due date, what is outstanding, training',
      response: myApplicationOut,
      handler: async (call) => {
        const application = await portal.myApplication(call.ctx);
        if (!application) return { application: null };
        const training = await services.training.householdTraining(call.ctx, application.householdId);
        return { application: { ...application, training: training.applicants } };
      },
    }),
  ];
}
