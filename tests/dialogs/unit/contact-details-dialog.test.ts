import type { Activity } from 'botbuilder';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { WEB_CONTACT_KEPT_DAYS, WebContacts } from '../../../bot/domain/contact-details/web-contacts';
import { messages } from '../../../bot/messages';
import { userAddress } from '../../../bot/proactive/address';
import { SqliteRecordStore } from '../../../bot/storage/sqlite-record-store';
import {
  ContactDetailsDialog,
  contactDetailsNeeded,
  contactDetailsOf,
  type ContactDetailsOptions,
} from '../../../dialogs/contact-details/contact-details-dialog';
import { createCapturingLogger } from '../../helpers/capturing-logger';
import { failingStore } from '../../helpers/failing-store';
import { fixedClock } from '../../helpers/fixed-clock';

const ADDRESS = userAddress('webchat:dl_0123456789abcdef');
const copy = messages.contactDetails;

describe('ContactDetailsDialog (unit, DialogTestClient)', () => {
  const stores: SqliteRecordStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });

  const start = () => {
    const clock = fixedClock('2026-06-08T10:00:00Z');
    const inner = SqliteRecordStore.open(':memory:', clock);
    stores.push(inner);
    const failing = failingStore(inner);
    const logger = createCapturingLogger();
    const contacts = new WebContacts(failing.store);
    const options: ContactDetailsOptions = { address: ADDRESS };
    const client = () => new DialogTestClient('test', new ContactDetailsDialog({ contacts, logger }), options, []);
    let chat = client();
    const say = async (text: string) => {
      const replies: Partial<Activity>[] = [];
      for (let reply = (await chat.sendActivity(text)) as Partial<Activity> | undefined; reply !== undefined; reply = chat.getNextReply()) replies.push(reply);
      return replies;
    };
    const texts = async (text: string) => (await say(text)).map((r) => r.text ?? (r.attachments?.[0]?.content as { text?: string } | undefined)?.text);
    /** A new run of the dialog (the next flow), for the same web user. */
    const again = () => {
      chat = client();
    };
    return { clock, failing, logger, contacts, say, texts, again, result: () => chat.dialogTurnResult };
  };

  it('asks for a first name with a "No thanks" button, then a route, re-asking with what was wrong; ends with what was given', async () => {
    const { say, texts, contacts, result } = start();
    const [ask] = await say('');
    expect(ask?.text).toBe(copy.askFirstName(WEB_CONTACT_KEPT_DAYS));
    expect(ask?.suggestedActions?.actions.map((a) => a.title)).toEqual([copy.noThanks]);
    expect(await texts('07700 900123')).toEqual([copy.firstNameRetry]);
    expect(await texts("I'm Jo")).toEqual([copy.askRoute('Jo')]);
    expect(await texts('O7700 900123')).toEqual([copy.routeRetry['phone-has-letters']]);
    expect(await texts('+1 212 555 0100')).toEqual([copy.routeRetry['phone-not-uk']]);
    expect(await texts('whatever')).toEqual([copy.routeRetry['nothing-found']]);
    expect(await texts('07700900123 or JO@Example.ORG')).toEqual([]);
    expect(result().status).toBe(DialogTurnStatus.complete);
    const given = { firstName: 'Jo', phone: '07700 900123', email: 'JO@example.org' };
    expect(result().result).toEqual(given);
    expect(contactDetailsOf(result().result)).toEqual(given);
    expect(await contacts.get(ADDRESS)).toEqual(given);
  });

  it.each([['No thanks'], ['no'], ['no thank you'], ["I'd rather not"]])('"%s" at either question ends it with none given, keeping nothing', async (answer) => {
    const atName = start();
    await atName.say('');
    expect(await atName.texts(answer)).toEqual([copy.declined]);
    expect(atName.result().result).toBe('none-given');
    expect(await atName.contacts.get(ADDRESS)).toBeUndefined();

    const atRoute = start();
    await atRoute.say('');
    await atRoute.say('Jo');
    expect(await atRoute.texts(answer)).toEqual([copy.declined]);
    expect(atRoute.result().result).toBe('none-given');
    expect(await atRoute.contacts.get(ADDRESS)).toBeUndefined();
  });

  it('next time offers the kept details instead of asking, and passing them on keeps them another full period', async () => {
    const { say, texts, again, contacts, clock, result } = start();
    await say('');
    await say('Jo');
    await say('07700 900123');
    clock.advance(100 * 24 * 60 * 60);
    again();
    const [offer] = await say('');
    const card = offer?.attachments?.[0]?.content as { text?: string; buttons?: { title: string }[] } | undefined;
    expect(card?.text).toBe(copy.passOn('Jo, 07700 900123'));
    expect(card?.buttons?.map((b) => b.title)).toEqual([copy.passOnYes, copy.change, copy.notThisTime, copy.forget]);
    expect(await texts(copy.passOnYes)).toEqual([]);
    expect(result().result).toEqual({ firstName: 'Jo', phone: '07700 900123' });
    clock.advance(100 * 24 * 60 * 60); // 200 days after they were given, 100 after the last use
    expect(await contacts.get(ADDRESS)).toEqual({ firstName: 'Jo', phone: '07700 900123' });
  });

  it('"No, not this time" passes nothing on but keeps them; "Delete them" deletes them', async () => {
    const { say, texts, again, contacts, result } = start();
    await say('');
    await say('Jo');
    await say('jo@example.org');
    again();
    await say('');
    expect(await texts(copy.notThisTime)).toEqual([copy.declined]);
    expect(result().result).toBe('none-given');
    expect(await contacts.get(ADDRESS)).toEqual({ firstName: 'Jo', email: 'jo@example.org' });
    again();
    await say('');
    expect(await texts(copy.forget)).toEqual([copy.forgotten]);
    expect(result().result).toBe('none-given');
    expect(await contacts.get(ADDRESS)).toBeUndefined();
    again();
    expect(await texts('')).toEqual([copy.askFirstName(WEB_CONTACT_KEPT_DAYS)]);
  });

  it("a store that fails is not the carer's problem: unread details are asked for, unkept ones still go with the request", async () => {
    const { say, texts, failing, logger, result } = start();
    failing.failFrom('web-contact', 'before-commit', { readsFail: true });
    expect(await texts('')).toEqual([copy.askFirstName(WEB_CONTACT_KEPT_DAYS)]);
    await say('Jo');
    expect(await texts('07700 900123')).toEqual([]);
    expect(result().result).toEqual({ firstName: 'Jo', phone: '07700 900123' });
    expect(failing.failures()).toBe(2);
    const log = logger.lines.join('\n');
    expect(log).toContain('STORAGE_FAILED');
    expect(log).not.toContain('900123');
    expect(log).not.toContain('Jo');
  });

  it.each([
    [{ signedIn: false, channel: 'webchat' }, true],
    [{ signedIn: false, channel: 'directline' }, true],
    [{ signedIn: true, channel: 'webchat' }, false],
    [{ signedIn: true, channel: 'msteams' }, false],
    [{ signedIn: false, channel: 'msteams' }, false],
  ])('asks %j: %s', (facts, needed) => {
    expect(contactDetailsNeeded(facts)).toBe(needed);
  });

  it('reads only a result it could have ended with', () => {
    expect(contactDetailsOf(undefined)).toBeUndefined();
    expect(contactDetailsOf('07700 900123')).toBeUndefined();
    expect(contactDetailsOf({ firstName: 'Jo' })).toBeUndefined();
    expect(contactDetailsOf({ firstName: 'Jo', phone: '07700 900123', extra: 'x' })).toEqual({ firstName: 'Jo', phone: '07700 900123' });
    expect(contactDetailsOf('none-given')).toBe('none-given');
  });
});
