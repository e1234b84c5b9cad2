import { createHmac, timingSafeEqual } from 'node:crypto';

/** What mail needs from the app's configuration: where links point and the key that signs unsubscribe links. */
export interface MailSettings {
  /** PUBLIC_URL: the address users open the product at; every link in a mail starts with it. */
  publicUrl: string;
  /** Signs unsubscribe links, so they work without signing in and cannot be forged for someone else. */
  secret: string;
}

const link = (settings: MailSettings, path: string) => new URL(path, settings.publicUrl.endsWith('/') ? settings.publicUrl : `${settings.publicUrl}/`).toString();
export { link as mailLink };

const signature = (secret: string, body: string) => createHmac('sha256', `unsubscribe:${secret}`).update(body).digest('base64url');

/** A token naming one user and one notification kind, signed; it never expires (an old mail's link must still work). */
export function unsubscribeToken(settings: MailSettings, userId: string, kind: string): string {
  const body = Buffer.from(JSON.stringify([userId, kind])).toString('base64url');
  return `${body}.${signature(settings.secret, body)}`;
}

/** The user and kind a token names, or null when it was not signed by us. */
export function readUnsubscribeToken(settings: MailSettings, token: string): { userId: string; kind: string } | null {
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) return null;
  const expected = Buffer.from(signature(settings.secret, body));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return { userId: value[0], kind: value[1] };
  } catch {
    // falls through: not ours
  }
  return null;
}
