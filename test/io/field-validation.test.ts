import { describe, expect, test } from 'vitest';
import { closest, editDistance } from '../../src/io/fields/did-you-mean.js';
import { knownFields, objectType } from '../../src/io/fields/known-fields.js';
import { KIND_TYPES, KUBERNETES_VERSION, TYPE_FIELDS } from '../../src/io/fields/kubernetes-fields.js';
import { type LoadOptions, loadScenario } from '../../src/io/load-scenario.js';
import { validateFiles } from '../../src/io/validate.js';
import { lines, memoryFs } from './helpers.js';

/**
 * Strict field validation (kubectl's default, `--validate=strict`): an
 * unknown field of an object of a simulated kind is the API server's
 * refusal, at the field's key, with the field it was likely meant to be.
 */

const SCENARIO = (spec = '') => `apiVersion: podsim.io/v1alpha1
kind: Scenario
metadata: {name: s}
spec:
  duration: 1m
  nodePools: [{name: w, count: 1, allocatable: {cpu: "2", memory: 4Gi}}]
${spec}`;

function load(files: Readonly<Record<string, string>>, options: LoadOptions = {}) {
  const { scenario, diagnostics } = loadScenario('s.yml', { ...options, fs: memoryFs(files) });
  return { scenario, lines: lines(diagnostics) };
}

/** `s.yml`: the Scenario (with `spec` lines), then `objects`. */
const withObjects = (objects: string, spec = '', options: LoadOptions = {}) => load({ 's.yml': `${SCENARIO(spec)}---\n${objects}` }, options);

const STRICT = (kind: string, version: string) => `${kind} in version "${version}" cannot be handled as a ${kind}: strict decoding error: `;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replica: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: c
        image: busybox:1.36
        resources:
          request: {cpu: 100m}
`;

describe('an unknown field of a simulated kind is an error at its key', () => {
  test('a misspelt replicas and requests: the API server words, the field path, a did-you-mean; nothing loads', () => {
    const r = withObjects(DEPLOYMENT);
    expect(r.scenario).toBeUndefined();
    expect(r.lines).toEqual([
      `s.yml:12:3: error: ${STRICT('Deployment', 'v1')}unknown field "spec.replica"; did you mean "replicas"?`,
      `s.yml:21:11: error: ${STRICT('Deployment', 'v1')}unknown field "spec.template.spec.containers[0].resources.request"; did you mean "requests"?`,
    ]);
  });

  test.each([
    ['Pod', 'v1', 'kind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: i}]\n  nodeSelecter: {a: b}\n', '5:3', 'spec.nodeSelecter', 'nodeSelector'],
    ['ReplicaSet', 'v1', 'kind: ReplicaSet\nmetadata: {name: r}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: [{name: c, image: i, imagePullPolicy: Always, imagePulSecrets: []}]}\n', '7:70', 'spec.template.spec.containers[0].imagePulSecrets', undefined],
    ['ReplicationController', 'v1', 'kind: ReplicationController\nmetadata: {name: r, lables: {a: b}}\nspec:\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: [{name: c, image: i}]}\n', '2:21', 'metadata.lables', 'labels'],
    ['Job', 'v1', 'kind: Job\nmetadata: {name: j}\nspec:\n  backofLimit: 2\n  template:\n    spec: {restartPolicy: Never, containers: [{name: c, image: i}]}\n', '4:3', 'spec.backofLimit', 'backoffLimit'],
    ['DaemonSet', 'v1', 'kind: DaemonSet\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {a: b}}\n  updateStrategy: {rollingUpdate: {maxUnavailble: 1}}\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: [{name: c, image: i}]}\n', '5:36', 'spec.updateStrategy.rollingUpdate.maxUnavailble', 'maxUnavailable'],
    ['Node', 'v1', 'kind: Node\nmetadata: {name: n}\nstatus:\n  alocatable: {cpu: "2"}\n  capacity: {cpu: "2", memory: 4Gi}\n', '4:3', 'status.alocatable', 'allocatable'],
    ['PriorityClass', 'v1', 'kind: PriorityClass\nmetadata: {name: high}\nvalue: 1000\nglobalDefualt: false\n', '4:1', 'globalDefualt', 'globalDefault'],
  ])('%s', (kind, version, body, at, path, meant) => {
    const apiVersion = { Pod: 'v1', ReplicationController: 'v1', Node: 'v1', ReplicaSet: 'apps/v1', DaemonSet: 'apps/v1', Job: 'batch/v1', PriorityClass: 'scheduling.k8s.io/v1' }[kind];
    const r = withObjects(`apiVersion: ${apiVersion}\n${body}`);
    const line = Number(at.split(':')[0]) + 8;
    const hint = meant === undefined ? '' : `; did you mean "${meant}"?`;
    expect(r.lines.filter((l) => l.includes('unknown field'))).toEqual([`s.yml:${line}:${at.split(':')[1]}: error: ${STRICT(kind, version)}unknown field "${path}"${hint}`]);
  });

  test('every unknown field is reported, in file order, and a far-off name gets no guess', () => {
    const r = withObjects('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: i, colour: red}]\n  zzz: 1\n');
    expect(r.lines).toEqual([
      `s.yml:12:36: error: ${STRICT('Pod', 'v1')}unknown field "spec.containers[0].colour"`,
      `s.yml:13:3: error: ${STRICT('Pod', 'v1')}unknown field "spec.zzz"`,
    ]);
  });

  test('a field name differing only in case is unknown (Kubernetes decodes case-sensitively), with the right case offered', () => {
    const r = withObjects('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  NodeName: n\n  containers: [{name: c, image: i}]\n');
    expect(r.lines).toEqual([`s.yml:12:3: error: ${STRICT('Pod', 'v1')}unknown field "spec.NodeName"; did you mean "nodeName"?`]);
  });
});

describe('what strict decoding does not look inside', () => {
  test('free-form maps, IntOrString, Quantity, managedFields, status, and an export\'s metadata load clean', () => {
    const r = withObjects(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {anything.example.com/at-all: x}
  annotations: {deployment.kubernetes.io/revision: "1"}
  uid: 0b1c
  resourceVersion: "42"
  generation: 1
  creationTimestamp: "2026-01-01T00:00:00Z"
  managedFields:
  - manager: kubectl
    operation: Update
    apiVersion: apps/v1
    fieldsType: FieldsV1
    fieldsV1: {f:spec: {f:replicas: {}}, .: {}}
spec:
  replicas: 2
  strategy: {rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      nodeSelector: {kubernetes.io/os: linux}
      containers:
      - name: c
        image: busybox:1.36
        resources: {requests: {cpu: 100m, example.com/gpu: "1"}, limits: {memory: 1Gi}}
status:
  whateverANewerReleaseAdds: 1
  replicas: 2
`);
    expect(r.lines.filter((l) => l.includes('unknown field'))).toEqual([]);
  });

  test('kinds podsim does not simulate are not checked: a Service is skipped with its warning only', () => {
    const r = withObjects('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selectr: {a: b}}\n');
    expect(r.lines.some((l) => l.includes('unknown field'))).toBe(false);
  });

  test('StatefulSet (not supported yet): its error only', () => {
    const r = withObjects('apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec: {replica: 1}\n');
    expect(r.lines).toEqual(['s.yml:8:1: error: StatefulSet is not supported yet']);
  });

  test('an apiVersion the kind is not served at: the converter\'s error only', () => {
    const r = withObjects('apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\nspec: {replica: 1}\n');
    expect(r.lines).toEqual(['s.yml:8:1: error: no matches for kind "Deployment" in version "extensions/v1beta1"']);
  });

  test("the KubeSchedulerConfiguration keeps its own check (not in the OpenAPI): an unknown extension point is a warning", () => {
    const r = withObjects(`apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles:
- schedulerName: default-scheduler
  plugins: {scoring: {enabled: []}}
`);
    expect(r.lines).toEqual(['s.yml:12:13: warning: unknown extension point "scoring": ignored']);
  });
});

describe('Lists and YAML merge keys', () => {
  test('the items of a List and of a typed list are checked, their paths from the item', () => {
    const r = withObjects(`apiVersion: v1
kind: List
metadata: {resourceVersion: ""}
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: a}
  spec: {containers: [{name: c, image: i}], restartPolcy: Never}
---
apiVersion: v1
kind: PodList
items:
- metadata: {name: b}
  spec: {containers: [{name: c, image: i, imagePullPolcy: Always}]}
`);
    expect(r.lines).toEqual([
      `s.yml:15:45: error: ${STRICT('Pod', 'v1')}unknown field "spec.restartPolcy"; did you mean "restartPolicy"?`,
      `s.yml:21:43: error: ${STRICT('Pod', 'v1')}unknown field "spec.containers[0].imagePullPolcy"; did you mean "imagePullPolicy"?`,
    ]);
  });

  test('a merge key is not a field: the merged fields are checked where the anchor wrote them', () => {
    const r = withObjects(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - &base {name: a, image: i, imagePullPolicy: Never}
  - <<: *base
    name: b
---
apiVersion: v1
kind: Pod
metadata: {name: q}
spec:
  containers:
  - &typo {name: a, image: i, imagPullPolicy: Never}
  - {<<: *typo, name: b}
`);
    expect(r.lines.filter((l) => l.includes('unknown field'))).toEqual([
      `s.yml:22:31: error: ${STRICT('Pod', 'v1')}unknown field "spec.containers[0].imagPullPolicy"; did you mean "imagePullPolicy"?`,
      `s.yml:22:31: error: ${STRICT('Pod', 'v1')}unknown field "spec.containers[1].imagPullPolicy"; did you mean "imagePullPolicy"?`,
    ]);
  });
});

describe('the Scenario document is checked the same way', () => {
  test('its spec, its sections, its own top level and metadata', () => {
    const r = load({
      's.yml': 'apiVersion: podsim.io/v1alpha1\nkind: Scenario\nmetadata: {name: s, namespce: x}\nspce: {}\nspec:\n  durration: 1m\n  registry: {bandwith: 1Mi}\n',
    });
    const S = STRICT('Scenario', 'v1alpha1');
    expect(r.lines).toEqual([
      `s.yml:3:21: error: ${S}unknown field "metadata.namespce"; did you mean "namespace"?`,
      `s.yml:4:1: error: ${S}unknown field "spce"; did you mean "spec"?`,
      `s.yml:6:3: error: ${S}unknown field "spec.durration"; did you mean "duration"?`,
      `s.yml:7:14: error: ${S}unknown field "spec.registry.bandwith"; did you mean "bandwidth"?`,
    ]);
  });
});

describe('spec.fieldValidation: Strict (the default), Warn, Ignore', () => {
  test('Warn: one warning per unknown field, worded as kubectl prints it; the scenario loads without them', () => {
    const r = withObjects(DEPLOYMENT, '  fieldValidation: Warn\n');
    expect(r.lines).toEqual([
      's.yml:13:3: warning: unknown field "spec.replica"; did you mean "replicas"?',
      's.yml:22:11: warning: unknown field "spec.template.spec.containers[0].resources.request"; did you mean "requests"?',
    ]);
    const web = r.scenario?.objects.find((m) => m.kind === 'Deployment');
    expect(web?.kind === 'Deployment' ? web.spec.replicas : undefined).toBe(1);
  });

  test('Ignore: unknown fields are dropped without a word, the Scenario\'s own included', () => {
    const r = withObjects(DEPLOYMENT, '  fieldValidation: Ignore\n  sampleInterval: 1s\n');
    expect(r.lines).toEqual([]);
    expect(r.scenario).toBeDefined();
  });

  test('a Scenario document after the manifests still decides, for the objects before it and the files it includes', () => {
    const r = load({
      's.yml': `${DEPLOYMENT}---\n${SCENARIO('  fieldValidation: Warn\n  include: [inc.yml]\n')}`,
      'inc.yml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i}], prority: 1}\n',
    });
    expect(r.lines).toEqual([
      'inc.yml:4:43: warning: unknown field "spec.prority"; did you mean "priority"?',
      's.yml:5:3: warning: unknown field "spec.replica"; did you mean "replicas"?',
      's.yml:14:11: warning: unknown field "spec.template.spec.containers[0].resources.request"; did you mean "requests"?',
    ]);
    expect(r.scenario).toBeDefined();
  });

  test('--set fieldValidation=Warn', () => {
    const r = withObjects(DEPLOYMENT, '', { set: ['fieldValidation=Warn'] });
    expect(r.lines.map((l) => l.split(': ')[1])).toEqual(['warning', 'warning']);
  });

  test('another value is refused with the values there are (the API server\'s own check of the parameter)', () => {
    const r = withObjects('', '  fieldValidation: warn\n');
    expect(r.lines).toEqual(['s.yml:7:3: error: spec.fieldValidation: Unsupported value: "warn": supported values: "Strict", "Warn", "Ignore"']);
  });

  test('a file of objects alone (podsim validate) is checked strictly', () => {
    const fs = memoryFs({ 'd.yml': DEPLOYMENT });
    expect(lines(validateFiles(['d.yml'], { fs })).map((l) => l.split(': ')[1])).toEqual(['error', 'error']);
  });
});

describe('an unknown kind names the simulated kinds and the closest', () => {
  const SIMULATED = '(podsim simulates Node, Pod, ReplicaSet, ReplicationController, Deployment, Job, DaemonSet, PriorityClass, KubeSchedulerConfiguration)';
  test.each([
    ['Deploymnet', '; did you mean "Deployment"?'],
    ['deployment', '; did you mean "Deployment"?'],
    ['Statefulset', '; did you mean "StatefulSet"?'],
    ['Service', ''],
    ['ConfigMap', ''],
  ])('%s', (kind, hint) => {
    const r = withObjects(`apiVersion: apps/v1\nkind: ${kind}\nmetadata: {name: x}\n`);
    expect(r.lines).toEqual([`s.yml:9:1: warning: kind "${kind}" is not simulated: objects of this kind are skipped ${SIMULATED}${hint}`]);
  });
});

describe('did you mean', () => {
  test.each([
    ['replica', ['replicas', 'selector', 'template'], 'replicas'],
    ['request', ['limits', 'requests', 'claims'], 'requests'],
    ['Deploymnet', ['Deployment', 'DaemonSet'], 'Deployment'],
    ['imagePulPolicy', ['image', 'imagePullPolicy'], 'imagePullPolicy'],
    ['nodeselector', ['nodeSelector', 'nodeName'], 'nodeSelector'],
    ['colour', ['command', 'args', 'env'], undefined],
    ['ab', ['a', 'b'], undefined],
    ['xx', ['x'], 'x'],
  ] as const)('%s -> %s', (written, known, meant) => {
    expect(closest(written, known)).toBe(meant);
  });

  test('edit distance: insertions, deletions, substitutions, swaps', () => {
    expect(editDistance('replica', 'replicas')).toBe(1);
    expect(editDistance('deploymnet', 'deployment')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });
});

describe('the known fields are Kubernetes\' own', () => {
  test(`generated from Kubernetes ${KUBERNETES_VERSION}: every kind podsim reads or is adding, every type named is there`, () => {
    expect(Object.keys(KIND_TYPES).sort()).toEqual([
      'apps/v1/DaemonSet', 'apps/v1/Deployment', 'apps/v1/ReplicaSet', 'apps/v1/StatefulSet',
      'batch/v1/CronJob', 'batch/v1/Job', 'policy/v1/PodDisruptionBudget', 'scheduling.k8s.io/v1/PriorityClass',
      'v1/Node', 'v1/Pod', 'v1/ReplicationController',
    ]);
    for (const fields of Object.values(TYPE_FIELDS)) {
      for (const entry of fields.split(' ')) {
        const type = entry.split(':')[1]?.replace(/^[[{]/, '');
        if (type !== undefined) expect(TYPE_FIELDS, entry).toHaveProperty(type);
      }
    }
  });

  test('what v1.35 knows: pod-level resources, schedulingGates, Job successPolicy, StatefulSet ordinals', () => {
    expect(knownFields(objectType('v1', 'Pod')!)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(knownFields('PodSpec')).toEqual(expect.arrayContaining(['resources', 'schedulingGates', 'initContainers', 'topologySpreadConstraints']));
    expect(knownFields('JobSpec')).toEqual(expect.arrayContaining(['successPolicy', 'backoffLimitPerIndex', 'maxFailedIndexes', 'podFailurePolicy']));
    expect(knownFields('StatefulSetSpec')).toEqual(expect.arrayContaining(['ordinals', 'persistentVolumeClaimRetentionPolicy', 'volumeClaimTemplates']));
  });
});
