/** Bytes in one block of pieces. */
const BLOCK = 1 << 20;

/**
 * Encoded UTF-8 pieces kept for reuse, packed into shared blocks: one allocation per megabyte
 * rather than one buffer per piece, which costs microseconds each when there are thousands.
 */
export class Pieces {
  private block = new Uint8Array(BLOCK);
  private used = 0;
  private readonly encoder = new TextEncoder();

  /** The UTF-8 bytes of a text. */
  encode(text: string): Uint8Array {
    const room = this.room(text.length * 3);
    let n = 0;
    for (; n < text.length; n++) {
      const code = text.charCodeAt(n);
      if (code > 0x7f) break;
      room[n] = code;
    }
    // Past the first non-ASCII character, the encoder does the rest.
    if (n < text.length) n += this.encoder.encodeInto(text.slice(n), room.subarray(n)).written;
    return this.take(room, n);
  }

  /** Two pieces as one. */
  join(first: Uint8Array, second: Uint8Array): Uint8Array {
    const room = this.room(first.length + second.length);
    room.set(first);
    room.set(second, first.length);
    return this.take(room, first.length + second.length);
  }

  /** A view with at least `size` free bytes at the end of the current block (or of its own). */
  private room(size: number): Uint8Array {
    if (size > BLOCK / 4) return new Uint8Array(size);
    if (this.used + size > this.block.length) {
      this.block = new Uint8Array(BLOCK);
      this.used = 0;
    }
    return this.block.subarray(this.used);
  }

  private take(room: Uint8Array, length: number): Uint8Array {
    if (room.buffer === this.block.buffer) this.used += length;
    return room.subarray(0, length);
  }
}
