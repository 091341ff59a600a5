/**
 * The Content-Disposition of a file a page sends, named in the reader's language (RFC 6266): an
 * ASCII name for old clients, and the exact name in UTF-8 (Welsh letters such as ŵ) for the rest.
 */
export function attachmentDisposition(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const ascii =
    fileName
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'download';
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The headers of a PDF a page sends: saved under the reader's name for it, never kept by a shared cache. */
export function pdfHeaders(fileName: string): Record<string, string> {
  return { 'content-type': 'application/pdf', 'content-disposition': attachmentDisposition(fileName), 'cache-control': 'no-store' };
}
