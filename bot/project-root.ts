import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root, whether running from source (tests) or from dist/ (the built service). */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the running code');
    dir = parent;
  }
  return dir;
}
