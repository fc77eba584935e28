import { describe, expect, test } from 'vitest';
import { fixture, loadFixture } from './helpers.js';

/** What an unknown kind's warning ends with. */
const SIMULATED = ' (podsim simulates Node, Pod, ReplicaSet, ReplicationController, Deployment, Job, DaemonSet, PriorityClass, KubeSchedulerConfiguration)';

const at = (name: string) => (rest: string): string => `${fixture(`bad/${name}.yml`)}:${rest}`;

describe('bad inputs are reported at their position, all of them, and load nothing', () => {
  test('YAML syntax errors give their position; the documents YAML could read are still checked', () => {
    const f = at('yaml-syntax');
    expect(loadFixture('bad/yaml-syntax.yml')).toEqual({
      lines: [
        f('6:1: error: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'),
        f('15:1: error: YAML: Tabs are not allowed as indentation'),
      ],
    });
  });

  test('bad quantities, a wrong type and requests above limits', () => {
    const f = at('quantities');
    expect(loadFixture('bad/quantities.yml').lines).toEqual([
      f('6:7: error: spec.nodePools[0].count: Invalid value: "five": must be an integer'),
      f(`7:21: error: spec.nodePools[0].allocatable[cpu]: Invalid value: "2 cores": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`),
      f(`7:35: error: spec.nodePools[0].allocatable[memory]: Invalid value: "1K": unable to parse quantity's suffix`),
      f('18:9: error: The Pod "web" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'),
      f('20:11: error: The Pod "web" is invalid: spec.containers[0].resources.requests[memory]: Invalid value: "-1Mi": must be greater than or equal to 0'),
    ]);
  });

  test('unknown kinds warn once per kind; kinds on the roadmap and wrong apiVersions are errors', () => {
    const f = at('kinds');
    expect(loadFixture('bad/kinds.yml').lines).toEqual([
      f(`6:1: warning: kind "Service" is not simulated: objects of this kind are skipped${SIMULATED}`),
      f('13:1: error: StatefulSet is not supported yet'),
      f(`18:1: warning: kind "ConfigMap" is not simulated: objects of this kind are skipped${SIMULATED}`),
      f('21:1: error: no matches for kind "Pod" in version "apps/v1"'),
    ]);
  });

  test("pod validation: labels, restartPolicy, containers, duplicates", () => {
    const f = at('pod-invalid');
    const labelDetail =
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    expect(loadFixture('bad/pod-invalid.yml').lines).toEqual([
      f(`10:5: error: The Pod "batch" is invalid: metadata.labels: Invalid value: "bad key!": ${labelDetail}`),
      f('12:3: error: The Pod "batch" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'),
      f('16:7: error: The Pod "batch" is invalid: spec.containers[1].image: Required value'),
      f('16:7: error: The Pod "batch" is invalid: spec.containers[1].name: Duplicate value: "work"'),
      f('17:7: error: The Pod "batch" is invalid: spec.containers[2].name: Required value'),
      f('23:1: error: The Pod "empty" is invalid: spec.containers: Required value'),
      f('25:1: error: pods "batch" already exists'),
    ]);
  });

  test('a missing include is an error at its entry', () => {
    expect(loadFixture('bad/missing-include.yml').lines).toEqual([
      at('missing-include')(`6:7: error: spec.include[1]: ${fixture('bad/nowhere.yml')}: no such file`),
    ]);
  });

  test('an include cycle is an error at the include', () => {
    expect(loadFixture('bad/cycle.yml').lines).toEqual([at('cycle')('4:13: error: include cycle: cycle.yml is the scenario file itself')]);
  });

  test('an included file may hold only Kubernetes objects', () => {
    const f = at('two-scenarios');
    expect(loadFixture('bad/included-scenario.yml').lines).toEqual([
      f('1:1: error: a Scenario document may appear only in the main scenario file'),
      f('5:1: error: a Scenario document may appear only in the main scenario file'),
    ]);
  });

  test('two Scenario documents are an error at the second', () => {
    expect(loadFixture('bad/two-scenarios.yml').lines).toEqual([
      at('two-scenarios')(`5:1: error: more than one Scenario document: the first is at ${fixture('bad/two-scenarios.yml')}:1:1`),
    ]);
  });

  test('no Scenario document is an error at 1:1', () => {
    expect(loadFixture('bad/no-scenario.yml').lines).toEqual([
      at('no-scenario')(`1:1: error: no Scenario document (apiVersion: podsim.io/v1alpha1, kind: Scenario) in ${fixture('bad/no-scenario.yml')}`),
    ]);
  });

  test('every section of the Scenario is checked, unknown fields are errors (strict field validation)', () => {
    const f = at('scenario-fields');
    expect(loadFixture('bad/scenario-fields.yml').lines).toEqual([
      f('4:3: error: spec.seed: Invalid value: -1: must be greater than or equal to 0'),
      f('5:3: error: spec.duration: Invalid value: "2 minutes": time: unknown unit " minutes" in duration "2 minutes"'),
      f('6:3: error: spec.startTime: Invalid value: "yesterday": must be an RFC 3339 time such as "2026-01-01T00:00:00Z"'),
      f('7:3: error: Scenario in version "v1alpha1" cannot be handled as a Scenario: strict decoding error: unknown field "spec.sampleInterval"'),
      f('9:5: error: spec.registry.failureRate: Invalid value: 1.5: must be between 0 and 1, inclusive'),
      f('10:5: error: spec.registry.bandwidth: Invalid value: 0: must be greater than zero'),
      f('13:24: error: spec.behaviors[0].run.duration.distribution: Unsupported value: "weibull": supported values: "constant", "uniform", "exponential", "lognormal", "normal"'),
      f('14:56: error: spec.behaviors[1].run.duration.max: Invalid value: "1m": must be greater than or equal to min'),
      f('14:66: error: spec.behaviors[1].run.exitCode: Invalid value: 300: must be between 0 and 255, inclusive'),
      f('16:7: error: spec.events[0]: Invalid value: "partition, crash": must have exactly one action'),
      f('20:18: error: spec.events[1].addNodes.pool: Invalid value: "gpu": no node pool of this name in spec.nodePools'),
      f(`22:15: error: spec.events[2].apply.file: ${fixture('bad/manifests/nothing.yml')}: no such file`),
      f('23:7: error: spec.events[2].for: Forbidden: only partition, crash, cordon, drain can be undone after a while'),
      f('24:7: error: spec.events[3].at: Required value'),
      f('24:16: error: spec.events[3].cordon.count: Invalid value: 0: must be greater than or equal to 1'),
      f('26:7: error: spec.arrivals[0]: Required value: until or count (or spec.duration): the arrivals would never end'),
      f('30:5: error: Scenario in version "v1alpha1" cannot be handled as a Scenario: strict decoding error: unknown field "spec.kubelet.podsPerCore"'),
      f('32:5: error: spec.controlPlane.nodeMonitorPeriod: Invalid value: "0s": must be greater than zero'),
    ]);
  });
});

describe('files that cannot be read give one clean diagnostic at 1:1', () => {
  test.each([
    ['bad/nonexistent.yml', 'no such file'],
    ['manifests', 'is a directory, not a YAML or JSON file'],
    ['bad/binary.yml', 'not a text file (NUL bytes or invalid UTF-8)'],
    ['bad/empty.yml', 'the file is empty'],
  ])('%s', (name, why) => {
    expect(loadFixture(name)).toEqual({ lines: [`${fixture(name)}:1:1: error: ${fixture(name)}: ${why}`] });
  });
});
