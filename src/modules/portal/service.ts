import { recordAudit } from '../../platform/audit/audit.ts';
import * as authRepo from '../../platform/auth/repository.ts';
import { hashPassword, randomToken, sha256 } from '../../platform/auth/secrets.ts';
import { describeDevice, deviceColumn } from '../../platform/auth/device.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { DomainError, NotFoundError } from '../../platform/http/errors.ts';
import { type RequestContext } from '../../platform/policy/actor.ts';
import { authorize, type Resource } from '../../platform/policy/policy.ts';
import { needsSecondFactor } from '../../platform/policy/roles.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import { notify } from '../notifications/index.ts';
import { missingChecks } from '../recruitment/index.ts';
import { dueFor, type Due } from '../recruitment/index.ts';
import type { Stage } from '../recruitment/index.ts';
import { accessState, invitationExpiry, linkState, outstandingForFamily, type OutstandingItem, type PortalAccess } from './access.ts';
import * as repo from './repository.ts';

export type InvitationSent = {
  invitationId: string;
  householdId: string;
  applicantId: string;
  userId: string;
  recipient: string;
  language: 'en' | 'cy';
  expiresAt: Date;
};

/** What a link leads to: a password form for a live one, a plain refusal otherwise (nothing about the household). */
export type InvitationLink = { state: 'usable'; email: string; language: 'en' | 'cy' } | { state: 'used' | 'expired' };

export type AcceptOutcome = { outcome: 'accepted'; sessionToken: string } | { outcome: 'used' | 'expired' };

/**
 * The family's own view of their application: no check outcomes, no referees, no notes. Their
 * training record comes from the training module (services.training.householdTraining).
 */
export type MyApplication = {
  householdId: string;
  reference: string;
  stage: Stage;
  stageSince: IsoDate;
  due: Pick<Due, 'clock' | 'due' | 'daysLeft' | 'level'> | null;
  applicants: { id: string; givenNames: string }[];
  socialWorkerName: string | null;
  /** Stage 1 checks not yet concluded (only while in Stage 1). */
  outstanding: OutstandingItem[];
};

const householdResource = (household: repo.HouseholdRow): Resource & { id: string } => ({
  type: 'household',
  id: household.id,
  organisationId: household.organisationId,
  allocatedUserIds: household.socialWorkerId ? [household.socialWorkerId] : [],
});

/** The database refused a second account with the address (one the actor cannot see, or a race). */
function isAddressTaken(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; constraint?: string } }).cause ?? (error as { code?: string; constraint?: string });
  return cause?.code === '23505' && (cause.constraint === 'users_email_key' || cause.constraint === 'applicants_user_idx');
}

const refuse = (key: string) => new DomainError(422, key);

/** The adoptive family's portal and the invitations that open it. */
export function createPortalService(runner: UseCaseRunner, clock: () => Date = () => new Date()) {
  const { run } = runner;

  /** The account an applicant signs in with: theirs already, one of the agency's adopters with their address, or a new one. */
  async function adopterAccountFor(
    tx: Tx,
    household: repo.HouseholdRow,
    applicant: repo.ApplicantRow,
    email: string,
  ): Promise<{ userId: string; created: boolean; language: 'en' | 'cy' }> {
    // A person who chose their language on their account keeps it; until then the application's holds.
    const languageOf = (user: repo.UserRow) => (user.languageChosenAt ? user.preferredLanguage : applicant.preferredLanguage);
    if (applicant.userId) {
      const linked = await repo.getUser(tx, applicant.userId);
      if (!linked || !isAdopterOnly(linked)) throw refuse('portal:errors.invite.emailInUse');
      const language = languageOf(linked);
      if (linked.email.toLowerCase() !== email.toLowerCase() || linked.preferredLanguage !== language) {
        const holder = await repo.findUserByEmail(tx, email);
        if (holder && holder.id !== linked.id) throw refuse(isAdopterOnly(holder) ? 'portal:errors.invite.emailLinked' : 'portal:errors.invite.emailInUse');
        await repo.updateAdopterContact(tx, linked.id, linked.languageChosenAt ? { email } : { email, preferredLanguage: language });
      }
      return { userId: linked.id, created: false, language };
    }
    const existing = await repo.findUserByEmail(tx, email);
    if (existing) {
      if (!isAdopterOnly(existing) || existing.organisationId !== household.organisationId) throw refuse('portal:errors.invite.emailInUse');
      if (await repo.applicantOfUser(tx, existing.id)) throw refuse('portal:errors.invite.emailLinked');
      return { userId: existing.id, created: false, language: languageOf(existing) };
    }
    // Nobody can sign in with this account until the invitation sets a password: its hash is of a secret no one keeps.
    const passwordHash = await hashPassword(randomToken(32));
    const userId = await repo.insertAdopterUser(tx, {
      organisationId: household.organisationId,
      email,
      name: `${applicant.givenNames} ${applicant.familyName}`,
      preferredLanguage: applicant.preferredLanguage,
      passwordHash,
    });
    return { userId, created: true, language: applicant.preferredLanguage };
  }

  /**
   * Invites an applicant to the portal: their adopter account (created with an unusable password,
   * or reused), its link to the applicant and the household, a new link replacing any earlier one,
   * and the e-mail in their language, all in one transaction. `baseUrl` is where the link points.
   */
  async function invite(ctx: RequestContext, householdId: string, applicantId: string, options: { baseUrl: string }): Promise<InvitationSent> {
    try {
      return await run(ctx, async (tx) => {
        const household = await repo.getHousehold(tx, householdId);
        if (!household) throw new NotFoundError();
        authorize(ctx.actor, 'households.invite', householdResource(household));
        const applicant = await repo.getApplicantOfHousehold(tx, household.id, applicantId);
        if (!applicant) throw new NotFoundError();
        const email = applicant.email?.trim();
        if (!email) throw refuse('portal:errors.invite.noEmail');

        const now = clock();
        const account = await adopterAccountFor(tx, household, applicant, email);
        await repo.linkAdopter(tx, household.id, applicant.id, account.userId);
        const replaced = await repo.revokeOpenInvitations(tx, account.userId, now);
        const token = randomToken(32);
        const expiresAt = invitationExpiry(now);
        const invitationId = await repo.insertInvitation(tx, {
          userId: account.userId,
          tokenHash: sha256(token),
          expiresAt,
          invitedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        });
        const agency = await repo.organisationName(tx, household.organisationId);
        // Sent whatever the person chose: an invitation is what they are waiting for to sign in (notifications' ALWAYS_SENT).
        await notify(tx, {
          event: 'invitation',
          organisationId: household.organisationId,
          recipient: { email, language: account.language, userId: account.userId },
          data: {
            name: applicant.givenNames,
            // Both names: each language's part of the e-mail names the agency in its own language.
            agency: agency?.name ?? '',
            agencyCy: agency?.nameCy ?? undefined,
            // The language in the link: the page opens in it before anyone is signed in (the person's own, if they chose one).
            link: `${options.baseUrl.replace(/\/+$/, '')}/invitations/${token}?lang=${account.language}`,
            date: dateInWales(expiresAt),
          },
          references: { household: household.id, applicant: applicant.id, invitation: invitationId },
        });
        await recordAudit(tx, ctx, {
          action: 'households.invite',
          resourceType: 'household',
          resourceId: household.id,
          detail: { applicant: applicant.id, invitation: invitationId, accountCreated: account.created, linksReplaced: replaced },
        });
        return {
          invitationId,
          householdId: household.id,
          applicantId: applicant.id,
          userId: account.userId,
          recipient: email,
          language: account.language,
          expiresAt,
        };
      });
    } catch (error) {
      if (isAddressTaken(error)) throw refuse('portal:errors.invite.emailInUse');
      throw error;
    }
  }

  /** For the household page: each invited applicant's portal account, by applicant id. */
  async function portalAccess(ctx: RequestContext, householdId: string): Promise<Record<string, PortalAccess>> {
    return run(ctx, async (tx) => {
      const household = await repo.getHousehold(tx, householdId);
      if (!household) throw new NotFoundError();
      authorize(ctx.actor, 'households.view', householdResource(household));
      const linked = (await repo.applicantsOfHousehold(tx, household.id)).filter((a): a is repo.ApplicantRow & { userId: string } => Boolean(a.userId));
      const all = await repo.invitationsOfUsers(
        tx,
        linked.map((a) => a.userId),
      );
      const now = clock();
      const states: Record<string, PortalAccess> = {};
      for (const applicant of linked) {
        const state = accessState(
          all.filter((i) => i.userId === applicant.userId),
          now,
        );
        if (state) states[applicant.id] = state;
      }
      await recordAudit(tx, ctx, { action: 'households.view', resourceType: 'household', resourceId: household.id, detail: { part: 'portal-access' } });
      return states;
    });
  }

  /** What a link leads to. Followed by someone not yet signed in: read as the platform. */
  async function invitationLink(ctx: RequestContext, token: string): Promise<InvitationLink> {
    return runner.runAsSystemJob('invitation', ctx, async (tx) => {
      const row = await repo.invitationByTokenHash(tx, sha256(token), { lock: false });
      const state = row ? usableState(row) : 'expired';
      if (!row || state !== 'usable') return { state: state === 'usable' ? 'expired' : state };
      return { state, email: row.user.email, language: row.user.preferredLanguage };
    });
  }

  function usableState(row: NonNullable<Awaited<ReturnType<typeof repo.invitationByTokenHash>>>): 'usable' | 'used' | 'expired' {
    if (row.user.disabledAt || !isAdopterOnly(row.user)) return 'expired';
    const state = linkState(row.invitation, clock());
    return state === 'revoked' ? 'expired' : state;
  }

  /**
   * Sets the password through a live link, marks the link used, and signs the person in: a new
   * session (any session the browser held is ended, and so are the account's older ones).
   */
  async function acceptInvitation(
    ctx: RequestContext,
    token: string,
    password: string,
    previousSessionToken?: string,
    userAgent?: string,
  ): Promise<AcceptOutcome> {
    const passwordHash = await hashPassword(password);
    return runner.runAsSystemJob('invitation', ctx, async (tx, platform) => {
      const row = await repo.invitationByTokenHash(tx, sha256(token), { lock: true });
      const state = row ? usableState(row) : 'expired';
      if (state !== 'usable' || !row) {
        await recordAudit(tx, platform, {
          action: 'invitations.accept',
          resourceType: row ? 'invitation' : undefined,
          resourceId: row?.invitation.id,
          outcome: 'denied',
          detail: { reason: state },
        });
        return { outcome: state === 'usable' ? 'expired' : state };
      }
      const now = clock();
      await repo.markInvitationAccepted(tx, row.invitation.id, now);
      await authRepo.setPasswordHash(tx, row.user.id, passwordHash);
      await authRepo.deleteSessionsOfUser(tx, row.user.id);
      if (previousSessionToken) await authRepo.deleteSession(tx, sha256(previousSessionToken));
      const actor = authRepo.toActor(row.user, row.organisation);
      const sessionToken = randomToken();
      await authRepo.createSession(tx, {
        tokenHash: sha256(sessionToken),
        userId: row.user.id,
        csrfToken: randomToken(24),
        secondFactorDone: !needsSecondFactor(actor.roles),
        device: deviceColumn(describeDevice(userAgent)),
      });
      const asPerson = { ...ctx, actor };
      await recordAudit(tx, asPerson, { action: 'invitations.accept', resourceType: 'invitation', resourceId: row.invitation.id });
      await recordAudit(tx, asPerson, {
        action: 'auth.sign-in',
        resourceType: 'user',
        resourceId: row.user.id,
        detail: { state: 'active', via: 'invitation' },
      });
      return { outcome: 'accepted', sessionToken };
    });
  }

  /**
   * The signed-in adopter's own household, found through their applicant record (row-level
   * security shows an adopter no other). Null when they are not (or no longer) an applicant.
   */
  async function myApplication(ctx: RequestContext): Promise<MyApplication | null> {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'portal.view');
      if (ctx.actor.kind !== 'user') throw new NotFoundError();
      const actor = ctx.actor;
      const own = await repo.applicantOfUser(tx, actor.userId);
      const household = own ? await repo.getHousehold(tx, own.householdId) : undefined;
      if (!household || !household.adopterUserIds.includes(actor.userId)) {
        await recordAudit(tx, ctx, { action: 'portal.view', outcome: 'not_found' });
        return null;
      }
      authorize(actor, 'portal.view', { type: 'household', id: household.id, organisationId: household.organisationId, subjectUserId: actor.userId });
      const people = await repo.applicantsOfHousehold(tx, household.id);
      const inStage1 = household.stage === 'stage1';
      const outstanding = inStage1
        ? outstandingForFamily(
            missingChecks(
              people.map((p) => p.id),
              await repo.checksOfHousehold(tx, household.id),
            ),
          )
        : [];
      const due = dueFor(household, dateInWales(clock()));
      const socialWorkerName = household.socialWorkerId ? ((await repo.userName(tx, household.socialWorkerId)) ?? null) : null;
      await recordAudit(tx, ctx, { action: 'portal.view', resourceType: 'household', resourceId: household.id });
      return {
        householdId: household.id,
        reference: household.reference,
        stage: household.stage,
        stageSince: household.stageSince,
        due: due ? { clock: due.clock, due: due.due, daysLeft: due.daysLeft, level: due.level } : null,
        applicants: people.map((p) => ({ id: p.id, givenNames: p.givenNames })),
        socialWorkerName,
        outstanding,
      };
    });
  }

  return { invite, portalAccess, invitationLink, acceptInvitation, myApplication };
}

/** Only an account that is an adopter and nothing else may be invited or opened by a link. */
function isAdopterOnly(user: { roles: string[] }): boolean {
  return user.roles.length > 0 && user.roles.every((role) => role === 'adopter');
}

export type PortalService = ReturnType<typeof createPortalService>;
