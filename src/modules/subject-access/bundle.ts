import { createHash } from 'node:crypto';

/**
 * The one shape of every subject access bundle (a person's, a child's): its files, the manifest
 * with each file's SHA-256 and size, and the README's sections.
 */

/** A file of the bundle: JSON and text as strings, documents and the PDF summary as bytes. */
export type BundleFile = { name: string; content: string | Buffer };

export function sha256(content: string | Buffer): string {
  return typeof content === 'string' ? createHash('sha256').update(content, 'utf8').digest('hex') : createHash('sha256').update(content).digest('hex');
}

/** The manifest (SHA-256 and size of every file) added to the files. */
export function withManifest(subject: Record<string, string>, generatedAt: Date, files: BundleFile[]): BundleFile[] {
  const manifest = {
    ...subject,
    generatedAt: generatedAt.toISOString(),
    files: files.map((f) => ({ name: f.name, sha256: sha256(f.content), bytes: Buffer.byteLength(f.content) })),
  };
  return [...files, { name: 'manifest.json', content: `${JSON.stringify(manifest, null, 2)}\n` }];
}

/**
 * A bundle's README, the one shape for a person's and a child's: what was gathered, the files
 * (with those the caller adds after the records), what was redacted, what to read before sending,
 * and the closing words.
 */
export function bundleReadme(
  heading: string,
  generatedAt: Date,
  about: string,
  result: { files: readonly BundleFile[]; redacted: readonly string[]; forReview: readonly string[] },
  more: { files: readonly string[]; closing: readonly string[] },
): string {
  return [
    `# ${heading}`,
    '',
    `Gathered ${generatedAt.toISOString()} from the Adopting Together platform: everything it holds ${about},`,
    'read through each module that owns the records. Review it before it is sent.',
    '',
    '## Files',
    ...result.files.map((f) => `- ${f.name}`),
    ...more.files.map((f) => `- ${f}`),
    '',
    '## Redacted (other people)',
    ...(result.redacted.length ? result.redacted.map((r) => `- ${r}`) : ['- nothing']),
    '',
    '## To read before sending (free text that may name other people)',
    ...(result.forReview.length ? result.forReview.map((r) => `- ${r}`) : ['- nothing']),
    '',
    ...more.closing,
    '',
  ].join('\n');
}
