// Page changes asked for from inside a page (a summary linking to its page, the first-run guide): App follows `request`.
import { create } from 'zustand';

interface NavState {
  /** The page asked for last; `seq` makes asking twice for the same page a new request. */
  request?: { page: string; seq: number };
  go(page: string): void;
}

export const useNavStore = create<NavState>((set, get) => ({
  go: (page) => set({ request: { page, seq: (get().request?.seq ?? 0) + 1 } }),
}));
