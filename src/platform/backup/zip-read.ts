import yauzl from 'yauzl';
import { BackupRefused } from './format.ts';

/**
 * Every file of a zip held in memory, by name (yauzl). A file that is not a zip, is cut short or
 * whose entries do not unpack is refused in words, before anything is changed.
 */
export async function readZip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const refused = () => new BackupRefused('this is not a transfer bundle (not a zip file, or one cut short or altered): nothing was changed');
  const files = new Map<string, Buffer>();
  try {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, opened) => (error ? reject(error) : resolve(opened))),
    );
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (error, stream) => {
          if (error) return reject(error);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve());
      zip.on('error', reject);
      zip.readEntry();
    });
  } catch {
    throw refused();
  }
  return files;
}
