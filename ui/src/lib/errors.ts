// Every failure shown to the user becomes an IpcError with a message in their language.
// Commands already fail with IpcError (see lib/ipc); anything else is a bug shown plainly.
import { IpcError } from "./ipc";
import { t } from "./i18n/index.svelte";

export function asIpcError(error: unknown): IpcError {
  return error instanceof IpcError
    ? error
    : new IpcError({ code: "Internal", message: t("error.unexpected"), field: null });
}

export function errorMessage(error: unknown): string {
  return asIpcError(error).message;
}
