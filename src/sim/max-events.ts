/**
 * How many events a run processes (node samples included) before it stops,
 * marked incomplete, unless `--max-events` says otherwise. A module of its
 * own so that the CLI can name it in its help without loading the simulator.
 */
export const DEFAULT_MAX_EVENTS = 100_000_000;
