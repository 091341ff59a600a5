import { z } from 'zod';
import { isoTime, pageOf, rowSchema } from '../../platform/http/responses.ts';
import { courseBookings, courseSessions, courses } from './schema.ts';

/** What the training API answers (see the OpenAPI document). */
export const courseOut = rowSchema(courses);
export const coursePage = pageOf(courseOut.extend({ sessions: z.number().int(), nextSession: isoTime().nullable() }));
export const sessionOut = rowSchema(courseSessions).omit({ organisationId: true, createdAt: true });
export const bookingOut = rowSchema(courseBookings).pick({
  id: true,
  sessionId: true,
  applicantId: true,
  householdId: true,
  status: true,
  attendance: true,
  certificateNumber: true,
  certificateIssuedOn: true,
  version: true,
});
export const courseDetail = courseOut.extend({
  sessions: z.array(sessionOut.extend({ booked: z.number().int(), placesLeft: z.number().int(), facilitatorStaffNames: z.array(z.string()) })),
});
export const sessionDetail = sessionOut.extend({
  booked: z.number().int(),
  placesLeft: z.number().int(),
  bookings: z.array(bookingOut.extend({ name: z.string(), householdReference: z.string() })),
});
