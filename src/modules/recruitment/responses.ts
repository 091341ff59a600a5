import { z } from 'zod';
import { rowSchema } from '../../platform/http/responses.ts';
import { considerationProfiles, homeStudyVisits, householdChecks } from './schema.ts';
import { CONSIDERATION_LEVELS } from './vocabulary.ts';

/** What the recruitment API answers (see the OpenAPI document). Households and the timescales overview are still to be described. */
export const enquiryReceived = z.object({ received: z.literal(true) });
export const checkOut = rowSchema(householdChecks);
export const visitOut = rowSchema(homeStudyVisits);
export const profileOut = rowSchema(considerationProfiles).extend({ needs: z.record(z.string(), z.enum(CONSIDERATION_LEVELS)) });
