import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { UserActor } from '../../platform/policy/actor.ts';
import type { Role } from '../../platform/policy/roles.ts';
import { can, reachesOrganisation } from '../../platform/policy/policy.ts';

/** Who may open one member of staff's training and supervision records (decided in the policy module). */
const AGENCY = '00000000-0000-4000-8000-00000000000a';
const OTHER = '00000000-0000-4000-8000-00000000000b';
const person = (roles: Role[], organisationId = AGENCY, userId = `u-${roles.join('-')}`): UserActor => ({
  kind: 'user',
  userId,
  organisationId,
  organisationType: 'agency',
  roles,
  name: 'Test',
});

const recordOf = (subject: string, supervisor?: string) => ({
  type: 'supervision_session',
  organisationId: AGENCY,
  subjectUserId: subject,
  allocatedUserIds: supervisor ? [supervisor] : [],
});

describe('staff records in the policy module', () => {
  it('lets a worker open their own supervision and training, not a colleague’s', () => {
    const worker = person(['social_worker'], AGENCY, 'worker-1');
    assert.equal(can(worker, 'supervision.view', recordOf('worker-1')), true);
    assert.equal(can(worker, 'staffTraining.view', { type: 'staff_training', organisationId: AGENCY, subjectUserId: 'worker-1' }), true);
    assert.equal(can(worker, 'supervision.view', recordOf('worker-2')), false);
    assert.equal(can(worker, 'staffTraining.view', { type: 'staff_training', organisationId: AGENCY, subjectUserId: 'worker-2' }), false);
    assert.equal(reachesOrganisation(worker, 'supervision.view'), false);
  });

  it('lets the supervisor open the sessions they gave, even from another organisation', () => {
    const psychologist = person(['clinical_psychologist'], OTHER, 'psy-1');
    assert.equal(can(psychologist, 'supervision.view', recordOf('worker-1', 'psy-1')), true);
    assert.equal(can(psychologist, 'supervision.edit', recordOf('worker-1', 'psy-1')), true);
    assert.equal(can(psychologist, 'supervision.view', recordOf('worker-1', 'psy-2')), false, 'another supervisor’s session elsewhere');
  });

  it('lets the organisation’s managers (and its psychologists, for supervision) reach every record of it', () => {
    const manager = person(['service_manager']);
    assert.equal(reachesOrganisation(manager, 'staffTraining.view'), true);
    assert.equal(can(manager, 'staffTraining.edit', { type: 'staff_training', organisationId: AGENCY, subjectUserId: 'worker-1' }), true);
    assert.equal(can(manager, 'supervision.view', recordOf('worker-1')), true);
    const managerElsewhere = person(['service_manager'], OTHER);
    assert.equal(can(managerElsewhere, 'supervision.view', recordOf('worker-1')), false);
    const psychologistHere = person(['clinical_psychologist']);
    assert.equal(can(psychologistHere, 'supervision.view', recordOf('worker-1', 'psy-2')), true);
    assert.equal(
      can(psychologistHere, 'staffTraining.view', { type: 'staff_training', organisationId: AGENCY, subjectUserId: 'worker-1' }),
      false,
      'training stays the worker’s and the manager’s',
    );
  });

  it('leaves other actions reaching the whole organisation as before', () => {
    const finder = person(['family_finder']);
    assert.equal(reachesOrganisation(finder, 'courses.view'), true);
    assert.equal(can(finder, 'courses.view', { type: 'course', organisationId: AGENCY }), true);
    assert.equal(reachesOrganisation(person(['adopter']), 'supervision.view'), false);
  });
});
