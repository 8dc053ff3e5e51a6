import { defineConfig } from 'vite';

// Bundles the CLI (src/cli + the engine + js-yaml) into one Node ESM file, so `reachlab` starts
// fast and needs nothing but Node at run time.
export default defineConfig({
  build: {
    ssr: 'src/cli/index.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      output: { entryFileNames: 'reachlab.mjs', format: 'es' },
    },
  },
  ssr: { noExternal: true },
});
