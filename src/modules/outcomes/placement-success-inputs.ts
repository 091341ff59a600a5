import { z } from 'zod';
import { isIsoDate } from '../../platform/dates/dates.ts';
import { cursorOf } from '../../platform/http/cursor.ts';
import { MEASURES } from './placement-success.ts';

/**
 * The period and local authority of the placement success figures, checked at the edge (page and
 * API alike). An empty field means "not chosen": the last twelve months, every local authority.
 */
const optionalDate = (field: 'from' | 'to') =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || isIsoDate(v), `placement-success:errors.${field}.invalid`);

const optionalUuid = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.uuid({ error: 'placement-success:errors.localAuthorityId.invalid' }).optional());

export const placementSuccessQuery = z.object({ from: optionalDate('from'), to: optionalDate('to'), localAuthorityId: optionalUuid }).superRefine((v, ctx) => {
  if (v.from && v.to && isIsoDate(v.from) && isIsoDate(v.to) && v.from > v.to)
    ctx.addIssue({ code: 'custom', path: ['from'], message: 'placement-success:errors.from.afterTo' });
});
export type PlacementSuccessQuery = { from?: string; to?: string; localAuthorityId?: string };

export const placementSuccessListQuery = z
  .object({
    from: optionalDate('from'),
    to: optionalDate('to'),
    localAuthorityId: optionalUuid,
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** Where the previous page ended (the lists are figures worked out whole, so an offset is stable). */
    cursor: cursorOf(z.object({ offset: z.number().int().min(0) })).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'placement-success:errors.from.afterTo' });
  });

export const measureParams = z.object({ measure: z.enum(MEASURES, { error: 'placement-success:errors.measure.invalid' }) });

/** The list page's query: the same period and authority, and a page number. */
export const placementSuccessListPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
