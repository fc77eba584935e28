import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../cli/run-cli.js';
import { POD, SCENARIO, folderWith, tree } from './files.js';

/**
 * A real full disk and a real read-only file system: small tmpfs mounts, when
 * this process may mount them (root with CAP_SYS_ADMIN); skipped otherwise
 * (disk-full.test.ts and unwritable-out.test.ts inject the same errors
 * through node:fs). `podsim run` runs as a user runs it, in its own process.
 */
const mounted: string[] = [];

/** A tmpfs of `options` on a fresh folder, or undefined when it cannot be mounted here. */
function tmpfs(options: string): string | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  const dir = folderWith({});
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]).status !== 0) return undefined;
  mounted.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of mounted) spawnSync('umount', [dir]);
});

const canMount = (() => {
  const probe = tmpfs('size=4k');
  return probe !== undefined;
})();

/** 20 nodes sampled each 10 s for an hour (every node at every sample: nodeSamples all): about 400 KB of nodes.csv. */
const S =
  SCENARIO(`  duration: 1h
  output: {nodeSamples: all}
  nodePools: [{name: w, count: 20, allocatable: {cpu: "4", memory: 8Gi}, images: [busybox:1.36]}]
`) + POD('web');

function podsimRun(cwd: string, out: string) {
  const r = spawnSync(process.execPath, [BIN, 'run', 's.yml', '--out', out], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, pid: r.pid };
}

describe.skipIf(!canMount)('on a real tmpfs', () => {
  it('full (64 KiB): one error line naming the file and ENOSPC, exit 2, the previous results untouched, nothing else left', () => {
    const disk = tmpfs('size=64k') as string;
    fs.mkdirSync(path.join(disk, 'out'));
    fs.writeFileSync(path.join(disk, 'out/run.json'), '{"previous": true}\n');
    const cwd = folderWith({ 's.yml': S });
    const r = podsimRun(cwd, path.join(disk, 'out'));
    expect(r.stderr).toMatch(new RegExp(`^error: cannot write ${disk}/out\\.tmp-${r.pid}/\\w+\\.csv: no space left on device \\(ENOSPC\\); nothing was written\\n$`));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(tree(disk)).toEqual(['out', 'out/run.json']);
    expect(fs.readFileSync(path.join(disk, 'out/run.json'), 'utf8')).toBe('{"previous": true}\n');
  });

  it('read-only: one error line naming the folder and EROFS, exit 2, nothing written', () => {
    const disk = tmpfs('ro,size=64k') as string;
    const cwd = folderWith({ 's.yml': S });
    const r = podsimRun(cwd, path.join(disk, 'out'));
    expect(r.stderr).toBe(`error: cannot write ${disk}/out: read-only file system (EROFS); nothing was written\n`);
    expect(r.code).toBe(2);
    expect(tree(disk)).toEqual([]);
  });
});
