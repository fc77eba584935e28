import { osReason } from '../io/trace/errors.js';
import { EXIT } from './io.js';

/**
 * What a failed write to the standard output or error means for the
 * process: the exit code, and the one line to say (on stderr, when it is not
 * stderr that failed).
 *   - EPIPE: the reader went away (`podsim ... | head`, `| true`). podsim
 *     ends quietly with 141, as a command-line tool ended by SIGPIPE does
 *     (Node ignores SIGPIPE, so the write fails instead); whatever was
 *     already written, a results folder included, stays.
 *   - anything else (ENOSPC for `> /dev/full`, EIO): exit 2 with the cause.
 */
export function outputFailure(stream: string, e: NodeJS.ErrnoException): { code: number; message?: string } {
  if (e.code === 'EPIPE') return { code: EXIT.brokenPipe };
  return { code: EXIT.usage, message: `error: cannot write ${stream}: ${osReason(e)}\n` };
}
