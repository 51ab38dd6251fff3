// Spot wallet: free and locked amount per asset, with the moves orders make (lock, release, settle a fill).
import { clean } from './decimal';
import { errors } from './errors';

export interface AssetBalance {
  free: number;
  locked: number;
}

export class Wallet {
  private readonly assets = new Map<string, AssetBalance>();

  constructor(initial: Record<string, number>) {
    for (const [asset, amount] of Object.entries(initial)) this.set(asset, amount);
  }

  get(asset: string): AssetBalance {
    let entry = this.assets.get(asset);
    if (!entry) {
      entry = { free: 0, locked: 0 };
      this.assets.set(asset, entry);
    }
    return entry;
  }

  /** Overwrites an asset's free amount (test set-up); its locked amount is kept. */
  set(asset: string, free: number): void {
    this.get(asset).free = free;
  }

  snapshot(): Record<string, AssetBalance> {
    const out: Record<string, AssetBalance> = {};
    for (const [asset, entry] of this.assets) out[asset] = { ...entry };
    return out;
  }

  /** Moves free → locked, refusing like Binance when there is not enough. */
  lock(asset: string, amount: number): void {
    const entry = this.get(asset);
    if (entry.free + 1e-12 < amount) throw errors.insufficientBalance();
    entry.free = clean(entry.free - amount);
    entry.locked = clean(entry.locked + amount);
  }

  /** Moves locked → free (cancel, or a buy that filled below its limit). */
  release(asset: string, amount: number): void {
    const entry = this.get(asset);
    entry.locked = clean(Math.max(0, entry.locked - amount));
    entry.free = clean(entry.free + amount);
  }

  requireFree(asset: string, amount: number): void {
    if (this.get(asset).free + 1e-12 < amount) throw errors.insufficientBalance();
  }

  /** Pays for a fill: the part covered by what the order locked, then the rest from free. */
  spend(asset: string, fromLocked: number, fromFree: number): void {
    const entry = this.get(asset);
    entry.locked = clean(Math.max(0, entry.locked - fromLocked));
    entry.free = clean(entry.free - fromFree);
  }

  credit(asset: string, amount: number): void {
    const entry = this.get(asset);
    entry.free = clean(entry.free + amount);
  }

  /** Charges a commission from free (Binance deducts it from what the trade delivered). */
  charge(asset: string, amount: number): void {
    const entry = this.get(asset);
    entry.free = clean(entry.free - amount);
  }
}
