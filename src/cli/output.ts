/** Receives what a command writes: text, or UTF-8 bytes it must consume before returning. */
export type Sink = (chunk: string | Uint8Array) => void;

const decoder = new TextDecoder();

/** Where a command writes its standard output: collected (tests) or streamed (the real CLI). */
export class Output {
  private chunks: string[] = [];
  private size = 0;

  /** @param sink receives text in chunks of about 64 KB; without it, everything is kept. */
  constructor(private readonly sink?: Sink) {}

  write(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    if (this.sink && this.size >= 65536) this.flush();
  }

  /**
   * Whole UTF-8 text already encoded (a writer's chunk, reused after the call): streamed as is
   * after the text written before it, or decoded when output is collected.
   */
  writeBytes(bytes: Uint8Array): void {
    if (!this.sink) {
      this.write(decoder.decode(bytes));
      return;
    }
    this.flush();
    this.sink(bytes);
  }

  /** Sends what is buffered to the sink; returns what was kept (everything when there is none). */
  flush(): string {
    const text = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    if (!this.sink) {
      this.chunks.push(text);
      this.size = text.length;
      return text;
    }
    if (text) this.sink(text);
    return '';
  }
}
