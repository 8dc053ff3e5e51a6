/** Thrown when decompressed data would pass the cap: a decompression bomb or a huge state. */
export class TooLargeError extends Error {}

async function readAll(stream: ReadableStream<Uint8Array>, cap: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel();
      throw new TooLargeError(`more than ${Math.round(cap / 1024 / 1024)} MB`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** Bytes per chunk handed to a (de)compressor: each chunk is its own task on the thread. */
const CHUNK = 64 * 1024;

/**
 * The bytes as a stream of chunks, with a macrotask between chunks: compressing megabytes of
 * manifests in one piece was one main-thread task of 100-170 ms (the autosave after an edit);
 * in chunks the page stays responsive while it runs.
 */
function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream(
    {
      async pull(controller) {
        if (offset > 0) await new Promise((resolve) => setTimeout(resolve, 0));
        controller.enqueue(bytes.subarray(offset, offset + CHUNK));
        offset += CHUNK;
        if (offset >= bytes.length) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}

/** deflate-raw with the platform's CompressionStream (browsers and Node 20). */
export function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  return readAll(
    streamOf(bytes).pipeThrough(
      new CompressionStream('deflate-raw') as unknown as TransformStream<Uint8Array, Uint8Array>,
    ),
    Number.POSITIVE_INFINITY,
  );
}

/** Inflates, stopping as soon as the output passes `cap` bytes. */
export function inflate(bytes: Uint8Array, cap: number): Promise<Uint8Array> {
  return readAll(
    streamOf(bytes).pipeThrough(
      new DecompressionStream('deflate-raw') as unknown as TransformStream<Uint8Array, Uint8Array>,
    ),
    cap,
  );
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += ALPHABET[a >> 2];
    out += ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)];
    if (b !== undefined) out += ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)];
    if (c !== undefined) out += ALPHABET[c & 63];
  }
  return out;
}

/** Decodes base64url (no padding); undefined when a character is outside the alphabet. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const values = [...text].map((ch) => ALPHABET.indexOf(ch));
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < values.length; i += 4) {
    const [a = 0, b = 0, c, d] = values.slice(i, i + 4);
    out[o++] = (a << 2) | (b >> 4);
    if (c !== undefined) out[o++] = ((b & 15) << 4) | (c >> 2);
    if (d !== undefined) out[o++] = ((c ?? 0) << 6) | d;
  }
  return out.subarray(0, o);
}
