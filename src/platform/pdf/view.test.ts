import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { htmlText, summaryFacts } from './view.ts';
import { columnWidths } from './table.ts';
import { WIDTH } from './writer.ts';

describe('a page’s rows as printed text', () => {
  it('keeps typed line breaks and list items, drops tags and reads escaped characters back', () => {
    assert.equal(htmlText('Asthma &amp; eczema<br>Sees the nurse'), 'Asthma & eczema\nSees the nurse');
    assert.equal(
      htmlText('<ul class="govuk-list"><li>Health (high)</li><li>Learning (low): &quot;reading&quot;</li></ul>'),
      '• Health (high)\n• Learning (low): "reading"',
    );
    assert.equal(htmlText('<strong class="govuk-tag govuk-tag--grey" data-testid="meeting-status">Wedi’i gynnal</strong>'), 'Wedi’i gynnal');
  });

  it('prints a summary list’s label beside its value, text or HTML', () => {
    assert.deepEqual(
      summaryFacts([
        { key: { text: 'Age' }, value: { text: 5 } },
        { key: { text: 'Health' }, value: { html: 'Asthma<br>Yearly check' } },
      ]),
      [
        { label: 'Age', value: '5' },
        { label: 'Health', value: 'Asthma\nYearly check' },
      ],
    );
  });
});

describe('a table’s column widths', () => {
  it('shares the page’s width as the shares say', () => {
    const widths = columnWidths(3, [2, 1, 1]);
    assert.equal(Math.round(widths.reduce((a, b) => a + b, 0)), Math.round(WIDTH));
    assert.equal(Math.round(widths[0]!), Math.round(WIDTH / 2));
  });

  it('without shares, gives a report’s labels 120 to 220 points and the figures the rest equally', () => {
    const widths = columnWidths(5);
    assert.ok(widths[0]! >= 120 && widths[0]! <= 220);
    assert.equal(new Set(widths.slice(1).map((w) => w.toFixed(3))).size, 1);
    assert.equal(Math.round(widths.reduce((a, b) => a + b, 0)), Math.round(WIDTH));
    assert.deepEqual(columnWidths(1), [WIDTH], 'one column takes the whole width');
  });
});
