import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadContent } from '../../content/load-content';
import { buildManifest, buildTeamsAppZip } from './teams-app-package';

/** `npm run teams:package`: writes teams-app.zip for upload in Teams admin (or "Upload a custom app"). */
async function main(): Promise<void> {
  const { profile } = await loadContent(path.resolve(process.env.CONTENT_DIR ?? 'content'));
  const manifest = buildManifest(process.env, {
    serviceName: profile.name,
    websiteUrl: profile.links.fosteringWebsite?.url ?? profile.links.privacyNotice?.url ?? '',
    privacyUrl: profile.links.privacyNotice?.url ?? '',
  });
  const out = path.resolve(process.env.TEAMS_PACKAGE_OUT ?? 'teams-app.zip');
  writeFileSync(out, buildTeamsAppZip(manifest));
  process.stdout.write(`wrote ${out}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
