import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ServiceProfileSchema } from '../../bot/content/service-profile';

/**
 * The councils, the areas they cover and the carers' associations are named in content/service-profile.yaml only:
 * another council's deployment changes that file, never code. Comments count too, since an example in a comment is
 * copied into code.
 */

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** Words in a place's (or association's) name that do not name it: "South Cambridgeshire", "Peterborough City Council". */
const GENERIC = new Set([
  'and',
  'of',
  'the',
  'upon',
  'city',
  'county',
  'council',
  'district',
  'borough',
  'north',
  'south',
  'east',
  'west',
  'central',
  'greater',
  'foster',
  "carers'",
  'carers',
  'association',
  'community',
]);

const profile = ServiceProfileSchema.parse(parse(readFileSync('content/service-profile.yaml', 'utf8')));

function placeNames(): string[] {
  const associations = profile.carersAssociations.map((key) => profile.contacts[key]?.name ?? '');
  const names = [...profile.councils, ...profile.areas, ...associations];
  const words = names.flatMap((name) => name.split(/[^A-Za-z']+/)).filter((w) => /^[A-Z]/.test(w) && w.length > 2 && !GENERIC.has(w.toLowerCase()));
  // an association's short name, "Cambridgeshire Foster Carers' Association (CFCA)", which is also its contact key
  const abbreviations = associations.flatMap((name) => [...name.matchAll(/\(([A-Z]{2,})\)/g)].map((m) => m[1] ?? ''));
  return [...new Set([...profile.councils, ...profile.areas, ...words, ...abbreviations])];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('place names', () => {
  it('reads some from the profile', () => {
    expect(placeNames()).toEqual(expect.arrayContaining(['Peterborough', 'Fenland']));
  });

  it('are in the service profile, not in code under bot/ or dialogs/', () => {
    const names = placeNames();
    const offenders = [...sourceFiles('bot'), ...sourceFiles('dialogs')].flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => names.filter((name) => new RegExp(`\\b${escape(name)}\\b`, 'i').test(line)).map((name) => `${file}:${i + 1}: ${name}`)),
    );
    expect(offenders).toEqual([]);
  });
});
