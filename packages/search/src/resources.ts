import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The word lists in `packages/search/dict/` are data kept in the repository, read once per process.
 * From source they sit next to `src/`; when this code is bundled (apps/api/dist) they are found by
 * looking upwards from the working directory, as the migrations are.
 */
function findDictFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const direct = resolve(here, '..', 'dict');
  if (existsSync(join(direct, 'user.dict'))) return direct;
  for (const start of [process.cwd(), here]) {
    let dir = resolve(start);
    for (;;) {
      const candidate = join(dir, 'packages', 'search', 'dict');
      if (existsSync(join(candidate, 'user.dict'))) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error('packages/search/dict not found (looked next to the search package and upwards from the working directory)');
}

let folder: string | undefined;

/** The lines of a dictionary file, without blank lines and `#` comments. */
export function readDictLines(name: string): string[] {
  folder ??= findDictFolder();
  return readFileSync(join(folder, name), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
