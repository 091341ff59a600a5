import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { pageAnswer, pageQuery } from '../../platform/http/cursor.ts';
import { created, setEtag } from '../../platform/http/versioning.ts';
import { bookingInput, bookingPatch, courseInput, coursePatch, sessionApiInput, sessionApiPatch } from './inputs.ts';
import type { BookingRow, SessionRow } from './repository.ts';
import { bookingOut, courseDetail, courseOut, coursePage, sessionDetail, sessionOut } from './responses.ts';

const idParams = z.object({ id: fields.uuid() });

function bookingJson(b: BookingRow) {
  return {
    id: b.id,
    sessionId: b.sessionId,
    applicantId: b.applicantId,
    householdId: b.householdId,
    status: b.status,
    attendance: b.attendance,
    certificateNumber: b.certificateNumber,
    certificateIssuedOn: b.certificateIssuedOn,
    version: b.version,
  };
}

function sessionJson(s: SessionRow) {
  const { organisationId: _organisationId, createdAt: _createdAt, ...rest } = s;
  return rest;
}

/**
 * The JSON API of preparation training: the same service calls as the pages. A refused booking
 * (session full, person already booked) answers 409 with the reason in the Accept-Language.
 */
export function trainingApiRoutes(services: Services) {
  const training = services.training;
  return [
    route({
      method: 'GET',
      url: '/api/v1/courses',
      kind: 'api',
      action: 'courses.view',
      summary: 'Training courses of your organisation',
      query: pageQuery,
      response: coursePage,
      handler: async (call) => pageAnswer(await training.pageCourses(call.ctx, { limit: call.query.limit, after: call.query.cursor })),
    }),
    route({
      method: 'POST',
      url: '/api/v1/courses',
      kind: 'api',
      action: 'courses.edit',
      summary: 'Add a course (titles in English and Welsh)',
      body: courseInput,
      successStatus: 201,
      response: courseOut,
      handler: async (call) => {
        const course = await training.createCourse(call.ctx, call.body);
        return created(call.reply, `/api/v1/courses/${course.id}`, course);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/courses/:id',
      kind: 'api',
      action: 'courses.view',
      summary: 'A course with its sessions and places left (ETag carries its version)',
      params: idParams,
      response: courseDetail,
      handler: async (call) => {
        const { course, sessions } = await training.getCourse(call.ctx, call.params.id);
        setEtag(call.reply, course.version);
        return {
          ...course,
          sessions: sessions.map(({ organisationId: _o, createdAt: _c, facilitators, ...s }) => ({ ...s, facilitatorStaffNames: facilitators })),
        };
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/courses/:id',
      kind: 'api',
      action: 'courses.edit',
      summary: 'Change a course (If-Match required)',
      params: idParams,
      body: coursePatch,
      response: courseOut,
      versioned: {},
      handler: async (call, version) => {
        const { version: _sent, ...patch } = call.body;
        const defined = Object.fromEntries(
          Object.entries(patch).filter(([key, v]) => v !== undefined && (v !== null || key in ((call.request.body as object) ?? {}))),
        );
        return training.updateCourse(call.ctx, call.params.id, defined, version);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/courses/:id/sessions',
      kind: 'api',
      action: 'courses.edit',
      summary: 'Add a session of a course (start and end as ISO 8601 instants; facilitators from your staff)',
      params: idParams,
      body: sessionApiInput,
      successStatus: 201,
      response: sessionOut,
      handler: async (call) => {
        const session = await training.createSession(call.ctx, call.params.id, call.body);
        return created(call.reply, `/api/v1/sessions/${session.id}`, sessionJson(session));
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/sessions/:id',
      kind: 'api',
      action: 'courses.view',
      summary: 'A session with its bookings and places left',
      params: idParams,
      response: sessionDetail,
      handler: async (call) => {
        const found = await training.getSession(call.ctx, call.params.id);
        setEtag(call.reply, found.session.version);
        return {
          ...sessionJson(found.session),
          booked: found.booked,
          placesLeft: found.placesLeft,
          bookings: found.bookings.map((b) => ({ ...bookingJson(b), name: b.name, householdReference: b.householdReference })),
        };
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/sessions/:id',
      kind: 'api',
      action: 'courses.edit',
      summary: 'Change a session (If-Match required; capacity never below the places booked)',
      params: idParams,
      body: sessionApiPatch,
      response: sessionOut,
      versioned: { answer: sessionJson },
      handler: async (call, version) => {
        const { version: _sent, ...patch } = call.body;
        const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        return training.updateSession(call.ctx, call.params.id, defined, version);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/sessions/:id/bookings',
      kind: 'api',
      action: 'bookings.edit',
      summary: 'Book an applicant onto a session (409 with the reason when full or already booked)',
      params: idParams,
      body: bookingInput,
      successStatus: 201,
      response: bookingOut,
      handler: async (call) => {
        const booking = await training.bookApplicant(call.ctx, call.params.id, call.body.applicantId);
        return created(call.reply, `/api/v1/bookings/${booking.id}`, bookingJson(booking));
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/bookings/:id',
      kind: 'api',
      action: 'bookings.edit',
      summary: 'Record attendance, or cancel the place (If-Match required)',
      params: idParams,
      body: bookingPatch,
      response: bookingOut,
      versioned: { answer: bookingJson },
      handler: async (call, version) => {
        const { attendance } = call.body;
        return attendance
          ? training.recordAttendance(call.ctx, call.params.id, attendance, version)
          : training.cancelBooking(call.ctx, call.params.id, version);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/bookings/:id/certificate',
      kind: 'api',
      action: 'bookings.edit',
      summary: 'Issue the certificate of completion of a person who attended (201; 200 when already issued)',
      params: idParams,
      response: bookingOut,
      handler: async (call) => {
        const { booking, issued } = await training.issueCertificate(call.ctx, call.params.id);
        call.reply.code(issued ? 201 : 200);
        setEtag(call.reply, booking.version);
        return call.reply.send(bookingJson(booking));
      },
    }),
  ];
}
