import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { anonymous, type UserActor } from './actor.ts';
import { systemActor } from './system-jobs.ts';
import { AccessDeniedError, adopterMayRead, authorize, decide, listScope } from './policy.ts';

const orgA = '00000000-0000-4000-8000-00000000000a';
const orgB = '00000000-0000-4000-8000-00000000000b';
const person = (roles: UserActor['roles'], organisationId = orgA, userId = '10000000-0000-4000-8000-000000000001'): UserActor => ({
  kind: 'user',
  userId,
  organisationId,
  organisationType: 'agency',
  roles,
  name: 'Test',
});

describe('policy decisions', () => {
  it('lets anyone see public pages, signed in or not', () => {
    assert.deepEqual(decide(anonymous, 'public.view'), { allowed: true });
  });

  it('asks an anonymous visitor to sign in for anything else', () => {
    assert.deepEqual(decide(anonymous, 'home.view'), { allowed: false, reason: 'not-signed-in' });
  });

  it('refuses a role that the action does not list', () => {
    assert.deepEqual(decide(person(['adopter']), 'users.list'), { allowed: false, reason: 'role' });
    assert.deepEqual(decide(person(['funder']), 'audit.view'), { allowed: false, reason: 'role' });
  });

  it('allows a person holding any one of the listed roles', () => {
    assert.equal(decide(person(['adopter', 'service_manager']), 'users.list').allowed, true);
  });

  it('keeps a service manager to their own organisation’s people', () => {
    const manager = person(['service_manager']);
    assert.equal(decide(manager, 'users.view', { type: 'user', organisationId: orgA }).allowed, true);
    assert.deepEqual(decide(manager, 'users.view', { type: 'user', organisationId: orgB }), { allowed: false, reason: 'scope' });
    assert.deepEqual(listScope(manager, 'users.list'), { kind: 'organisation', organisationId: orgA });
  });

  it('lets the agency administrator manage people of every organisation', () => {
    const admin = person(['administrator']);
    assert.equal(decide(admin, 'users.edit', { type: 'user', organisationId: orgB }).allowed, true);
    assert.deepEqual(listScope(admin, 'users.list'), { kind: 'all' });
  });

  it('opens a record to the organisation a sharing grant names, and to allocated workers', () => {
    const manager = person(['service_manager'], orgB);
    assert.equal(decide(manager, 'users.view', { type: 'user', organisationId: orgA, sharedWithOrganisationIds: [orgB] }).allowed, true);
    const allocated = person(['service_manager'], orgB, '10000000-0000-4000-8000-000000000099');
    assert.equal(decide(allocated, 'users.view', { type: 'user', organisationId: orgA, allocatedUserIds: [allocated.userId] }).allowed, true);
  });

  it('answers 404 for a record out of scope, so its existence is not revealed', () => {
    assert.throws(
      () => authorize(person(['service_manager']), 'users.view', { type: 'user', organisationId: orgB }),
      (error: unknown) => error instanceof AccessDeniedError && error.status === 404,
    );
    assert.throws(
      () => authorize(person(['adopter']), 'users.view'),
      (error: unknown) => error instanceof AccessDeniedError && error.status === 403,
    );
  });

  it('gives a list nothing when the role may not list at all', () => {
    assert.deepEqual(listScope(person(['funder']), 'users.list'), { kind: 'none' });
  });

  it('lets the platform act for the operator at the command line, within the operator’s job', () => {
    assert.equal(decide(systemActor('operator'), 'users.create').allowed, true);
    assert.deepEqual(decide(systemActor('operator'), 'children.view'), { allowed: false, reason: 'role' });
  });
});

describe('what an adopter may read of the children of their link', () => {
  it('opens the profile at shortlisting, the formulation at the matching meeting, the transition plan at introductions', () => {
    assert.equal(adopterMayRead('profile', 'linked'), false);
    assert.equal(adopterMayRead('profile', 'shortlisted'), true);
    assert.equal(adopterMayRead('formulation', 'visits'), false);
    assert.equal(adopterMayRead('formulation', 'matching_meeting'), true);
    assert.equal(adopterMayRead('transitionPlan', 'agency_decision'), false);
    assert.equal(adopterMayRead('transitionPlan', 'placed'), true);
  });

  it('shows nothing more once a link is declined or ended', () => {
    assert.equal(adopterMayRead('profile', 'declined'), false);
    assert.equal(adopterMayRead('profile', 'ended'), false);
  });
});
