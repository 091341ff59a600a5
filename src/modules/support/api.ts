import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { inOrderAnswer, pageQuery } from '../../platform/http/cursor.ts';
import { created, setEtag } from '../../platform/http/versioning.ts';
import { supportRecordApiRoutes } from './api-records.ts';
import { periodQuery, sessionApiInput, sessionApiPatch, sessionListQuery } from './inputs.ts';
import { isoDate } from './inputs.ts';
import type { SupportSessionView } from './sessions-service.ts';
import { hoursOut, sessionOut, sessionPage, stabilityOut } from './responses.ts';

const idParams = z.object({ id: fields.uuid() });

/** A session as the API gives it: `notes` only when the person may read them (`notesVisible`). */
function sessionJson(s: SupportSessionView) {
  const { organisationId: _o, createdAt: _c, notes, notesVisible, ...rest } = s;
  return { ...rest, notesVisible, ...(notesVisible ? { notes } : {}) };
}

/** Only the fields a client sent: an absent field is left alone, an explicit null clears the notes. */
function sentOnly<T extends Record<string, unknown>>(patch: T, body: unknown): Partial<T> {
  const sent = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(patch).filter(([key, value]) => value !== undefined && Object.hasOwn(sent, key))) as Partial<T>;
}

/** The JSON API of ongoing support: the same service calls as the pages. */
export function supportApiRoutes(services: Services) {
  const support = services.support;
  return [
    route({
      method: 'GET',
      url: '/api/v1/support/sessions',
      kind: 'api',
      action: 'support.view',
      summary:
        'Support sessions of your organisation (and those you lead for it as a clinical partner’s psychologist), filtered by family, worker, status and dates (days in Wales); never the notes',
      query: sessionListQuery.extend(pageQuery.shape),
      response: sessionPage,
      handler: async (call) =>
        inOrderAnswer(
          (await support.listSessions(call.ctx, call.query)).map(({ hasNotes, ...r }) => ({ ...r, hasNotes })),
          call.query,
          (r) => r.id,
        ),
    }),
    route({
      method: 'POST',
      url: '/api/v1/support/sessions',
      kind: 'api',
      action: 'support.edit',
      summary: 'Record a support session (start as an ISO 8601 instant; a session in the future cannot be delivered)',
      body: sessionApiInput,
      successStatus: 201,
      response: sessionOut,
      handler: async (call) => {
        const session = await support.createSession(call.ctx, call.body);
        return created(call.reply, `/api/v1/support/sessions/${session.id}`, sessionJson(session));
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/support/sessions/:id',
      kind: 'api',
      action: 'support.view',
      summary: 'A support session; its notes only for the clinical team and the allocated worker (the read is audited)',
      params: idParams,
      response: sessionOut,
      handler: async (call) => {
        const session = await support.getSession(call.ctx, call.params.id);
        setEtag(call.reply, session.version);
        return sessionJson(session);
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/support/sessions/:id',
      kind: 'api',
      action: 'support.edit',
      summary: 'Change a support session (If-Match required; notes only by those who may read them)',
      params: idParams,
      body: sessionApiPatch,
      versioned: { answer: sessionJson },
      response: sessionOut,
      handler: async (call, version) => {
        const { version: _sent, ...patch } = call.body;
        return support.updateSession(call.ctx, call.params.id, sentOnly(patch, call.request.body), version);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/support/hours',
      kind: 'api',
      action: 'support.view',
      summary: 'Hours of support delivered per family and per worker in a period (days in Wales; minutes exact)',
      query: periodQuery,
      response: hoursOut,
      handler: async (call) => support.hours(call.ctx, call.query),
    }),
    route({
      method: 'GET',
      url: '/api/v1/support/stability',
      kind: 'api',
      action: 'stability.view',
      summary: 'Placement stability: disruptions before the order, placements open at 6, 12 and 24 months ("c" for a suppressed count outside the agency)',
      query: z.object({ asOf: isoDate('asOf').optional() }),
      response: stabilityOut,
      handler: async (call) => support.stabilityReport(call.ctx, { asOf: call.query.asOf }),
    }),
    ...supportRecordApiRoutes(services),
  ];
}
