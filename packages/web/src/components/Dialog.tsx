import { type ReactNode, useEffect, useRef } from 'react';

/** A modal dialog (native <dialog>: focus is trapped, Escape closes). */
export function Dialog(props: { title: string; open: boolean; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog ref={ref} onClose={props.onClose} aria-labelledby="dialog-title">
      <header className="dialog-head">
        <h2 id="dialog-title">{props.title}</h2>
        <button type="button" className="ghost" onClick={props.onClose} aria-label="Close">
          ×
        </button>
      </header>
      <div className="dialog-body">{props.children}</div>
    </dialog>
  );
}
