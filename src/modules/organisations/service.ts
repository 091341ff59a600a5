import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.ts';
import { ORGANISATION_TYPES } from '../../platform/auth/schema.ts';
import * as authRepo from '../../platform/auth/repository.ts';
import { generatePassword, hashPassword } from '../../platform/auth/secrets.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { fields } from '../../platform/http/validation.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { AccessDeniedError, authorize, listScope } from '../../platform/policy/policy.ts';
import { ROLES } from '../../platform/policy/roles.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import type { PageRequest } from '../../platform/db/keyset.ts';
import { pageWindow } from '../../platform/views/list-page.ts';
import { createPeopleOverview } from './people-service.ts';
import { createAccountLocks } from './account-locks.ts';
import * as repo from './repository.ts';
import { roleNotAllowed } from './roles-by-type.ts';

/** The name in Welsh: optional (an English authority may have none); blank means none. */
const nameCyField = z
  .string()
  .trim()
  .max(200, 'errors.nameCy.tooLong')
  .nullish()
  .transform((v) => (v ? v : null));

export const organisationInput = z.object({
  slug: z
    .string({ error: 'errors.slug.required' })
    .trim()
    .min(2, 'errors.slug.invalid')
    .max(60, 'errors.slug.invalid')
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'errors.slug.invalid'),
  name: fields.name(),
  nameCy: nameCyField,
  type: z.enum(ORGANISATION_TYPES, { error: 'errors.organisationType.invalid' }),
  region: z
    .string()
    .trim()
    .max(100, 'errors.field.tooLong')
    .optional()
    .transform((v) => (v ? v : null)),
});

export const organisationEdit = z.object({
  name: fields.name(),
  nameCy: nameCyField,
  region: z
    .string()
    .trim()
    .max(100, 'errors.field.tooLong')
    .optional()
    .transform((v) => (v ? v : null)),
  version: fields.version(),
});

const rolesField = z
  .preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.enum(ROLES, { error: 'errors.role.invalid' }), { error: 'errors.role.required' }))
  .pipe(z.array(z.enum(ROLES)).min(1, 'errors.role.required'));

export const userInput = z.object({
  email: fields.email(),
  name: fields.name(),
  organisationId: fields.uuid(),
  roles: rolesField,
  preferredLanguage: z.enum(['en', 'cy'], { error: 'errors.language.invalid' }).default('en'),
  password: z.string().min(12, 'errors.password.tooShort').max(200, 'errors.password.tooLong').optional(),
});

export const userEdit = z.object({
  name: fields.name(),
  roles: rolesField,
  preferredLanguage: z.enum(['en', 'cy'], { error: 'errors.language.invalid' }),
  version: fields.version(),
});

export function createOrganisationsService(runner: UseCaseRunner) {
  const { run } = runner;

  async function listOrganisations(ctx: RequestContext, page?: PageRequest) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'organisations.list');
      const found = await repo.listOrganisations(tx, page);
      const counts = await repo.countUsersByOrganisation(tx);
      await recordAudit(tx, ctx, { action: 'organisations.list', resourceType: 'organisation', detail: { rows: found.items.length } });
      return { items: found.items.map((o) => ({ ...o, activeUsers: counts.get(o.id) ?? 0 })), next: found.next };
    });
  }

  /** Organisations a user may be placed in, for the user form (names only). */
  async function organisationChoices(ctx: RequestContext) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'users.create');
      return repo.listOrganisations(tx);
    });
  }

  async function getOrganisation(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      const organisation = await repo.getOrganisation(tx, id);
      if (!organisation) throw new NotFoundError();
      authorize(ctx.actor, 'organisations.edit', { type: 'organisation', id });
      return organisation;
    });
  }

  /** The Welsh name may be left out by callers that have none (the demo, tests, the command line). */
  async function createOrganisation(ctx: RequestContext, input: Omit<z.infer<typeof organisationInput>, 'nameCy'> & { nameCy?: string | null }) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'organisations.create');
      if (await repo.getOrganisationBySlug(tx, input.slug)) throw new ValidationError([{ field: 'slug', key: 'errors.slug.taken' }]);
      const organisation = await repo.insertOrganisation(tx, { ...input, nameCy: input.nameCy ?? null });
      await recordAudit(tx, ctx, { action: 'organisations.create', resourceType: 'organisation', resourceId: organisation.id });
      return organisation;
    });
  }

  async function updateOrganisation(ctx: RequestContext, id: string, input: z.infer<typeof organisationEdit>) {
    return run(ctx, async (tx) => {
      const existing = await repo.getOrganisation(tx, id);
      if (!existing) throw new NotFoundError();
      authorize(ctx.actor, 'organisations.edit', { type: 'organisation', id });
      const updated = await repo.updateOrganisation(tx, id, input.version, { name: input.name, nameCy: input.nameCy, region: input.region });
      if (!updated) throw new ConflictError('errors.conflict.body', existing.version);
      await recordAudit(tx, ctx, { action: 'organisations.edit', resourceType: 'organisation', resourceId: id });
      return updated;
    });
  }

  async function listUsers(
    ctx: RequestContext,
    filter: { organisationId?: string; after?: { name: string; id: string }; limit: number; includeDisabled?: boolean },
  ) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'users.list');
      const scope = listScope(ctx.actor, 'users.list');
      const organisationId = scope.kind === 'organisation' ? scope.organisationId : filter.organisationId;
      const rows = await repo.listUsers(tx, { organisationId, after: filter.after, limit: filter.limit + 1, includeDisabled: filter.includeDisabled ?? true });
      await recordAudit(tx, ctx, {
        action: 'users.list',
        resourceType: 'user',
        detail: { organisation: organisationId ?? null, rows: Math.min(rows.length, filter.limit) },
      });
      const items = rows.slice(0, filter.limit);
      const last = items[items.length - 1];
      return { items, next: rows.length > filter.limit && last ? { name: last.name, id: last.id } : undefined };
    });
  }

  /**
   * One numbered page of the people page, sorted by a heading, with how many match; an administrator
   * of one organisation sees only its people (scope and row-level security), whatever the filter.
   */
  async function pageUsers(
    ctx: RequestContext,
    filter: repo.UserPageFilter,
    list: { page: number; limit: number; sort: repo.UserListSort; dir: 'asc' | 'desc' },
  ) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'users.list');
      const scope = listScope(ctx.actor, 'users.list');
      const organisationId = scope.kind === 'organisation' ? scope.organisationId : filter.organisationId;
      const found = await repo.pageUsers(tx, { ...filter, organisationId }, { sort: list.sort, dir: list.dir, ...pageWindow(list) });
      // The organisation filter is shown by name, as a tag.
      const organisation = filter.organisationId ? await repo.getOrganisation(tx, filter.organisationId) : undefined;
      await recordAudit(tx, ctx, {
        action: 'users.list',
        resourceType: 'user',
        detail: { organisation: organisationId ?? null, rows: found.rows.length, page: list.page },
      });
      return { items: found.rows, total: found.total, organisationName: organisation?.name };
    });
  }

  async function getUser(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      const user = await repo.getUser(tx, id);
      // Row-level security hides another organisation's people: the asker gets "not found" (404),
      // and the attempt to open the record is audited as refused, like any other out-of-scope read.
      const hidden = { type: 'user', id };
      if (!user) throw new AccessDeniedError('users.view', hidden, 'scope');
      // Everyone may see their own account (the account page, GET /api/v1/me); others' need users.view.
      const action = ctx.actor.kind === 'user' && ctx.actor.userId === id ? 'account.view' : 'users.view';
      authorize(ctx.actor, action, { type: 'user', id, organisationId: user.organisationId });
      await recordAudit(tx, ctx, { action, resourceType: 'user', resourceId: id });
      return user;
    });
  }

  /** Creates an account; with no password given, one is generated and returned once. */
  async function createUser(ctx: RequestContext, input: z.infer<typeof userInput>, options: { totpSecret?: string } = {}) {
    const password = input.password ?? generatePassword();
    const passwordHash = await hashPassword(password);
    return run(ctx, async (tx) => {
      const organisation = await repo.getOrganisation(tx, input.organisationId);
      if (!organisation) throw new ValidationError([{ field: 'organisationId', key: 'errors.organisation.unknown' }]);
      authorize(ctx.actor, 'users.create', { type: 'user', organisationId: organisation.id });
      const wrongRole = roleNotAllowed(organisation.type, input.roles);
      if (wrongRole) throw new ValidationError([{ field: 'roles', key: 'errors.role.notForOrganisation', params: { role: wrongRole } }]);
      if (await repo.emailTaken(tx, input.email)) throw new ValidationError([{ field: 'email', key: 'errors.email.taken' }]);
      const id = await repo.insertUser(tx, {
        organisationId: organisation.id,
        email: input.email,
        name: input.name,
        roles: input.roles,
        preferredLanguage: input.preferredLanguage,
        passwordHash,
        // Only the demo and tests pre-enrol a second factor; people enrol at first sign-in.
        totpSecret: options.totpSecret ?? null,
        totpEnabledAt: options.totpSecret ? new Date() : null,
      });
      await recordAudit(tx, ctx, { action: 'users.create', resourceType: 'user', resourceId: id });
      return { id, generatedPassword: input.password ? undefined : password };
    });
  }

  async function updateUser(ctx: RequestContext, id: string, input: z.infer<typeof userEdit>) {
    return run(ctx, async (tx) => {
      const user = await repo.getUser(tx, id);
      if (!user) throw new NotFoundError();
      authorize(ctx.actor, 'users.edit', { type: 'user', id, organisationId: user.organisationId });
      const organisation = await repo.getOrganisation(tx, user.organisationId);
      const wrongRole = roleNotAllowed(organisation!.type, input.roles);
      if (wrongRole) throw new ValidationError([{ field: 'roles', key: 'errors.role.notForOrganisation', params: { role: wrongRole } }]);
      if (!(await repo.updateUser(tx, id, input.version, { name: input.name, roles: input.roles, preferredLanguage: input.preferredLanguage }))) {
        throw new ConflictError('errors.conflict.body', user.version);
      }
      // A change of roles takes effect at once: the person signs in again under the new ones.
      if (input.roles.join() !== user.roles.join()) await authRepo.deleteSessionsOfUser(tx, id);
      await recordAudit(tx, ctx, { action: 'users.edit', resourceType: 'user', resourceId: id });
      return repo.getUser(tx, id);
    });
  }

  /** Disabling ends the person's sessions and revokes their tokens: it takes effect on their next request. */
  async function setDisabled(ctx: RequestContext, id: string, disabled: boolean) {
    return run(ctx, async (tx) => {
      const user = await repo.getUser(tx, id);
      if (!user) throw new NotFoundError();
      authorize(ctx.actor, 'users.disable', { type: 'user', id, organisationId: user.organisationId });
      if (disabled && ctx.actor.kind === 'user' && ctx.actor.userId === id) {
        throw new ValidationError([{ field: 'user', key: 'errors.user.cannotDisableSelf' }]);
      }
      await repo.setUserDisabled(tx, id, disabled);
      if (disabled) {
        await authRepo.deleteSessionsOfUser(tx, id);
        await authRepo.revokeAccessTokensOfUser(tx, id);
      }
      await recordAudit(tx, ctx, { action: disabled ? 'users.disable' : 'users.enable', resourceType: 'user', resourceId: id });
    });
  }

  /** Ends every session of the person (their tokens stay): they sign in again on their next request. */
  async function endAllSessions(ctx: RequestContext, id: string): Promise<number> {
    return run(ctx, async (tx) => {
      const user = await repo.getUser(tx, id);
      if (!user) throw new NotFoundError();
      authorize(ctx.actor, 'users.sessions.end', { type: 'user', id, organisationId: user.organisationId });
      const count = await authRepo.deleteSessionsOfUser(tx, id);
      await recordAudit(tx, ctx, { action: 'users.sessions.end', resourceType: 'user', resourceId: id, detail: { count } });
      return count;
    });
  }

  async function findUserIdByEmail(ctx: RequestContext, email: string) {
    return run(ctx, async (tx) => {
      const id = await repo.findUserIdByEmail(tx, email);
      if (!id) throw new NotFoundError();
      return id;
    });
  }

  /** The actor a CLI command acts as (e.g. an import made on a referrer's behalf), from their e-mail. */
  async function actorForEmail(ctx: RequestContext, email: string) {
    return run(ctx, async (tx) => {
      const id = await repo.findUserIdByEmail(tx, email);
      const user = id ? await authRepo.getUserById(tx, id) : undefined;
      const organisation = user ? await authRepo.getOrganisationById(tx, user.organisationId) : undefined;
      if (!user || !organisation || user.disabledAt) throw new NotFoundError();
      return authRepo.toActor(user, organisation);
    });
  }

  async function getOrganisationBySlug(ctx: RequestContext, slug: string) {
    return run(ctx, async (tx) => repo.getOrganisationBySlug(tx, slug));
  }

  /** True until the first account exists: the one-time set-up page is open only then. Asked before anyone can sign in, so by the platform. */
  async function needsFirstAdministrator(ctx: RequestContext): Promise<boolean> {
    return runner.runAsSystemJob('firstAdministrator', ctx, async (tx) => (await repo.countAllUsers(tx)) === 0);
  }

  /**
   * The first administrator of a new installation, with the agency they belong to.
   * Refused once any account exists, so the set-up page cannot be replayed. Done by the platform
   * (nobody can be signed in yet), audited as its job.
   */
  async function createFirstAdministrator(ctx: RequestContext, input: { organisationName: string; name: string; email: string; password: string }) {
    const passwordHash = await hashPassword(input.password);
    return runner.runAsSystemJob('firstAdministrator', ctx, async (tx, system) => {
      await tx.execute(sqlLock);
      if ((await repo.countAllUsers(tx)) > 0) throw new ConflictError('errors.setup.done');
      const slug =
        input.organisationName
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'agency';
      const organisation =
        (await repo.getOrganisationBySlug(tx, slug)) ??
        (await repo.insertOrganisation(tx, { slug, name: input.organisationName, nameCy: null, type: 'agency', region: null }));
      const id = await repo.insertUser(tx, {
        organisationId: organisation.id,
        email: input.email,
        name: input.name,
        roles: ['administrator'],
        preferredLanguage: ctx.language,
        passwordHash,
      });
      await recordAudit(tx, system, { action: 'setup.first-administrator', resourceType: 'user', resourceId: id });
      return id;
    });
  }

  return {
    listOrganisations,
    organisationChoices,
    getOrganisation,
    getOrganisationBySlug,
    createOrganisation,
    updateOrganisation,
    listUsers,
    pageUsers,
    getUser,
    createUser,
    updateUser,
    setDisabled,
    endAllSessions,
    findUserIdByEmail,
    actorForEmail,
    needsFirstAdministrator,
    createFirstAdministrator,
    ...createPeopleOverview(runner),
    ...createAccountLocks(runner),
  };
}

const sqlLock = sql`select pg_advisory_xact_lock(hashtext('together:setup'))`;

export type OrganisationsService = ReturnType<typeof createOrganisationsService>;
