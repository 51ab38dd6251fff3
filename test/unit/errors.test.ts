// One error hierarchy: every area error is a QuorumError with its area and a stable code.
import { describe, expect, it } from 'vitest';
import {
  asQuorumError, ConfigError, ContractError, DataError, ExchangeError, ExchangeTimeoutError, ModelError, QuorumError, RiskError, StorageError,
} from '../../electron/engine/errors';

describe('errors', () => {
  it.each([
    [ConfigError, 'config'], [DataError, 'data'], [ExchangeError, 'exchange'], [RiskError, 'risk'],
    [ModelError, 'model'], [StorageError, 'storage'], [ContractError, 'contract'],
  ] as const)('%o is a QuorumError of its area', (Ctor, area) => {
    const err = new Ctor('boom', undefined, { field: 'x' });
    expect(err).toBeInstanceOf(QuorumError);
    expect(err).toBeInstanceOf(Error);
    expect(err.area).toBe(area);
    expect(err.name).toBe(Ctor.name);
    expect(err.details.field).toBe('x');
  });

  it('keeps the operation and budget on a timeout', () => {
    const err = new ExchangeTimeoutError('fetchOHLCV', 30_000);
    expect(err).toBeInstanceOf(ExchangeError);
    expect(err.code).toBe('EXCHANGE_TIMEOUT');
    expect(err.message).toBe('fetchOHLCV timed out after 30000 ms');
  });

  it.each([
    ['ENOENT', 'FILE_NOT_FOUND', 'data'], ['EACCES', 'FILE_NOT_PERMITTED', 'data'], ['EISDIR', 'FILE_UNREADABLE', 'data'], ['ENOSPC', 'DISK_FULL', 'storage'],
  ])('turns a file-system %s into %s (%s), with no path in the message', (errno, code, area) => {
    const cause = Object.assign(new Error(`${errno}: something, open '/home/someone/secret.csv'`), { code: errno, syscall: 'open' });
    const wrapped = asQuorumError(cause);
    expect(wrapped).toMatchObject({ code, area });
    expect(wrapped.message).not.toContain('/home/someone');
    expect(wrapped.cause).toBe(cause);
  });

  it('wraps foreign errors, keeping the cause', () => {
    const cause = new TypeError('nope');
    const wrapped = asQuorumError(cause);
    expect(wrapped.code).toBe('INTERNAL');
    expect(wrapped.cause).toBe(cause);
  });
});
