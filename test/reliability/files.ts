import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCommand, type RunArgs } from '../../src/cli/run.js';
import { testContext } from '../support/context.js';

/** A fresh folder holding `files` (name -> text). */
export function folderWith(files: Readonly<Record<string, string>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsim-rel-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Every entry below `dir`, sorted, `/`-separated. */
export function tree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map((p) => p.split(path.sep).join('/')).sort();
}

/** `podsim run` in-process in `cwd`: exit code and what it printed. */
export async function run(cwd: string, args: Partial<RunArgs> & { scenario: string }): Promise<{ code: number; stdout: string; stderr: string }> {
  const ctx = testContext(cwd);
  const code = await runCommand({ set: [], ...args }, ctx);
  return { code, stdout: ctx.out.join(''), stderr: ctx.err.join('') };
}

export const SCENARIO = (spec: string) => `apiVersion: podsim.io/v1alpha1
kind: Scenario
metadata: {name: s}
spec:
${spec}`;

/** A bare pod document. */
export const POD = (name: string, extra = '', labels = `{app: ${name}}`) => `---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, labels: ${labels}}
spec:
${extra}  containers: [{name: c, image: busybox:1.36, resources: {requests: {cpu: 100m}}}]
`;

/**
 * A run that is busy for a long while (a crash-looping pod arriving every 2 s for
 * 1,000 simulated hours), for tests that signal or kill a real `podsim run`;
 * CRASH_POD is its pod.yml.
 */
export const LONG = SCENARIO(`  duration: 1000h
  nodePools: [{name: w, count: 4, allocatable: {cpu: "8", memory: 32Gi}, images: [busybox:1.36]}]
  behaviors:
    - match: {labels: {app: crash}}
      run: {duration: 1s, exitCode: 1}
  arrivals:
    - apply: {file: pod.yml}
      interarrival: 2s
      count: 200
`);
export const CRASH_POD = POD('crash', '  restartPolicy: OnFailure\n').replace(/^---\n/, '');
