import fs from 'node:fs';
import yauzl from 'yauzl';
import yazl from 'yazl';

/** Every entry of a zip, in order, as name and content (a repeated name is kept twice). */
export async function readZipEntries(file: string): Promise<[string, Buffer][]> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const entries: [string, Buffer][] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          entries.push([entry.fileName, Buffer.concat(chunks)]);
          zip.readEntry();
        });
      });
    });
    zip.once('end', resolve);
    zip.once('error', reject);
    zip.readEntry();
  });
  zip.close();
  return entries;
}

/** Writes these entries as a zip at `out`, as someone (or a damaged disk) might have altered a bundle. */
export async function writeZip(
  entries: Iterable<[string, Buffer]>,
  out: string,
  options: { compress?: boolean } = {},
): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of entries) zip.addBuffer(data, name, { compress: options.compress ?? true });
  zip.end();
  await new Promise<void>((resolve, reject) =>
    zip.outputStream.pipe(fs.createWriteStream(out)).on('close', resolve).on('error', reject),
  );
  return out;
}
