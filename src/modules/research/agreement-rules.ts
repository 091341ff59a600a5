import type { IsoDate } from '../../platform/dates/dates.ts';
import { ValidationError } from '../../platform/http/errors.ts';

/** Where an agreement stands on a day: extracts only between its start and end dates, both included. */
export type Standing = 'not_started' | 'active' | 'ended';

export function agreementStanding(agreement: { startDate: IsoDate; endDate: IsoDate }, on: IsoDate): Standing {
  if (on < agreement.startDate) return 'not_started';
  if (on > agreement.endDate) return 'ended';
  return 'active';
}

/** The refusal of an extract asking for a field the agreement does not give (naming the first), or null. */
export function refusalOfFields(asked: readonly string[], agreed: readonly string[]): ValidationError | null {
  if (asked.length === 0) return new ValidationError([{ field: 'fields', key: 'research:errors.fields.required' }]);
  const outside = asked.find((f) => !agreed.includes(f));
  return outside ? new ValidationError([{ field: 'fields', key: 'research:errors.extract.fieldOutsideAgreement', params: { field: outside } }]) : null;
}
