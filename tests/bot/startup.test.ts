import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const ENTRY = path.resolve('dist', 'bot', 'index.js');

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, [ENTRY], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('starting the built service (npm test builds first)', () => {
  beforeAll(() => {
    if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run "npm run build" (npm test does)`);
  });

  it('refuses to start in production without an app id, exiting non-zero with every problem named (AUTH-4)', () => {
    const result = start({ NODE_ENV: 'production' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('MicrosoftAppId: required in production');
    expect(result.stderr).toContain('COSMOS_ENDPOINT: required in production');
  });

  it('refuses a single-tenant production bot without a tenant id', () => {
    const result = start({
      NODE_ENV: 'production',
      MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppPassword: 'x',
      COSMOS_ENDPOINT: 'https://127.0.0.1:1/',
      ALLOWED_TENANT_IDS: 't',
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant');
  });
});
