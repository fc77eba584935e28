import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTree, podsim, tempDir } from './run-cli.js';

const SCENARIO_HEAD = `apiVersion: podsim.io/v1alpha1
kind: Scenario
metadata: {name: bad}
spec:
  duration: 1m
`;

/** Each case: files to write, then the exact positioned messages expected on stderr (all of them). */
const cases: { name: string; files: Record<string, string>; expected: RegExp[] }[] = [
  {
    name: 'bad YAML syntax',
    files: { 's.yml': `${SCENARIO_HEAD}  nodePools: [\n` },
    expected: [/^s\.yml:\d+:\d+: error: YAML: /m],
  },
  {
    name: 'a bad quantity',
    files: { 's.yml': `${SCENARIO_HEAD}  nodePools:\n    - {name: w, count: 1, allocatable: {cpu: "2 cores"}}\n` },
    expected: [/^s\.yml:7:41: error: spec\.nodePools\[0\]\.allocatable\[cpu\]: Invalid value: "2 cores": quantities must match the regular expression/m],
  },
  {
    name: 'a field of the wrong type',
    files: { 's.yml': `${SCENARIO_HEAD}  nodePools:\n    - {name: w, count: "five", allocatable: {cpu: "2"}}\n` },
    expected: [/^s\.yml:7:17: error: spec\.nodePools\[0\]\.count: Invalid value: "five": must be an integer$/m],
  },
  {
    name: 'a missing include',
    files: { 's.yml': `${SCENARIO_HEAD}  include: [nowhere.yml]\n` },
    expected: [/^s\.yml:6:13: error: .*nowhere\.yml/m],
  },
  {
    name: 'an invalid restartPolicy, with the API server wording',
    files: {
      's.yml': `${SCENARIO_HEAD}---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: Sometimes\n  containers: [{name: c, image: nginx}]\n`,
    },
    expected: [
      /^s\.yml:11:3: error: The Pod "p" is invalid: spec\.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"$/m,
    ],
  },
  {
    name: 'a missing file',
    files: {},
    expected: [/^s\.yml:1:1: error: /m],
  },
];

describe('bad input', () => {
  for (const c of cases) {
    it(`${c.name}: exit 2, file:line:col on stderr, nothing written`, () => {
      const cwd = tempDir();
      for (const [name, text] of Object.entries(c.files)) fs.writeFileSync(path.join(cwd, name), text);
      const before = listTree(cwd);
      const r = podsim(['run', 's.yml'], cwd);
      expect(r.code).toBe(2);
      for (const re of c.expected) expect(r.stderr).toMatch(re);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.stdout).toBe('');
      expect(listTree(cwd)).toEqual(before);
    });
  }

  it('validate reports the problems of every file and exits 1', () => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'a.yml'), `${SCENARIO_HEAD}  nodePools:\n    - {name: w, count: 1, allocatable: {cpu: "1K"}}\n`);
    fs.writeFileSync(path.join(cwd, 'b.yml'), `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n`);
    const r = podsim(['validate', 'a.yml', 'b.yml'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^a\.yml:7:41: error: .*unable to parse quantity's suffix$/m);
    expect(r.stderr).toMatch(/^b\.yml:\d+:\d+: error: .*spec\.containers: Required value/m);
    expect(listTree(cwd)).toEqual(['a.yml', 'b.yml']);
  });
});
