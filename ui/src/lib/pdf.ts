// Saving a PDF the Rust renderer makes: the save dialog, the write, and a toast that offers
// to open the file. One place for every printable document (plan, preparation, evaluation).
import { ipc } from "./ipc";
import { errorMessage } from "./errors";
import { t } from "./i18n/index.svelte";
import { shortPath, showToast } from "./toast.svelte";

/** A file name without characters file systems refuse. */
export function safeFileName(name: string, fallback: string): string {
  return name.trim().replace(/[\\/:*?"<>|]+/g, "-") || fallback;
}

/** The name a plan's files are offered under: "POP Zoë Çelik 2026-2027 v2", so two plans (or
 * two versions) never suggest the same file. */
export function planFileName(personName: string, periodStart: string, periodEnd: string, version: number): string {
  const from = periodStart.slice(0, 4);
  const to = periodEnd.slice(0, 4);
  const period = from === to ? from : `${from}-${to}`;
  return safeFileName(`POP ${personName.trim()} ${period} v${version}`.replace(/\s+/g, " "), "POP");
}

/** Asks where to save `fileName`, lets `write` make the PDF there, then offers to open it. */
export async function savePdf(title: string, fileName: string, write: (path: string) => Promise<unknown>): Promise<void> {
  try {
    const path = await ipc.chooseSavePath(title, fileName, "pdf");
    if (!path) return;
    await write(path);
    showToast(t("pdf.done", { path: shortPath(path) }), {
      detail: path,
      actionLabel: t("pdf.open"),
      action: async () => {
        await ipc.openPdf(path).catch((e) => showToast(errorMessage(e)));
      },
    });
  } catch (e) {
    showToast(errorMessage(e));
  }
}
