import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { route, type Call, type RouteDefinition } from '../../server/route.ts';
import type { Action } from '../policy/actions.ts';
import { ConflictError, PreconditionFailedError, type FieldError } from '../http/errors.ts';
import { fields, parse } from '../http/validation.ts';
import { formValues, type Form } from './forms.ts';

/** The address of one record: `/things/:id/...`. */
export const idParams = z.object({ id: fields.uuid() });

/** A posted form as it came: each page parses it itself, field by field, with its own messages. */
export const anyForm = z.record(z.string(), z.unknown());

/** What a form shows when someone else saved the record first: one message about the whole form. */
export const STALE_VERSION: FieldError[] = [{ field: 'version', key: 'errors.conflict.body' }];

/** The version a form was read at (a hidden field). `first` is 0 for a record not yet written (a first formulation). */
export function versionOf(form: Form, first = 1): number {
  const version = z.coerce
    .number({ error: 'errors.version.invalid' })
    .int('errors.version.invalid')
    .min(first, 'errors.version.invalid')
    .max(2147483647, 'errors.version.invalid');
  return parse(z.object({ version }), { version: form.version }).version;
}

/** `readVersion` of a form that adds to a record rather than edits it (nothing to be stale against): the save is given 0. */
export const unversioned = (): number => 0;

/** The form as posted, CSRF token left out: what the person typed, to show again. */
export const typed = (call: Call) => formValues((call.request.body ?? {}) as Form);

type PageCall<P> = Call<P, unknown, Form>;

/**
 * Shows the form. `shown` is what to put in the boxes: undefined means "the record as it is now"
 * (a first showing, or after someone else saved first); otherwise what the person typed.
 */
export type FormView<P> = (call: PageCall<P>, shown: Form | undefined, errors: FieldError[], status: number) => FastifyReply | Promise<FastifyReply>;

export type FormRouteOptions<P extends z.ZodType, L, V, S> = {
  url: string;
  action: Action;
  summary: string;
  /** Defaults to `idParams`. */
  params?: P;
  /** The GET page the form lives on, when not at `url` (RouteDefinition.formPage). */
  formPage?: string;
  /** What the save needs besides the form (the record, its choices), read after the version. */
  load?: (call: PageCall<z.infer<P>>) => Promise<L>;
  /** The form as the service takes it; a mistake throws ValidationError and the form comes back with what was typed. */
  parse: (form: Form, loaded: L, call: PageCall<z.infer<P>>) => V | Promise<V>;
  save: (call: PageCall<z.infer<P>>, value: V, version: number, loaded: L) => Promise<S>;
  view: FormView<z.infer<P>>;
  /** Where to go after saving, and the message (a translation key, with its values) to show there. */
  done: (call: PageCall<z.infer<P>>, result: { loaded: L; value: V; saved: S }) => { to: string; flash: string; flashParams?: Record<string, unknown> };
  /**
   * A refusal the service explains (a stage move the rules do not allow): shown on the form with
   * what was typed, at the box it is about, with the refusal's status.
   */
  refusal?: (error: unknown) => { error: FieldError; status: number } | undefined;
  /** The lowest version the form may carry (0 for a record not yet written). */
  firstVersion?: number;
  /** Reads the version another way (a settings form treats a tampered version as stale, not as a mistake). */
  readVersion?: (form: Form) => number;
  /** The message of a stale version, when the page words it its own way. */
  stale?: FieldError[];
  /**
   * A conflict that is not a stale version (a step already done, a plan closed): by default the
   * form shows the stale-version message over the current record; `onForm` keeps what was typed
   * and shows the conflict's own message.
   */
  otherConflicts?: 'asStale' | 'onForm';
};

/**
 * The one shape of a page that edits a versioned record: read the version the form was shown at,
 * parse, save, then go back with a message. A mistake shows the form again with the error summary
 * and everything typed (400); a stale version shows the record as it is now with "someone else
 * changed this" (409), so nobody overwrites another person's work without seeing it.
 */
export function formRoute<P extends z.ZodType = typeof idParams, L = undefined, V = unknown, S = unknown>(
  options: FormRouteOptions<P, L, V, S>,
): RouteDefinition {
  const { view, firstVersion = 1, otherConflicts = 'asStale', stale = STALE_VERSION } = options;
  return route({
    method: 'POST',
    url: options.url,
    kind: 'page',
    action: options.action,
    summary: options.summary,
    params: (options.params ?? idParams) as P,
    ...(options.formPage === undefined ? {} : { formPage: options.formPage }),
    body: anyForm,
    onInvalid: (call, errors) => view(call as PageCall<z.infer<P>>, typed(call as Call), errors, 400),
    handler: async (call) => {
      const pageCall = call as PageCall<z.infer<P>>;
      const version = options.readVersion ? options.readVersion(pageCall.body) : versionOf(pageCall.body, firstVersion);
      const loaded = (options.load ? await options.load(pageCall) : undefined) as L;
      const value = await options.parse(pageCall.body, loaded, pageCall);
      let saved: S;
      try {
        saved = await options.save(pageCall, value, version, loaded);
      } catch (error) {
        const refused = options.refusal?.(error);
        if (refused) return view(pageCall, typed(call), [refused.error], refused.status);
        if (error instanceof ConflictError && otherConflicts === 'onForm' && error.key !== 'errors.conflict.body') {
          return view(pageCall, typed(call), [{ field: 'body', key: error.key }], 409);
        }
        if (error instanceof ConflictError || error instanceof PreconditionFailedError) return view(pageCall, undefined, stale, 409);
        throw error;
      }
      const { to, flash, flashParams } = options.done(pageCall, { loaded, value, saved });
      return call.redirect(to, call.t(flash, flashParams));
    },
  });
}
