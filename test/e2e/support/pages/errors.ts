import assert from 'node:assert/strict';
import { ServicePage } from './service-page.ts';

/** GOV.UK error pages: the heading says what happened; the HTTP status must agree. */
abstract class ErrorPage extends ServicePage {
  protected readonly path = /./;
  protected abstract readonly status: number;
  protected abstract readonly titleKey: string;
  protected heading() {
    return this.t(this.titleKey);
  }
  protected verifyContent() {
    assert.equal(this.session.lastStatus, this.status, `${this.name} page answered with HTTP ${this.session.lastStatus}`);
    return Promise.resolve();
  }
}

export class NotFoundPage extends ErrorPage {
  readonly name = 'not-found';
  protected readonly status = 404;
  protected readonly titleKey = 'errors.notFound.title';
}

export class ForbiddenPage extends ErrorPage {
  readonly name = 'forbidden';
  protected readonly status = 403;
  protected readonly titleKey = 'errors.forbidden.title';
}
