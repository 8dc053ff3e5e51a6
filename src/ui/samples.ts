import { describeSample, type Sample } from '../views/samples.ts';

const files = import.meta.glob('../../samples/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** The curated samples, bundled into the app at build time. */
export const SAMPLES: Sample[] = Object.entries(files)
  .map(([path, text]) => describeSample(path.split('/').pop() ?? path, text))
  .sort((a, b) => a.title.localeCompare(b.title));
