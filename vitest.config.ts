import { defineConfig } from 'vitest/config';

const dynamoProject = (name: string, timeoutMs: number) => ({
  test: {
    name,
    include: [`test/${name}/**/*.test.ts`],
    globalSetup: ['test/support/dynamodb-global-setup.ts'],
    setupFiles: ['test/support/lambda-env.ts'],
    testTimeout: timeoutMs,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      dynamoProject('integration', 20_000),
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      dynamoProject('workflow', 60_000),
      dynamoProject('e2e', 60_000),
      // Playwright drives Debian's Chromium against the local runtime serving the built pages (npm test builds them).
      dynamoProject('browser', 60_000),
    ],
  },
});
