import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // Hashed assets are written with their brotli and gzip forms at build time: served without
    // compressing them again on every request.
    adapter: adapter({ precompress: true }),
    // Hashes, not nonces: SvelteKit hashes the inline scripts of each page it renders, so no inline
    // script runs unless it is exactly the one sent. Unlike a nonce, a hash does not change from one
    // answer to the next, so the same page is the same bytes: it gets an ETag and a 304, and a cache
    // in front may keep an anonymous page without handing every visitor the same nonce.
    csp: {
      mode: 'hash',
      directives: {
        'script-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;
