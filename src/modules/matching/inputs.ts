import { z } from 'zod';
import { fields } from '../../platform/http/validation.ts';
import { isIsoDate } from '../../platform/dates/dates.ts';
import { DECLINED_BY, MATCH_STAGES } from './vocabulary.ts';

const text = (max = 2000) =>
  z
    .string()
    .trim()
    .max(max, 'errors.field.tooLong')
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

export const linkInput = z.object({
  householdId: fields.uuid(),
  childId: fields.uuid(),
  source: z.enum(['recommendation', 'manual']).default('manual'),
});

export const stepInput = z.object({
  to: z.enum(MATCH_STAGES, { error: 'matches:errors.to' }),
  date: z.string({ error: 'matches:errors.date.required' }).trim().min(1, 'matches:errors.date.required').refine(isIsoDate, 'matches:errors.date.invalid'),
  reason: text(2000),
  declinedBy: z
    .enum(DECLINED_BY, { error: 'matches:errors.declinedBy' })
    .optional()
    .nullable()
    .transform((v) => v ?? null),
  panelRecommendation: z
    .enum(['match', 'do_not_match'], { error: 'matches:errors.recommendation' })
    .optional()
    .nullable()
    .transform((v) => v ?? null),
  decision: z
    .enum(['match', 'do_not_match'], { error: 'matches:errors.decision' })
    .optional()
    .nullable()
    .transform((v) => v ?? null),
  decisionMaker: text(200),
  version: fields.version().optional(),
});
export type StepInput = z.infer<typeof stepInput>;

export const matchListQuery = z.object({
  householdId: fields.uuid().optional(),
  childId: fields.uuid().optional(),
  open: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v !== 'false'),
});
