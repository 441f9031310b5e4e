import { screen, waitFor, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { expect } from 'vitest';

/** Picks `value` in the antd Select labelled `label` (inside `scope`, else the page) and waits until it shows as chosen. */
export async function chooseOption(user: ReturnType<typeof userEvent.setup>, label: string, value: string, scope?: HTMLElement): Promise<void> {
  const box = scope ? within(scope).getByLabelText(label) : screen.getByLabelText(label);
  await user.click(box);
  const listbox = document.getElementById(box.getAttribute('aria-controls') ?? '');
  const dropdown = listbox?.closest('.ant-select-dropdown') ?? document.body;
  const option = await waitFor(() => {
    const el = dropdown.querySelector<HTMLElement>(`.ant-select-item-option[title="${value}"]`);
    if (!el) throw new Error(`no option ${value}`);
    return el;
  });
  await user.click(option);
  await waitFor(() => expect(box.closest('.ant-select')?.querySelector(`[title="${value}"]`)).toBeTruthy());
}
