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

  it.each(Object.entries(RECORD_KINDS))('says what subject access exports of %s and what erasure does to it', (_kind, spec) => {
    const { access, erasure, why } = spec.rights;
    // anything but "export and delete it" is explained, since the admin is told it in the person's answer
    if (access !== 'by-person' || erasure !== 'delete') expect(why?.length ?? 0).toBeGreaterThan(20);
    // a kind found by person is erased by person too; one that cannot be found has nothing to erase
    expect(access === 'none').toBe(erasure === 'none');
    // what holds people's data and is not reachable by person says why (no key of theirs is kept)
    if (spec.category !== 'operational' && access === 'none') expect(why).toMatch(/no user (key|id)|nothing|counts only/);
  });

  it("keeps on request only what a legal basis keeps: concerns under safeguarding, the audit trail, the service's own responses", () => {
    const kept = Object.entries(RECORD_KINDS)
      .filter(([, spec]) => spec.rights.erasure === 'keep')
      .map(([kind]) => kind)
      .sort();
    expect(kept).toEqual(['audit-event', 'concern', 'theme-response']);
  });

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
