// Quiet notices at the bottom of the window, optionally with one action such as "Undo".
export interface Toast {
  id: number;
  message: string;
  /** The whole text behind a shortened message (a full file path), shown on hover. */
  detail?: string;
  actionLabel?: string;
  action?: () => void | Promise<void>;
}

export const toasts = $state<Toast[]>([]);
let next = 1;

export function showToast(message: string, options: Omit<Toast, "id" | "message"> = {}): void {
  const id = next++;
  // At most three at a time: the oldest makes room for the newest.
  while (toasts.length >= 3) toasts.shift();
  toasts.push({ id, message, ...options });
  setTimeout(() => dismissToast(id), options.action ? 8000 : 4000);
}

/** A path as a toast shows it: the folder it is in and the file ("…/Documenten/plan.pdf"). */
export function shortPath(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts.length <= 2 ? path : `…/${parts.slice(-2).join("/")}`;
}

export function dismissToast(id: number): void {
  const index = toasts.findIndex((toast) => toast.id === id);
  if (index >= 0) toasts.splice(index, 1);
}
