import { storedAddress } from '../../bot/proactive/address';
import { ConversationReferences, type StoredReference } from '../../bot/proactive/conversation-references';
import { deterministicId, type RecordStore } from '../../bot/storage/record-store';
import { SqliteRecordStore } from '../../bot/storage/sqlite-record-store';
import { createCapturingLogger } from '../helpers/capturing-logger';
import { fixedClock } from '../helpers/fixed-clock';

const PERSON = storedAddress('user:msteams:0b0b0b0b-0000-4000-8000-000000000001');
const onTeams: StoredReference = {
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/uk/',
  conversation: { id: 'a:teams-chat', tenantId: 'tenant-1', conversationType: 'personal' },
  bot: { id: '28:bot' },
  user: { id: '29:person', aadObjectId: '0b0b0b0b-0000-4000-8000-000000000001' },
};
const onWeb = (conversation: string): StoredReference => ({
  channelId: 'webchat',
  serviceUrl: 'http://127.0.0.1:3978/directline-connector/key/',
  conversation: { id: conversation },
  bot: { id: 'foster-carer-assistant' },
  user: { id: 'dl_aad_0b0b0b0b-0000-4000-8000-000000000001' },
});

/** A person has at most one Teams and one web reference under one address; references stored by earlier releases still read. */
describe('conversation references, one per chat', () => {
  let store: RecordStore;
  let references: ConversationReferences;
  /** As releases before issue 13 wrote them: one record per audience, under the audience's own key. */
  const storeLegacy = async (reference: unknown, extra: Record<string, unknown> = {}) => {
    const id = deterministicId('reference', PERSON);
    await store.upsert({ kind: 'conversation-reference', partitionKey: id, id }, { audience: PERSON, reference, ...extra });
  };
  const stored = async () => (await store.list<{ reference: StoredReference }>('conversation-reference')).map((r) => r.data.reference.conversation.id).sort();

  beforeEach(() => {
    store = SqliteRecordStore.open(':memory:', fixedClock('2026-03-02T10:00:00Z'));
    references = new ConversationReferences(store, createCapturingLogger());
  });
  afterEach(async () => {
    await store.close();
  });

  it('keeps the Teams chat and the web chat side by side, Teams first, whichever was saved last', async () => {
    await references.save(PERSON, onTeams);
    await references.save(PERSON, onWeb('web-1'));
    expect(await references.all(PERSON)).toEqual([onTeams, onWeb('web-1')]);
    expect(await references.get(PERSON)).toEqual(onTeams);
    // a new web chat replaces the old web chat only
    await references.save(PERSON, onWeb('web-2'));
    expect(await references.all(PERSON)).toEqual([onTeams, onWeb('web-2')]);
    expect(await stored()).toEqual(['a:teams-chat', 'web-2']);
  });

  it('drops only the chat that failed', async () => {
    await references.save(PERSON, onTeams);
    await references.save(PERSON, onWeb('web-1'));
    expect(await references.drop(PERSON, onWeb('web-old'))).toBe(false);
    expect(await references.drop(PERSON, onTeams)).toBe(true);
    expect(await references.all(PERSON)).toEqual([onWeb('web-1')]);
  });

  it("reads an earlier release's reference as the chat its channel says, until that chat is saved again", async () => {
    await storeLegacy(onWeb('web-legacy'));
    expect(await references.all(PERSON)).toEqual([onWeb('web-legacy')]);
    // a Teams chat saved since sits beside it
    await references.save(PERSON, onTeams);
    expect(await references.all(PERSON)).toEqual([onTeams, onWeb('web-legacy')]);
    // and can be dropped like any other
    expect(await references.drop(PERSON, onWeb('web-legacy'))).toBe(true);
    expect(await references.all(PERSON)).toEqual([onTeams]);
  });

  it("retires an earlier release's reference when the same chat is saved anew", async () => {
    await storeLegacy(onTeams);
    await references.save(PERSON, { ...onTeams, conversation: { id: 'a:teams-chat-2' } });
    expect(await references.all(PERSON)).toEqual([{ ...onTeams, conversation: { id: 'a:teams-chat-2' } }]);
    expect(await stored()).toEqual(['a:teams-chat-2']);
  });

  it("an earlier release's unreadable reference stops reads until the person chats again, which replaces it", async () => {
    await storeLegacy({ channelId: 'msteams' });
    await expect(references.all(PERSON)).rejects.toMatchObject({ code: 'STORAGE_CORRUPT_DOCUMENT' });
    await references.save(PERSON, onWeb('web-1'));
    expect(await references.all(PERSON)).toEqual([onWeb('web-1')]);
  });

  it('lists a manager once however many chats they have, and honours an inactive flag left by an earlier release', async () => {
    await references.save(PERSON, onTeams, { manager: true });
    await references.save(PERSON, onWeb('web-1'), { manager: true });
    expect(await references.managerAudiences()).toEqual([PERSON]);
    const other = storedAddress('user:webchat:dl_0123');
    const id = deterministicId('reference', other);
    await store.upsert({ kind: 'conversation-reference', partitionKey: id, id }, { audience: other, reference: onWeb('gone'), inactive: true, manager: true });
    expect(await references.all(other)).toEqual([]);
    expect(await references.managerAudiences()).toEqual([PERSON]);
  });
});
