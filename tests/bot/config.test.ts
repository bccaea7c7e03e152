import { loadConfig } from '../../bot/config';
import { ConfigError } from '../../bot/errors';
import { PRODUCTION_ENV } from '../helpers/production-env';

const production = PRODUCTION_ENV;

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('defaults to local mode: embedded store, loopback only, embedded Direct Line, auth off', () => {
    const config = loadConfig({});
    expect(config.localMode).toBe(true);
    expect(config.host).toBe('127.0.0.1');
    expect(config.storage.kind).toBe('sqlite');
    expect(config.directLine.kind).toBe('embedded');
    expect(config.botAuth).toEqual({});
  });

  it('refuses to run in production without an app id, app type, Cosmos settings or tenant, listing every problem', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^MicrosoftAppId:/),
        expect.stringMatching(/^MicrosoftAppType:/),
        expect.stringMatching(/^STORAGE:/),
        expect.stringMatching(/^COSMOS_ENDPOINT:/),
        expect.stringMatching(/^ALLOWED_TENANT_IDS:/),
      ]),
    );
  });

  it('requires a tenant id for single-tenant and managed-identity bots', () => {
    expect(problemsOf({ ...production, MicrosoftAppTenantId: '' })).toEqual(['MicrosoftAppTenantId: required when MicrosoftAppType is UserAssignedMSI']);
    expect(problemsOf({ ...production, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: '', MicrosoftAppPassword: 'x' })).toEqual([
      'MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant',
    ]);
  });

  it('accepts a complete production configuration and binds to all interfaces with auth on', () => {
    const config = loadConfig(production);
    expect(config.production).toBe(true);
    expect(config.localMode).toBe(false);
    expect(config.host).toBe('0.0.0.0');
    expect(config.storage).toMatchObject({ kind: 'cosmos', createContainers: false, key: undefined, maxRetries: 9 });
    expect(config.botAuth).toMatchObject({ MicrosoftAppId: production.MicrosoftAppId, MicrosoftAppType: 'UserAssignedMSI' });
  });

  it('sets none of the parameterised auth URLs, so the SDK defaults apply (AUTH-6)', () => {
    const keys = Object.keys(loadConfig(production).botAuth);
    expect(keys.sort()).toEqual(['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType']);
  });

  it('reads roles from comma-separated ids, case-insensitively', () => {
    const { roles } = loadConfig({ MANAGER_IDS: ' AAD-1 , aad-2', ADMIN_IDS: 'aad-2', RECRUITMENT_OFFICER_IDS: 'r-1' });
    expect([...roles.rolesOf('aad-1')]).toEqual(['manager']);
    expect([...roles.rolesOf('AAD-2')].sort()).toEqual(['admin', 'manager']);
    expect([...roles.rolesOf('someone-else')]).toEqual([]);
    expect([...roles.rolesOf(undefined)]).toEqual([]);
  });

  it('rejects malformed values with the setting named', () => {
    expect(problemsOf({ PORT: 'eighty' })).toEqual([expect.stringMatching(/^PORT:/)]);
    expect(problemsOf({ STORAGE: 'cosmos' })).toEqual(['COSMOS_ENDPOINT: required when STORAGE is "cosmos"']);
  });

  it('routes enquiries to the recruitment team with a 2-working-day first contact and 180-day retention unless set', () => {
    const defaults = loadConfig({});
    expect(defaults.recruitmentTeamId).toBeUndefined();
    expect(defaults.enquiryContactWorkingDays).toBe(2);
    expect(defaults.retention).toEqual({ enquiry: 180 * 24 * 60 * 60, handoff: 90 * 24 * 60 * 60 });
    const set = loadConfig({ RECRUITMENT_TEAM_ID: 'team-r', ENQUIRY_CONTACT_WORKING_DAYS: '3', ENQUIRY_RETENTION_DAYS: '90' });
    expect([set.recruitmentTeamId, set.enquiryContactWorkingDays, set.retention.enquiry]).toEqual(['team-r', 3, 90 * 24 * 60 * 60]);
    expect(problemsOf({ ENQUIRY_RETENTION_DAYS: '0' })).toEqual([expect.stringMatching(/^ENQUIRY_RETENTION_DAYS:/)]);
    // hand-offs: the fostering team's channel, 30 minutes to take one, the record and its messages kept 90 days
    expect([defaults.fosteringTeamId, defaults.handoffTakeMinutes]).toEqual([undefined, 30]);
    const handoffs = loadConfig({ FOSTERING_TEAM_ID: 'team-f', HANDOFF_TAKE_MINUTES: '15', HANDOFF_RETENTION_DAYS: '30' });
    expect([handoffs.fosteringTeamId, handoffs.handoffTakeMinutes, handoffs.retention.handoff]).toEqual(['team-f', 15, 30 * 24 * 60 * 60]);
    expect(problemsOf({ HANDOFF_TAKE_MINUTES: '1' })).toEqual([expect.stringMatching(/^HANDOFF_TAKE_MINUTES:/)]);
  });

  it('needs trusted origins when the page uses Azure Direct Line', () => {
    expect(problemsOf({ DIRECT_LINE_SECRET: 'secret' })).toEqual([expect.stringMatching(/^WEB_TRUSTED_ORIGINS:/)]);
    expect(loadConfig({ DIRECT_LINE_SECRET: 'secret', WEB_TRUSTED_ORIGINS: 'https://fostering.example.org' }).directLine.kind).toBe('azure');
  });
});

describe("sign-in on the carers' page (WEB_SIGN_IN_*)", () => {
  const entra = 'https://login.microsoftonline.com/3f1c2b9a-6d4e-4c1f-9a7b-2e5d8c0f1a23/v2.0';
  const signIn = { WEB_SIGN_IN_ISSUER: entra, WEB_SIGN_IN_CLIENT_ID: 'client-1', WEB_SIGN_IN_CLIENT_SECRET: 'secret-1' };
  const web = { DIRECT_LINE_SECRET: 'dl-secret', WEB_TRUSTED_ORIGINS: 'https://carers.example.gov.uk' };

  it('is off when none is set, and the page offers none', () => {
    expect(loadConfig({}).webSignIn).toBeUndefined();
    expect(loadConfig(production).webSignIn).toBeUndefined();
  });

  it('takes all three or none', () => {
    expect(problemsOf({ WEB_SIGN_IN_ISSUER: entra })).toEqual([
      expect.stringMatching(/^WEB_SIGN_IN_ISSUER, WEB_SIGN_IN_CLIENT_ID, WEB_SIGN_IN_CLIENT_SECRET:/),
    ]);
    expect(problemsOf({ WEB_SIGN_IN_CLIENT_ID: 'client-1', WEB_SIGN_IN_CLIENT_SECRET: 'secret-1' })).toHaveLength(1);
  });

  it('returns to PUBLIC_BASE_URL/signin/callback, and needs an https base and the web chat in production', () => {
    const config = loadConfig({ ...production, ...web, ...signIn, PUBLIC_BASE_URL: 'https://carers.example.gov.uk/' });
    expect(config.webSignIn).toEqual({
      issuer: entra,
      clientId: 'client-1',
      clientSecret: 'secret-1',
      redirectUrl: 'https://carers.example.gov.uk/signin/callback',
      httpProviderAllowed: false,
    });
    expect(problemsOf({ ...production, ...web, ...signIn })).toEqual([expect.stringMatching(/^PUBLIC_BASE_URL: required/)]);
    expect(problemsOf({ ...production, ...web, ...signIn, PUBLIC_BASE_URL: 'http://carers.example.gov.uk' })).toEqual([
      expect.stringMatching(/^PUBLIC_BASE_URL: must be https/),
    ]);
    expect(problemsOf({ ...production, ...signIn, PUBLIC_BASE_URL: 'https://carers.example.gov.uk' })).toEqual([
      expect.stringMatching(/^WEB_SIGN_IN_ISSUER: needs the web chat/),
    ]);
  });

  it('reaches the provider over https; plain http only to a loopback provider in local mode', () => {
    const local = { ...signIn, WEB_SIGN_IN_ISSUER: 'http://127.0.0.1:4000/tenant/v2.0' };
    expect(loadConfig(local).webSignIn).toMatchObject({ httpProviderAllowed: true, redirectUrl: 'http://127.0.0.1:3978/signin/callback' });
    expect(problemsOf({ ...signIn, WEB_SIGN_IN_ISSUER: 'http://login.example.com/tenant/v2.0' })).toEqual([
      expect.stringMatching(/^WEB_SIGN_IN_ISSUER: must be https/),
    ]);
    expect(problemsOf({ ...production, ...web, ...local, PUBLIC_BASE_URL: 'https://carers.example.gov.uk' })).toEqual([
      expect.stringMatching(/^WEB_SIGN_IN_ISSUER: must be https/),
    ]);
    expect(loadConfig(signIn).webSignIn).toMatchObject({ httpProviderAllowed: false });
  });
});

describe('SQLite lock wait and purge period', () => {
  it('default to a 5 s lock wait and an hourly purge, and refuse a lock wait too short to outlast a checkpoint', () => {
    const config = loadConfig({});
    expect(config.storage).toMatchObject({ kind: 'sqlite', lockWaitMs: 5000 });
    expect(config.purgeEveryMinutes).toBe(60);
    expect(loadConfig({ SQLITE_LOCK_WAIT_MS: '800', PURGE_EVERY_MINUTES: '15' })).toMatchObject({ storage: { lockWaitMs: 800 }, purgeEveryMinutes: 15 });
    expect(problemsOf({ SQLITE_LOCK_WAIT_MS: '10' })).toEqual([expect.stringMatching(/^SQLITE_LOCK_WAIT_MS:/)]);
    expect(problemsOf({ PURGE_EVERY_MINUTES: '0' })).toEqual([expect.stringMatching(/^PURGE_EVERY_MINUTES:/)]);
  });
});
