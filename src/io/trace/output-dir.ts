import { accessSync, constants, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { OutputError, osReason, writing } from './errors.js';
import { removeStaleRuns } from './stale-runs.js';

export { OutputError } from './errors.js';

/** The file that marks a podsim results folder, the only kind of folder OutputDir replaces. */
const MARK = 'run.json';

/**
 * An output folder written atomically: files go to a temporary sibling
 * `<out>.tmp-<tag>`; `commit()` renames it to `<out>` (an existing `<out>` is
 * first renamed aside to `<out>.old-<tag>`, then removed once the new folder
 * is in place: the swap is two renames); `abort()` removes the temp folder.
 * Nothing ever appears under `<out>` but a complete folder.
 *
 * An existing `<out>` is replaced only if it is a podsim results folder (it
 * holds run.json) or empty, and only if all of it can be removed: both are
 * checked at create, before any work, so that `--out .` never deletes a
 * working folder and a commit never fails half-way through.
 *
 * `tag` keeps concurrent runs apart (the CLI passes its process id); a stale temp
 * folder of the same tag (a crashed run) is removed at create, and so are
 * those of runs killed outright (stale-runs.ts), each named in a note (`takeNotes`).
 */
export class OutputDir {
  private state: 'open' | 'committed' | 'aborted' = 'open';
  /** What the user should hear about (warnings): stale folders removed, an old folder left. */
  private readonly notes: string[] = [];

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
    if (existsSync(finalPath)) checkReplaceable(finalPath);
    const tempPath = `${finalPath}.tmp-${tag}`;
    writing(finalPath, () => {
      makeParent(finalPath);
      rmSync(tempPath, { recursive: true, force: true });
      mkdirSync(tempPath);
    });
    const dir = new OutputDir(finalPath, tempPath, tag);
    dir.notes.push(...removeStaleRuns(finalPath, tag));
    return dir;
  }

  /** The notes not taken yet (stale folders removed at create, an old folder left at commit), for warnings. */
  takeNotes(): string[] {
    return this.notes.splice(0);
  }

  /** The path of `name` inside the temp folder (where writers write). */
  file(name: string): string {
    return join(this.path, name);
  }

  /**
   * Puts the complete folder in place of `<out>`. Call once, after every file
   * is closed. Throws OutputError, with `<out>` as it was, when the new
   * folder cannot be put in place; once it is, never throws: an old folder
   * that still cannot be removed (create checked it could) is named in a note.
   */
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
    if (!hadOld) return;
    try {
      rmSync(old, { recursive: true, force: true });
    } catch (e) {
      this.notes.push(`the previous results, moved aside to ${old}/, could not all be removed (${osReason(e)}): remove it by hand`);
    }
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

/**
 * Throws OutputError unless the existing `finalPath` may be replaced: a
 * folder, empty or holding run.json (a podsim results folder), every folder
 * of which lets its entries be removed (write and search permission).
 */
function checkReplaceable(finalPath: string): void {
  if (!isDirectory(finalPath)) throw new OutputError(finalPath, 'exists and is not a folder');
  const entries = writing(finalPath, () => readdirSync(finalPath));
  if (entries.length > 0 && !entries.includes(MARK)) {
    throw new OutputError(finalPath, `exists and is not a podsim results folder (no ${MARK}); podsim replaces the folder it writes: choose another --out, or remove it`);
  }
  const unremovable = firstUnremovable(finalPath);
  if (unremovable !== undefined) {
    throw new OutputError(finalPath, `the previous results cannot be replaced: ${unremovable.path}: ${unremovable.reason}`);
  }
}

/** The first folder under (and including) `dir` whose entries cannot be removed, and why. */
function firstUnremovable(dir: string): { path: string; reason: string } | undefined {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
    if (entries.length > 0) accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (e) {
    return { path: dir, reason: osReason(e) };
  }
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const found = firstUnremovable(join(dir, e.name));
    if (found) return found;
  }
  return undefined;
}

/** Puts the previous folder back after a failed swap (best effort). */
function restore(old: string, finalPath: string): void {
  try {
    renameSync(old, finalPath);
  } catch {
    // the old folder stays under its .old name
  }
}
