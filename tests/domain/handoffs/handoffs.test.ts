import { userAddress } from '../../../bot/proactive/address';
import { Handoffs, type NewHandoff } from '../../../bot/domain/handoffs/handoffs';
import { SqliteRecordStore } from '../../../bot/storage/sqlite-record-store';
import type { RecordStore } from '../../../bot/storage/record-store';
import { fixedClock } from '../../helpers/fixed-clock';

const NEW: NewHandoff = {
  team: 'fostering',
  carerAudience: userAddress('msteams:aad-carer'),
  channel: 'msteams',
  openedAt: '2026-12-01T10:00:00.000Z',
  takeBy: '2026-12-01T10:30:00.000Z',
};
const NOW = '2026-12-01T10:05:00.000Z';
const staff = (id: string) => ({ id, name: id });

describe('hand-off records: the first take or close wins, no relayed line is lost', () => {
  let store: RecordStore;
  let handoffs: Handoffs;
  beforeEach(() => {
    store = SqliteRecordStore.open(':memory:', fixedClock(NOW));
    handoffs = new Handoffs(store, 'service');
  });
  afterEach(async () => {
    await store.close();
  });

  it('opens once per originating activity, with a reference from its id', async () => {
    const first = await handoffs.open('act-123456789', NEW);
    const again = await handoffs.open('act-123456789', NEW);
    expect([first.created, again.created]).toEqual([true, false]);
    expect(first.record.data).toMatchObject({ reference: 'HO-ACT123', status: 'waiting', messages: [] });
  });

  it('two staff pressing Take it at once: exactly one has it, the other is told who', async () => {
    const { record } = await handoffs.open('act-2', NEW);
    const [a, b] = await Promise.all([
      handoffs.change(record.id, { verb: 'take', by: staff('sam') }, NOW),
      handoffs.change(record.id, { verb: 'take', by: staff('pat') }, NOW),
    ]);
    expect([a.applied, b.applied].filter(Boolean)).toHaveLength(1);
    const loser = a.applied ? b : a;
    expect(loser).toMatchObject({ applied: false, reason: 'taken' });
    const stored = await handoffs.get(record.id);
    expect(stored?.data.takenBy?.id).toBe(a.applied ? 'sam' : 'pat');
  });

  it('lines written by both sides at the same moment are all kept, numbered in order', async () => {
    const { record } = await handoffs.open('act-3', NEW);
    await handoffs.change(record.id, { verb: 'take', by: staff('sam') }, NOW);
    await Promise.all([
      handoffs.change(record.id, { verb: 'relay', from: 'carer', text: 'one' }, NOW),
      handoffs.change(record.id, { verb: 'relay', from: 'staff', text: 'two' }, NOW),
      handoffs.change(record.id, { verb: 'relay', from: 'carer', text: 'three' }, NOW),
    ]);
    const kept = (await handoffs.get(record.id))!.data.messages;
    expect(kept.map((m) => m.text).sort()).toEqual(['one', 'three', 'two']);
    expect(kept.map((m) => m.seq)).toEqual([0, 1, 2]);
  });

  it('nothing changes a closed hand-off; past its target and not yet announced again, it is found once', async () => {
    const { record } = await handoffs.open('act-4', NEW);
    expect(await handoffs.waitingPastTarget('2026-12-01T10:29:00.000Z')).toHaveLength(0);
    const due = await handoffs.waitingPastTarget('2026-12-01T10:31:00.000Z');
    expect(due.map((h) => h.id)).toEqual([record.id]);
    expect(await handoffs.markReannounced(due[0]!, NOW)).toBe(true);
    // a second instance holding the same read loses: only one announces it
    expect(await handoffs.markReannounced(due[0]!, NOW)).toBe(false);
    expect(await handoffs.waitingPastTarget('2026-12-01T10:31:00.000Z')).toHaveLength(0);

    await handoffs.change(record.id, { verb: 'close', by: 'carer' }, NOW);
    expect(await handoffs.change(record.id, { verb: 'relay', from: 'carer', text: 'late' }, NOW)).toMatchObject({ applied: false, reason: 'closed' });
    expect(await handoffs.change(record.id, { verb: 'take', by: staff('sam') }, NOW)).toMatchObject({ applied: false, reason: 'closed' });
  });
});
