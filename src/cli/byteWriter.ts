import type { Output } from './output.ts';

/**
 * Gathers many small encoded pieces into one reused chunk for an Output: copying bytes costs
 * far less than making, joining and encoding a string per line when there are millions of lines.
 * A piece is never split across chunks, so each chunk is whole UTF-8.
 */
export class ByteWriter {
  private readonly chunk: Uint8Array;
  private used = 0;
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly out: Output,
    size = 256 * 1024,
  ) {
    this.chunk = new Uint8Array(size);
  }

  bytes(piece: Uint8Array): void {
    if (this.used + piece.length > this.chunk.length) {
      this.flush();
      if (piece.length > this.chunk.length) {
        this.out.writeBytes(piece);
        return;
      }
    }
    this.chunk.set(piece, this.used);
    this.used += piece.length;
  }

  /** Encodes text straight into the chunk (no buffer made for it). */
  text(text: string): void {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    if (this.used + text.length * 3 > this.chunk.length) {
      this.flush();
      if (text.length * 3 > this.chunk.length) {
        this.out.writeBytes(this.encoder.encode(text));
        return;
      }
    }
    this.used += this.encoder.encodeInto(text, this.chunk.subarray(this.used)).written;
  }

  /** Hands what is gathered to the Output. */
  flush(): void {
    if (this.used === 0) return;
    this.out.writeBytes(this.chunk.subarray(0, this.used));
    this.used = 0;
  }
}
