import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { OutputError, osReason, writing } from './errors.js';

export { OutputError } from './errors.js';

/**
 * An output folder written atomically: files go to a temporary sibling
 * `<out>.tmp-<tag>`; `commit()` renames it to `<out>` (an existing `<out>` is
 * first renamed aside to `<out>.old-<tag>`, then removed once the new folder
 * is in place: the swap is two renames); `abort()` removes the temp folder.
 * Nothing ever appears under `<out>` but a complete folder.
 *
 * `tag` keeps concurrent runs apart (the CLI passes its process id); a stale temp
 * folder of the same tag (a crashed run) is removed at create.
 */
export class OutputDir {
  private state: 'open' | 'committed' | 'aborted' = 'open';

  private constructor(
    /** The final folder, absolute. */
    readonly finalPath: string,
    /** The temp folder, absolute: where files are written until commit. */
    readonly path: string,
    private readonly tag: string,
  ) {}

  /**
   * Creates the temp folder (and `<out>`'s missing parents). Throws
   * OutputError (code OutputUnwritable) when `<out>` is a file or the parent cannot be written,
   * before any simulation work is done.
   */
  static create(out: string, tag: string): OutputDir {
    const finalPath = resolve(out);
    if (basename(finalPath) === '') throw new OutputError(finalPath, 'not a folder name');
    if (existsSync(finalPath) && !isDirectory(finalPath)) {
      throw new OutputError(finalPath, 'exists and is not a folder');
    }
    const tempPath = `${finalPath}.tmp-${tag}`;
    writing(finalPath, () => {
      makeParent(finalPath);
      rmSync(tempPath, { recursive: true, force: true });
      mkdirSync(tempPath);
    });
    return new OutputDir(finalPath, tempPath, tag);
  }

  /** The path of `name` inside the temp folder (where writers write). */
  file(name: string): string {
    return join(this.path, name);
  }

  /** Puts the complete folder in place of `<out>`. Call once, after every file is closed. */
  commit(): void {
    if (this.state !== 'open') throw new Error(`OutputDir.commit: already ${this.state}`);
    const old = `${this.finalPath}.old-${this.tag}`;
    const hadOld = existsSync(this.finalPath);
    if (hadOld) {
      writing(this.finalPath, () => {
        rmSync(old, { recursive: true, force: true });
        renameSync(this.finalPath, old);
      });
    }
    try {
      renameSync(this.path, this.finalPath);
    } catch (e) {
      if (hadOld) restore(old, this.finalPath);
      throw new OutputError(this.finalPath, osReason(e));
    }
    this.state = 'committed';
    if (hadOld) rmSync(old, { recursive: true, force: true });
  }

  /** Removes the temp folder; `<out>` is left as it was. Idempotent, never throws; a no-op after commit. */
  abort(): void {
    if (this.state !== 'open') return;
    this.state = 'aborted';
    try {
      rmSync(this.path, { recursive: true, force: true });
    } catch {
      // nothing more can be done; the temp name never shadows <out>
    }
  }
}

/** mkdir -p of the parent; a file in the way is named as such (Node says EEXIST or ENOTDIR). */
function makeParent(finalPath: string): void {
  const parent = dirname(finalPath);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new OutputError(finalPath, 'a parent is not a folder (ENOTDIR)');
    throw e;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Puts the previous folder back after a failed swap (best effort). */
function restore(old: string, finalPath: string): void {
  try {
    renameSync(old, finalPath);
  } catch {
    // the old folder stays under its .old name
  }
}
