import { WEB_CONTACT_KEPT_DAYS, WebContacts } from '../../../bot/domain/contact-details/web-contacts';
import { userAddress } from '../../../bot/proactive/address';
import { RECORD_KINDS } from '../../../bot/storage/data-inventory';
import type { RecordStore } from '../../../bot/storage/record-store';
import { SqliteRecordStore } from '../../../bot/storage/sqlite-record-store';
import { createCapturingLogger } from '../../helpers/capturing-logger';
import { fixedClock } from '../../helpers/fixed-clock';

const DAY = 24 * 60 * 60;
const JO = userAddress('webchat:dl_jo');
const SAM = userAddress('webchat:dl_sam');

describe('WebContacts: the details a web user who is not signed in gave, kept for their next request', () => {
  let clock: ReturnType<typeof fixedClock>;
  let store: RecordStore;
  let contacts: WebContacts;
  beforeEach(() => {
    clock = fixedClock('2026-06-08T10:00:00Z');
    store = SqliteRecordStore.open(':memory:', clock);
    contacts = new WebContacts(store);
  });
  afterEach(async () => {
    await store.close();
  });

  it('tells the carer the period the inventory keeps them for', () => {
    expect(WEB_CONTACT_KEPT_DAYS * DAY).toBe(RECORD_KINDS['web-contact'].ttlSeconds);
  });

  it('keeps one record per address, holding only the first name and the routes given', async () => {
    await contacts.keep(JO, { firstName: 'Jo', phone: '07700 900123' });
    await contacts.keep(SAM, { firstName: 'Sam', email: 'sam@example.org' });
    await contacts.keep(JO, { firstName: 'Jo', email: 'jo@example.org' });
    expect(await contacts.get(JO)).toEqual({ firstName: 'Jo', email: 'jo@example.org' });
    expect(await contacts.get(SAM)).toEqual({ firstName: 'Sam', email: 'sam@example.org' });
    const stored = await store.list('web-contact');
    expect(Object.fromEntries(stored.map((r) => [r.partitionKey, r.data]))).toEqual({
      [JO]: { firstName: 'Jo', email: 'jo@example.org' },
      [SAM]: { firstName: 'Sam', email: 'sam@example.org' },
    });
    expect(stored).toHaveLength(2);
  });

  it('expires its time to live after the last use, not after it was first given', async () => {
    await contacts.keep(JO, { firstName: 'Jo', phone: '07700 900123' });
    clock.advance((WEB_CONTACT_KEPT_DAYS - 1) * DAY);
    const kept = await contacts.get(JO);
    expect(kept).toBeDefined();
    await contacts.keep(JO, kept!); // passed on again
    clock.advance((WEB_CONTACT_KEPT_DAYS - 1) * DAY);
    expect(await contacts.get(JO)).toEqual({ firstName: 'Jo', phone: '07700 900123' });
    clock.advance(2 * DAY);
    expect(await contacts.get(JO)).toBeUndefined();
  });

  it('forgets them on request', async () => {
    await contacts.keep(JO, { firstName: 'Jo', phone: '07700 900123' });
    expect(await contacts.forget(JO)).toBe(true);
    expect(await contacts.get(JO)).toBeUndefined();
    expect(await contacts.forget(JO)).toBe(false);
  });

  it('refuses a stored document with no way to reach the person (STORAGE_CORRUPT_DOCUMENT, no values logged)', async () => {
    const logger = createCapturingLogger();
    await store.upsert({ kind: 'web-contact', partitionKey: JO, id: 'contact' }, { firstName: 'Jo' });
    await expect(new WebContacts(store, logger).get(JO)).rejects.toMatchObject({ code: 'STORAGE_CORRUPT_DOCUMENT' });
    expect(logger.lines.join('\n')).toContain('STORAGE_CORRUPT_DOCUMENT');
    expect(logger.lines.join('\n')).not.toContain('"Jo"');
  });
});
