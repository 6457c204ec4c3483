import { closeSync, existsSync, fdatasyncSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';

/**
 * An append-only log of JSON lines, each one a whole transaction. Every append is
 * flushed to disk before it returns, so a change the sandbox answered for survives
 * `kill -9`; a torn last line (killed mid-write) is dropped on replay.
 */
export class Journal<T> {
  private fd: number | null = null;

  constructor(private readonly path: string) {}

  replay(): T[] {
    if (!existsSync(this.path)) return [];
    const text = readFileSync(this.path, 'utf8');
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    // Cut a torn tail now, so that the next append starts on a clean line.
    if (complete.length !== text.length) truncateSync(this.path, Buffer.byteLength(complete));
    return complete
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as T);
  }

  append(entry: T): void {
    this.fd ??= openSync(this.path, 'a');
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    fdatasyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
