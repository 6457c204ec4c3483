import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fr from '../../addins/gcal/locales/fr.json' with { type: 'json' };

const root = join(import.meta.dirname, '../../addins');

function sources(folder: string): { path: string; text: string }[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts'))
    .map((path) => ({ path: join(folder, path), text: readFileSync(join(root, folder, path), 'utf8') }));
}

const files = [...sources('gcal'), ...sources('shared')];

/** A key, or its plural forms (`key_one`, `key_other`) when the words count something. */
function hasKey(key: string): boolean {
  return hasEntry(key) || (hasEntry(`${key}_one`) && hasEntry(`${key}_other`));
}

function hasEntry(key: string): boolean {
  let node: unknown = fr;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

describe('the Google add-on surface', () => {
  it('never imports the server: it talks to it over HTTP only', () => {
    const offending = files.filter(({ text }) => /from\s+['"][^'"]*\/server\//.test(text)).map(({ path }) => path);
    expect(offending).toEqual([]);
  });

  it('asks only for words the locale files have', () => {
    const used = files.flatMap(({ text }) => [...text.matchAll(/\.(?:html|plain)\('([a-zA-Z.]+)'/g)].map((m) => m[1] ?? ''));
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((key) => !hasKey(key))).toEqual([]);
  });
});
