import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

// A zip written file by file to an async sink (a platform write stream): only the file being
// added and the zip's few bytes of bookkeeping are held, never the whole package.

export class ZipWriter {
  private readonly zip: Zip;
  private pending: Uint8Array[] = [];
  private error: Error | null = null;

  constructor(private readonly sink: (chunk: Uint8Array) => Promise<void>) {
    this.zip = new Zip((err, data) => {
      if (err) this.error = err;
      else if (data.byteLength) this.pending.push(data);
    });
  }

  /** Adds one file; `compress` for text (JSON), not for formats that are compressed already (PDF, XLSX). */
  async add(path: string, bytes: Uint8Array, compress: boolean): Promise<void> {
    const file = compress ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
    this.zip.add(file);
    file.push(bytes, true);
    await this.flush();
  }

  /**
   * Adds one file given as chunks (an attached scan): each chunk goes out as it comes, so a file
   * of any size costs one chunk of memory. Stored as is (scans are compressed already).
   */
  async addStream(path: string, chunks: AsyncIterable<Uint8Array>): Promise<void> {
    const file = new ZipPassThrough(path);
    this.zip.add(file);
    for await (const chunk of chunks) {
      file.push(chunk, false);
      await this.flush();
    }
    file.push(new Uint8Array(0), true);
    await this.flush();
  }

  /** Writes the central directory. */
  async end(): Promise<void> {
    this.zip.end();
    await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.error) throw this.error;
    const chunks = this.pending;
    this.pending = [];
    for (const c of chunks) await this.sink(c);
  }
}
