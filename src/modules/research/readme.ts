import type { IsoDate } from '../../platform/dates/dates.ts';

/** The README of an extract's zip, in English and Welsh: what it holds, how it was made safe, how to check it. */
export function extractReadme(about: {
  title: string;
  partnerName: string;
  /** The partner's Welsh name, when it has one: the README is in both languages, so it gives both names. */
  partnerNameCy?: string | null;
  purpose: string;
  lawfulBasis: string;
  endDate: IsoDate;
  asOf: IsoDate;
  children: number;
  minimumCount: number;
}): string {
  return `Adopting Together: research extract / Detholiad ymchwil

Agreement / Cytundeb: ${about.title}
Research partner / Partner ymchwil: ${bothNames(about.partnerName, about.partnerNameCy)}
Purpose / Diben: ${about.purpose}
Lawful basis / Sail gyfreithlon: ${about.lawfulBasis}
Extract made on / Dyddiad y detholiad: ${about.asOf}
Agreement ends / Diwedd y cytundeb: ${about.endDate}
Children / Plant: ${about.children}

Files / Ffeiliau
- data.csv: one row per child / un rhes i bob plentyn
- data-dictionary.csv, data-dictionary.json: what each column holds / beth sydd ym mhob colofn
- MANIFEST-SHA256.txt: SHA-256 of every file; check with \`sha256sum -c MANIFEST-SHA256.txt\`
  / SHA-256 pob ffeil; gwiriwch gyda \`sha256sum -c MANIFEST-SHA256.txt\`

How the data were made safe
- Each child is a pseudonym (HMAC-SHA-256 with a key kept by the agency for this agreement): the
  same child has the same pseudonym in every extract of this agreement, and a different one under
  any other agreement. The key is never shared.
- Dates are given as months (YYYY-MM); ages in whole years; postcodes as districts (e.g. CF10).
- Names and free text are never included.
- A category held by fewer than ${about.minimumCount} children is merged into "other"; where even
  that would be too few, the field shows "c" (suppressed).

Sut y gwnaed y data'n ddiogel
- Mae pob plentyn yn ffugenw (HMAC-SHA-256 gydag allwedd a gedwir gan yr asiantaeth ar gyfer y
  cytundeb hwn): mae gan yr un plentyn yr un ffugenw ym mhob detholiad o'r cytundeb hwn, ac un
  gwahanol o dan unrhyw gytundeb arall. Ni rennir yr allwedd byth.
- Rhoddir dyddiadau fel misoedd (BBBB-MM); oedrannau mewn blynyddoedd cyfan; codau post fel
  ardaloedd (e.e. CF10).
- Ni chynhwysir enwau na thestun rhydd byth.
- Mae categori sydd gan lai na ${about.minimumCount} o blant yn cael ei gyfuno ag "other" (arall);
  lle byddai hynny hyd yn oed yn rhy ychydig, mae'r maes yn dangos "c" (wedi'i atal).
`;
}

/** "English name / Welsh name" when the organisation has a Welsh name of its own, else its one name. */
function bothNames(name: string, nameCy: string | null | undefined): string {
  const welsh = nameCy?.trim();
  return welsh && welsh !== name ? `${name} / ${welsh}` : name;
}
