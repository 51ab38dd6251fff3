// The database in Settings: a backup while Quorum runs, and a restore from a backup — chosen in the desktop app's open
// dialog or uploaded from the browser — that the engine checks now and applies when Quorum next starts.
import { useEffect, useRef, useState } from 'react';
import type { PendingRestore } from '../../../../shared/db-contract';
import { uploadFile } from '../../api/upload';
import { formatTime } from '../../format';
import { useEngineStore } from '../../state/engine-store';

type Say = (m: { ok: boolean; text: string }) => void;
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function DatabaseSection({ say }: { say: Say }) {
  const client = useEngineStore((s) => s.client);
  const fileDialogs = useEngineStore((s) => s.status?.fileDialogs ?? false);
  const [pending, setPending] = useState<PendingRestore | null>(null);
  const [busy, setBusy] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (client) void client.request('db.restoreStatus', {}).then((r) => setPending(r.pending)).catch(() => undefined);
  }, [client]);
  if (!client) return null;

  const act = async (doing: string, work: () => Promise<void>) => {
    setBusy(doing);
    try {
      await work();
    } catch (err) {
      say({ ok: false, text: messageOf(err) });
    } finally {
      setBusy(undefined);
    }
  };
  const backup = () => act('Backing up…', async () => {
    const r = await client.request('db.backup', {});
    say(r.saved ? { ok: true, text: `Backed up to ${r.path} (${r.pages} pages).` } : { ok: true, text: 'Backup cancelled.' });
  });
  const restoreFrom = async (file: string) => {
    const staged = await client.request('db.restore', { file });
    setPending(staged);
    say({ ok: true, text: `Restore from ${staged.source} is ready: it takes effect when Quorum next starts.` });
  };
  const chooseInDialog = () => act('Checking the backup…', async () => {
    const { files } = await client.request('files.open', { purpose: 'database', multiple: false });
    if (files[0]) await restoreFrom(files[0].file);
  });
  const upload = (file: File | undefined) => act(`Uploading ${file?.name ?? ''}…`, async () => {
    if (!file) return;
    try {
      await restoreFrom(await uploadFile(client, file));
    } finally {
      // The same file may be chosen again after a refusal.
      if (fileInput.current) fileInput.current.value = '';
    }
  });
  const cancel = () => act('Cancelling…', async () => {
    const { cancelled } = await client.request('db.restoreCancel', {});
    setPending(null);
    say({ ok: true, text: cancelled ? 'Restore cancelled: the current database stays.' : 'No restore was waiting.' });
  });

  return (
    <section className="panel" data-testid="database-section">
      <h3>Database</h3>
      <p className="muted">
        A backup copies the whole database (datasets, runs, journal, settings) while Quorum runs. A restore replaces it with a
        backup when Quorum next starts: it is refused while a session runs or an order is open, the current database is kept
        in the backups folder first, sessions in the backup do not resume and live trading comes back disarmed.
      </p>
      <div className="row">
        <button onClick={() => void backup()} disabled={busy !== undefined} data-testid="backup-button">Back up the database…</button>
        {fileDialogs
          ? <button onClick={() => void chooseInDialog()} disabled={busy !== undefined} data-testid="restore-choose">Restore from a backup…</button>
          : <label>Restore from a backup <input ref={fileInput} type="file" accept=".db" disabled={busy !== undefined}
              onChange={(e) => void upload(e.target.files?.[0])} data-testid="restore-file" /></label>}
        {busy && <span className="muted" role="status">{busy}</span>}
      </div>
      {pending && (
        <p className="notice" data-testid="restore-pending">
          Restore from <strong>{pending.source}</strong> (schema v{pending.version}{pending.schema > pending.version ? `, migrated to v${pending.schema}` : ''}),
          staged {formatTime(pending.stagedAt)}, takes effect when Quorum next starts: quit Quorum and start it again.{' '}
          <button onClick={() => void cancel()} disabled={busy !== undefined} data-testid="restore-cancel">Cancel the restore</button>
        </p>
      )}
    </section>
  );
}
