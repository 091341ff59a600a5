import { attachmentDisposition } from '../../platform/http/download.ts';

/**
 * An issued report's file as the reader's browser saves it: named in the reader's words, with the
 * report's reference and the language it was written in (adroddiad-R-2026-0001-v1-saesneg.pdf),
 * whatever name it was stored under.
 */
export function reportDisposition(t: (key: string) => string, file: { fileName: string; reference: string; language: string }): string {
  const extension = /\.([a-z0-9]+)$/i.exec(file.fileName)?.[1] ?? 'bin';
  const reference = file.reference.replace(/\s+/g, '-');
  return attachmentDisposition(`${t('fileNames.report')}-${reference}-${t(`fileNames.reportLanguage.${file.language}`)}.${extension}`);
}
