import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { hook, meetingEntry, sessionEntry, sourcesFrom } from './sources.ts';

const worker: RequestContext = {
  actor: { kind: 'user', userId: 'u1', organisationId: 'o1', organisationType: 'agency', roles: ['social_worker'], name: 'Test' },
  requestId: 'test',
  channel: 'web',
  language: 'en',
};
const referrer: RequestContext = { ...worker, actor: { ...worker.actor, roles: ['la_referrer'] } as RequestContext['actor'] };

/** The hooks "my work" uses to reach other modules' services (no database here: plain functions stand in for them). */
describe('my work’s sources', () => {
  it('finds a module’s function only when that module is wired in', () => {
    const fn = async () => [];
    assert.equal(hook({ preparation: { actionsFor: fn } }, 'preparation', 'actionsFor'), fn);
    assert.equal(hook({}, 'preparation', 'actionsFor'), undefined);
    assert.equal(hook({ preparation: { actionsFor: 'not a function' } }, 'preparation', 'actionsFor'), undefined);
  });

  it('leaves out every part whose module is not wired yet (nothing made up in its place)', () => {
    assert.deepEqual(Object.keys(sourcesFrom({})), []);
    const some = sourcesFrom({ support: { sessionsFor: async () => [] } });
    assert.deepEqual(Object.keys(some), ['sessions']);
  });

  it('turns a meeting into a diary entry that names children by reference for the feed, by name for the page', () => {
    const entry = meetingEntry({ id: 'm1', startsAt: new Date('2026-06-02T09:00:00Z'), endsAt: new Date('2026-06-02T10:00:00Z'), childIds: ['a1b2c3d4-0000-4000-8000-000000000001'], childNames: ['Testchild Fictional'], location: 'Room 2' });
    assert.deepEqual(entry?.references, ['A1B2C3D4']);
    assert.deepEqual(entry?.namesForPage, ['Testchild Fictional']);
    assert.equal(entry?.href, '/tac-meetings/m1');
    assert.equal(meetingEntry({ id: 'm2', startsAt: 'not a date', endsAt: new Date() }), null);
  });

  it('turns a support session into a diary entry with the household reference, its kind, mode and status', () => {
    const entry = sessionEntry({ id: 's1', startsAt: new Date('2026-06-03T13:00:00Z'), durationMinutes: 90, kind: 'theraplay', mode: 'video', status: 'cancelled', householdReference: 'AT-2026-00012', path: '/support/sessions/s1' });
    assert.equal(entry?.endsAt.toISOString(), '2026-06-03T14:30:00.000Z');
    assert.deepEqual([entry?.references, entry?.detail, entry?.mode, entry?.status, entry?.href], [['AT-2026-00012'], 'theraplay', 'video', 'cancelled', '/support/sessions/s1']);
  });

  it('asks only for what the person’s role reaches', async () => {
    let asked = 0;
    const sources = sourcesFrom({
      support: {
        sessionsFor: async () => {
          asked += 1;
          return [{ id: 's1', startsAt: new Date('2026-06-03T13:00:00Z'), endsAt: new Date('2026-06-03T14:00:00Z'), kind: 'theraplay', mode: 'video', status: 'planned', householdReference: 'AT-2026-00012' }];
        },
      },
    });
    const range = { from: new Date('2026-06-01T00:00:00Z'), to: new Date('2026-06-30T00:00:00Z') };
    assert.equal((await sources.sessions!(worker, range)).length, 1);
    assert.deepEqual(await sources.sessions!(referrer, range), [], 'a local authority referrer delivers no support');
    assert.equal(asked, 1);
  });
});
