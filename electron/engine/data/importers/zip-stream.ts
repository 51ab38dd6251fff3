// Streams the first file of a .zip archive through fflate's incremental Unzip, one input chunk at a time.
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { DataError } from '../../errors';

export interface ZipEntryStream {
  /** Name of the entry being streamed (known after the first chunk containing its header). */
  name(): string | undefined;
  chunks: AsyncGenerator<Uint8Array>;
}

/**
 * fflate's UnzipInflate is synchronous, so everything a compressed chunk expands to is ready right
 * after push(); memory stays bounded by one chunk's worth of output.
 */
export function unzipFirstEntry(input: AsyncIterable<Uint8Array>, path: string): ZipEntryStream {
  let entryName: string | undefined;
  let done = false;
  let failure: unknown;
  const out: Uint8Array[] = [];
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file: UnzipFile) => {
    if (entryName !== undefined || file.name.endsWith('/')) return;
    entryName = file.name;
    file.ondata = (err, data, final) => {
      if (err) failure = err;
      if (data.length > 0) out.push(data);
      if (final) done = true;
    };
    file.start();
  };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of input) {
      unzip.push(chunk, false);
      if (failure) throw new DataError(`corrupt zip ${path}: ${String(failure)}`, 'DATA_CORRUPT_ZIP', { value: path });
      while (out.length > 0) yield out.shift()!;
      if (done) return;
    }
    if (entryName === undefined) throw new DataError(`zip ${path} holds no file`, 'DATA_EMPTY_ZIP', { value: path });
    if (!done) throw new DataError(`zip ${path} is truncated`, 'DATA_CORRUPT_ZIP', { value: path });
  }
  return { name: () => entryName, chunks: chunks() };
}
