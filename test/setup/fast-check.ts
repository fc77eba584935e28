import fc from 'fast-check';

/**
 * Property tests draw from one fixed seed, so a CI run on the same commit
 * gives the same verdict. PODSIM_FC_SEED=<n> picks another seed and
 * PODSIM_FC_SEED=random a fresh one per run (a failure prints it), to look
 * for counterexamples beyond the fixed draw.
 */
const given = process.env.PODSIM_FC_SEED;
if (given !== 'random') fc.configureGlobal({ seed: given === undefined || given === '' ? 20261207 : Number(given) });
