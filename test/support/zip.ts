/** Every file of a zip, by name: the service's own reader (yauzl), so tests read bundles as an import does. */
export { readZip as unzip } from '../../src/platform/backup/zip-read.ts';
