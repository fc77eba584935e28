/** Simulated time in integer milliseconds since the start of the run. */
export type Millis = number;

export type Labels = Readonly<Record<string, string>>;

export interface OwnerReference {
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  readonly controller: boolean;
}

export interface ObjectMeta {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly labels: Labels;
  readonly annotations: Readonly<Record<string, string>>;
  readonly ownerReferences: readonly OwnerReference[];
  creationTimestamp: Millis;
  /** Set when deletion was requested; controllers stop counting the object. */
  deletionTimestamp?: Millis;
}

/** A label selector as the API holds it (matchLabels + matchExpressions). */
export interface LabelSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

/** A node selector requirement (node affinity); adds Gt and Lt. */
export interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  readonly values?: readonly string[];
}

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: TaintEffect;
  /** When a NoExecute taint was added. */
  readonly timeAdded?: Millis;
}

export interface Toleration {
  /** Empty key with operator Exists tolerates everything. */
  readonly key?: string;
  readonly operator: 'Exists' | 'Equal';
  readonly value?: string;
  /** Empty effect matches all effects. */
  readonly effect?: TaintEffect;
  /** NoExecute only: how long the pod stays bound after the taint appears. */
  readonly tolerationSeconds?: number;
}
