import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { writing } from './trace/errors.js';

/**
 * Writes the file `path` whole: `data` goes to `<path>.tmp-<tag>` beside it,
 * which is then renamed onto `path`, so a reader (another process, a
 * `podsim merge` of a folder being written) sees the old file or the new one,
 * never half of one. `tag` keeps two writers of one file apart (the process
 * id, as OutputDir's `<out>.tmp-<tag>`).
 *
 * When the write or the rename fails (the folder is missing or unwritable,
 * the disk is full, `path` is a folder) the temporary file is removed, and
 * an OutputError naming `path` is thrown. The folder must exist.
 */
export function writeFileWhole(path: string, data: string | NodeJS.ArrayBufferView, tag: string): void {
  const tmp = `${path}.tmp-${tag}`;
  writing(path, () => {
    try {
      writeFileSync(tmp, data);
      renameSync(tmp, path);
    } catch (e) {
      try {
        rmSync(tmp, { force: true });
      } catch {
        // The error to report is the write's: a temporary file that cannot be removed either says no more.
      }
      throw e;
    }
  });
}
