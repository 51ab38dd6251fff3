// Data page: what is stored, importing files, downloading from exchanges, with progress for every running job.
import { ProgressBar } from '../components/ProgressBar';
import { useDataStore } from '../state/data-store';
import { DatasetTable } from './data/DatasetTable';
import { DownloadPanel } from './data/DownloadPanel';
import { ImportPanel } from './data/ImportPanel';

export function DataPage() {
  const { jobs, notice, error } = useDataStore();
  return (
    <section className="page">
      <h2>Datasets</h2>
      <DatasetTable />
      {Object.values(jobs).map((j) => <ProgressBar key={j.id} fraction={j.fraction} label={j.message} />)}
      {notice && <p className="notice" data-testid="data-notice">{notice}</p>}
      {error && <p className="error" role="alert" data-testid="data-error">{error}</p>}
      <div className="columns">
        <ImportPanel />
        <DownloadPanel />
      </div>
    </section>
  );
}
