/**
 * The V8 flags podsim simulates under: `podsim run` and `podsim explain`
 * start a node with them (launch.ts), and `podsim bench` starts its suites
 * with them.
 *
 * Semi-spaces of 64 MB instead of node's 16 MB: a scheduler run holds
 * thousands of live young pods, and every scavenge copies each of them. With
 * a larger young generation, scavenges are a quarter as frequent, the pods
 * are copied fewer times, and fewer short-lived objects reach the old
 * generation to be marked there (SchedulingBasic: about 40 % fewer
 * instructions; bench/README.md). The space is committed only as the young
 * generation grows into it.
 *
 * A #! line cannot pass them portably (BusyBox's env has no -S), so the
 * command re-executes node with them; a user who sets the flag (on node's
 * command line or in NODE_OPTIONS) is left with that choice.
 */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
