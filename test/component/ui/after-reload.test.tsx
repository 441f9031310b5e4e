import { describe, expect, test } from 'vitest';
import { forgetNoteAfterReload, noteAfterReload, noteForAfterReload } from '../../../renderer/ui/after-reload';

describe('the note for after a reload (what a restore did)', () => {
  test('is read once per page load and kept for every later mount, until someone signs in', () => {
    noteForAfterReload('已恢复 19 条记录');
    // A page load: the first reader takes it out of sessionStorage…
    expect(noteAfterReload()).toBe('已恢复 19 条记录');
    expect(sessionStorage.getItem('wenshu.afterReload')).toBeNull();
    // …and a login page mounted again while the restored database opens still says it.
    expect(noteAfterReload()).toBe('已恢复 19 条记录');
    forgetNoteAfterReload();
    expect(noteAfterReload()).toBeNull();
  });
});
