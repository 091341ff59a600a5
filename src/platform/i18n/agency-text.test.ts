import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { agencyText } from './agency-text.ts';

describe('agency text in the reader’s language', () => {
  it('shows the page’s own version, unmarked', () => {
    assert.deepEqual(agencyText({ en: 'Loves football', cy: 'Wrth ei fodd â phêl-droed' }, 'cy'), { text: 'Wrth ei fodd â phêl-droed' });
    assert.deepEqual(agencyText({ en: 'Loves football', cy: 'Wrth ei fodd â phêl-droed' }, 'en'), { text: 'Loves football' });
  });

  it('marks the only version there is with its language when it is the other one', () => {
    assert.deepEqual(agencyText({ en: 'Loves football', cy: null }, 'cy'), { text: 'Loves football', lang: 'en' });
    assert.deepEqual(agencyText({ en: '  ', cy: 'Wrth ei fodd â phêl-droed' }, 'en'), { text: 'Wrth ei fodd â phêl-droed', lang: 'cy' });
  });

  it('shows nothing when neither version was written', () => {
    assert.equal(agencyText({ en: null, cy: '' }, 'en'), undefined);
  });
});
