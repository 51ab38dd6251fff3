// The kill switch: each mode's veto rules, latched across restarts, escalation only, re-arm only with the confirmation.
import { afterEach, describe, expect, it } from 'vitest';
import { RiskError } from '../../../electron/engine/errors';
import { KillSwitch, RiskManager, type KillSwitchTripped } from '../../../electron/engine/risk';
import type { Database } from '../../../electron/engine/store/database';
import { dbPath, exit, FakeAccount, intent, openDb, tempDbDir } from './helpers';

const dir = tempDbDir();
const T0 = Date.UTC(2025, 0, 6, 10);
const opened: Database[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.open && db.close()));

function db(path = dbPath(dir)): Database {
  const d = openDb(path);
  opened.push(d);
  return d;
}

function longAccount(): FakeAccount {
  const account = new FakeAccount();
  account.fill('BTC/USDT', 'buy', 10);
  return account;
}

const flattenOrder = () => exit('sell', 10, { reason: 'flatten' });

describe('kill switch veto rules', () => {
  it('stop-entries: vetoes entries, lets exits through', () => {
    const account = longAccount();
    const risk = new RiskManager({ db: db(), context: () => account });
    risk.killSwitch.trip('stop-entries', 'news', 'hotkey');
    expect(risk.check(intent('buy', 1), account.view())).toEqual({
      accepted: false,
      reason: 'kill switch tripped (stop-entries, hotkey: news): no new entries, exits only',
    });
    expect(risk.check(exit('sell', 10), account.view())).toEqual({ accepted: true });
    expect(risk.state().tradingState).toBe('reducing');
  });

  it('halt: vetoes every order, exits and flattening included', () => {
    const account = longAccount();
    const risk = new RiskManager({ db: db(), context: () => account });
    risk.killSwitch.trip('halt', 'exchange acting up', 'ui');
    for (const order of [intent('buy', 1), exit('sell', 10), flattenOrder()]) {
      expect(risk.check(order, account.view())).toMatchObject({ accepted: false, reason: expect.stringMatching(/no new orders while halted/) });
    }
    expect(risk.state().tradingState).toBe('halted');
  });

  it("flatten: only the kill switch's own reduce-only closing orders pass", () => {
    const account = longAccount();
    const risk = new RiskManager({ db: db(), context: () => account });
    risk.killSwitch.trip('flatten', 'get out', 'tray');
    expect(risk.check(flattenOrder(), account.view())).toEqual({ accepted: true });
    expect(risk.check(exit('sell', 10), account.view())).toMatchObject({ accepted: false });
    expect(risk.check(intent('sell', 10, { reason: 'flatten' }), account.view())).toMatchObject({ accepted: false });
    expect(risk.check(exit('buy', 1, { reason: 'flatten' }), account.view())).toMatchObject({ accepted: false });
    expect(risk.check(intent('buy', 1), account.view())).toMatchObject({ accepted: false });
    expect(risk.state().tradingState).toBe('halted');
  });
});

describe('kill switch latch', () => {
  it('stays tripped across a restart until re-armed', () => {
    const path = dbPath(dir);
    new KillSwitch(db(path), () => T0).trip('halt', 'leaving for the weekend', 'cli');
    opened.splice(0).forEach((d) => d.close());
    const account = longAccount();
    const risk = new RiskManager({ db: db(path), context: () => account });
    expect(risk.killSwitch.isTripped()).toBe(true);
    expect(risk.state().killSwitch).toEqual({ isTripped: true, mode: 'halt', trippedAt: T0, reason: 'leaving for the weekend', source: 'cli' });
    expect(risk.check(exit('sell', 10), account.view())).toMatchObject({ accepted: false });
  });

  it('refuses to re-arm without the confirmation word', () => {
    const ks = new KillSwitch(db());
    ks.trip('stop-entries', 'x', 'ui');
    expect(() => ks.rearm()).toThrow(RiskError);
    expect(() => ks.rearm({ confirm: 'rearm' })).toThrow(/REARM/);
    expect(ks.isTripped()).toBe(true);
  });

  it('re-arms with the confirmation, on disk too', () => {
    const path = dbPath(dir);
    const ks = new KillSwitch(db(path), () => T0);
    ks.trip('flatten', 'x', 'ui');
    const heard: unknown[] = [];
    ks.onKillSwitchRearmed((e) => heard.push(e));
    ks.rearm({ confirm: 'REARM' });
    expect(ks.state()).toEqual({ isTripped: false });
    expect(heard).toEqual([{ time: T0, mode: 'flatten' }]);
    expect(new KillSwitch(db(path)).isTripped()).toBe(false);
  });
});

describe('kill switch escalation', () => {
  it('escalates stop-entries → halt → flatten, telling the executor each time', () => {
    const ks = new KillSwitch(db(), () => T0);
    const heard: KillSwitchTripped[] = [];
    ks.onKillSwitchTripped((e) => heard.push(e));
    expect(ks.trip('stop-entries', 'a', 'ui').outcome).toBe('tripped');
    expect(ks.trip('halt', 'b', 'webhook').outcome).toBe('escalated');
    expect(ks.trip('flatten', 'c', 'hotkey').outcome).toBe('escalated');
    expect(heard).toEqual([
      { mode: 'stop-entries', reason: 'a', source: 'ui', time: T0 },
      { mode: 'halt', reason: 'b', source: 'webhook', time: T0, escalatedFrom: 'stop-entries' },
      { mode: 'flatten', reason: 'c', source: 'hotkey', time: T0, escalatedFrom: 'halt' },
    ]);
  });

  it('is never downgraded by a milder trip', () => {
    const path = dbPath(dir);
    const ks = new KillSwitch(db(path));
    ks.trip('flatten', 'first', 'ui');
    let calls = 0;
    ks.onKillSwitchTripped(() => calls++);
    expect(ks.trip('stop-entries', 'milder', 'breaker')).toMatchObject({ outcome: 'unchanged', state: { mode: 'flatten', reason: 'first' } });
    expect(ks.trip('flatten', 'again', 'cli').outcome).toBe('unchanged');
    expect(calls).toBe(0);
    expect(new KillSwitch(db(path)).state()).toMatchObject({ mode: 'flatten', reason: 'first' });
  });

  it('rejects unknown modes and sources', () => {
    const ks = new KillSwitch(db());
    expect(() => ks.trip('nuke' as never, 'x', 'ui')).toThrow(RiskError);
    expect(() => ks.trip('halt', 'x', 'email' as never)).toThrow(RiskError);
    expect(ks.isTripped()).toBe(false);
  });
});

describe('kill switch persistence order', () => {
  it('lets the executors act first, then writes the latch before trip() returns', () => {
    const path = dbPath(dir);
    const ks = new KillSwitch(db(path), () => T0);
    const spy = db(path);
    let seenDuringListener: unknown;
    ks.onKillSwitchTripped(() => {
      seenDuringListener = spy.prepare('SELECT latched FROM kill_switch WHERE id = 1').get();
    });
    ks.trip('halt', 'why', 'webhook');
    expect(seenDuringListener).toEqual({ latched: 0 });
    expect(spy.prepare('SELECT mode, latched, tripped_at, reason, source FROM kill_switch WHERE id = 1').get())
      .toEqual({ mode: 'halt', latched: 1, tripped_at: T0, reason: 'why', source: 'webhook' });
  });

  it('still acts and raises the alarm when the latch cannot be written', () => {
    const path = dbPath(dir);
    const store = db(path);
    const ks = new KillSwitch(store, () => T0);
    const heard: string[] = [];
    const failures: string[] = [];
    ks.onKillSwitchTripped((e) => heard.push(e.mode));
    ks.onPersistFailed((e) => failures.push(e.message));
    store.exec('DROP TABLE kill_switch');
    expect(() => ks.trip('halt', 'disk gone', 'hotkey')).toThrow(/could not be saved/);
    expect(heard).toEqual(['halt']);
    expect(failures).toHaveLength(1);
    expect(ks.state()).toMatchObject({ isTripped: true, mode: 'halt' });
  });

  it('adopts a latch another process wrote (the quorum kill command) and acts on it', () => {
    const path = dbPath(dir);
    const ks = new KillSwitch(db(path), () => T0);
    const heard: KillSwitchTripped[] = [];
    ks.onKillSwitchTripped((e) => heard.push(e));
    expect(ks.adoptFromDisk()).toBe(false);
    new KillSwitch(db(path), () => T0 + 5).trip('flatten', 'from cli', 'cli');
    expect(ks.adoptFromDisk()).toBe(true);
    expect(ks.adoptFromDisk()).toBe(false);
    expect(heard).toEqual([{ mode: 'flatten', reason: 'from cli', source: 'cli', time: T0 + 5 }]);
  });

  it('stays tripped when a listener throws', () => {
    const path = dbPath(dir);
    const ks = new KillSwitch(db(path));
    ks.onKillSwitchTripped(() => {
      throw new Error('executor crashed');
    });
    const second: string[] = [];
    ks.onKillSwitchTripped((e) => second.push(e.mode));
    expect(() => ks.trip('halt', 'x', 'ui')).toThrow('executor crashed');
    expect(second).toEqual(['halt']);
    expect(new KillSwitch(db(path)).isTripped()).toBe(true);
  });
});
