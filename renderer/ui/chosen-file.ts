import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReadableFile } from '../platform/types';

/**
 * The file chosen for reading by range (a backup to restore, a 迁移包 to import): the one before is
 * closed when another is chosen, and the last one when the page goes away (the desktop holds the
 * file open until then).
 */
export function useChosenFile(): [ReadableFile | null, (next: ReadableFile) => void] {
  const [file, setFile] = useState<ReadableFile | null>(null);
  const current = useRef<ReadableFile | null>(null);
  const choose = useCallback((next: ReadableFile) => {
    const before = current.current;
    current.current = next;
    setFile(next);
    if (before && before !== next) void before.close().catch(() => undefined);
  }, []);
  useEffect(
    () => () => {
      void current.current?.close().catch(() => undefined);
      current.current = null;
    },
    [],
  );
  return [file, choose];
}
