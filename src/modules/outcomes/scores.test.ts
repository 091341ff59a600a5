import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEVELOPMENTAL_CHECK, PLACEMENT_SATISFACTION, SDQ_PARENT, SHIPPED_INSTRUMENTS } from './definitions.ts';
import { bandOf, checkDefinition } from './instrument.ts';
import { answerProblems, scoreAnswers, scoreProblems } from './scores.ts';

const good = { emotional: 5, conduct: 3, hyperactivity: 7, peer: 4, prosocial: 6, total: 19, impact: 2 };
const scale = (code: string) => SDQ_PARENT.scales.find((s) => s.code === code)!;

describe('scale scores entered from paper', () => {
  it('accepts scores in range whose total is the sum of the four difficulty scales', () => {
    assert.deepEqual(scoreProblems(SDQ_PARENT, good), []);
  });

  it('refuses a total that is not the sum, saying what the four add up to', () => {
    const problems = scoreProblems(SDQ_PARENT, { ...good, total: 20 });
    assert.deepEqual(problems, [{ field: 'scores.total', key: 'outcomes:errors.score.sum', params: { scale: 'total', sum: 19 } }]);
  });

  it('names every wrong scale at once: out of range, missing, not whole, unknown', () => {
    const { peer: _peer, ...withoutPeer } = good;
    const problems = scoreProblems(SDQ_PARENT, { ...withoutPeer, emotional: 11, conduct: 2.5, extra: 1 });
    assert.deepEqual(problems.map((p) => p.field).sort(), ['scores.conduct', 'scores.emotional', 'scores.extra', 'scores.peer']);
    assert.equal(problems.find((p) => p.field === 'scores.emotional')!.key, 'outcomes:errors.score.range');
  });

  it('reads numbers typed into a form', () => {
    assert.deepEqual(scoreProblems(SDQ_PARENT, Object.fromEntries(Object.entries(good).map(([k, v]) => [k, ` ${v} `]))), []);
  });
});

describe('bands', () => {
  it('places SDQ parent scores in the UK four bands', () => {
    assert.equal(bandOf(scale('total'), 13)!.code, 'close_to_average');
    assert.equal(bandOf(scale('total'), 14)!.code, 'slightly_raised');
    assert.equal(bandOf(scale('total'), 17)!.code, 'high');
    assert.equal(bandOf(scale('total'), 20)!.code, 'very_high');
    assert.equal(bandOf(scale('hyperactivity'), 8)!.code, 'high');
    assert.equal(bandOf(scale('prosocial'), 5)!.code, 'very_low');
    assert.equal(bandOf(scale('prosocial'), 8)!.code, 'close_to_average');
    assert.equal(bandOf(scale('impact'), 0)!.code, 'close_to_average');
    assert.equal(bandOf(scale('impact'), 3)!.code, 'very_high');
  });

  it('ships definitions whose bands cover each scale without gaps', () => {
    for (const definition of SHIPPED_INSTRUMENTS) assert.deepEqual(checkDefinition(definition), [], definition.code);
  });

  it('finds a gap between bands in a definition an administrator might add', () => {
    const broken = { ...DEVELOPMENTAL_CHECK, scales: [{ ...DEVELOPMENTAL_CHECK.scales[0]!, bands: DEVELOPMENTAL_CHECK.scales[0]!.bands.slice(1) }] };
    assert.equal(checkDefinition(broken).length > 0, true);
  });
});

describe('questionnaire answers', () => {
  it('scores the satisfaction questionnaire as the sum of its items, and asks for every item only on submit', () => {
    const answers = Object.fromEntries((PLACEMENT_SATISFACTION.items ?? []).map((i) => [i.code, 4]));
    assert.deepEqual(scoreAnswers(PLACEMENT_SATISFACTION, answers), { satisfaction: 32 });
    assert.deepEqual(answerProblems(PLACEMENT_SATISFACTION, { information: 5 }, false), []);
    assert.equal(answerProblems(PLACEMENT_SATISFACTION, { information: 5 }, true).length, 7);
    assert.equal(answerProblems(PLACEMENT_SATISFACTION, { information: 9 }, false)[0]!.key, 'outcomes:errors.answer.invalid');
  });
});
