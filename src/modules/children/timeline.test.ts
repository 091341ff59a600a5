import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LANGUAGES, translator } from '../../platform/i18n/i18n.ts';
import { CHILD_EVENT_KINDS, childEventText } from './timeline.ts';

describe('the words of a child’s timeline', () => {
  it('names every kind of entry in English and in Welsh, never by its stored key', () => {
    assert.ok(CHILD_EVENT_KINDS.includes('matching.linked') && CHILD_EVENT_KINDS.includes('matching.matched'), 'the list holds the entries matching writes');
    for (const kind of CHILD_EVENT_KINDS) {
      const words = LANGUAGES.map((language) => childEventText(kind, translator(language)));
      for (const [i, text] of words.entries()) {
        const where = `${kind} in ${LANGUAGES[i]}`;
        assert.ok(text.trim().length > 0, `${where} has words`);
        assert.notEqual(text, kind, `${where} is not its key`);
        assert.doesNotMatch(text, /children:|timeline\.events|vocabulary\.|matching\.|\{\{/, `${where} reads "${text}"`);
      }
      assert.notEqual(words[0], words[1], `${kind} is in real Welsh, not English`);
    }
  });

  it('shows an entry of a kind it does not know as it was recorded rather than hiding it', () => {
    assert.equal(childEventText('something.else', translator('en')), 'something.else');
  });
});
