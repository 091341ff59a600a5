import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { agencyText, organisationName, organisationNameHtml, organisationNameText } from './agency-text.ts';

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

describe('an organisation’s name in the reader’s language', () => {
  const council = { name: 'Vale of Glamorgan Council', nameCy: 'Cyngor Bro Morgannwg' };

  it('gives a Welsh reader the Welsh name and an English reader the English one, unmarked', () => {
    assert.deepEqual(organisationName(council, 'cy'), { text: 'Cyngor Bro Morgannwg' });
    assert.deepEqual(organisationName(council, 'en'), { text: 'Vale of Glamorgan Council' });
  });

  it('gives a Welsh reader the English name marked as English when there is no Welsh one', () => {
    assert.deepEqual(organisationName({ name: 'Bristol City Council', nameCy: null }, 'cy'), { text: 'Bristol City Council', lang: 'en' });
    assert.deepEqual(organisationName({ name: 'Bristol City Council', nameCy: '  ' }, 'cy'), { text: 'Bristol City Council', lang: 'en' });
    assert.deepEqual(organisationName({ name: 'Bristol City Council' }, 'en'), { text: 'Bristol City Council' });
  });

  it('marks up the English name for a Welsh page, escaped', () => {
    assert.equal(organisationNameHtml({ name: 'Smith & Jones <Adoption>', nameCy: null }, 'cy'), '<span lang="en">Smith &#38; Jones &#60;Adoption&#62;</span>');
    assert.equal(organisationNameHtml(council, 'cy'), 'Cyngor Bro Morgannwg');
  });

  it('gives plain text where no mark can travel', () => {
    assert.equal(organisationNameText(council, 'cy'), 'Cyngor Bro Morgannwg');
    assert.equal(organisationNameText({ name: 'Bristol City Council', nameCy: null }, 'cy'), 'Bristol City Council');
  });
});
