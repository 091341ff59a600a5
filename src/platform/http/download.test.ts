import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { attachmentDisposition } from './download.ts';

describe('the name of a downloaded file', () => {
  it('keeps a Welsh name exact for browsers, with a plain-letter name for old ones', () => {
    assert.equal(
      attachmentDisposition('sefydlogrwydd-lleoliadau-2026.csv'),
      `attachment; filename="sefydlogrwydd-lleoliadau-2026.csv"; filename*=UTF-8''sefydlogrwydd-lleoliadau-2026.csv`,
    );
    assert.equal(attachmentDisposition('dŵr.csv'), `attachment; filename="dwr.csv"; filename*=UTF-8''d%C5%B5r.csv`);
  });

  it('never lets a quote close the header’s name', () => {
    assert.match(attachmentDisposition('a"b.csv'), /^attachment; filename="ab\.csv"/);
  });
});
