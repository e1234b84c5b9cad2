import type { Locale, Translate } from '$lib/i18n';
import type { Me } from '$lib/types';

declare global {
  /** Set by the API server (apps/api/src/web-bridge.ts): reaches Fastify without a network hop. */
  var __challengeApi: ((request: Request) => Promise<Response>) | undefined;

  namespace App {
    interface Error {
      message: string;
    }
    interface Locals {
      locale: Locale;
      /** The answer of GET /api/me for the signed-in user, or null. */
      user: Me | null;
      accessToken: string | null;
    }
    interface PageData {
      locale: Locale;
      me: Me | null;
      /** Added by the root +layout.ts (not by server loads, hence optional here); see `$lib/i18n/current`. */
      t?: Translate;
    }
  }
}

export {};
