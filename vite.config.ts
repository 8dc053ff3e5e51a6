import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The built app makes no request beyond its own files, and says so: a Content-Security-Policy
 * that allows only same-origin scripts and connections (the worker runs from a blob URL).
 * Added at build time only, because the dev server needs inline scripts for hot reload.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'reachlab-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      ),
  };
}

// base './' keeps every asset URL relative, so dist/ works from any sub-path.
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  // Classic (iife) worker: a module worker from a blob URL does not start in a page opened from disk.
  worker: { format: 'iife' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
});
