import { longDate } from '../../platform/format/format.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import type { InstrumentDefinition } from './instrument.ts';

/** The reminder a family receives when a questionnaire falls due, in their language. */
export function reminderEmail(definition: InstrumentDefinition, dueOn: string, language: 'en' | 'cy', link: string): { subject: string; body: string } {
  const t = translator(language);
  const name = definition.name[language];
  return {
    subject: t('outcomes:reminder.subject', { name }),
    body: t('outcomes:reminder.body', { name, date: longDate(dueOn, language), link }),
  };
}
