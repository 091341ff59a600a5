import { DomainError } from '../http/errors.ts';
import type { Actor, UserActor } from './actor.ts';
import { ACTIONS, type Action } from './actions.ts';
import { jobMay } from './system-jobs.ts';

/**
 * A record as the policy sees it: whose it is and who it is shared with or allocated to.
 * Services load the record, describe it this way, and ask before doing anything with it.
 */
export type Resource = {
  type: string;
  organisationId?: string | null;
  /** The person the record is about, when they may see their own (e.g. a user's account). */
  subjectUserId?: string | null;
  /** Organisations a sharing grant gives access to (a referral shares a child with the agency). */
  sharedWithOrganisationIds?: readonly string[];
  /** Workers allocated to the child or family. */
  allocatedUserIds?: readonly string[];
};

export type Decision = { allowed: true } | { allowed: false; reason: 'not-signed-in' | 'role' | 'scope' };

/** Roles whose access reaches every organisation's records of that kind (agency-wide administration). */
const CROSS_ORGANISATION: Partial<Record<Action, readonly string[]>> = {
  'users.list': ['administrator'],
  'users.view': ['administrator'],
  'users.create': ['administrator'],
  'users.edit': ['administrator'],
  'users.disable': ['administrator'],
  'users.unlock': ['administrator'],
  // The partnership's organisations are administered by the agency: an organisation record has no owner of its own.
  'organisations.edit': ['administrator'],
  // The platform's outgoing mail, whichever organisation it was written for (some, like enquiries, have none).
  'outbox.view': ['administrator'],
};

/**
 * Records about one member of staff (their training, their clinical supervision) are theirs and
 * their supervisor's. Of everyone else in their organisation only these roles reach them: the
 * managers who keep CPD and supervision on track, and the psychologists who supervise.
 */
const ORGANISATION_WIDE_ONLY_FOR: Partial<Record<Action, readonly string[]>> = {
  'staffTraining.view': ['service_manager'],
  'staffTraining.edit': ['service_manager'],
  'supervision.view': ['service_manager', 'clinical_psychologist'],
  'supervision.edit': ['service_manager', 'clinical_psychologist'],
  // A child's outcome scores: the clinical team and the service manager read every child they may
  // see; adoption workers only the children allocated to them. Only the clinical team enters scores
  // for children not allocated to them.
  'outcomes.view': ['clinical_psychologist', 'therapeutic_social_worker', 'service_manager', 'la_referrer'],
  'outcomes.edit': ['clinical_psychologist', 'therapeutic_social_worker'],
  // The portal between a family and the agency: workers reach the households allocated to them (and
  // threads handed to them), families their own household (as its subject), the service manager all.
  'portalMessages.view': ['service_manager'],
  'portalMessages.send': ['service_manager'],
  'portalMessages.reassign': ['service_manager'],
  'portalDocuments.view': ['service_manager'],
  'portalDocuments.upload': [],
  'portalDocuments.request': ['service_manager'],
  'portalDocuments.share': ['service_manager'],
  'portalDocuments.review': ['service_manager'],
};

/** Does this actor's access for the action reach every record of their organisation (not only their own)? */
export function reachesOrganisation(actor: Actor, action: Action): boolean {
  if (actor.kind === 'system') return jobMay(actor.job, action);
  if (actor.kind !== 'user' || !can(actor, action)) return false;
  const only = ORGANISATION_WIDE_ONLY_FOR[action];
  return !only || actor.roles.some((role) => only.includes(role));
}

/**
 * The single decision point: may this actor perform this action (on this record)? The platform
 * acting for a system job may do exactly the actions of its job (system-jobs.ts), on any record.
 */
export function decide(actor: Actor, action: Action, resource?: Resource): Decision {
  if (actor.kind === 'system') return jobMay(actor.job, action) ? { allowed: true } : { allowed: false, reason: 'role' };
  const rule = ACTIONS[action];
  if (rule === 'everyone') return { allowed: true };
  if (actor.kind !== 'user') return { allowed: false, reason: 'not-signed-in' };
  if (rule !== 'signed-in' && !actor.roles.some((role) => (rule as readonly string[]).includes(role))) {
    return { allowed: false, reason: 'role' };
  }
  if (resource && !inScope(actor, action, resource)) return { allowed: false, reason: 'scope' };
  return { allowed: true };
}

export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  return decide(actor, action, resource).allowed;
}

function inScope(actor: UserActor, action: Action, resource: Resource): boolean {
  if (resource.subjectUserId && resource.subjectUserId === actor.userId) return true;
  const crossOrg = CROSS_ORGANISATION[action];
  if (crossOrg && actor.roles.some((role) => crossOrg.includes(role))) return true;
  if (resource.allocatedUserIds?.includes(actor.userId)) return true;
  if (resource.organisationId && resource.organisationId === actor.organisationId && reachesOrganisation(actor, action)) return true;
  // A record shared with the organisation is the organisation's to that extent: the same narrowing applies.
  if (resource.sharedWithOrganisationIds?.includes(actor.organisationId) && reachesOrganisation(actor, action)) return true;
  return false;
}

/**
 * How far a list may reach for this actor: every organisation, or only their own.
 * Repositories filter by it; row-level security enforces the same wall underneath.
 */
export function listScope(actor: Actor, action: Action): { kind: 'all' } | { kind: 'organisation'; organisationId: string } | { kind: 'none' } {
  if (actor.kind === 'system') return jobMay(actor.job, action) ? { kind: 'all' } : { kind: 'none' };
  if (!can(actor, action) || actor.kind !== 'user') return { kind: 'none' };
  const crossOrg = CROSS_ORGANISATION[action];
  if (crossOrg && actor.roles.some((role) => crossOrg.includes(role))) return { kind: 'all' };
  return { kind: 'organisation', organisationId: actor.organisationId };
}

/** Thrown by authorize(): 404 when the record is outside the actor's scope (its existence stays hidden), 403 otherwise. */
export class AccessDeniedError extends DomainError {
  constructor(
    readonly action: Action,
    readonly resource: Resource | undefined,
    reason: 'not-signed-in' | 'role' | 'scope',
  ) {
    super(
      reason === 'scope' ? 404 : reason === 'not-signed-in' ? 401 : 403,
      reason === 'scope' ? 'errors.notFound.body' : reason === 'not-signed-in' ? 'errors.unauthenticated.body' : 'errors.forbidden.body',
    );
  }
}

/** Asserts the decision inside a service, on the record it loaded. */
export function authorize(actor: Actor, action: Action, resource?: Resource & { id?: string }): void {
  const decision = decide(actor, action, resource);
  if (!decision.allowed) throw new AccessDeniedError(action, resource, decision.reason);
}

/**
 * What an adopter household may read about the children of one of its links, and from which step
 * of the match onward (the matching workflow's stages, in order). Decided here, not by a page.
 */
export const ADOPTER_MAY_READ = {
  /** First name, age and the child's profile as written for families. */
  profile: 'shortlisted',
  /** The psychologist's formulation: once the match is being considered in earnest. */
  formulation: 'matching_meeting',
  /** The dated steps of introductions. */
  transitionPlan: 'introductions',
} as const;

const MATCH_STEP_ORDER = [
  'linked',
  'shortlisted',
  'visits',
  'matching_meeting',
  'matching_panel',
  'agency_decision',
  'introductions',
  'placed',
  'adoption_order',
] as const;

/** May an adopter read this part of the children's record at this step of their match? Closed links show nothing more. */
export function adopterMayRead(part: keyof typeof ADOPTER_MAY_READ, matchStage: string): boolean {
  const reached = MATCH_STEP_ORDER.indexOf(matchStage as (typeof MATCH_STEP_ORDER)[number]);
  return reached >= 0 && reached >= MATCH_STEP_ORDER.indexOf(ADOPTER_MAY_READ[part]);
}

/** The clinical team: they read every clinical note of the records they may see. */
const CLINICAL_NOTE_READERS = ['clinical_psychologist', 'therapeutic_social_worker'] as const;

/**
 * May this person read the notes of a clinical record (a support session, a consultation)?
 * The clinical team may, and so may the worker allocated to the family or child and the person who
 * wrote or delivered it; everyone else who may see the record sees it without its notes. Callers
 * have already checked that the record itself is in the actor's scope.
 */
export function mayReadClinicalNotes(actor: Actor, record: { allocatedUserIds?: readonly (string | null | undefined)[]; authorId?: string | null }): boolean {
  // A job reaches here only once the policy let it see the record (no job but the demo's and the tests' may).
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  if (actor.roles.some((role) => (CLINICAL_NOTE_READERS as readonly string[]).includes(role))) return true;
  if (record.authorId && record.authorId === actor.userId) return true;
  return Boolean(record.allocatedUserIds?.some((id) => id && id === actor.userId));
}

/**
 * The parts of a child's formulation an adopter household may read, and only its current version,
 * from the step of their match that `adopterMayRead('formulation', stage)` allows (nothing before,
 * nothing once the link is closed). The child's history (what happened to them and in their birth
 * family) stays with the workers: a family hears it from the child's social worker with the child's
 * permanence report, not from a page. Needs, what helps, strategies for parents and the support
 * recommended are written for the people who will parent the child.
 */
export const ADOPTER_FORMULATION_PARTS = ['presentingNeeds', 'whatHelps', 'strategiesForParents', 'recommendedSupport'] as const;

export function formulationPartsForAdopter(matchStage: string): readonly (typeof ADOPTER_FORMULATION_PARTS)[number][] {
  return adopterMayRead('formulation', matchStage) ? ADOPTER_FORMULATION_PARTS : [];
}
