import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunnable } from '../../src/sim/load-runnable.js';
import { validateCommand } from '../../src/cli/validate.js';
import { formatDiagnostic } from '../../src/io/diagnostics.js';
import { testContext } from '../support/context.js';
import { SCENARIO, folderWith, run } from '../reliability/files.js';

/** The diagnostics loadRunnable gives `s.yml` (with `files` beside it), as printed, paths relative. */
function diagnostics(spec: string, files: Record<string, string> = {}, set: string[] = []): string[] {
  const cwd = folderWith({ 's.yml': SCENARIO(spec), ...files });
  return loadRunnable(path.join(cwd, 's.yml'), set).diagnostics.map((d) => formatDiagnostic({ ...d, file: path.relative(cwd, d.file) }));
}

const POOLS = '  nodePools:\n    - {name: a, count: 2, labels: {topology.kubernetes.io/zone: zone-a, disk: ssd}}\n';
const events = (...lines: string[]) => `  events:\n${lines.map((l) => `    - ${l}\n`).join('')}`;

describe('events at or after the end of the run are warned about before it', () => {
  it('duration: 20 is 20 s: the flagship scenario faults at 125 s and 245 s never happen; the summary says so again', async () => {
    const flagship = path.resolve('scenarios/node-failure.yml');
    const cwd = folderWith({});
    for (const args of [{ duration: '20' }, { set: ['duration=20'] }]) {
      const r = await run(cwd, { scenario: flagship, out: 'out', ...args });
      expect(r.code).toBe(0);
      expect(r.stderr.split('\n').filter((l) => l !== '').map((l) => l.replace(/^.*node-failure\.yml/, 'node-failure.yml'))).toEqual([
        'node-failure.yml:73:7: warning: spec.events[0] (partition at 2m5s) never happens: the run ends at 20s (duration)',
        'node-failure.yml:76:7: warning: spec.events[1] (crash at 4m5s) never happens: the run ends at 20s (duration)',
      ]);
      expect(r.stdout).toContain('\n2 scenario events never ran: they come after the end of the run (20s); see the warnings before the run.\n');
    }
  });

  it('an event at the very end runs (warned: nothing after it is seen), one after does not; arrivals that would start after', () => {
    expect(diagnostics(`  duration: 1m\n${POOLS}${events('at: 1m\n      cordon: {nodes: [a-0]}', 'at: 61s\n      cordon: {nodes: [a-1]}')}  arrivals:\n    - {apply: {file: p.yml}, interarrival: 1s, start: 1m}\n`, { 'p.yml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i}]}\n' })).toEqual([
      's.yml:9:7: warning: spec.events[0] (cordon at 1m0s) happens at the last instant of the run (duration 1m0s): nothing after it is simulated',
      's.yml:11:7: warning: spec.events[1] (cordon at 1m1s) never happens: the run ends at 1m0s (duration)',
      's.yml:14:7: warning: spec.arrivals[0] start at 1m0s: no arrival happens, the run ends at 1m0s (duration)',
    ]);
  });

  it('nothing to say about a scenario whose events all fall inside the run, or about one without a duration', () => {
    expect(diagnostics(`  duration: 1m\n${POOLS}${events('at: 10s\n      crash: {nodes: [a-0]}\n      for: 5m')}`)).toEqual([]);
  });
});

describe('targets that name no node or workload that exists at their time', () => {
  it('node names: from the pools, Node objects, earlier addNodes and apply; gone after removeNodes', () => {
    const node = (name: string) => `apiVersion: v1\nkind: Node\nmetadata: {name: ${name}}\nstatus: {allocatable: {cpu: "1"}}\n`;
    expect(
      diagnostics(
        `  duration: 1h\n${POOLS}${events(
          'at: 1s\n      crash: {nodes: [a-1, a-2, b-0]}',
          'at: 2s\n      addNodes: {pool: a}',
          'at: 3s\n      crash: {nodes: [a-2]}',
          'at: 4s\n      apply: {file: n.yml}',
          'at: 4s\n      partition: {nodes: [extra]}',
          'at: 5s\n      removeNodes: {nodes: [a-0]}',
          'at: 6s\n      drain: {nodes: [a-0]}',
          'at: 7s\n      uncordon: {nodes: [later]}',
          'at: 8s\n      apply: {file: later.yml}',
        )}`,
        { 'n.yml': node('extra'), 'later.yml': node('later') },
      ),
    ).toEqual([
      "s.yml:9:7: warning: spec.events[0] (crash at 1s): no node \"a-2\" exists then (nor 1 more of its nodes): not in spec.nodePools nor a Node object, and not added by an earlier addNodes or apply",
      's.yml:21:7: warning: spec.events[6] (drain at 6s): no node "a-0" exists then: removed by spec.events[5]',
      "s.yml:23:7: warning: spec.events[7] (uncordon at 7s): no node \"later\" exists then: not in spec.nodePools nor a Node object, and not added by an earlier addNodes or apply",
    ]);
  });

  it('zones, selectors and counts that find no node', () => {
    expect(
      diagnostics(
        `  duration: 1h\n${POOLS}${events(
          'at: 1s\n      partition: {zone: zone-a}',
          'at: 1s\n      partition: {zone: zone-b}',
          'at: 2s\n      cordon: {selector: {disk: ssd}}',
          'at: 2s\n      cordon: {selector: {matchExpressions: [{key: disk, operator: In, values: [hdd]}]}, count: 1}',
        )}`,
      ),
    ).toEqual([
      's.yml:11:7: warning: spec.events[1] (partition at 1s): no node is in zone "zone-b" then (label topology.kubernetes.io/zone)',
      's.yml:15:7: warning: spec.events[3] (cordon at 2s): no node matches its selector then',
    ]);
    expect(diagnostics(`  duration: 1h\n${events('at: 1s\n      crash: {count: 1}')}`)).toEqual([
      's.yml:7:7: warning: spec.events[0] (crash at 1s): the scenario has no node then',
    ]);
  });

  it('scale of a workload that does not exist then; arrivals’ numbered copies may', () => {
    const web = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: w}}\n  template:\n    metadata: {labels: {app: w}}\n    spec: {containers: [{name: c, image: i}]}\n`;
    expect(
      diagnostics(
        `  duration: 1h\n${POOLS}${events(
          'at: 1s\n      scale: {kind: Deployment, name: web, replicas: 2}',
          'at: 2s\n      apply: {file: web.yml}',
          'at: 3s\n      scale: {kind: Deployment, name: web, replicas: 3}',
          'at: 4s\n      scale: {kind: Deployment, name: burst-7, replicas: 3}',
          'at: 5s\n      scale: {kind: ReplicaSet, name: web, replicas: 3}',
        )}  arrivals:\n    - {apply: {file: burst.yml}, interarrival: 1m, count: 10}\n`,
        { 'web.yml': web('web'), 'burst.yml': web('burst') },
      ),
    ).toEqual([
      's.yml:9:7: warning: spec.events[0] (scale at 1s): no Deployment "default/web" exists then (not among the scenario\'s objects nor applied by an earlier event)',
      's.yml:17:7: warning: spec.events[4] (scale at 5s): no ReplicaSet "default/web" exists then (not among the scenario\'s objects nor applied by an earlier event)',
    ]);
  });
});

describe('Jobs whose pods never finish', () => {
  const JOB = (name: string, labels = '{}') => `---\napiVersion: batch/v1\nkind: Job\nmetadata: {name: ${name}}\nspec:\n  template:\n    metadata: {labels: ${labels}}\n    spec: {restartPolicy: Never, containers: [{name: work, image: i}]}\n`;

  it('with a duration: a warning at the Job (without one the run is refused, support.ts)', () => {
    expect(diagnostics(`  duration: 1h\n${POOLS}  behaviors: [{match: {labels: {app: done}}, run: 1m}]\n${JOB('forever')}${JOB('finite', '{app: done}')}`)).toEqual([
      's.yml:10:1: warning: Job "forever" never completes: container work runs forever (no behaviour or podsim.io/duration annotation gives it a duration); the run ends at 1h0m0s with its pods still running',
    ]);
  });

  it('validate says the same', () => {
    const cwd = folderWith({ 's.yml': SCENARIO(`  duration: 20\n${POOLS}${events('at: 1m\n      crash: {nodes: [a-0]}')}`) });
    const ctx = testContext(cwd);
    expect(validateCommand(['s.yml'], [], ctx)).toBe(0);
    expect(ctx.err.join('')).toBe('s.yml:9:7: warning: spec.events[0] (crash at 1m0s) never happens: the run ends at 20s (duration)\n');
  });
});
