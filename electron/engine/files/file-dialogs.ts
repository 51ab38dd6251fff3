// The host's native file dialogs (the desktop shell supplies them; headless and the CLI have none). The engine never
// imports Electron: the shell passes these two functions in.
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface FileDialogs {
  /** Files the user chose to open; [] when cancelled. */
  openFiles(options: { title: string; filters: FileFilter[]; multiple: boolean }): Promise<string[]>;
  /** Where the user chose to save; undefined when cancelled. */
  saveFile(options: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | undefined>;
}

/** What the importers read (see electron/engine/data/importers). */
export const CANDLE_FILE_FILTERS: FileFilter[] = [
  { name: 'Candle files', extensions: ['csv', 'txt', 'json', 'gz', 'zip'] },
  { name: 'All files', extensions: ['*'] },
];

export const DATABASE_FILE_FILTERS: FileFilter[] = [{ name: 'Quorum database', extensions: ['db'] }];
