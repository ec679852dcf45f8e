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

/**
 * Whether the whole page is wider than the screen, so a phone user would have to pan to read it. Measured against
 * the configured viewport: a mobile browser zooms out to fit a page that is too wide, widening `innerWidth` with it.
 */
export const scrollsSideways = async (page: Page): Promise<boolean> => {
  const [scrollWidth, innerWidth] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth,
  ]);
  return Math.max(scrollWidth, innerWidth) > page.viewportSize()!.width;
};

/**
 * The visible controls smaller than the 44 × 44 px a thumb needs (WCAG 2.5.5), by their text; a radio or checkbox
 * counts by its row, whose label takes the tap.
 */
export const smallTapTargets = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary')]
      .map((control) =>
        control.matches('[type=radio], [type=checkbox]') ? (control.parentElement ?? control) : control,
      )
      .filter((target) => {
        // Off-screen (the skip link until focused) or not rendered (a closed dialog) is no target.
        const { width, height, right } = target.getBoundingClientRect();
        return right > 0 && width > 0 && height > 0 && (width < 44 || height < 44);
      })
      .map((target) => (target.textContent || target.outerHTML).trim().slice(0, 60)),
  );

/**
 * The names Chromium's own accessibility tree gives the nodes of each role — what a screen reader is told, after CSS
 * (a table restyled into blocks can lose its table roles there while the DOM keeps them).
 */
export const accessibleNamesByRole = async (page: Page): Promise<Record<string, string[]>> => {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: { ignored: boolean; role?: { value: string }; name?: { value: string } }[];
  };
  await cdp.detach();
  const byRole: Record<string, string[]> = {};
  for (const node of nodes) {
    if (node.ignored || !node.role) continue;
    byRole[node.role.value] = [...(byRole[node.role.value] ?? []), String(node.name?.value ?? '')];
  }
  return byRole;
};

/**
 * `SCREENSHOTS=docs/screenshots npm run test:browser` keeps the pages the README shows, taken at the moments the
 * tests reach them; without it nothing is written.
 */
export const keepScreenshot = async (page: Page, name: string) => {
  const dir = process.env.SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
};
