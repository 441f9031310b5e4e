import { useCallback } from 'react';
import type { AttachmentLimits, AttachmentMeta, AttachmentOwnerKind } from '@shared/domain/attachment-types';
import { PermissionError } from '@shared/domain/permissions';
import { useActor } from '../ui/session';
import { useDb } from './DbContext';
import { useLiveQuery } from './live';
import { listAttachments, openAttachment } from './repositories/attachments';
import { getSetting } from './repositories/settings';

// The attachment reads the panel and viewer (renderer/ui) need: ui/ imports no repository, so its
// data comes through these hooks, as the pickers' lists do through db/hooks.ts.

/** A record's files, or why they are not shown (outside the record's need to know). */
export type AttachmentList = { kind: 'files'; files: AttachmentMeta[] } | { kind: 'forbidden'; message: string };

/** The files of a record (live; undefined while loading). */
export function useAttachmentList(ownerKind: AttachmentOwnerKind, ownerId: string): AttachmentList | undefined {
  const db = useDb();
  const actor = useActor();
  return useLiveQuery(async (): Promise<AttachmentList> => {
    try {
      return { kind: 'files', files: await listAttachments(db, actor, ownerKind, ownerId) };
    } catch (e) {
      // Need to know: the list is refused, never shown in part.
      if (e instanceof PermissionError) return { kind: 'forbidden', message: e.message };
      throw e;
    }
  }, [db, actor.id, ownerKind, ownerId]);
}

/** Opens a file as the signed-in user (checked bytes; PermissionError outside the need to know). */
export function useOpenAttachment(): (id: string) => Promise<Blob> {
  const db = useDb();
  const actor = useActor();
  return useCallback((id: string) => openAttachment(db, actor, id), [db, actor]);
}

/** The limits set in 设置 (setting `attachments`), for the 添加 box's hint. */
export function useAttachmentLimits(): AttachmentLimits | undefined {
  const db = useDb();
  return useLiveQuery(() => getSetting(db, 'attachments'), [db]);
}
