import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium (`.ci/run` installs it when missing); CHROMIUM_PATH names another. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    // No sandbox: CI runs as root in a container; nothing here browses the web.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });

/** A phone held upright (the 360 × 640) in the given language. */
export const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true };

/** WCAG 2.1 A and AA, the level EN 301 549 asks of Belgian public bodies. */
export const expectNoAccessibilityViolations = async (page: Page, state: string) => {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    violations.map(({ id, help, nodes }) => ({ id, help, nodes: nodes.map((n) => n.target.join(' ')) })),
    `axe-core on ${state}`,
  ).toEqual([]);
};
