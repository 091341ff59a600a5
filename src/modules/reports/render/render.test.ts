import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import type { ReportDocument } from '../document.ts';
import { csvField } from './csv.ts';
import { penceText, valueText } from './format.ts';
import { renderReport } from './index.ts';
import { sampleReport } from './sample.ts';
import { sheetName } from './xlsx.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'render-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Screenshots of the rendered pages go where people look at them, when that folder exists. */
// Pictures of the Welsh PDF's first pages for a person to look at, only when asked for (a folder).
const SHOTS = process.env.RENDER_SHOTS;

function pdfText(bytes: Buffer, name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** A minimal RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

describe('figures as written', () => {
  test('pence as pounds, percent, decimal, c and dash', () => {
    assert.equal(penceText(12_345_678), '£123,456.78');
    assert.equal(penceText(-340), '-£3.40');
    assert.equal(penceText(5), '£0.05');
    assert.equal(valueText(47, 'percent'), '47%');
    assert.equal(valueText(7.06, 'decimal'), '7.1');
    assert.equal(valueText(1615, 'count'), '1,615');
    assert.equal(valueText('c', 'count'), 'c');
    assert.equal(valueText(null, 'count'), '–');
  });

  test('CSV fields are quoted as RFC 4180 says', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
  });

  test('sheet names fit Excel: at most 31 characters, no []:*?/\\, unique', () => {
    const used = new Set<string>();
    const a = sheetName('Plant a atgyfeiriwyd, a gydweddwyd ac a leolwyd [2026/27]: *?', used);
    assert.ok(a.length <= 31, a);
    assert.doesNotMatch(a, /[[\]:*?/\\]/);
    const b = sheetName('Plant a atgyfeiriwyd, a gydweddwyd ac a leolwyd [2026/27]: *?', used);
    assert.notEqual(a.toLowerCase(), b.toLowerCase());
    assert.ok(b.length <= 31, b);
  });
});

describe('PDF', () => {
  test('in Welsh: title, headings, ŵ and ŷ, c in a suppressed cell, pages numbered "Tudalen 1 o N"', async () => {
    const doc = sampleReport('cy');
    const r = await renderReport(doc, 'pdf');
    assert.equal(r.contentType, 'application/pdf');
    assert.equal(r.fileName, 'adopting-together-report-2026-04-01-2027-03-31-cy.pdf');
    const text = pdfText(r.bytes, 'cy.pdf');
    assert.match(text, /Mabwysiadu Gyda’n Gilydd: *\n? *adroddiad i Lywodraeth Cymru/);
    for (const s of doc.sections) assert.ok(text.includes(s.title.slice(0, 20)), s.title);
    assert.ok(text.includes('Sut y diffinnir y mesurau'));
    assert.ok(text.includes('Cyplau (gŵr a gwraig)'));
    assert.ok(text.includes('tŷ newydd'));
    assert.ok(text.includes('dŷ ei deulu'));
    const pages = Number(/Tudalen 1 o (\d+)/.exec(text)?.[1]);
    assert.ok(pages >= 3, `pages: ${pages}`);
    assert.ok(text.includes(`Tudalen ${pages} o ${pages}`));
    // Gwynedd's placed count is suppressed: its row reads 37, c, c, –.
    assert.match(text, /Gwynedd +37 +c +c +–/);
    assert.match(text, /Cyfanswm +£160,456\.78/);
    assert.ok(text.includes('Heb eu dangos yn y siart: Gwynedd (c); Sir y Fflint (c); Ceredigion (–).'));
    const info = execFileSync('pdfinfo', [path.join(dir, 'cy.pdf')], { encoding: 'utf8' });
    assert.match(info, /Tagged: +yes/);
    assert.match(info, /Title: +Mabwysiadu Gyda’n Gilydd/);
    const fonts = execFileSync('pdffonts', [path.join(dir, 'cy.pdf')], { encoding: 'utf8' });
    assert.match(fonts, /DejaVuSans/);
    assert.doesNotMatch(fonts, /Helvetica/);
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', path.join(dir, 'cy.pdf'), path.join(SHOTS, 'render-cy')]);
    }
  });

  test('a chart’s long Welsh labels wrap inside their column: no two words on any page overlap', async () => {
    const doc = sampleReport('cy');
    const long = [
      'Cyngor Bwrdeistref Sirol Rhondda Cynon Taf',
      'Cyngor Bwrdeistref Sirol Castell-nedd Port Talbot',
      'Mewn grŵp o frodyr a chwiorydd y dylid eu lleoli gyda’i gilydd',
    ];
    const chart = doc.sections[0]!.charts[0]!;
    doc.sections[0]!.charts[0] = { ...chart, bars: chart.bars.map((b, i) => ({ ...b, label: long[i % long.length]! + (i >= long.length ? ` ${i}` : '') })) };
    const file = path.join(dir, 'cy-long-labels.pdf');
    writeFileSync(file, (await renderReport(doc, 'pdf')).bytes);
    // pdftotext -bbox gives every word's box in points; words drawn over each other would share area.
    const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    const pages = html.split('<page ').slice(1);
    let words = 0;
    for (const [p, page] of pages.entries()) {
      const boxes = [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
        x0: Number(m[1]),
        y0: Number(m[2]),
        x1: Number(m[3]),
        y1: Number(m[4]),
        text: m[5]!,
      }));
      words += boxes.length;
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i]!, boxes[j]!];
          // A point of tolerance: neighbouring lines' boxes touch at their ascenders and descenders.
          const overlapX = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
          const overlapY = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
          assert.ok(!(overlapX > 1 && overlapY > 1), `page ${p + 1}: “${a.text}” overlaps “${b.text}”`);
        }
    }
    assert.ok(words > 200, `words read: ${words}`);
    for (const word of ['Rhondda', 'Talbot', 'chwiorydd']) assert.ok(html.includes(`>${word}</word>`), `the long labels are all there: ${word}`);
  });

  test('in English: page numbers "Page 1 of N", English headings', async () => {
    const r = await renderReport(sampleReport('en'), 'pdf');
    assert.equal(r.fileName, 'adopting-together-report-2026-04-01-2027-03-31-en.pdf');
    const text = pdfText(r.bytes, 'en.pdf');
    assert.match(text, /Page 1 of \d+/);
    assert.ok(text.includes('How the measures are defined'));
    assert.ok(text.includes('Key findings'));
    assert.match(text, /Total +1,615 +95 +47% +7\.1/);
  });

  test('a long table repeats its header row on each page it runs onto', async () => {
    const doc = sampleReport('en', { extraSections: 1, tablesPerSection: 1, rowsPerTable: 90 });
    const r = await renderReport(doc, 'pdf');
    const file = path.join(dir, 'long.pdf');
    writeFileSync(file, r.bytes);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    let withHeader = 0;
    for (let p = 1; p <= pages; p++) {
      const text = execFileSync('pdftotext', ['-layout', '-f', String(p), '-l', String(p), file, '-'], { encoding: 'utf8' });
      if (text.includes('Measure table 1: Children by local authority')) {
        assert.match(text, /Local authority +Referred +Placed/);
        withHeader++;
      }
    }
    assert.ok(withHeader >= 2, `table pages with a header: ${withHeader}`);
  });
});

describe('XLSX', () => {
  test('read back: a sheet per section, numbers as numbers equal to the document, c as text', async () => {
    for (const language of ['cy', 'en'] as const) {
      const doc = sampleReport(language);
      const r = await renderReport(doc, 'xlsx');
      assert.equal(r.contentType, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.equal(r.fileName, `adopting-together-report-2026-04-01-2027-03-31-${language}.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.bytes as unknown as ArrayBuffer);
      assert.equal(wb.worksheets.length, doc.sections.length + 1);
      const cover = wb.worksheets[0]!;
      assert.equal(cover.getCell('A1').value, doc.title);
      const coverText = cover.getSheetValues().flat().map(String).join('\n');
      assert.ok(coverText.includes(doc.disclosureNote));
      assert.ok(coverText.includes(doc.reference!));
      doc.sections.forEach((section, si) => {
        const ws = wb.worksheets[si + 1]!;
        assert.ok(ws.name.length <= 31);
        assert.equal(ws.getCell('A1').value, section.title);
        for (const table of section.tables) {
          let captionRow = 0;
          ws.eachRow((row, n) => {
            if (!captionRow && row.getCell(1).value === table.caption) captionRow = n;
          });
          assert.ok(captionRow > 0, table.caption);
          const header = ws.getRow(captionRow + 1);
          assert.equal(header.getCell(1).value, table.labelHeading);
          table.columns.forEach((c, i) => assert.equal(header.getCell(i + 2).value, c.heading));
          table.rows.forEach((row, ri) => {
            const xr = ws.getRow(captionRow + 2 + ri);
            assert.equal(xr.getCell(1).value, row.label);
            assert.equal(xr.getCell(1).font?.bold === true, row.total === true, `bold ${row.label}`);
            table.columns.forEach((c, i) => {
              const v = row.values[i];
              const got = xr.getCell(i + 2).value;
              if (typeof v === 'number') {
                assert.equal(typeof got, 'number', `${table.code} ${row.label} ${c.code}`);
                assert.equal(got, c.kind === 'pence' ? v / 100 : v);
                assert.ok(xr.getCell(i + 2).numFmt, 'a number format');
              } else if (v === null || v === undefined) assert.equal(got, '–');
              else assert.equal(got, v === '' ? null : v);
            });
          });
          const noteCell = ws.getRow(captionRow + 2 + table.rows.length).getCell(1).value;
          if (table.notes.length) assert.equal(noteCell, table.notes[0]);
        }
        const all = ws.getSheetValues().flat().map(String);
        for (const m of section.method) assert.ok(all.includes(m));
        for (const c of section.charts) assert.ok(all.includes(c.description));
        assert.equal(ws.views[0]?.state, 'frozen');
      });
      const children = wb.worksheets[1]!;
      assert.equal(typeof children.getCell('C10').value, 'string');
      if (language === 'cy') assert.equal(children.name, 'Plant a atgyfeiriwyd, a');
    }
  });
});

describe('CSV zip', () => {
  test('read back: a file per table with Welsh headers and the same values, and a Welsh README', async () => {
    const doc = sampleReport('cy');
    const r = await renderReport(doc, 'csv');
    assert.equal(r.contentType, 'application/zip');
    assert.equal(r.fileName, 'adopting-together-report-2026-04-01-2027-03-31-cy.zip');
    const files = await unzip(r.bytes);
    assert.deepEqual([...files.keys()].sort(), ['README.txt', 'children-by-authority.csv', 'money-fees.csv', 'recruitment-approved.csv']);
    const csv = files.get('children-by-authority.csv')!;
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
    const rows = parseCsv(csv.toString('utf8').slice(1));
    assert.deepEqual(rows[0], ['Awdurdod lleol', 'Atgyfeiriwyd', 'Lleolwyd', 'Lleolwyd gyda brodyr a chwiorydd', 'Cyfartaledd profiadau niweidiol']);
    assert.deepEqual(rows[1], ['Ynys Môn', '30', '12', '40', '6.3']);
    assert.deepEqual(rows[2], ['Gwynedd', '37', 'c', 'c', '–']);
    assert.deepEqual(rows.at(-1), ['Cyfanswm', '1615', '95', '47', '7.1']);
    const fees = parseCsv(files.get('money-fees.csv')!.toString('utf8').slice(1));
    assert.deepEqual(fees[2], ['Gwynedd', '123456.78', 'Cytundeb "A", 2026']);
    assert.ok(files.get('money-fees.csv')!.toString('utf8').includes('"Cytundeb ""A"", 2026"'));
    const readme = files.get('README.txt')!.toString('utf8');
    assert.ok(readme.includes('Y ffeiliau'));
    assert.ok(readme.includes('children-by-authority.csv'));
    assert.ok(readme.includes(doc.disclosureNote));
    assert.ok(readme.includes('dŷ ei deulu mabwysiadol'));
    assert.ok(readme.includes('c: heb ei ddangos'));
  });
});

describe('the same document gives the same bytes', () => {
  for (const format of ['pdf', 'xlsx', 'csv'] as const) {
    test(format, async () => {
      const doc: ReportDocument = sampleReport('cy');
      const a = await renderReport(doc, format);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const b = await renderReport(structuredClone(doc), format);
      assert.ok(a.bytes.equals(b.bytes), `${format} bytes differ`);
    });
  }
});
