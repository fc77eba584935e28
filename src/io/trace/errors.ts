/**
 * The output folder or one of its files cannot be written: the parent is
 * unwritable, the disk is full, the path is taken by a file. An environment
 * failure, not a bug: the CLI reports `message` and removes the temp folder.
 */
export class OutputError extends Error {
  readonly code = 'OutputUnwritable';
  constructor(
    /** The file or folder that could not be written. */
    readonly path: string,
    /** The OS reason in words (`permission denied`, `no space left on device`). */
    readonly reason: string,
  ) {
    super(`cannot write ${path}: ${reason}`);
    this.name = 'OutputError';
  }
}

const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  ENOTDIR: 'a parent is not a folder',
  EISDIR: 'is a folder',
  EEXIST: 'already exists',
  ENOENT: 'no such file or folder',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** The words for an fs error's errno code, or its message when the code is unusual. */
export function osReason(e: unknown): string {
  const code = e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : undefined;
  if (code !== undefined && REASONS[code] !== undefined) return `${REASONS[code]} (${code})`;
  return e instanceof Error ? e.message : String(e);
}

/** Runs an fs operation on `path`, turning its failure into an OutputError. */
export function writing<T>(path: string, op: () => T): T {
  try {
    return op();
  } catch (e) {
    if (e instanceof OutputError) throw e;
    throw new OutputError(path, osReason(e));
  }
}
