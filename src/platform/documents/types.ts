/**
 * What the document store accepts: PDF, pictures and Word documents, up to 10 MB; case documents
 * (the `case` profile) also OpenDocument text and plain text, which local authorities' systems
 * export. The type is read from the file's first bytes, not from its name or what the browser
 * claimed: a renamed file is refused as what it is. Pure: no I/O.
 */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const DOCUMENT_TYPES = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'text/plain': 'txt',
} as const;

/**
 * Which types an upload may be. `standard`: what families send through the portal (PDF, JPG/PNG,
 * Word). `case`: a case record's documents, adding OpenDocument and plain text.
 */
export type TypeProfile = 'standard' | 'case';

export type DocumentContentType = keyof typeof DOCUMENT_TYPES;

const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((b, i) => bytes[i] === b);

/** The content type of a file from its first bytes (and, for a zip, that it is a Word document), or undefined. */
export function detectContentType(bytes: Uint8Array, profile: TypeProfile = 'standard'): DocumentContentType | undefined {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'application/msword';
  // A .docx is a zip whose parts include word/document.xml (named in the zip's directory).
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && Buffer.from(bytes).includes('word/')) {
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  }
  if (profile !== 'case') return undefined;
  // An OpenDocument file is a zip whose first entry is "mimetype", stored uncompressed, naming its kind.
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && Buffer.from(bytes.subarray(30, 100)).toString('latin1').startsWith(ODT_SIGNATURE)) {
    return 'application/vnd.oasis.opendocument.text';
  }
  if (isPlainText(bytes)) return 'text/plain';
  return undefined;
}

const ODT_SIGNATURE = 'mimetypeapplication/vnd.oasis.opendocument.text';

/** UTF-8 text with no control characters but tab, line ends and form feed: a file a person wrote. */
function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const allowed = code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
    if ((code < 0x20 && !allowed) || code === 0x7f) return false;
  }
  return true;
}

export type UploadProblem = 'empty' | 'tooLarge' | 'type';

/** Why a file cannot be stored, or undefined when it may (the scan comes after). */
export function uploadProblem(bytes: Uint8Array, maxBytes = MAX_DOCUMENT_BYTES, profile: TypeProfile = 'standard'): UploadProblem | undefined {
  if (bytes.length === 0) return 'empty';
  if (bytes.length > maxBytes) return 'tooLarge';
  if (!detectContentType(bytes, profile)) return 'type';
  return undefined;
}

/**
 * A file name safe to store and to send back in a Content-Disposition header: no folders, no
 * control characters, at most 120 characters, with the extension of what the file really is.
 */
export function safeFilename(name: string | undefined, contentType: DocumentContentType): string {
  const extension = DOCUMENT_TYPES[contentType];
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/["<>|:*?]/g, '')
    .replace(/\p{Cc}/gu, '')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .trim()
    .slice(0, 120);
  return `${base || 'document'}.${extension}`;
}
