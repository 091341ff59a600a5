import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { inOrderAnswer, pageAnswer, pageQuery } from '../../platform/http/cursor.ts';
import { created, setEtag } from '../../platform/http/versioning.ts';
import {
  actionOut,
  attendeeOut,
  childPreparation,
  consultationDetail,
  consultationOut,
  formulationDetail,
  formulationOut,
  formulationVersion,
  householdSessions,
  meetingDetail,
  meetingOut,
  meetingPage,
  myActionPage,
  myMeetingPage,
  myPreparation,
  sessionOut,
  shared,
} from './responses.ts';
import {
  actionInput,
  attendeeInput,
  consultationInput,
  formulationApiInput,
  meetingApiInput,
  meetingApiPatch,
  preparationSessionInput,
  preparationSessionPatch,
  shareInput,
} from './inputs.ts';

const idParams = z.object({ id: fields.uuid() });

/** The JSON API of therapeutic preparation: the same service calls as the pages. */
export function preparationApiRoutes(services: Services) {
  const preparation = services.preparation;
  return [
    route({
      method: 'GET',
      url: '/api/v1/children/:id/preparation',
      kind: 'api',
      action: 'tac.view',
      summary: 'A child’s therapeutic preparation: meetings, consultations (without notes), formulation version, clinical partners it is shared with',
      params: idParams,
      response: childPreparation,
      handler: async (call) => {
        const found = await preparation.preparationOfChild(call.ctx, call.params.id);
        return {
          childIds: found.unit.map((c) => c.id),
          ahead: found.ahead,
          held: found.held,
          consultations: found.consultations,
          formulation: found.formulation,
          sharedWith: found.sharedWith,
        };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/children/:id/sharing/clinical-partner',
      kind: 'api',
      action: 'tac.edit',
      summary: 'Share a child (with brothers and sisters) with a clinical partner for therapeutic preparation',
      params: idParams,
      body: shareInput,
      response: shared,
      handler: async (call) => preparation.shareWithClinicalPartner(call.ctx, call.params.id, call.body.organisationId),
    }),
    route({
      method: 'GET',
      url: '/api/v1/tac-meetings',
      kind: 'api',
      action: 'tac.view',
      summary: 'Team Around the Child meetings you may see, about one child or all, newest first',
      query: pageQuery.extend({ childId: fields.uuid().optional() }),
      response: meetingPage,
      handler: async (call) =>
        pageAnswer(await preparation.listMeetings(call.ctx, { childId: call.query.childId }, { limit: call.query.limit, after: call.query.cursor })),
    }),
    route({
      method: 'POST',
      url: '/api/v1/tac-meetings',
      kind: 'api',
      action: 'tac.edit',
      summary: 'Record or plan a Team Around the Child meeting for a child or a sibling group',
      body: meetingApiInput,
      successStatus: 201,
      response: meetingOut,
      handler: async (call) => {
        const meeting = await preparation.createMeeting(call.ctx, call.body);
        return created(call.reply, `/api/v1/tac-meetings/${meeting.id}`, meeting);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/tac-meetings/:id',
      kind: 'api',
      action: 'tac.view',
      summary: 'A meeting with its attendees and actions (ETag carries its version)',
      params: idParams,
      response: meetingDetail,
      handler: async (call) => {
        const found = await preparation.getMeeting(call.ctx, call.params.id);
        setEtag(call.reply, found.meeting.version);
        return { ...found.meeting, attendees: found.attendees, actions: found.actions };
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/tac-meetings/:id',
      kind: 'api',
      action: 'tac.edit',
      summary: 'Change a meeting, its minutes and decisions (If-Match required)',
      params: idParams,
      body: meetingApiPatch,
      response: meetingOut,
      versioned: { onlyStale: true },
      handler: async (call, version) => {
        const { version: _sent, ...patch } = call.body;
        const defined = Object.fromEntries(Object.entries(patch).filter(([key]) => key in (call.request.body as object)));
        return preparation.updateMeeting(call.ctx, call.params.id, defined, version);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/tac-meetings/:id/attendees',
      kind: 'api',
      action: 'tac.edit',
      summary: 'Add an attendee: a person of the service (userId) or a named outsider with organisation and role',
      params: idParams,
      body: attendeeInput,
      successStatus: 201,
      response: attendeeOut,
      handler: async (call) => preparation.addAttendee(call.ctx, call.params.id, call.body),
    }),
    route({
      method: 'DELETE',
      url: '/api/v1/tac-meetings/:id/attendees/:attendeeId',
      kind: 'api',
      action: 'tac.edit',
      summary: 'Remove an attendee from a meeting',
      params: z.object({ id: fields.uuid(), attendeeId: fields.uuid() }),
      successStatus: 204,
      handler: async (call) => {
        await preparation.removeAttendee(call.ctx, call.params.id, call.params.attendeeId);
        return call.reply.code(204).send();
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/tac-meetings/:id/actions',
      kind: 'api',
      action: 'tac.edit',
      summary: 'Add an action agreed at the meeting (owner of one of its organisations; due on or after the meeting)',
      params: idParams,
      body: actionInput,
      successStatus: 201,
      response: actionOut,
      handler: async (call) => preparation.addAction(call.ctx, call.params.id, call.body),
    }),
    route({
      method: 'POST',
      url: '/api/v1/tac-actions/:id/done',
      kind: 'api',
      action: 'tacActions.complete',
      summary: 'Mark an action done (If-Match required; an action done already answers 409)',
      params: idParams,
      body: z.object({ version: fields.version().optional() }).optional(),
      response: actionOut,
      versioned: { onlyStale: true },
      handler: async (call, version) => preparation.completeAction(call.ctx, call.params.id, version),
    }),
    route({
      method: 'GET',
      url: '/api/v1/my-actions',
      kind: 'api',
      action: 'tac.view',
      summary: 'Your open Team Around the Child actions, overdue first, a page at a time',
      query: pageQuery,
      response: myActionPage,
      handler: async (call) => inOrderAnswer(await preparation.actionsFor(call.ctx), call.query, (a) => a.id),
    }),
    route({
      method: 'GET',
      url: '/api/v1/my-meetings',
      kind: 'api',
      action: 'tac.view',
      summary: 'Team Around the Child meetings you called or attend, between two instants (default: the next 28 days)',
      query: pageQuery.extend({
        from: z.iso.datetime({ offset: true, error: 'preparation:errors.from.invalid' }).optional(),
        to: z.iso.datetime({ offset: true, error: 'preparation:errors.to.invalid' }).optional(),
      }),
      response: myMeetingPage,
      handler: async (call) => {
        const from = call.query.from ? new Date(call.query.from) : new Date();
        const to = call.query.to ? new Date(call.query.to) : new Date(from.getTime() + 28 * 86_400_000);
        return inOrderAnswer(await preparation.meetingsFor(call.ctx, { from, to }), call.query, (m) => m.id);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/consultations',
      kind: 'api',
      action: 'consultations.edit',
      summary: 'Record a psychologist’s consultation about a child or sibling group',
      body: consultationInput,
      successStatus: 201,
      response: consultationOut,
      handler: async (call) => {
        const consultation = await preparation.createConsultation(call.ctx, call.body);
        return created(call.reply, `/api/v1/consultations/${consultation.id}`, consultation);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/consultations/:id',
      kind: 'api',
      action: 'consultations.view',
      summary: 'A consultation; notes are null unless you are of the clinical team, its author or an allocated worker (notesWithheld says so)',
      params: idParams,
      response: consultationDetail,
      handler: async (call) => {
        const found = await preparation.getConsultation(call.ctx, call.params.id);
        setEtag(call.reply, found.consultation.version);
        return { ...found.consultation, psychologistName: found.psychologistName, notesWithheld: found.notesWithheld };
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/consultations/:id',
      kind: 'api',
      action: 'consultations.edit',
      summary: 'Correct a consultation (its author only; If-Match required)',
      params: idParams,
      body: consultationInput.omit({ childIds: true }).extend({ version: fields.version().optional() }),
      response: consultationOut,
      versioned: { onlyStale: true },
      handler: async (call, version) => {
        const { version: _sent, ...input } = call.body;
        return preparation.updateConsultation(call.ctx, call.params.id, input, version);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/children/:id/formulation',
      kind: 'api',
      action: 'formulations.view',
      summary: 'The current formulation of a child’s needs and its versions (ETag: the current version, "v0" when none)',
      params: idParams,
      response: formulationDetail,
      handler: async (call) => {
        const found = await preparation.getFormulation(call.ctx, call.params.id);
        setEtag(call.reply, found.current?.formulationVersion ?? 0);
        return { current: found.current, versions: found.versions };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/children/:id/formulation/:formulationId',
      kind: 'api',
      action: 'formulations.view',
      summary: 'One version of a child’s formulation',
      params: z.object({ id: fields.uuid(), formulationId: fields.uuid() }),
      response: formulationVersion,
      handler: async (call) => (await preparation.getFormulation(call.ctx, call.params.id, call.params.formulationId)).selected,
    }),
    route({
      method: 'PUT',
      url: '/api/v1/children/:id/formulation',
      kind: 'api',
      action: 'formulations.edit',
      summary: 'Write a new version of the formulation (If-Match: the version it replaces, "v0" for the first)',
      params: idParams,
      body: formulationApiInput,
      successStatus: 201,
      response: formulationOut,
      versioned: { onlyStale: true, etag: (saved: { formulationVersion: number }) => saved.formulationVersion },
      handler: async (call, version) => {
        const { version: _sent, ...input } = call.body;
        return preparation.writeFormulation(call.ctx, call.params.id, input, version);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/households/:id/preparation-sessions',
      kind: 'api',
      action: 'adopterPreparation.view',
      summary: 'A household’s therapeutic preparation sessions, with each applicant’s sessions and minutes attended',
      params: idParams,
      response: householdSessions,
      handler: async (call) => {
        const found = await preparation.householdSessions(call.ctx, call.params.id);
        return { items: found.sessions, totals: found.totals };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/households/:id/preparation-sessions',
      kind: 'api',
      action: 'adopterPreparation.edit',
      summary: 'Record a therapeutic preparation session with a household',
      params: idParams,
      body: preparationSessionInput,
      successStatus: 201,
      response: sessionOut,
      handler: async (call) => {
        const session = await preparation.recordSession(call.ctx, call.params.id, call.body);
        setEtag(call.reply, session.version);
        return session;
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/preparation-sessions/:id',
      kind: 'api',
      action: 'adopterPreparation.view',
      summary: 'A therapeutic preparation session (ETag carries its version)',
      params: idParams,
      response: sessionOut,
      handler: async (call) => {
        const session = await preparation.getSession(call.ctx, call.params.id);
        setEtag(call.reply, session.version);
        return session;
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/preparation-sessions/:id',
      kind: 'api',
      action: 'adopterPreparation.edit',
      summary: 'Correct a therapeutic preparation session (If-Match required)',
      params: idParams,
      body: preparationSessionPatch,
      response: sessionOut,
      versioned: { onlyStale: true },
      handler: async (call, version) => {
        const { version: _sent, ...input } = call.body;
        return preparation.updateSession(call.ctx, call.params.id, input, version);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/my-application/preparation',
      kind: 'api',
      action: 'portal.view',
      summary: 'The adopter’s own preparation: their sessions, and each match’s transition plan and formulation as far as its step allows',
      response: myPreparation,
      handler: async (call) => {
        const application = await services.portal.myApplication(call.ctx);
        if (!application) return { preparation: null };
        return { preparation: await preparation.familyPreparation(call.ctx, application.householdId) };
      },
    }),
  ];
}
