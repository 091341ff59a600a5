import { z } from 'zod';
import { INTEREST_MESSAGE_MAX, INTEREST_REASON_MAX, type InterestStatus } from './vocabulary.ts';

/**
 * Expressions of interest (Link Maker's practice, without its complaints): a family sees the
 * profiles the children's workers chose to show before any link is made, and every interest gets
 * an answer, with its reason when it is not taken forward. Pure rules.
 */

/**
 * Households whose families see the children waiting and may express interest: approved, and
 * approved families already exploring a link (a link moves the household to `linked`, and the
 * family keeps seeing the answer it had). Families in assessment, matched or placed do not.
 */
export const HOUSEHOLD_STAGES_SEEING_WAITING_CHILDREN = ['approved', 'linked'] as const;
export const householdSeesWaitingChildren = (stage: string): boolean => (HOUSEHOLD_STAGES_SEEING_WAITING_CHILDREN as readonly string[]).includes(stage);

/** Only an interest still waiting is answered or withdrawn: an answer given stands. */
export const mayAnswer = (status: InterestStatus): boolean => status === 'waiting';
export const mayWithdraw = (status: InterestStatus): boolean => status === 'waiting';

/** Interests still open: one per family and children at a time. */
export const isOpen = (status: InterestStatus): boolean => status === 'waiting' || status === 'exploring';

/** The family's optional message (blank is none). Messages are translation keys, shown in the reader's language. */
export const interestMessageInput = z.object({
  message: z
    .string({ error: 'portal:errors.interest.messageInvalid' })
    .trim()
    .max(INTEREST_MESSAGE_MAX, { error: 'portal:errors.interest.messageTooLong' })
    .optional()
    .transform((v) => (v ? v : null)),
});

/** "Not taken forward" always says why: the family reads the reason as written. */
export const interestReasonInput = z.object({
  reason: z
    .string({ error: 'matches:errors.interest.reasonRequired' })
    .trim()
    .min(1, { error: 'matches:errors.interest.reasonRequired' })
    .max(INTEREST_REASON_MAX, { error: 'matches:errors.interest.reasonTooLong' }),
});
