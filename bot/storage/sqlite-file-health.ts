import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/**
 * What SQLite itself does not notice: its file deleted or replaced under the open connection (it goes on writing to
 * the unlinked inode, so every write after that is lost on restart), or the data folder made read-only (the next start
 * cannot create its journal files). Root ignores permission bits, so "no write bit for anyone" counts as read-only too.
 */
export class SqliteFileHealth {
  private readonly identity: { readonly dev: number; readonly ino: number };

  constructor(private readonly file: string) {
    const stat = statSync(file);
    this.identity = { dev: stat.dev, ino: stat.ino };
  }

  /** Undefined while the path still names the file that was opened. Cheap (one stat): checked before every write. */
  replacedOrMissing(): string | undefined {
    let stat;
    try {
      stat = statSync(this.file);
    } catch {
      return 'database file is missing';
    }
    return stat.dev === this.identity.dev && stat.ino === this.identity.ino ? undefined : 'database file was replaced';
  }

  /** Undefined when the file is the one opened and both it and its folder are writable. */
  problem(): string | undefined {
    const identity = this.replacedOrMissing();
    if (identity !== undefined) return identity;
    if (!isWritable(path.dirname(this.file))) return 'data folder is read-only';
    if (!isWritable(this.file)) return 'database file is read-only';
    return undefined;
  }
}

function isWritable(target: string): boolean {
  try {
    accessSync(target, constants.W_OK);
    return (statSync(target).mode & 0o222) !== 0;
  } catch {
    return false;
  }
}
