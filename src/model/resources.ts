/**
 * Resource amounts as podsim holds them: `cpu` in integer millicores, every
 * other resource (memory, ephemeral-storage, pods, extended resources such as
 * nvidia.com/gpu) in integer units (bytes for memory), rounded up as the API
 * server does.
 */
export type ResourceList = Readonly<Record<string, number>>;

export const CPU = 'cpu';
export const MEMORY = 'memory';
export const PODS = 'pods';

/** Kubelet's default `maxPods`. */
export const DEFAULT_MAX_PODS = 110;
