import { chmodSync, copyFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { StorageError } from '../../bot/errors';
import { startTestApp, type RunningApp } from '../helpers/test-app';

/** /readyz must be true of the store: a real write and read, on the file the service will find after a restart. */
describe('readiness of the SQLite store', () => {
  let running: RunningApp;
  const dbFile = () => path.join(running.dataDir, 'foster-carer-assistant.sqlite');
  const readyz = async () => (await fetch(`${running.baseUrl}/readyz`)).status;

  beforeEach(async () => {
    running = await startTestApp();
  });
  afterEach(async () => {
    chmodSync(running.dataDir, 0o755);
    await running.stop();
  });

  it('is ready (200) when it can write and read, and not ready (503) while the data folder or the file is read-only', async () => {
    expect(await readyz()).toBe(200);
    chmodSync(running.dataDir, 0o555);
    expect(await readyz()).toBe(503);
    chmodSync(running.dataDir, 0o755);
    expect(await readyz()).toBe(200);
    chmodSync(dbFile(), 0o444);
    expect(await readyz()).toBe(503);
    chmodSync(dbFile(), 0o644);
    expect(await readyz()).toBe(200);
    // replaced by another file (a restore over the live one): the open connection writes where nobody will look
    copyFileSync(dbFile(), `${dbFile()}.copy`);
    renameSync(`${dbFile()}.copy`, dbFile());
    expect(await readyz()).toBe(503);
    expect(running.logLines.filter((line) => line.includes('not ready'))).toHaveLength(3);
  });

  it('is not ready (503) when the database file was deleted under the open connection, and refuses writes', async () => {
    expect(await readyz()).toBe(200);
    rmSync(dbFile());
    expect(await readyz()).toBe(503);
    // SQLite would go on writing to the unlinked file: a booking "confirmed" now would be gone after a restart
    await expect(running.app.records.create({ kind: 'booking', partitionKey: 's', id: 'lost' }, { seat: 1 })).rejects.toBeInstanceOf(StorageError);
  });
});
