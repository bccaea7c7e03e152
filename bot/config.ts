import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors';
import type { RoleDirectory } from './roles';
import { createRoleDirectory } from './roles';
import type { RetentionOverrides } from './storage/data-inventory';

const csv = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .optional()
  .transform((value) => (value === undefined ? undefined : ['true', '1', 'yes'].includes(value)));

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const EnvSchema = z.object({
  NODE_ENV: optionalText,
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  DATA_DIR: z.string().min(1).default('data'),
  CONTENT_DIR: z.string().min(1).default('content'),
  STORAGE: z.enum(['sqlite', 'cosmos']).optional(),
  SQLITE_LOCK_WAIT_MS: z.coerce.number().int().min(50).max(60000).default(5000),
  PURGE_EVERY_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),

  MicrosoftAppId: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: optionalText,
  MicrosoftAppPassword: optionalText,
  ALLOWED_TENANT_IDS: csv,

  COSMOS_ENDPOINT: optionalText,
  COSMOS_KEY: optionalText,
  COSMOS_DATABASE_ID: z.string().min(1).default('foster-carer-assistant'),
  COSMOS_CREATE_CONTAINERS: flag,
  COSMOS_MAX_RETRIES: z.coerce.number().int().min(0).max(20).default(9),
  COSMOS_MAX_WAIT_SECONDS: z.coerce.number().int().min(1).max(120).default(30),
  COSMOS_OPERATION_DEADLINE_MS: z.coerce.number().int().min(100).max(60000).default(5000),

  DIRECT_LINE_SECRET: optionalText,
  DIRECT_LINE_ENDPOINT: z.url().default('https://europe.directline.botframework.com/v3/directline'),
  WEB_TRUSTED_ORIGINS: csv,
  TOKEN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(20),
  CLIENT_IP_HEADER: optionalText,

  WEB_SIGN_IN_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  WEB_SIGN_IN_CLIENT_ID: optionalText,
  WEB_SIGN_IN_CLIENT_SECRET: optionalText,

  PROACTIVE_SERVICE_URL_HOSTS: csv,
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Set by Azure App Service to the app's own host name. */
  WEBSITE_HOSTNAME: optionalText,
  MANAGERS_TEAM_ID: optionalText,
  TRANSPORT_TEAM_ID: optionalText,
  MENTORING_TEAM_ID: optionalText,
  RECRUITMENT_TEAM_ID: optionalText,
  FOSTERING_TEAM_ID: optionalText,
  HANDOFF_TAKE_MINUTES: z.coerce.number().int().min(5).max(480).default(30),
  HANDOFF_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  ENQUIRY_CONTACT_WORKING_DAYS: z.coerce.number().int().min(1).max(20).default(2),
  ENQUIRY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  CONCERN_CONTACT_WORKING_DAYS: z.coerce.number().int().min(1).max(20).default(2),
  REMINDER_CHECK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  PROACTIVE_SEND_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  PROACTIVE_RETRY_AFTER_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),

  MANAGER_IDS: csv,
  RECRUITMENT_OFFICER_IDS: csv,
  ASSOCIATION_REP_IDS: csv,
  CONTENT_EDITOR_IDS: csv,
  ADMIN_IDS: csv,
});

export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface BotAuthSettings {
  readonly MicrosoftAppId?: string;
  readonly MicrosoftAppType?: AppType;
  readonly MicrosoftAppTenantId?: string;
  readonly MicrosoftAppPassword?: string;
  /**
   * Not environment settings: tests point the channel's key metadata at a loopback issuer to sign tokens of their own.
   * The SDK takes all of these together or none, so the public-cloud values come with it (see channelKeysAt).
   */
  readonly ToBotFromChannelOpenIdMetadataUrl?: string;
  readonly ToBotFromChannelTokenIssuer?: string;
  readonly ToChannelFromBotLoginUrl?: string;
  readonly ToChannelFromBotOAuthScope?: string;
  readonly ToBotFromEmulatorOpenIdMetadataUrl?: string;
  readonly OAuthUrl?: string;
  readonly CallerId?: string;
  readonly ValidateAuthority?: boolean;
}

/** The public Azure Bot Service settings with the channel's signing keys published at `metadataUrl` instead. */
export function channelKeysAt(settings: BotAuthSettings, metadataUrl: string): BotAuthSettings {
  return {
    ...settings,
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
    OAuthUrl: 'https://api.botframework.com',
    CallerId: 'urn:botframework:azure',
    ValidateAuthority: true,
  };
}

export interface CosmosSettings {
  readonly endpoint: string;
  /** Absent: the app's managed identity is used (DefaultAzureCredential). */
  readonly key: string | undefined;
  readonly databaseId: string;
  /** Local and test use only: production containers are declared in infra/ and only verified here. */
  readonly createContainers: boolean;
  readonly maxRetries: number;
  readonly maxWaitSeconds: number;
  /** One store operation, with its retries of transient failures, gives up after this long. */
  readonly operationDeadlineMs: number;
}

/** OpenID Connect sign-in on the carers' page with the council's Microsoft Entra tenant (bot/channels/web/sign-in-routes.ts). */
export interface WebSignInSettings {
  /** e.g. https://login.microsoftonline.com/<tenant id>/v2.0: its discovery document is at /.well-known/openid-configuration. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** `PUBLIC_BASE_URL` + /signin/callback: the redirect URI registered for the app in Entra. */
  readonly redirectUrl: string;
  /** Local mode with a loopback provider only (the tests' stand-in): plain http to the provider is allowed. */
  readonly httpProviderAllowed: boolean;
}

export interface Config {
  readonly production: boolean;
  /** Local mode: no Microsoft app id, so channel authentication is off and the server binds to loopback only. */
  readonly localMode: boolean;
  /**
   * What local mode relaxes, named so features ask about the one thing they need and never about the mode: decided
   * here, once, from whether channel authentication is on.
   */
  readonly unauthenticated: {
    /** Roles are matched on the channel's `from.id` on every channel (there is no Entra id to match on). */
    readonly rolesByChannelUserId: boolean;
    /** Proactive sends may go to the embedded channel's loopback http:// service URL. */
    readonly loopbackServiceUrls: boolean;
    /** The token route accepts the page's own http:// origin, and a request with no Origin (curl, tests). */
    readonly plainHttpPage: boolean;
  };
  readonly host: string;
  readonly port: number;
  /** Where people reach the service from outside, for links the bot sends (a report's CSV); absent when not known. */
  readonly publicBaseUrl?: string;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** `pretty`: one readable line per entry (local mode's default); `json`: one JSON object per line (everywhere else). */
  readonly logFormat: 'json' | 'pretty';
  readonly contentDir: string;
  readonly storage: { readonly kind: 'sqlite'; readonly dataDir: string; readonly lockWaitMs: number } | ({ readonly kind: 'cosmos' } & CosmosSettings);
  readonly botAuth: BotAuthSettings;
  readonly allowedTenantIds: readonly string[];
  readonly directLine:
    { readonly kind: 'embedded' } | { readonly kind: 'azure'; readonly secret: string; readonly endpoint: string; readonly trustedOrigins: readonly string[] };
  readonly tokenRateLimitPerMinute: number;
  /** Absent: no sign-in (the carers' page offers none, and every web carer has a new random id). */
  readonly webSignIn: WebSignInSettings | undefined;
  /**
   * The header the trusted front end (App Service) puts the client's address in; its last entry is used. Undefined:
   * the socket's peer address (local mode, or CLIENT_IP_HEADER=none).
   */
  readonly clientIpHeader: string | undefined;
  /** Hosts a proactive message may be sent to (TEAMS-3). */
  readonly proactiveServiceUrlHosts: readonly string[];
  readonly roles: RoleDirectory;
  /** The Teams team whose channel gets concern cards (the bot must be added to it). */
  readonly managersTeamId: string | undefined;
  /** Teams teams whose channels get transport-problem reports and mentor requests. */
  readonly transportTeamId: string | undefined;
  readonly mentoringTeamId: string | undefined;
  /** The recruitment team's Teams team: new enquiries from the public page arrive in its channel. */
  readonly recruitmentTeamId: string | undefined;
  /** The fostering team's Teams team: carers' requests to talk to a person arrive in its channel as hand-off cards. */
  readonly fosteringTeamId: string | undefined;
  /** Someone should take a hand-off within this many minutes of office time; past it, it is announced again once. */
  readonly handoffTakeMinutes: number;
  /** A recruitment officer should make first contact with an enquirer within this many working days. */
  readonly enquiryContactWorkingDays: number;
  /** Retention periods set here rather than by the data inventory (an enquiry: ENQUIRY_RETENTION_DAYS after its last change; a hand-off: HANDOFF_RETENTION_DAYS). */
  readonly retention: RetentionOverrides;
  /** A manager should contact a carer within this many working days of a retention concern. */
  readonly concernContactWorkingDays: number;
  readonly reminderCheckMinutes: number;
  /** A failed proactive send is tried again this many times, on later runs of the scheduled job, then given up. */
  readonly proactiveSendRetries: number;
  /** The first retry waits this long; each later one waits twice as long as the one before. */
  readonly proactiveRetryAfterMinutes: number;
  /** How often expired records are deleted for good where the store does not expire them itself (SQLite). */
  readonly purgeEveryMinutes: number;
}

const DEFAULT_PROACTIVE_HOSTS = ['smba.trafficmanager.net', '*.botframework.com'];

/** Parses the environment once; every problem is reported together, so one start-up shows them all. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const localMode = e.MicrosoftAppId === undefined;
  const storageKind = e.STORAGE ?? (e.COSMOS_ENDPOINT === undefined ? 'sqlite' : 'cosmos');
  const problems: string[] = [];

  if (production) {
    if (localMode) problems.push('MicrosoftAppId: required in production (without it channel authentication is off)');
    if (e.MicrosoftAppType === undefined) problems.push('MicrosoftAppType: required in production (MultiTenant, SingleTenant or UserAssignedMSI)');
    if (storageKind !== 'cosmos') problems.push('STORAGE: must be "cosmos" in production');
    if (e.COSMOS_ENDPOINT === undefined) problems.push('COSMOS_ENDPOINT: required in production');
    if (e.ALLOWED_TENANT_IDS.length === 0) problems.push("ALLOWED_TENANT_IDS: required in production (the council's Microsoft 365 tenant id)");
    if (e.LOG_FORMAT === 'pretty') problems.push('LOG_FORMAT: must be json in production (the log search reads one JSON object per line)');
  }
  const appType = e.MicrosoftAppType ?? 'MultiTenant';
  if (!localMode) {
    if (appType !== 'MultiTenant' && e.MicrosoftAppTenantId === undefined) {
      problems.push(`MicrosoftAppTenantId: required when MicrosoftAppType is ${appType}`);
    }
    if (appType === 'UserAssignedMSI' && e.MicrosoftAppPassword !== undefined) {
      problems.push('MicrosoftAppPassword: must be empty when MicrosoftAppType is UserAssignedMSI');
    }
    if (appType !== 'UserAssignedMSI' && e.MicrosoftAppPassword === undefined) {
      problems.push(`MicrosoftAppPassword: required when MicrosoftAppType is ${appType}`);
    }
  }
  if (storageKind === 'cosmos' && e.COSMOS_ENDPOINT === undefined) {
    problems.push('COSMOS_ENDPOINT: required when STORAGE is "cosmos"');
  }
  if (e.DIRECT_LINE_SECRET !== undefined && e.WEB_TRUSTED_ORIGINS.length === 0) {
    problems.push('WEB_TRUSTED_ORIGINS: required with DIRECT_LINE_SECRET (the origins allowed to host the chat page)');
  }
  const webSignIn = webSignInOf(e, localMode, production, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    production,
    localMode,
    unauthenticated: { rolesByChannelUserId: localMode, loopbackServiceUrls: localMode, plainHttpPage: localMode },
    host: localMode ? '127.0.0.1' : '0.0.0.0',
    port: e.PORT,
    ...publicBaseUrlOf(e.PUBLIC_BASE_URL, e.WEBSITE_HOSTNAME, localMode, e.PORT),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (localMode && !production ? 'pretty' : 'json'),
    contentDir: path.resolve(e.CONTENT_DIR),
    storage:
      storageKind === 'cosmos'
        ? {
            kind: 'cosmos',
            endpoint: e.COSMOS_ENDPOINT ?? '',
            key: e.COSMOS_KEY,
            databaseId: e.COSMOS_DATABASE_ID,
            createContainers: e.COSMOS_CREATE_CONTAINERS ?? !production,
            maxRetries: e.COSMOS_MAX_RETRIES,
            maxWaitSeconds: e.COSMOS_MAX_WAIT_SECONDS,
            operationDeadlineMs: e.COSMOS_OPERATION_DEADLINE_MS,
          }
        : { kind: 'sqlite', dataDir: path.resolve(e.DATA_DIR), lockWaitMs: e.SQLITE_LOCK_WAIT_MS },
    botAuth: localMode
      ? {}
      : {
          MicrosoftAppId: e.MicrosoftAppId,
          MicrosoftAppType: appType,
          MicrosoftAppTenantId: e.MicrosoftAppTenantId,
          MicrosoftAppPassword: e.MicrosoftAppPassword,
        },
    allowedTenantIds: e.ALLOWED_TENANT_IDS,
    directLine:
      e.DIRECT_LINE_SECRET === undefined
        ? { kind: 'embedded' }
        : { kind: 'azure', secret: e.DIRECT_LINE_SECRET, endpoint: e.DIRECT_LINE_ENDPOINT, trustedOrigins: e.WEB_TRUSTED_ORIGINS },
    tokenRateLimitPerMinute: e.TOKEN_RATE_LIMIT_PER_MINUTE,
    webSignIn,
    clientIpHeader: clientIpHeaderOf(e.CLIENT_IP_HEADER, localMode),
    proactiveServiceUrlHosts: e.PROACTIVE_SERVICE_URL_HOSTS.length > 0 ? e.PROACTIVE_SERVICE_URL_HOSTS : DEFAULT_PROACTIVE_HOSTS,
    managersTeamId: e.MANAGERS_TEAM_ID,
    transportTeamId: e.TRANSPORT_TEAM_ID,
    mentoringTeamId: e.MENTORING_TEAM_ID,
    recruitmentTeamId: e.RECRUITMENT_TEAM_ID,
    enquiryContactWorkingDays: e.ENQUIRY_CONTACT_WORKING_DAYS,
    retention: { enquiry: e.ENQUIRY_RETENTION_DAYS * 24 * 60 * 60, handoff: e.HANDOFF_RETENTION_DAYS * 24 * 60 * 60 },
    fosteringTeamId: e.FOSTERING_TEAM_ID,
    handoffTakeMinutes: e.HANDOFF_TAKE_MINUTES,
    concernContactWorkingDays: e.CONCERN_CONTACT_WORKING_DAYS,
    reminderCheckMinutes: e.REMINDER_CHECK_MINUTES,
    proactiveSendRetries: e.PROACTIVE_SEND_RETRIES,
    proactiveRetryAfterMinutes: e.PROACTIVE_RETRY_AFTER_MINUTES,
    purgeEveryMinutes: e.PURGE_EVERY_MINUTES,
    roles: createRoleDirectory({
      manager: e.MANAGER_IDS,
      'recruitment-officer': e.RECRUITMENT_OFFICER_IDS,
      'association-rep': e.ASSOCIATION_REP_IDS,
      'content-editor': e.CONTENT_EDITOR_IDS,
      admin: e.ADMIN_IDS,
    }),
  };
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * All three settings or none. The provider is reached over https; plain http only to a loopback provider in local
 * mode outside production (the tests' stand-in). The redirect URI comes from the public base URL, which must be https
 * wherever a browser reaches the service from another machine.
 */
function webSignInOf(e: z.output<typeof EnvSchema>, localMode: boolean, production: boolean, problems: string[]): WebSignInSettings | undefined {
  const { WEB_SIGN_IN_ISSUER: issuer, WEB_SIGN_IN_CLIENT_ID: clientId, WEB_SIGN_IN_CLIENT_SECRET: clientSecret } = e;
  const given = [issuer, clientId, clientSecret].filter((value) => value !== undefined).length;
  if (given === 0) return undefined;
  if (issuer === undefined || clientId === undefined || clientSecret === undefined) {
    problems.push("WEB_SIGN_IN_ISSUER, WEB_SIGN_IN_CLIENT_ID, WEB_SIGN_IN_CLIENT_SECRET: set all three or none (sign-in on the carers' page)");
    return undefined;
  }
  const issuerUrl = new URL(issuer);
  const httpProviderAllowed = localMode && !production && LOOPBACK_HOSTS.includes(issuerUrl.hostname);
  if (issuerUrl.protocol !== 'https:' && !httpProviderAllowed) {
    problems.push('WEB_SIGN_IN_ISSUER: must be https (plain http only for a loopback provider in local mode)');
  }
  const base = publicBaseUrlOf(e.PUBLIC_BASE_URL, e.WEBSITE_HOSTNAME, localMode, e.PORT).publicBaseUrl;
  if (base === undefined) problems.push("PUBLIC_BASE_URL: required with WEB_SIGN_IN_ISSUER (the address the council's sign-in returns to)");
  else if (!localMode && !base.startsWith('https:')) problems.push('PUBLIC_BASE_URL: must be https with WEB_SIGN_IN_ISSUER (the sign-in cookie is Secure)');
  if (!localMode && e.DIRECT_LINE_SECRET === undefined) problems.push('WEB_SIGN_IN_ISSUER: needs the web chat (DIRECT_LINE_SECRET) outside local mode');
  return { issuer, clientId, clientSecret, redirectUrl: `${base ?? ''}/signin/callback`, httpProviderAllowed };
}

/** App Service's front end appends the address it saw to X-Forwarded-For; locally there is no proxy to trust. */
function publicBaseUrlOf(setting: string | undefined, appServiceHost: string | undefined, localMode: boolean, port: number): { publicBaseUrl?: string } {
  const url = setting ?? (appServiceHost !== undefined ? `https://${appServiceHost}` : localMode ? `http://127.0.0.1:${port}` : undefined);
  return url === undefined ? {} : { publicBaseUrl: url.replace(/\/+$/, '') };
}

function clientIpHeaderOf(setting: string | undefined, localMode: boolean): string | undefined {
  if (setting === undefined) return localMode ? undefined : 'x-forwarded-for';
  return setting.toLowerCase() === 'none' ? undefined : setting.toLowerCase();
}
