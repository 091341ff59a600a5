import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
import yazl from 'yazl';
import type { DictionaryField } from './dictionary.ts';

/** What goes into an extract's zip: the rows arrive in batches and are never held whole. */
export type ExtractContent = {
  header: readonly string[];
  /** The CSV's lines after the header, in batches of text (each line ending in a newline, as csv-stringify writes the header). */
  lines: AsyncIterable<string>;
  dictionary: readonly DictionaryField[];
  readme: string;
  /** The date written on every file of the zip, so the same content gives the same bytes. */
  madeOn: Date;
};

export type ZipSummary = { sha256: string; bytes: number; files: { name: string; sha256: string }[] };

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** The dictionary as CSV and JSON, in both languages. */
export function dictionaryFiles(dictionary: readonly DictionaryField[]): { csv: string; json: string } {
  return {
    csv: stringify([['field', 'kind', 'description_en', 'description_cy'], ...dictionary.map((f) => [f.name, f.kind, f.en, f.cy])]),
    json: `${JSON.stringify({ fields: dictionary.map((f) => ({ name: f.name, kind: f.kind, description: { en: f.en, cy: f.cy } })) }, null, 2)}\n`,
  };
}

/**
 * Streams an extract's zip (yazl) to `sink`, piece by piece: data.csv, the data dictionary as CSV
 * and JSON, a README, and MANIFEST-SHA256.txt with the SHA-256 of each of those files (the format
 * `sha256sum -c` reads). Answers the SHA-256 and size of the whole zip, computed as it passes.
 */
export async function writeExtractZip(content: ExtractContent, sink: (chunk: Buffer) => Promise<void>): Promise<ZipSummary> {
  const zip = new yazl.ZipFile();
  const options = { mtime: content.madeOn, compress: true };
  const files: { name: string; sha256: string }[] = [];

  const dataHash = createHash('sha256');
  const csv = Readable.from(
    (async function* () {
      yield Buffer.from(stringify([content.header as string[]]));
      for await (const text of content.lines) if (text) yield Buffer.from(text);
    })(),
    // Bytes, not objects: read ahead only 64 KB (one batch) rather than Readable.from's 16 batches.
    { objectMode: false, highWaterMark: 64 * 1024 },
  );
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      dataHash.update(chunk);
      done(null, chunk);
    },
  });
  zip.addReadStream(hashing, 'data.csv', options);
  const dictionary = dictionaryFiles(content.dictionary);
  for (const [name, text] of [
    ['data-dictionary.csv', dictionary.csv],
    ['data-dictionary.json', dictionary.json],
    ['README.txt', content.readme],
  ] as const) {
    zip.addBuffer(Buffer.from(text), name, options);
    files.push({ name, sha256: sha256(text) });
  }

  const whole = createHash('sha256');
  let bytes = 0;
  const output = (async () => {
    for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) {
      whole.update(chunk);
      bytes += chunk.length;
      await sink(chunk);
    }
  })();
  try {
    await pipeline(csv, hashing);
  } catch (error) {
    (zip.outputStream as Readable).destroy();
    await output.catch(() => undefined);
    throw error;
  }
  files.unshift({ name: 'data.csv', sha256: dataHash.digest('hex') });
  zip.addBuffer(Buffer.from(files.map((f) => `${f.sha256}  ${f.name}\n`).join('')), 'MANIFEST-SHA256.txt', options);
  zip.end();
  await output;
  return { sha256: whole.digest('hex'), bytes, files };
}
