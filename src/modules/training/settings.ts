import { z } from 'zod';
import type { Checked } from '../../platform/settings/versioned-setting.ts';

/** The longest reminder period an agency may choose (the server's TRAINING_REMINDER_DAYS has the same bounds). */
export const MAX_REMINDER_DAYS = 60;

/** The agency's training settings: how many days before a session its booked places are reminded. */
export const trainingSettingsSchema = z.object({
  reminderDays: z
    .number({ error: 'training:errors.settings.reminderDays' })
    .int('training:errors.settings.reminderDays')
    .min(1, 'training:errors.settings.reminderDays')
    .max(MAX_REMINDER_DAYS, 'training:errors.settings.reminderDays'),
});

export type TrainingSettings = z.infer<typeof trainingSettingsSchema>;

/** Checks settings as typed, sent or stored (what is stored may predate today's rules). */
export function validateTrainingSettings(input: unknown): Checked<TrainingSettings> {
  const parsed = trainingSettingsSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || 'reminderDays', key: issue.message })) };
}

/** The form's boxes as the rules take them: a whole number typed is a number, anything else stays as typed (and is refused). */
export function trainingSettingsFromForm(form: Record<string, unknown>): unknown {
  const days = typeof form.reminderDays === 'string' ? form.reminderDays.trim() : form.reminderDays;
  return { reminderDays: typeof days === 'string' && /^\d{1,4}$/.test(days) ? Number(days) : days };
}
