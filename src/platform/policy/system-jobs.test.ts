import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../project-root.ts';
import { ACTIONS, type Action } from './actions.ts';
import { decide, listScope, reachesOrganisation } from './policy.ts';
import { ROLES } from './roles.ts';
import { SYSTEM_JOBS, jobMay, ownActionOf, systemActor, type SystemJob } from './system-jobs.ts';

const jobs = Object.keys(SYSTEM_JOBS) as SystemJob[];
const actions = Object.keys(ACTIONS) as Action[];

/** What each job may do, written out from the table: its list, or (tests only) every action but the other jobs' own. */
function listed(job: SystemJob): readonly Action[] {
  const definition = SYSTEM_JOBS[job];
  if (definition.actions !== 'every action') return definition.actions;
  return actions.filter((action) => !action.startsWith('system.') || action === ownActionOf(job));
}

describe('the system jobs', () => {
  for (const job of jobs) {
    it(`${job}: may do the actions its job lists, and is refused every other action of the policy`, () => {
      const actor = systemActor(job);
      const allowed = listed(job);
      const wrong: string[] = [];
      for (const action of actions) {
        const decision = decide(actor, action);
        const expected = allowed.includes(action) ? { allowed: true } : { allowed: false, reason: 'role' };
        if (JSON.stringify(decision) !== JSON.stringify(expected)) wrong.push(`${action}: ${JSON.stringify(decision)}`);
        // Lists and organisation-wide reach follow the same list: everything for a listed action, nothing otherwise.
        if (listScope(actor, action).kind !== (allowed.includes(action) ? 'all' : 'none')) wrong.push(`${action}: list scope`);
        if (reachesOrganisation(actor, action) !== allowed.includes(action)) wrong.push(`${action}: organisation reach`);
      }
      assert.deepEqual(wrong, []);
    });
  }

  it('gives every job an action of its own, first in its list, that no person may perform', () => {
    for (const job of jobs) {
      const own = ownActionOf(job);
      assert.ok(Object.hasOwn(ACTIONS, own), `${own} is missing from actions.ts`);
      const definition = SYSTEM_JOBS[job];
      if (definition.actions !== 'every action') assert.equal(definition.actions[0], own, `${job} lists its own action first`);
      for (const role of ROLES) {
        const everyRole = { kind: 'user' as const, userId: 'u', organisationId: 'o', organisationType: 'agency' as const, roles: [role], name: 'Test' };
        assert.equal(decide(everyRole, own).allowed, false, `${role} may not ${own}`);
      }
      assert.ok(SYSTEM_JOBS[job].why.length > 40, `${job} says why it exists`);
    }
  });

  it('has no system action without a job, and no job may do another job’s own action', () => {
    const systemActions = actions.filter((action) => action.startsWith('system.'));
    assert.deepEqual(systemActions.sort(), jobs.map(ownActionOf).sort());
    for (const job of jobs)
      for (const other of jobs) if (other !== job) assert.equal(jobMay(job, ownActionOf(other)), false, `${job} may not ${ownActionOf(other)}`);
  });

  it('keeps the demo and the operator away from children’s ACEs, families and clinical records', () => {
    for (const job of ['demo', 'operator'] as const) {
      for (const action of ['aces.view', 'children.view', 'households.view', 'formulations.view', 'supportNotes.view', 'audit.view'] as const) {
        assert.equal(decide(systemActor(job), action).allowed, false, `${job} may not ${action}`);
      }
    }
  });

  it('makes no actor for a job that is not in the table', () => {
    assert.throws(() => systemActor('anything' as SystemJob), /no system job named anything/);
  });
});

const root = projectRoot();

/** Every TypeScript file of one folder of the repository, as a path from its root with forward slashes. */
function sources(folder: string): string[] {
  return (readdirSync(path.join(root, folder), { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts'))
    .map((file) => `${folder}/${file.split(path.sep).join('/')}`);
}

describe('where the system jobs are started', () => {
  // The policy's own tests make actors of any job to test the table itself.
  const files = ['src', 'test', 'bench'].flatMap(sources).filter((file) => !/^src\/platform\/policy\/[\w-]+\.test\.ts$/.test(file));

  it('mints a system actor only inside src/platform (modules run a named job instead)', () => {
    const outside = files.filter((file) => !file.startsWith('src/platform/') && /\bsystemActor\s*\(/.test(readFileSync(path.join(root, file), 'utf8')));
    assert.deepEqual(outside, []);
  });

  it('starts each job only from the files its table entry names', () => {
    const wrong: string[] = [];
    let found = 0;
    for (const file of files) {
      const text = readFileSync(path.join(root, file), 'utf8');
      // `job('...')` is how the platform's sign-in functions name theirs (src/platform/auth/service.ts).
      for (const match of text.matchAll(/\b(?:runAsSystemJob|systemJobContext|systemActor|job)\(\s*'(\w+)'/g)) {
        found += 1;
        const job = match[1] as SystemJob;
        if (!Object.hasOwn(SYSTEM_JOBS, job)) wrong.push(`${file}: no job ${job}`);
        else if (!SYSTEM_JOBS[job].usedBy.some((place) => file === place || file.startsWith(place))) wrong.push(`${file}: ${job}`);
      }
    }
    assert.deepEqual(wrong, []);
    assert.ok(found >= jobs.length, `only ${found} places start a job`);
  });
});
