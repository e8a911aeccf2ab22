import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The browser app lives in src/web and is served by the Fastify server from dist/web. */
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
