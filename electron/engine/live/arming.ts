// Arming live order sending, one exchange account at a time, by an explicit confirmed action with keys present.
import { ARM_LIVE_CONFIRMATION } from '../../../shared/desk-contract';
import type { CredentialStore } from '../credentials';
import { RiskError } from '../errors';
import type { SettingsRepository } from '../store/settings-repo';

export class LiveArming {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly credentials: () => CredentialStore,
  ) {}

  accounts(): string[] {
    return this.settings.load().liveArmedAccounts;
  }

  isArmed(account: string): boolean {
    return this.accounts().includes(account);
  }

  async arm(account: string, confirm: string): Promise<string[]> {
    if (confirm !== ARM_LIVE_CONFIRMATION) {
      throw new RiskError(`Arming live trading needs the confirmation "${ARM_LIVE_CONFIRMATION}"`, 'LIVE_ARM_CONFIRM_REQUIRED', { field: 'confirm' });
    }
    if (!(await this.credentials().load(account))) {
      throw new RiskError(`No API keys for ${account} in the OS keychain: add them first`, 'LIVE_ARM_NO_KEYS', { field: 'account', value: account });
    }
    return this.save([...new Set([...this.accounts(), account])]);
  }

  disarm(account: string): string[] {
    return this.save(this.accounts().filter((a) => a !== account));
  }

  private save(accounts: string[]): string[] {
    this.settings.setInternal({ liveArmedAccounts: accounts, liveArmed: accounts.length > 0 });
    return accounts;
  }
}
