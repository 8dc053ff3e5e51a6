import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// base './' keeps every asset URL relative, so dist/ works from any sub-path.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
});
