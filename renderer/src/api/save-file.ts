// Saves text the engine or the page made (a report, a CSV) through the browser's download: the Electron shell shows
// its save dialog for it, a browser on the headless bridge its download bar. Nothing touches the file system here.
export function saveText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has its own copy once it starts.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
