import { randomBytes } from 'node:crypto';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ServiceContext } from '../context';

/** `${DATA_DIR}/attachments`; DATA_DIR defaults to `./data` like the server's configuration. */
export const attachmentsDir = (ctx: ServiceContext) => join(resolve(ctx.dataDir ?? './data'), 'attachments');

/** Server-generated, unguessable and free of anything the uploader chose (no name, no extension). */
export const newStorageName = () => randomBytes(24).toString('hex');

/** Only names we generated resolve to a path, so a stored name can never walk out of the folder. */
export function storagePath(ctx: ServiceContext, storageName: string): string {
  if (!/^[0-9a-f]{48}$/.test(storageName)) throw new Error(`not a storage name: ${storageName}`);
  return join(attachmentsDir(ctx), storageName);
}

export async function writeStoredFile(ctx: ServiceContext, storageName: string, bytes: Buffer): Promise<void> {
  await mkdir(attachmentsDir(ctx), { recursive: true, mode: 0o700 });
  // `wx`: never overwrite; the name is random, so a clash is a bug worth failing on.
  await writeFile(storagePath(ctx, storageName), bytes, { flag: 'wx', mode: 0o600 });
}

export async function removeStoredFile(ctx: ServiceContext, storageName: string): Promise<void> {
  await unlink(storagePath(ctx, storageName)).catch(() => {});
}
