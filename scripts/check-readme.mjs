#!/usr/bin/env node
// Keeps the README honest: every `npm run X` / `npm X` it documents must be a script in package.json.
import { readFileSync } from 'node:fs';

const readme = readFileSync('README.md', 'utf8');
const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts;
const builtins = new Set(['ci', 'install', 'i']);
const missing = [];
for (const m of readme.matchAll(/\bnpm (?:run )?([a-z][\w:-]*)/g)) {
  const name = m[1];
  if (builtins.has(name) || name === 'run') continue;
  if (!(name in scripts)) missing.push(name);
}
if (missing.length) {
  console.error(`README documents scripts that package.json lacks: ${[...new Set(missing)].join(', ')}`);
  process.exit(1);
}
console.log(`README's npm commands all exist (${Object.keys(scripts).length} scripts)`);
