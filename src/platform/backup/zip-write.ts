import yazl from 'yazl';

/**
 * Files as one zip held in memory (yazl), readable by the operating system's own tools: an
 * organisation's transfer bundle, a subject access request's bundle. Every entry carries the same
 * fixed time and owner-only permissions, so the same files make the same zip.
 */
export async function zipOf(entries: readonly (readonly [name: string, bytes: Buffer])[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const mtime = new Date('2000-01-01T00:00:00Z');
  for (const [name, bytes] of entries) zip.addBuffer(bytes, name, { mtime, mode: 0o100600 });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
