import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    setupFiles: ['test/setup/fast-check.ts'],
    // Many files wait on podsim processes they spawn: more workers than cores (3 on 2) took the suite from 210 s to 137 s.
    maxWorkers: '150%',
  },
});
