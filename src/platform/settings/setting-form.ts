import { text } from '../forms/forms.ts';
import type { FieldError } from '../http/errors.ts';
import { NotFoundError } from '../http/errors.ts';
import type { Action } from '../policy/actions.ts';
import type { RequestContext } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';

/**
 * What every page of an agency's versioned setting shares (the children's, the training and the
 * retention settings): the version the form was read at, the agency whose setting it is, and the
 * reason a change must give. One copy here instead of one per module.
 */

/** The version a form was read at: 0 before the agency ever saved, -1 (never current) when tampered with. */
export function settingFormVersion(form: Record<string, unknown>): number {
  const n = Number(text(form, 'version'));
  return Number.isInteger(n) && n >= 0 ? n : -1;
}

/** The agency whose setting this is: the person's own, when they may change it; anyone else finds nothing here (404). */
export function settingAgencyOf(ctx: RequestContext, action: Action): { organisationId: string; userId: string } {
  authorize(ctx.actor, action);
  if (ctx.actor.kind !== 'user' || ctx.actor.organisationType !== 'agency') throw new NotFoundError();
  return { organisationId: ctx.actor.organisationId, userId: ctx.actor.userId };
}

/**
 * The reason a change gives, trimmed, with the errors of a missing or over-long one under the
 * module's own keys (`<namespace>:errors.settings.reasonRequired` / `reasonTooLong`).
 */
export function changeReasonOf(changeReason: string | null | undefined, namespace: string): { reason: string; errors: FieldError[] } {
  const reason = changeReason?.trim() ?? '';
  if (!reason) return { reason, errors: [{ field: 'changeReason', key: `${namespace}:errors.settings.reasonRequired` }] };
  if (reason.length > 1000) return { reason, errors: [{ field: 'changeReason', key: `${namespace}:errors.settings.reasonTooLong` }] };
  return { reason, errors: [] };
}
