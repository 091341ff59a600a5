import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { meetingEntry, sessionEntry, sourcesFrom } from './sources.ts';

const worker: RequestContext = {
  actor: { kind: 'user', userId: 'u1', organisationId: 'o1', organisationType: 'agency', roles: ['social_worker'], name: 'Test' },
  requestId: 'test',
  channel: 'web',
  language: 'en',
};
const referrer: RequestContext = { ...worker, actor: { ...worker.actor, roles: ['la_referrer'] } as RequestContext['actor'] };

const session = {
  id: 's1',
  kind: 'theraplay' as const,
  status: 'cancelled' as const,
  mode: 'video' as const,
  startsAt: new Date('2026-06-03T13:00:00Z'),
  endsAt: new Date('2026-06-03T14:30:00Z'),
  durationMinutes: 90,
  householdId: 'h1',
  householdReference: 'AT-2026-00012',
  path: '/support/sessions/s1',
};

/** How "my work" reaches other modules' services (no database here: plain functions stand in for them). */
describe('my work’s sources', () => {
  it('leaves out every part whose module is not composed in (nothing made up in its place)', () => {
    assert.deepEqual(Object.keys(sourcesFrom({})), []);
    assert.deepEqual(Object.keys(sourcesFrom({ support: { sessionsFor: () => Promise.resolve([]) } })), ['sessions']);
  });

  it('turns a meeting into a diary entry naming children by reference for the feed and by name for the page', () => {
    const base = {
      id: 'm1',
      startsAt: new Date('2026-06-02T09:00:00Z'),
      endsAt: new Date('2026-06-02T10:00:00Z'),
      location: 'Room 2',
      childNames: ['Testchild Fictional'],
    };
    const entry = meetingEntry({ ...base, childIds: ['a1b2c3d4-0000-4000-8000-000000000001'] });
    assert.deepEqual(entry.references, ['A1B2C3D4']);
    assert.deepEqual(entry.namesForPage, ['Testchild Fictional']);
    assert.equal(entry.href, '/tac-meetings/m1');
    assert.deepEqual(meetingEntry(base).references, [], 'without the ids, no reference (and never the name)');
  });

  it('turns a support session into a diary entry with the household reference, its kind, mode and status', () => {
    const entry = sessionEntry(session);
    assert.deepEqual(
      [entry.references, entry.namesForPage, entry.detail, entry.mode, entry.status, entry.href, entry.endsAt.toISOString()],
      [['AT-2026-00012'], [], 'theraplay', 'video', 'cancelled', '/support/sessions/s1', '2026-06-03T14:30:00.000Z'],
    );
  });

  it('asks only for what the person’s role reaches', async () => {
    let asked = 0;
    const sources = sourcesFrom({
      support: {
        sessionsFor: () => {
          asked += 1;
          return Promise.resolve([session]);
        },
      },
    });
    const range = { from: new Date('2026-06-01T00:00:00Z'), to: new Date('2026-06-30T00:00:00Z') };
    assert.equal((await sources.sessions!(worker, range)).length, 1);
    assert.deepEqual(await sources.sessions!(referrer, range), [], 'a local authority referrer delivers no support');
    assert.equal(asked, 1);
  });

  it('counts the actions the preparation module lists, and passes its list on for its own partial', async () => {
    const action = {
      id: 'a1',
      version: 1,
      description: 'Send the draft',
      dueDate: '2026-05-30',
      state: 'overdue' as const,
      daysOverdue: 2,
      daysUntilDue: -2,
      meetingId: 'm1',
      meetingDate: '2026-05-01',
      childNames: [],
    };
    const sources = sourcesFrom({ preparation: { meetingsFor: () => Promise.resolve([]), actionsFor: () => Promise.resolve([action]) } });
    const actions = await sources.actions!(worker);
    assert.deepEqual(actions.items, [action]);
    assert.deepEqual(actions.facts, [{ dueDate: '2026-05-30', doneAt: null }]);
  });
});
