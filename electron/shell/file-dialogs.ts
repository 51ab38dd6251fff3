// The desktop app's native open/save dialogs for the engine: the user picks the file, the page only ever gets a handle.
import type { BrowserWindow, Dialog } from 'electron';
import type { FileDialogs } from '../engine/files/file-dialogs';

export function nativeFileDialogs(dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>, window: () => BrowserWindow | undefined): FileDialogs {
  return {
    async openFiles({ title, filters, multiple }) {
      const options = { title, filters, properties: multiple ? ['openFile' as const, 'multiSelections' as const] : ['openFile' as const] };
      const win = window();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    async saveFile({ title, defaultName, filters }) {
      const options = { title, defaultPath: defaultName, filters };
      const win = window();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled ? undefined : result.filePath;
    },
  };
}
