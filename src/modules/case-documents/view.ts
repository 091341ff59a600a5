import { locale, longDate, type T } from '../../platform/format/format.ts';
import type { CaseDocument } from './service.ts';
import { documentHref } from './service.ts';
import type { OwnerKind } from './vocabulary.ts';

/** "2.4 MB", "830 KB": the size of a file for people. */
export function fileSize(bytes: number, language: string): string {
  const format = (n: number) => new Intl.NumberFormat(locale(language), { maximumFractionDigits: 1 }).format(n);
  if (bytes >= 1024 * 1024) return `${format(bytes / 1024 / 1024)} MB`;
  return `${format(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

/** A record's documents as the page lists them: the newest version in the row, earlier ones beneath. Pure. */
export function documentRows(documents: readonly CaseDocument[], owner: { kind: OwnerKind; id: string }, t: T, language: string) {
  return documents.map((d) => {
    const [newest, ...earlier] = d.versions;
    const version = (v: NonNullable<typeof newest>) => ({
      number: v.version,
      href: documentHref(owner.kind, owner.id, d.id, v.version),
      linkText: t('case-documents:list.download', { file: v.filename }),
      size: fileSize(v.byteSize, language),
      uploadedBy: v.uploadedBy ?? t('case-documents:list.someoneElse'),
      uploadedOn: longDate(v.uploadedAt.toISOString(), language),
    });
    return {
      id: d.id,
      title: d.title,
      kind: t(`case-documents:kind.${d.kind}`),
      date: longDate(d.documentDate, language),
      visibility: t(`case-documents:visibility.${d.visibility}`),
      version: d.version,
      newest: newest ? version(newest) : null,
      earlier: earlier.map(version),
    };
  });
}
