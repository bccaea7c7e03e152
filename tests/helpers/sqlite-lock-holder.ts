import { spawn } from 'node:child_process';

/**
 * Another process holding the SQLite write lock (BEGIN IMMEDIATE) for `holdMs`, as a second instance or an operator's
 * sqlite3 shell would. A separate process, so a store that blocks the event loop cannot release the lock by accident.
 */
export async function holdWriteLock(file: string, holdMs: number): Promise<{ released: Promise<number> }> {
  const script = `
    const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
    const db = new Database(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); process.stdout.write('released\\n'); }, Number(process.argv[2]));
  `;
  const child = spawn(process.execPath, ['-e', script, file, String(holdMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  let releasedAt = 0;
  const locked = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('released') && releasedAt === 0) releasedAt = Date.now();
      if (output.includes('locked')) resolve();
    });
    child.on('exit', (code) => (output.includes('locked') ? undefined : reject(new Error(`lock holder exited ${String(code)}`))));
  });
  const released = new Promise<number>((resolve) => child.on('exit', () => resolve(releasedAt || Date.now())));
  await locked;
  return { released };
}
