import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectContentType, safeFilename, uploadProblem } from './types.ts';

const pdf = Buffer.from('%PDF-1.4\n%synthetic\n');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);

describe('document types and limits', () => {
  it('reads the type from the first bytes, not the name', () => {
    assert.equal(detectContentType(pdf), 'application/pdf');
    assert.equal(detectContentType(png), 'image/png');
    assert.equal(detectContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
    assert.equal(
      detectContentType(Buffer.from('PK\u0003\u0004....word/document.xml')),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    assert.equal(detectContentType(Buffer.from('PK\u0003\u0004....xl/workbook.xml')), undefined);
    assert.equal(detectContentType(Buffer.from('MZ an executable')), undefined);
  });

  it('takes OpenDocument and plain text for case documents only', () => {
    const odt = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('mimetypeapplication/vnd.oasis.opendocument.text')]);
    const text = Buffer.from('Nodiadau’r panel: synthetic minutes\r\n\tItem 1\n');
    assert.equal(detectContentType(odt, 'case'), 'application/vnd.oasis.opendocument.text');
    assert.equal(detectContentType(text, 'case'), 'text/plain');
    assert.equal(detectContentType(odt), undefined);
    assert.equal(detectContentType(text), undefined);
    assert.equal(detectContentType(Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), 'case'), undefined);
    assert.equal(detectContentType(Buffer.from([0xc3, 0x28]), 'case'), undefined);
    assert.equal(uploadProblem(Buffer.from('MZ\u0000\u0003'), 100, 'case'), 'type');
  });

  it('refuses an empty file, one over the limit and one of another type', () => {
    assert.equal(uploadProblem(Buffer.alloc(0)), 'empty');
    assert.equal(uploadProblem(Buffer.concat([pdf, Buffer.alloc(20)]), 10), 'tooLarge');
    assert.equal(uploadProblem(Buffer.from('<html>')), 'type');
    assert.equal(uploadProblem(pdf), undefined);
  });

  it('keeps a plain file name with the extension of what the file is', () => {
    assert.equal(safeFilename('C:\\Users\\me\\passport scan.PDF', 'application/pdf'), 'passport scan.pdf');
    assert.equal(safeFilename('../../etc/"evil".exe', 'image/png'), 'evil.png');
    assert.equal(safeFilename(undefined, 'image/jpeg'), 'document.jpg');
  });
});
