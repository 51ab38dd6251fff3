// Preload: exposes only the typed contract transport to the renderer, through contextBridge.
import { contextBridge, ipcRenderer } from 'electron';
import { PRELOAD_GLOBAL } from '../shared/transport';
import { createPreloadApi } from './preload-api';

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, createPreloadApi(ipcRenderer));
