import { writeSync } from 'node:fs';
import { runCli } from './main.ts';

/**
 * Writes to standard output synchronously, so a long connlist streams with bounded memory; a
 * non-blocking pipe that is full (EAGAIN) is waited on briefly and retried.
 */
function writeOut(chunk: string | Uint8Array): void {
  let buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (buffer.length > 0) {
    try {
      buffer = buffer.subarray(writeSync(1, buffer));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // The reader went away (`reachlab connlist | head`): nothing more to say.
      if (code === 'EPIPE') process.exit(0);
      if (code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 2);
    }
  }
}

const result = runCli(process.argv.slice(2), writeOut);
writeOut(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.status;
