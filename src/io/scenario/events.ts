import { SCALABLE_KINDS } from '../../kinds/table.js';
import { DEFAULT_NAMESPACE } from '../../model/defaults.js';
import type { Manifest, ScenarioAction, TimedEvent } from '../../model/scenario.js';
import { readDuration, readEnum, readIntAtLeast, readNodeCount } from '../values.js';
import type { Field } from '../yaml/field.js';
import { readNodeTarget, readSelector } from './targets.js';

/** Loads the Kubernetes objects of the file named by an `apply: {file}` entry (the `file` field). */
export type ObjectFileLoader = (fileField: Field) => readonly Manifest[];

export const ACTIONS = ['apply', 'addNodes', 'removeNodes', 'cordon', 'uncordon', 'drain', 'partition', 'crash', 'scale', 'removeSchedulingGates'] as const;
type ActionName = (typeof ACTIONS)[number];
/** Actions that `for:` undoes after a while: heal, reboot, uncordon. */
const REVERSIBLE: readonly ActionName[] = ['partition', 'crash', 'cordon', 'drain'];

/** `apply: {file}`: the file's objects, read relative to the scenario file. */
export function readApply(f: Field, load: ObjectFileLoader): readonly Manifest[] {
  f.warnUnknown(['file']);
  const fileField = f.child('file');
  const file = fileField.string();
  if (file === undefined || file === '') {
    if (file === '' || !fileField.present) fileField.required();
    return [];
  }
  return load(fileField);
}

function readScale(f: Field): ScenarioAction | undefined {
  f.warnUnknown(['kind', 'name', 'namespace', 'replicas']);
  const kindField = f.child('kind');
  if (!kindField.present) kindField.required();
  const kind = kindField.present ? readEnum(kindField, SCALABLE_KINDS) : undefined;
  const nameField = f.child('name');
  const name = nameField.string();
  if (name === undefined || name === '') nameField.required();
  const replicasField = f.child('replicas');
  if (!replicasField.present) replicasField.required();
  const replicas = readIntAtLeast(replicasField, 0);
  const namespace = f.child('namespace').string() || DEFAULT_NAMESPACE;
  if (kind === undefined || !name || replicas === undefined) return undefined;
  return { type: 'scale', kind, namespace, name, replicas };
}

/** `removeSchedulingGates: {name: p}` or `{selector: {...}}`, with `namespace` and `gates` (all when omitted). */
function readRemoveSchedulingGates(f: Field): ScenarioAction | undefined {
  f.warnUnknown(['name', 'selector', 'namespace', 'gates']);
  const nameField = f.child('name');
  const selectorField = f.child('selector');
  if (nameField.present === selectorField.present) {
    if (nameField.present) f.invalid('name, selector', 'must have either name or selector, not both');
    else f.required('{name: pod} or {selector: {...}}');
    return undefined;
  }
  const namespace = f.child('namespace').string() || DEFAULT_NAMESPACE;
  const gatesField = f.child('gates');
  const gates = gatesField.present ? gatesField.stringList() : undefined;
  if (gates !== undefined && gates.length === 0 && gatesField.isList) gatesField.required('at least one gate name (omit gates to remove them all)');
  const gatesPart = gates !== undefined ? { gates } : {};
  if (selectorField.present) return { type: 'removeSchedulingGates', namespace, pods: { selector: readSelector(selectorField) }, ...gatesPart };
  const name = nameField.string();
  if (!name) {
    nameField.required();
    return undefined;
  }
  return { type: 'removeSchedulingGates', namespace, pods: { name }, ...gatesPart };
}

function readAddNodes(f: Field, pools: readonly string[]): ScenarioAction | undefined {
  f.warnUnknown(['pool', 'count']);
  const poolField = f.child('pool');
  const pool = poolField.string();
  if (pool === undefined) {
    if (!poolField.present) poolField.required();
    return undefined;
  }
  if (!pools.includes(pool)) poolField.invalid(pool, 'no node pool of this name in spec.nodePools');
  const countField = f.child('count');
  const count = countField.present ? readNodeCount(countField, 1) : 1;
  return count === undefined ? undefined : { type: 'addNodes', pool, count };
}

function readAction(name: ActionName, f: Field, load: ObjectFileLoader, pools: readonly string[]): ScenarioAction | undefined {
  if (name === 'apply') return { type: 'apply', objects: readApply(f, load) };
  if (name === 'addNodes') return readAddNodes(f, pools);
  if (name === 'scale') return readScale(f);
  if (name === 'removeSchedulingGates') return readRemoveSchedulingGates(f);
  const target = readNodeTarget(f);
  return target === undefined ? undefined : { type: name, target };
}

function readEvent(f: Field, load: ObjectFileLoader, pools: readonly string[]): TimedEvent | undefined {
  f.warnUnknown(['at', 'for', ...ACTIONS]);
  const atField = f.child('at');
  if (!atField.present) atField.required();
  const at = readDuration(atField);
  const forField = f.child('for');
  const forMs = readDuration(forField);
  const names = ACTIONS.filter((a) => f.child(a).present || f.keys().includes(a));
  if (names.length !== 1) {
    if (names.length === 0) f.required(`one action: ${ACTIONS.join(', ')}`);
    else f.invalid(names.join(', '), 'must have exactly one action');
    return undefined;
  }
  const name = names[0] as ActionName;
  if (forField.present && !REVERSIBLE.includes(name)) {
    forField.forbidden(`only ${REVERSIBLE.join(', ')} can be undone after a while`);
  }
  const action = readAction(name, f.child(name), load, pools);
  if (at === undefined || action === undefined) return undefined;
  const { file, line, col } = f.position;
  return { at, ...(forMs !== undefined ? { forMs } : {}), action, source: { file, line, col } };
}

/** spec.events as written (the simulation orders them by time, ties in this order). */
export function readEvents(field: Field, load: ObjectFileLoader, pools: readonly string[]): TimedEvent[] {
  return field.items().flatMap((f) => readEvent(f, load, pools) ?? []);
}
