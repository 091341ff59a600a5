import { DomainError } from '../../platform/http/errors.ts';

/**
 * A support action refused because of the state of things (the request is already closed): 409
 * with the reason in the person's language. Not a ConflictError, which means a stale version and
 * becomes 412 on the API.
 */
export class SupportRefusal extends DomainError {
  constructor(
    key: string,
    params: Record<string, string | number> = {},
    /** The form field the reason belongs to, when a page shows it beside one. */
    readonly field = 'body',
  ) {
    super(409, key, params);
    this.titleKey = 'support:errors.refused.title';
  }
}
