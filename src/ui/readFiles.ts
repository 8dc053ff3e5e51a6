/** Largest file we read; bigger ones get a message instead of freezing the tab. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;
const MANIFEST = /\.(ya?ml|json)$/i;

export interface ReadResult {
  files: { name: string; text: string }[];
  problems: string[];
}

/** Reads chosen or dropped files as text; too-large files are reported, not read. */
export async function readFiles(files: readonly File[]): Promise<ReadResult> {
  const result: ReadResult = { files: [], problems: [] };
  for (const file of files) {
    const name =
      (file as File & { relativePath?: string }).relativePath ?? file.webkitRelativePath ?? file.name;
    if (file.size > MAX_FILE_BYTES) {
      result.problems.push(
        `${name} is ${(file.size / 1024 / 1024).toFixed(0)} MB; Reachlab reads files up to 25 MB. Split it, or load only the namespaces you need.`,
      );
      continue;
    }
    try {
      result.files.push({ name: name || file.name, text: await file.text() });
    } catch (error) {
      result.problems.push(`${name} could not be read: ${String(error)}`);
    }
  }
  return result;
}

/** Files from a drop, walking dropped folders (manifest files only inside folders). */
export async function filesFromDrop(transfer: DataTransfer): Promise<File[]> {
  const entries = [...transfer.items]
    .map((item) => item.webkitGetAsEntry?.())
    .filter((e): e is FileSystemEntry => !!e);
  if (entries.length === 0) return [...transfer.files];
  const files: File[] = [];
  const walk = async (entry: FileSystemEntry, inFolder: boolean): Promise<void> => {
    if (entry.isFile) {
      if (inFolder && !MANIFEST.test(entry.name)) return;
      const file = await new Promise<File>((resolve, reject) =>
        (entry as FileSystemFileEntry).file(resolve, reject),
      );
      Object.defineProperty(file, 'relativePath', { value: entry.fullPath.replace(/^\//, '') });
      files.push(file);
      return;
    }
    if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
          reader.readEntries(resolve, reject),
        );
        if (batch.length === 0) break;
        for (const child of batch) await walk(child, true);
      }
    }
  };
  for (const entry of entries) await walk(entry, false);
  return files;
}
