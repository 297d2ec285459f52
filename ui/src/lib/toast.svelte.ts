// Quiet notices at the bottom of the window, optionally with one action such as "Undo".
export interface Toast {
  id: number;
  message: string;
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

export function dismissToast(id: number): void {
  const index = toasts.findIndex((toast) => toast.id === id);
  if (index >= 0) toasts.splice(index, 1);
}
