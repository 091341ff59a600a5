import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  MATCH_STAGE_LIST,
  childMayBeLinked,
  childMayBeRecommended,
  isActiveStage,
  isClosedStage,
  isLinkStage,
  localAuthorityMayAgree,
  mayMoveOn,
} from './stages.ts';
import { MATCH_STAGES } from './vocabulary.ts';

describe('the one ordered list of match stages', () => {
  it('holds every stage once, in the order a match goes through them', () => {
    assert.deepEqual(
      MATCH_STAGE_LIST.map((s) => s.stage),
      [...MATCH_STAGES],
    );
  });

  it('only ever moves a match forward, or closes it', () => {
    for (const [i, { stage, next }] of MATCH_STAGE_LIST.entries()) {
      for (const to of next) assert.ok(MATCH_STAGES.indexOf(to) > i || isClosedStage(to), `${stage} → ${to}`);
    }
  });

  it('lets a closed match move no further, and every other stage move on', () => {
    for (const { stage } of MATCH_STAGE_LIST) assert.equal(mayMoveOn(stage), !isClosedStage(stage), stage);
  });

  it('puts each stage in exactly one of: a link explored, the active match, closed', () => {
    for (const { stage } of MATCH_STAGE_LIST) assert.equal([isLinkStage(stage), isActiveStage(stage), isClosedStage(stage)].filter(Boolean).length, 1, stage);
  });

  it('asks the local authority to agree from the matching meeting until the agency decision, before introductions', () => {
    assert.deepEqual(
      MATCH_STAGE_LIST.filter((s) => localAuthorityMayAgree(s.stage)).map((s) => s.stage),
      ['matching_meeting', 'matching_panel', 'agency_decision'],
    );
  });

  it('links a child who is waiting, linked or matched, and recommends families only for a child still waiting or linked', () => {
    assert.deepEqual(['referred', 'family_finding', 'linked', 'matched', 'placed'].filter(childMayBeLinked), ['family_finding', 'linked', 'matched']);
    assert.deepEqual(['referred', 'family_finding', 'linked', 'matched', 'placed'].filter(childMayBeRecommended), ['family_finding', 'linked']);
  });
});
