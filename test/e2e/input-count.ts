import type { Locator, Page } from 'playwright-core';

/**
 * Counts what a person does in a scripted run: every key press (a chord such as Ctrl+S is one
 * press, a typed character is one press) and every mouse click. The friction note reports these
 * numbers for registering one 平件 and for one 拟办→批示→承办 round.
 */
export interface InputCounter {
  keys: number;
  clicks: number;
  press(key: string, times?: number): Promise<void>;
  type(text: string): Promise<void>;
  click(target: Locator): Promise<void>;
  /** Counts so far, to subtract a part of the run. */
  snapshot(): { keys: number; clicks: number };
}

export function countInput(page: Page): InputCounter {
  const c: InputCounter = {
    keys: 0,
    clicks: 0,
    async press(key, times = 1) {
      for (let i = 0; i < times; i++) await page.keyboard.press(key);
      c.keys += times;
    },
    async type(text) {
      await page.keyboard.type(text);
      c.keys += [...text].length;
    },
    async click(target) {
      await target.click();
      c.clicks += 1;
    },
    snapshot: () => ({ keys: c.keys, clicks: c.clicks }),
  };
  return c;
}
