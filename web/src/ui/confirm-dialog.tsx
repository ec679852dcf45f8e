import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

/**
 * A modal question before an action that texts many people: the native dialog keeps the focus inside and Escape
 * cancels. `open` shows it; the answer comes through `onConfirm` or `onCancel`. While `busy` (the API is still
 * answering) the confirmation cannot be given twice.
 */
export const ConfirmDialog = ({
  open,
  title,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  busy = false,
  children,
}: {
  open: boolean;
  title: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  children: ComponentChildren;
}) => {
  const dialog = useRef<HTMLDialogElement>(null);
  // A page holds several dialogs: each is named by its own title.
  const titleId = useId();
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
    if (!open && dialog.current?.open) dialog.current.close();
  }, [open]);
  return (
    <dialog ref={dialog} aria-labelledby={titleId} onCancel={onCancel}>
      <h2 id={titleId}>{title}</h2>
      {children}
      <div class="actions">
        <button
          type="button"
          class="button"
          aria-disabled={busy ? true : undefined}
          onClick={() => busy || onConfirm()}
        >
          {confirmLabel}
        </button>
        <button type="button" class="button button--secondary" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
};
