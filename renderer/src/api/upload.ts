// Sends a user-picked file to the engine in base64 chunks over the contract (works over IPC and the bridge alike).
import type { QuorumClient } from './client';

/** 384 KiB of bytes → 512 KiB of base64, the contract's chunk limit. */
const CHUNK_BYTES = 384 * 1024;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const STEP = 0x8000; // String.fromCharCode has an argument limit
  for (let i = 0; i < bytes.length; i += STEP) binary += String.fromCharCode(...bytes.subarray(i, i + STEP));
  return btoa(binary);
}

function newUploadId(): string {
  return `u${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

/** Uploads a file; resolves to the handle the engine gave for it (the page never learns a path on the engine's disk). */
export async function uploadFile(client: QuorumClient, file: File, onProgress?: (fraction: number) => void): Promise<string> {
  const uploadId = newUploadId();
  const chunks = Math.max(1, Math.ceil(file.size / CHUNK_BYTES));
  for (let seq = 0; seq < chunks; seq++) {
    const bytes = new Uint8Array(await file.slice(seq * CHUNK_BYTES, (seq + 1) * CHUNK_BYTES).arrayBuffer());
    const reply = await client.request('data.upload', { uploadId, name: file.name, seq, data: toBase64(bytes), last: seq === chunks - 1 });
    onProgress?.((seq + 1) / chunks);
    if (reply.file) return reply.file;
  }
  throw new Error(`Upload of ${file.name} did not complete`);
}
