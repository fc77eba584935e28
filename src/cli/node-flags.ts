/**
 * The V8 flags `podsim bench` starts its suites with.
 *
 * Semi-spaces of 64 MB instead of node's 16 MB: a scheduler run holds
 * thousands of live young pods, and every scavenge copies each of them. With
 * a larger young generation, scavenges are a quarter as frequent, the pods
 * are copied fewer times, and fewer short-lived objects reach the old
 * generation to be marked there (SchedulingBasic: about 40 % fewer
 * instructions; bench/README.md). The space is committed only as the young
 * generation grows into it.
 *
 * `podsim run` is not re-executed to get them (a #! line cannot pass them
 * portably: BusyBox's env has no -S). A large simulation gets the same with
 * NODE_OPTIONS=--max-semi-space-size=64 (README.md).
 */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
