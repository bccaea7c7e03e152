import { readFileSync } from 'node:fs';
import { CONTAINERS, RECORD_KINDS } from '../../bot/storage/data-inventory';

describe('the data inventory (DP-1)', () => {
  // it.each fails on an empty table: an inventory that lost its entries cannot pass by checking nothing
  it.each(Object.values(CONTAINERS))('gives container $id a time to live', (container) => {
    expect(container.defaultTtlSeconds).toBeGreaterThan(0);
  });

  it.each(Object.entries(RECORD_KINDS))(
    'puts record kind %s in a declared container, no longer-lived than the container, with a lawful basis',
    (_kind, spec) => {
      const container = CONTAINERS[spec.container];
      expect(container).toBeDefined();
      expect(spec.ttlSeconds).toBeGreaterThan(0);
      expect(spec.ttlSeconds).toBeLessThanOrEqual(container.defaultTtlSeconds);
      expect(spec.lawfulBasis.length).toBeGreaterThan(10);
    },
  );

  it.each(Object.keys(CONTAINERS))('lists container %s in the README data table', (id) => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain(`\`${id}\``);
  });
});

describe('the Azure infrastructure', () => {
  it('declares the same containers, partition key and time to live as the data inventory', () => {
    const bicep = readFileSync('infra/modules/cosmos.bicep', 'utf8');
    const declared = [...bicep.matchAll(/\{ id: '([a-z-]+)', ttl: (\d+) \* day \}/g)].map((m) => [m[1], Number(m[2]) * 86400]);
    expect(Object.fromEntries(declared)).toEqual(Object.fromEntries(Object.values(CONTAINERS).map((c) => [c.id, c.defaultTtlSeconds])));
    expect(bicep).toContain("paths: ['/pk']");
    expect(bicep).toContain('disableLocalAuth: true');
  });
});
