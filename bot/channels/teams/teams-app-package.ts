import { readFileSync } from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { z } from 'zod';
import { projectRoot } from '../../project-root';
import { deterministicId } from '../../storage/record-store';

export const TEAMS_DIR = path.join(projectRoot(), 'infra', 'teams');

const PackageEnvSchema = z.object({
  MicrosoftAppId: z.uuid({ error: 'MicrosoftAppId must be the Azure Bot app id (a GUID)' }),
  TEAMS_APP_ID: z.uuid().optional(),
  BOT_DOMAIN: z.string().regex(/^[a-z0-9.-]+$/i, 'BOT_DOMAIN must be a host name, e.g. fostering-bot.azurewebsites.net'),
  APP_VERSION: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/)
    .default('1.0.0'),
});

export interface ManifestValues {
  readonly serviceName: string;
  readonly websiteUrl: string;
  readonly privacyUrl: string;
}

/** Fills the manifest template; every `${{NAME}}` must be known, so a typo fails here and not in Teams admin. */
export function buildManifest(env: Record<string, string | undefined>, values: ManifestValues, templateDir = TEAMS_DIR): string {
  const parsed = PackageEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  const e = parsed.data;
  const substitutions: Record<string, string> = {
    BOT_ID: e.MicrosoftAppId,
    TEAMS_APP_ID: e.TEAMS_APP_ID ?? uuidFrom(e.MicrosoftAppId),
    BOT_DOMAIN: e.BOT_DOMAIN,
    APP_VERSION: e.APP_VERSION,
    SERVICE_NAME: values.serviceName,
    WEBSITE_URL: values.websiteUrl,
    PRIVACY_URL: values.privacyUrl,
  };
  const template = readFileSync(path.join(templateDir, 'manifest.json'), 'utf8');
  const filled = template.replace(/\$\{\{([A-Z_]+)\}\}/g, (_match, name: string) => {
    const value = substitutions[name];
    if (value === undefined) throw new Error(`manifest placeholder \${{${name}}} has no value`);
    return JSON.stringify(value).slice(1, -1);
  });
  JSON.parse(filled); // the filled template must still be JSON
  return filled;
}

export function buildTeamsAppZip(manifest: string, templateDir = TEAMS_DIR): Buffer {
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(manifest, 'utf8'));
  zip.addFile('color.png', readFileSync(path.join(templateDir, 'color.png')));
  zip.addFile('outline.png', readFileSync(path.join(templateDir, 'outline.png')));
  return zip.toBuffer();
}

/** A stable GUID for the Teams app, derived from the bot id, so re-packaging updates the same app. */
function uuidFrom(seed: string): string {
  const hex = Buffer.from(deterministicId('teams-app', seed), 'base64url').toString('hex').padEnd(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
