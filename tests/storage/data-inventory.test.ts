import { CONTAINERS, RECORD_KINDS } from '../../bot/storage/data-inventory';

describe('the data inventory (DP-1)', () => {
  it('gives every container a time to live', () => {
    for (const container of Object.values(CONTAINERS)) {
      expect(container.defaultTtlSeconds).toBeGreaterThan(0);
    }
  });

  it('puts every record kind in a declared container, no longer-lived than the container, with a lawful basis', () => {
    for (const [kind, spec] of Object.entries(RECORD_KINDS)) {
      const container = CONTAINERS[spec.container];
      expect({ kind, ok: container !== undefined }).toEqual({ kind, ok: true });
      expect(spec.ttlSeconds).toBeGreaterThan(0);
      expect(spec.ttlSeconds).toBeLessThanOrEqual(container.defaultTtlSeconds);
      expect(spec.lawfulBasis.length).toBeGreaterThan(10);
    }
  });

  it('lists every container in the README data table', () => {
    const readme = require('node:fs').readFileSync('README.md', 'utf8') as string;
    for (const id of Object.keys(CONTAINERS)) expect(readme).toContain(`\`${id}\``);
  });
});

describe('the Azure infrastructure', () => {
  it('declares the same containers, partition key and time to live as the data inventory', () => {
    const bicep = require('node:fs').readFileSync('infra/modules/cosmos.bicep', 'utf8') as string;
    const declared = [...bicep.matchAll(/\{ id: '([a-z-]+)', ttl: (\d+) \* day \}/g)].map((m) => [m[1], Number(m[2]) * 86400]);
    expect(Object.fromEntries(declared)).toEqual(Object.fromEntries(Object.values(CONTAINERS).map((c) => [c.id, c.defaultTtlSeconds])));
    expect(bicep).toContain("paths: ['/pk']");
    expect(bicep).toContain('disableLocalAuth: true');
  });
});
