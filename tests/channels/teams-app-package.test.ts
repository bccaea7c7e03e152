import AdmZip from 'adm-zip';
import { buildManifest, buildTeamsAppZip } from '../../bot/channels/teams/teams-app-package';

const values = { serviceName: 'Test Fostering Service', websiteUrl: 'https://fostering.example.org/', privacyUrl: 'https://fostering.example.org/privacy' };
const env = { MicrosoftAppId: '11111111-2222-4333-8444-555555555555', BOT_DOMAIN: 'fostering-bot.example.org' };

describe('the Teams app package', () => {
  it('fills the manifest with the bot id from configuration, personal and team scopes and command lists', () => {
    const manifest = JSON.parse(buildManifest(env, values)) as {
      manifestVersion: string;
      id: string;
      bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
      validDomains: string[];
      developer: { privacyUrl: string };
    };
    expect(manifest.manifestVersion).toBe('1.22');
    expect(manifest.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(manifest.bots[0]?.botId).toBe(env.MicrosoftAppId);
    expect(manifest.bots[0]?.scopes).toEqual(['personal', 'team']);
    expect(manifest.bots[0]?.commandLists.map((list) => list.scopes[0])).toEqual(['personal', 'team']);
    expect(manifest.bots[0]?.commandLists[1]?.commands.map((c) => c.title)).toContain('show open concerns');
    expect(manifest.validDomains).toEqual(['fostering-bot.example.org']);
    expect(manifest.developer.privacyUrl).toBe(values.privacyUrl);
  });

  it('keeps the same Teams app id for the same bot, so a new package updates the installed app', () => {
    const appId = () => (JSON.parse(buildManifest(env, values)) as { id: string }).id;
    expect(appId()).toBe(appId());
  });

  it('refuses to package without a bot id or domain', () => {
    expect(() => buildManifest({ BOT_DOMAIN: 'x.example.org' }, values)).toThrow(/MicrosoftAppId/);
    expect(() => buildManifest({ MicrosoftAppId: env.MicrosoftAppId }, values)).toThrow(/BOT_DOMAIN/);
  });

  it('zips the manifest with both icons at the sizes Teams requires', () => {
    const zip = new AdmZip(buildTeamsAppZip(buildManifest(env, values)));
    expect(
      zip
        .getEntries()
        .map((e) => e.entryName)
        .sort(),
    ).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const size = (name: string) => {
      const png = zip.readFile(name) as Buffer;
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    expect(size('color.png')).toEqual([192, 192]);
    expect(size('outline.png')).toEqual([32, 32]);
  });
});
