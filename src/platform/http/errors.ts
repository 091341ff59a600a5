/**
 * Typed domain errors. Services throw them; one error handler turns them into a GOV.UK error
 * page or application/problem+json. Messages are translation keys, never English text.
 */
export type FieldError = { field: string; key: string; params?: Record<string, string | number> };

export class DomainError extends Error {
  /** A page or problem title of its own, when the status's usual title would mislead. */
  titleKey?: string;
  constructor(
    readonly status: number,
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

export class ValidationError extends DomainError {
  /** 400 for input that is malformed; 422 for well-formed input the rules refuse (a score out of its scale's range). */
  constructor(
    readonly fieldErrors: FieldError[],
    status: 400 | 422 = 400,
  ) {
    super(status, 'errors.validation.summary');
  }
}

/** Unknown record, or one outside the actor's scope: existence is not revealed. */
export class NotFoundError extends DomainError {
  constructor() {
    super(404, 'errors.notFound.body');
  }
}

export class ForbiddenError extends DomainError {
  constructor() {
    super(403, 'errors.forbidden.body');
  }
}

export class UnauthenticatedError extends DomainError {
  constructor() {
    super(401, 'errors.unauthenticated.body');
  }
}

/** A stale edit: someone else changed the record since it was read. */
export class ConflictError extends DomainError {
  constructor(
    key = 'errors.conflict.body',
    readonly currentVersion?: number,
  ) {
    super(409, key);
  }
}

export class PreconditionFailedError extends DomainError {
  constructor(readonly currentVersion?: number) {
    super(412, 'errors.preconditionFailed.body');
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(key = 'errors.tooManyRequests.body') {
    super(429, key);
  }
}
