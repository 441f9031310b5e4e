import type { KeyboardEvent } from 'react';

// Keyboard-first data entry (faster than Excel): Enter moves to the next field the way Tab does,
// except where Enter already means something — a textarea, a button, an open dropdown.

const FIELD_SELECTOR = 'input:not([type=hidden]):not([disabled]):not([tabindex="-1"]), textarea:not([disabled]), button[type=submit]';

function nextField(form: HTMLElement, from: HTMLElement): HTMLElement | null {
  const all = [...form.querySelectorAll<HTMLElement>(FIELD_SELECTOR)].filter((el) => {
    // Of a radio group only one radio is reachable; skip the others like Tab does.
    if (el instanceof HTMLInputElement && el.type === 'radio') return el.checked || (from instanceof HTMLInputElement && el === from);
    return el.offsetParent !== null || el === from;
  });
  const i = all.indexOf(from);
  for (let j = i + 1; j < all.length; j++) {
    const el = all[j]!;
    if (from instanceof HTMLInputElement && from.type === 'radio' && el instanceof HTMLInputElement && el.name === from.name) continue;
    return el;
  }
  return null;
}

export function enterToNext(e: KeyboardEvent<HTMLFormElement>): void {
  if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || e.nativeEvent.isComposing) return;
  const target = e.target as HTMLElement;
  if (!(target instanceof HTMLInputElement)) return;
  // A dropdown that is open, or a combobox with typed search text, takes this Enter (it picks).
  if (target.getAttribute('aria-expanded') === 'true') return;
  if (target.getAttribute('role') === 'combobox' && target.value !== '') return;
  const next = nextField(e.currentTarget, target);
  if (!next) return;
  e.preventDefault();
  e.stopPropagation();
  // After the last field the 登记 button gets focus: one more Enter saves, never by surprise.
  next.focus();
  if (next instanceof HTMLInputElement && next.type === 'text') next.select();
}
