import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { osReason } from './errors.js';

/** Whether a process of that id is running (signal 0 tests without sending; EPERM: it runs as someone else). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The folders a run killed outright (SIGKILL, the OOM killer, a power cut)
 * left beside `<out>`: its temporary folder `<out>.tmp-<pid>` and, if it died
 * between the two renames of a commit, the previous results `<out>.old-<pid>`.
 * A run that ends any other way removes them itself. They are recognised by
 * a process id that no longer runs (`alive`), and removed; a folder whose
 * process still runs is another run's, left alone. Returns a line for each
 * folder removed or that could not be (for warnings). `ownTag` (this run's)
 * is skipped: OutputDir clears it itself.
 *
 * Process ids are those of this machine's (or container's) pid namespace: two
 * hosts sharing a folder over the network must not share an `--out`.
 */
export function removeStaleRuns(finalPath: string, ownTag: string, alive: (pid: number) => boolean = pidAlive): string[] {
  const parent = dirname(finalPath);
  const stem = basename(finalPath);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const notes: string[] = [];
  for (const name of names.sort()) {
    const m = name.startsWith(stem) ? /^\.(tmp|old)-([0-9]+)$/.exec(name.slice(stem.length)) : null;
    if (m === null || m[2] === ownTag) continue;
    const pid = Number(m[2]);
    if (alive(pid)) continue;
    const what = m[1] === 'tmp' ? 'the unfinished output' : 'the previous results';
    const path = join(parent, name);
    try {
      rmSync(path, { recursive: true, force: true });
      notes.push(`removed ${path}/: ${what} of a podsim run (pid ${pid}) that was killed before it could clean up`);
    } catch (e) {
      notes.push(`${path}/ is ${what} of a podsim run (pid ${pid}) that was killed, and cannot be removed (${osReason(e)}): remove it by hand`);
    }
  }
  return notes;
}
