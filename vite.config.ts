import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/** One multi-page build for every app the hub serves; the output goes to dist/ (see server/http/apps.ts). */
const page = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      input: {
        kiosk: page('kiosk/index.html'),
        ticket: page('kiosk/ticket.html'),
        join: page('kiosk/join.html'),
        display: page('display/index.html'),
        counter: page('counter/index.html'),
        manager: page('manager/index.html'),
        feedback: page('feedback/index.html'),
      },
    },
  },
  server: {
    // `npm run dev:apps` serves the pages with hot reload and sends API and socket traffic to the hub.
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/socket.io': { target: 'http://127.0.0.1:3000', ws: true },
    },
  },
});
