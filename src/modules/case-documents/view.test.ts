import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { documentRows, fileSize } from './view.ts';

const t = (key: string, params?: Record<string, unknown>) => (params ? `${key} ${JSON.stringify(params)}` : key);

describe('case documents as the page lists them', () => {
  it('shows the newest version in the row and keeps earlier versions downloadable beneath it', () => {
    const rows = documentRows(
      [
        {
          id: 'd1',
          kind: 'court_order',
          title: 'Placement order',
          documentDate: '2026-03-02',
          visibility: 'case',
          version: 2,
          versions: [
            {
              version: 2,
              filename: 'order-v2.pdf',
              contentType: 'application/pdf',
              byteSize: 2048,
              sha256: 'b',
              uploadedAt: new Date('2026-03-05T10:00:00Z'),
              uploadedBy: 'Synthetic Worker',
            },
            {
              version: 1,
              filename: 'order.pdf',
              contentType: 'application/pdf',
              byteSize: 1024,
              sha256: 'a',
              uploadedAt: new Date('2026-03-03T10:00:00Z'),
              uploadedBy: null,
            },
          ],
        },
      ],
      { kind: 'child', id: 'c1' },
      t,
      'en',
    );
    assert.equal(rows[0]!.date, '2 March 2026');
    assert.equal(rows[0]!.newest!.href, '/children/c1/documents/d1/file?version=2');
    assert.equal(rows[0]!.newest!.uploadedBy, 'Synthetic Worker');
    assert.deepEqual(
      rows[0]!.earlier.map((v) => [v.number, v.href, v.uploadedBy]),
      [[1, '/children/c1/documents/d1/file?version=1', 'case-documents:list.someoneElse']],
    );
  });

  it('says sizes in the reader’s language', () => {
    assert.equal(fileSize(2.5 * 1024 * 1024, 'en'), '2.5 MB');
    assert.equal(fileSize(300, 'cy'), '1 KB');
  });
});
