import type { ReportDocument, ReportLanguage, ReportSection, ReportTable } from '../document.ts';

/**
 * A hand-made report for the renderers' tests and benchmark: synthetic figures, in English or Welsh,
 * with every kind of column, suppressed cells, dashes, total rows, notes and charts with a suppressed bar.
 * `size` grows it (sections × tables × rows) for the benchmark.
 */

const AUTHORITIES = {
  en: ['Anglesey', 'Gwynedd', 'Conwy', 'Denbighshire', 'Flintshire', 'Wrexham', 'Powys', 'Ceredigion', 'Pembrokeshire', 'Carmarthenshire'],
  cy: ['Ynys Môn', 'Gwynedd', 'Conwy', 'Sir Ddinbych', 'Sir y Fflint', 'Wrecsam', 'Powys', 'Ceredigion', 'Sir Benfro', 'Sir Gaerfyrddin'],
};

const T = {
  en: {
    title: 'Adopting Together: report to Welsh Government',
    recipient: 'Welsh Government (fictional test copy)',
    issuer: 'Adopting Together Agency (fictional)',
    words: '1 April 2026 to 31 March 2027',
    issuedOn: '14 April 2027',
    disclosure:
      'Counts of 1 to 4 children are shown as c. Further cells are suppressed where a hidden figure could otherwise be worked out from a total. Totals are rounded to the nearest 5. Percentages are whole numbers and never computed from a suppressed cell.',
    children: 'Children referred, matched and placed',
    childrenMethod: [
      'A child is counted as referred on the date the local authority’s referral was accepted for consideration.',
      'A child is placed on the date they moved in with their adoptive family.',
    ],
    childrenHeadlines: [
      'Children placed had on average 7.1 adverse childhood experiences against 4.0 in the comparison cohort.',
      '45 children were placed with their brothers and sisters.',
    ],
    byAuthority: 'Children by local authority',
    la: 'Local authority',
    referred: 'Referred',
    placed: 'Placed',
    share: 'Placed with siblings',
    aces: 'Average ACEs',
    total: 'Total',
    notes: ['c: suppressed to protect privacy.', '–: no child placed, so no average.'],
    chart: 'Children placed by local authority',
    chartDesc: 'Bars show the number of children placed in each local authority; the table above holds the figures.',
    unit: 'children',
    money: 'Cost recovery',
    moneyMethod: ['Fees are the invoiced amounts, before VAT, for placements made in the period.'],
    fees: 'Fees invoiced',
    feeTable: 'Fees by local authority',
    note: 'Note',
    recruitment: 'Recruitment and training',
    families: 'Families approved by household',
    household: 'Household',
    approved: 'Approved',
    couples: 'Couples (husband and wife)',
    sameSex: 'Same-sex couples',
    single: 'Single adopters',
    wait: 'Can consider children who wait',
    tableN: (n: number) => `Measure table ${n}`,
    sectionN: (n: number) => `Measures section ${n}`,
  },
  cy: {
    title: 'Mabwysiadu Gyda’n Gilydd: adroddiad i Lywodraeth Cymru',
    recipient: 'Llywodraeth Cymru (copi prawf ffug)',
    issuer: 'Asiantaeth Mabwysiadu Gyda’n Gilydd (ffug)',
    words: '1 Ebrill 2026 i 31 Mawrth 2027',
    issuedOn: '14 Ebrill 2027',
    disclosure:
      'Dangosir cyfrifon o 1 i 4 plentyn fel c. Caiff celloedd eraill eu hatal lle gellid cyfrifo ffigur cudd o gyfanswm. Caiff cyfansymiau eu talgrynnu i’r 5 agosaf. Mae canrannau’n rhifau cyfan ac ni chânt byth eu cyfrifo o gell a ataliwyd.',
    children: 'Plant a atgyfeiriwyd, a gydweddwyd ac a leolwyd',
    childrenMethod: [
      'Caiff plentyn ei gyfrif fel un a atgyfeiriwyd ar y dyddiad y derbyniwyd atgyfeiriad yr awdurdod lleol i’w ystyried.',
      'Caiff plentyn ei leoli ar y dyddiad y symudodd i dŷ ei deulu mabwysiadol.',
    ],
    childrenHeadlines: [
      'Ar gyfartaledd roedd gan y plant a leolwyd 7.1 o brofiadau niweidiol yn ystod plentyndod, o’i gymharu â 4.0 yn y garfan gymharu.',
      'Cafodd 45 o blant eu lleoli mewn tŷ newydd gyda’u brodyr a’u chwiorydd.',
    ],
    byAuthority: 'Plant fesul awdurdod lleol',
    la: 'Awdurdod lleol',
    referred: 'Atgyfeiriwyd',
    placed: 'Lleolwyd',
    share: 'Lleolwyd gyda brodyr a chwiorydd',
    aces: 'Cyfartaledd profiadau niweidiol',
    total: 'Cyfanswm',
    notes: ['c: wedi’i atal i ddiogelu preifatrwydd.', '–: ni leolwyd plentyn, felly dim cyfartaledd.'],
    chart: 'Plant a leolwyd fesul awdurdod lleol',
    chartDesc: 'Mae’r barrau’n dangos nifer y plant a leolwyd ym mhob awdurdod lleol; mae’r tabl uchod yn dal y ffigurau.',
    unit: 'plant',
    money: 'Adennill costau',
    moneyMethod: ['Y ffioedd yw’r symiau a anfonebwyd, cyn TAW, am leoliadau a wnaed yn y cyfnod.'],
    fees: 'Ffioedd a anfonebwyd',
    feeTable: 'Ffioedd fesul awdurdod lleol',
    note: 'Nodyn',
    recruitment: 'Recriwtio a hyfforddiant',
    families: 'Teuluoedd a gymeradwywyd fesul aelwyd',
    household: 'Aelwyd',
    approved: 'Cymeradwywyd',
    couples: 'Cyplau (gŵr a gwraig)',
    sameSex: 'Cyplau o’r un rhyw',
    single: 'Mabwysiadwyr sengl',
    wait: 'Yn gallu ystyried plant sy’n aros',
    tableN: (n: number) => `Tabl mesur ${n}`,
    sectionN: (n: number) => `Adran fesurau ${n}`,
  },
};

export type SampleSize = { extraSections: number; tablesPerSection: number; rowsPerTable: number };

export function sampleReport(language: ReportLanguage, size: SampleSize = { extraSections: 0, tablesPerSection: 0, rowsPerTable: 0 }): ReportDocument {
  const t = T[language];
  const las = AUTHORITIES[language];
  const placed = [12, 'c', 9, 15, 'c', 20, 7, 0, 11, 8] as const;
  const childrenTable: ReportTable = {
    code: 'by-authority',
    caption: t.byAuthority,
    labelHeading: t.la,
    columns: [
      { code: 'referred', heading: t.referred, kind: 'count' },
      { code: 'placed', heading: t.placed, kind: 'count' },
      { code: 'siblings', heading: t.share, kind: 'percent' },
      { code: 'aces', heading: t.aces, kind: 'decimal' },
    ],
    rows: [
      ...las.map((label, i) => ({
        label,
        values: [
          30 + i * 7,
          placed[i]!,
          placed[i] === 'c' ? 'c' : placed[i] === 0 ? null : 40 + i,
          placed[i] === 'c' || placed[i] === 0 ? null : 6.25 + i / 10,
        ] as (number | 'c' | null)[],
      })),
      { label: t.total, values: [1615, 95, 47, 7.1], total: true },
    ],
    notes: t.notes,
  };
  const children: ReportSection = {
    code: 'children',
    title: t.children,
    method: t.childrenMethod,
    headlines: t.childrenHeadlines,
    tables: [childrenTable],
    charts: [
      {
        code: 'placed',
        title: t.chart,
        description: t.chartDesc,
        unit: t.unit,
        bars: las.map((label, i) => ({ label, value: placed[i] === 'c' ? ('c' as const) : placed[i] === 0 ? null : placed[i]! })),
      },
    ],
  };
  const money: ReportSection = {
    code: 'money',
    title: t.money,
    method: t.moneyMethod,
    headlines: [],
    tables: [
      {
        code: 'fees',
        caption: t.feeTable,
        labelHeading: t.la,
        columns: [
          { code: 'fees', heading: t.fees, kind: 'pence' },
          { code: 'note', heading: t.note, kind: 'text' },
        ],
        rows: [
          { label: las[0]!, values: [2_700_000, ''] },
          { label: las[1]!, values: [12_345_678, 'Cytundeb "A", 2026'] },
          { label: las[2]!, values: ['c', ''] },
          { label: t.total, values: [16_045_678, ''], total: true },
        ],
        notes: [],
      },
    ],
    charts: [],
  };
  const recruitment: ReportSection = {
    code: 'recruitment',
    title: t.recruitment,
    method: [],
    headlines: [],
    tables: [
      {
        code: 'approved',
        caption: t.families,
        labelHeading: t.household,
        columns: [
          { code: 'approved', heading: t.approved, kind: 'count' },
          { code: 'wait', heading: t.wait, kind: 'count' },
        ],
        rows: [
          { label: t.couples, values: [31, 12] },
          { label: t.sameSex, values: [9, 'c'] },
          { label: t.single, values: [6, 'c'] },
          { label: t.total, values: [45, 20], total: true },
        ],
        notes: [t.notes[0]!],
      },
    ],
    charts: [],
  };
  const extra: ReportSection[] = [];
  for (let s = 1; s <= size.extraSections; s++) {
    const tables: ReportTable[] = [];
    for (let n = 1; n <= size.tablesPerSection; n++) {
      tables.push({
        code: `s${s}-t${n}`,
        caption: `${t.tableN(n)}: ${t.byAuthority}`,
        labelHeading: t.la,
        columns: childrenTable.columns,
        rows: Array.from({ length: size.rowsPerTable }, (_, r) => ({
          label: `${las[r % las.length]} ${Math.floor(r / las.length) + 1}`,
          values: [
            100 + ((r * 37 + n) % 400),
            (r + s) % 7 === 0 ? 'c' : 5 + ((r * 13 + s) % 60),
            (r + n) % 9 === 0 ? null : (r * 7) % 100,
            3 + ((r * 11) % 50) / 10,
          ],
          total: r === size.rowsPerTable - 1,
        })),
        notes: t.notes,
      });
    }
    extra.push({
      code: `measures-${s}`,
      title: t.sectionN(s),
      method: t.childrenMethod,
      headlines: t.childrenHeadlines,
      tables,
      charts: [{ ...children.charts[0]!, code: `chart-${s}` }],
    });
  }
  return {
    language,
    title: t.title,
    recipient: t.recipient,
    issuer: t.issuer,
    period: { from: '2026-04-01', to: '2027-03-31', words: t.words },
    reference: 'R-2026-0004 v2',
    issuedOn: t.issuedOn,
    disclosureNote: t.disclosure,
    sections: [children, money, recruitment, ...extra],
  };
}
