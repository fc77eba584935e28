import { defaultPullPolicy } from '../../model/images.js';
import type { ContainerPort, PullPolicy } from '../../model/pod.js';
import type { ContainerTemplate } from '../../model/scenario.js';
import { readDefaultedEnum, readEnum } from '../values.js';
import type { Field } from '../yaml/field.js';
import { isDNS1123Label } from './names.js';
import { readResources } from './resources.js';

/** sets.List order, as the API server lists them. */
const PULL_POLICIES: readonly PullPolicy[] = ['Always', 'IfNotPresent', 'Never'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;
const PORT_RANGE = 'must be between 1 and 65535, inclusive';

function readPort(f: Field): ContainerPort | undefined {
  const cp = f.child('containerPort');
  const containerPort = cp.integer();
  if (containerPort === undefined || containerPort === 0) {
    if (containerPort === 0 || !cp.present) cp.required();
    return undefined;
  }
  if (containerPort < 1 || containerPort > 65535) cp.invalid(containerPort, PORT_RANGE);
  const hp = f.child('hostPort');
  const hostPort = hp.integer();
  if (hostPort !== undefined && hostPort !== 0 && (hostPort < 1 || hostPort > 65535)) hp.invalid(hostPort, PORT_RANGE);
  const protocol = readDefaultedEnum(f.child('protocol'), PROTOCOLS, 'TCP');
  const hostIP = f.child('hostIP').string();
  return {
    containerPort,
    ...(hostPort !== undefined && hostPort !== 0 ? { hostPort } : {}),
    protocol,
    ...(hostIP !== undefined && hostIP !== '' ? { hostIP } : {}),
  };
}

function readName(f: Field): string {
  const name = f.string() ?? '';
  if (name === '') {
    if (!f.present || f.scalar() === '') f.required();
  } else {
    for (const msg of isDNS1123Label(name)) f.invalid(name, msg);
  }
  return name;
}

function readImage(f: Field): string {
  const image = f.string() ?? '';
  if (image === '') {
    if (!f.present || f.scalar() === '') f.required();
  } else if (image.trim() !== image) {
    f.invalid(image, 'must not have leading or trailing whitespace');
  }
  return image;
}

/** Init containers may say `restartPolicy: Always` (a sidecar); app containers may not say anything. */
function readContainerRestartPolicy(f: Field, init: boolean): 'Always' | undefined {
  if (!f.present) return undefined;
  if (!init) {
    f.forbidden('may not be set for non-init containers');
    return undefined;
  }
  return readEnum(f, ['Always'] as const);
}

/**
 * One container, as SetDefaults_Container defaults it (imagePullPolicy from
 * the image tag) and validateContainers checks it.
 */
export function readContainer(f: Field, init: boolean): ContainerTemplate {
  const image = readImage(f.child('image'));
  const policy = readDefaultedEnum(f.child('imagePullPolicy'), PULL_POLICIES, defaultPullPolicy(image));
  const { requests, limits } = readResources(f.child('resources'));
  const restartPolicy = readContainerRestartPolicy(f.child('restartPolicy'), init);
  return {
    name: readName(f.child('name')),
    image,
    imagePullPolicy: policy,
    requests,
    limits,
    ports: f.child('ports').items().flatMap((p) => readPort(p) ?? []),
    ...(restartPolicy !== undefined ? { restartPolicy } : {}),
  };
}

/** Init then app containers; names unique across both (Duplicate value at the later one). */
export function readContainers(spec: Field): { initContainers: ContainerTemplate[]; containers: ContainerTemplate[] } {
  const seen = new Set<string>();
  const read = (list: Field, init: boolean): ContainerTemplate[] =>
    list.items().map((f) => {
      const c = readContainer(f, init);
      if (c.name !== '' && seen.has(c.name)) f.child('name').duplicate(c.name);
      seen.add(c.name);
      return c;
    });
  const initContainers = read(spec.child('initContainers'), true);
  const containersField = spec.child('containers');
  const containers = read(containersField, false);
  if (containers.length === 0 && !(containersField.present && !containersField.isList)) containersField.required();
  return { initContainers, containers };
}
