import { StorageError } from '../../bot/errors';
import type { RecordKind } from '../../bot/storage/data-inventory';
import type { RecordStore } from '../../bot/storage/record-store';

export type Failure = 'before-commit' | 'after-commit';

/**
 * A store whose writes of one kind fail the way a cloud store fails once its retries run out: the write never
 * happened, or it committed and only the answer was lost. `readsFail` makes the follow-up read of that kind fail too.
 * `inner` is the store as it really is, for assertions.
 */
export function failingStore(inner: RecordStore) {
  const plan: { kind?: RecordKind; failure?: Failure; readsFail?: boolean } = {};
  let injected = 0;
  const fail = () => {
    injected += 1;
    return new StorageError('injected: the store gave up');
  };
  const write = async <R>(kind: RecordKind, run: () => Promise<R>): Promise<R> => {
    if (plan.kind !== kind || plan.failure === undefined) return run();
    if (plan.failure === 'before-commit') throw fail();
    await run();
    throw fail();
  };
  const read = async <R>(kind: RecordKind, run: () => Promise<R>): Promise<R> => {
    if (plan.readsFail === true && plan.kind === kind) throw fail();
    return run();
  };
  const store: RecordStore = {
    create: (key, data) => write(key.kind, () => inner.create(key, data)),
    replace: (current, data) => write(current.kind, () => inner.replace(current, data)),
    upsert: (key, data) => write(key.kind, () => inner.upsert(key, data)),
    delete: (key, etag) => inner.delete(key, etag),
    get: (key) => read(key.kind, () => inner.get(key)),
    list: (kind, query) => read(kind, () => inner.list(kind, query)),
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
  /** From now on, writes of `kind` fail (`failure`), and with `readsFail` so do its reads. */
  const failFrom = (kind: RecordKind, failure: Failure, options: { readsFail?: boolean } = {}): void => {
    plan.kind = kind;
    plan.failure = failure;
    plan.readsFail = options.readsFail === true;
  };
  /** Back to a store that works. */
  const clear = (): void => {
    delete plan.kind;
    delete plan.failure;
    delete plan.readsFail;
  };
  /** How many failures were injected: a test of a failure that changes nothing visible shows it happened. */
  const failures = (): number => injected;
  return { store, inner, failFrom, clear, failures };
}

/** A store whose writes and deletes of bot state fail while `control.fail` is set, as a store that gives up after its retries. */
export function failingStateWrites(inner: RecordStore, control: { fail: boolean }): RecordStore {
  return new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const kind = (args[0] as { kind?: string } | undefined)?.kind;
        if (control.fail && kind === 'bot-state' && ['create', 'replace', 'upsert', 'delete'].includes(String(property)))
          return Promise.reject(new StorageError('state store down'));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
