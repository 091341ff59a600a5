import { DomainError } from '../../platform/http/errors.ts';

/**
 * A training action refused because of the state of things (the session is full, the person is
 * already booked, the session has not started): 409 with the reason in the person's language.
 * Not a ConflictError, which means a stale version and becomes 412 on the API.
 */
export class TrainingRefusal extends DomainError {
  constructor(
    key: string,
    params: Record<string, string | number> = {},
    /** The form field the reason belongs to, when a page shows it beside one. */
    readonly field = 'body',
  ) {
    super(409, key, params);
    this.titleKey = 'training:errors.refused.title';
  }
}
