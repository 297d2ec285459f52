// The only place that talks to the Rust side. One typed function per command; a failure
// always becomes an IpcError carrying the CommandError's code, message and field.
import { invoke } from "@tauri-apps/api/core";
import type { Language } from "../bindings/Language";
import type { Scheme } from "../bindings/Scheme";
import type { RetentionOverview } from "../bindings/RetentionOverview";
import type { RetentionRule } from "../bindings/RetentionRule";
import type { LeaveReason } from "../bindings/LeaveReason";
import type { Settlement } from "../bindings/Settlement";
import type { ClauseInput } from "../bindings/ClauseInput";
import type { ReceivedShare } from "../bindings/ReceivedShare";
import type { ClauseView } from "../bindings/ClauseView";
import type { Direction } from "../bindings/Direction";
import type { TeamGoalInput } from "../bindings/TeamGoalInput";
import type { DevelopmentInput } from "../bindings/DevelopmentInput";
import type { GoalLink } from "../bindings/GoalLink";
import type { FeedbackInput } from "../bindings/FeedbackInput";
import type { FeedbackView } from "../bindings/FeedbackView";
import type { FeedbackRequest } from "../bindings/FeedbackRequest";
import type { Results } from "../bindings/Results";
import type { RetentionPerson } from "../bindings/RetentionPerson";
import type { DataKind } from "../bindings/DataKind";
import type { ErasureReport } from "../bindings/ErasureReport";
import type { BudgetView } from "../bindings/BudgetView";
import type { AppState } from "../bindings/AppState";
import type { CommandError } from "../bindings/CommandError";
import type { ErrorCode } from "../bindings/ErrorCode";
import type { Field } from "../bindings/Field";
import type { OnboardingInput } from "../bindings/OnboardingInput";
import type { PeopleQuery } from "../bindings/PeopleQuery";
import type { Person } from "../bindings/Person";
import type { PersonInput } from "../bindings/PersonInput";
import type { PersonSummary } from "../bindings/PersonSummary";
import type { SettingsInput } from "../bindings/SettingsInput";
import type { ExampleSummary } from "../bindings/ExampleSummary";
import type { NewPlanInput } from "../bindings/NewPlanInput";
import type { Plan } from "../bindings/Plan";
import type { PlanContent } from "../bindings/PlanContent";
import type { PlanStatus } from "../bindings/PlanStatus";
import type { PlanSummary } from "../bindings/PlanSummary";
import type { PlanView } from "../bindings/PlanView";
import type { SignInput } from "../bindings/SignInput";
import type { VersionEntry } from "../bindings/VersionEntry";
import type { VerifyMatch } from "../bindings/VerifyMatch";
import type { PreparationTexts } from "../bindings/PreparationTexts";
import type { JournalEntry } from "../bindings/JournalEntry";
import type { JournalPage } from "../bindings/JournalPage";
import type { JournalInput } from "../bindings/JournalInput";
import type { GoalOption } from "../bindings/GoalOption";
import type { PlanRhythm } from "../bindings/PlanRhythm";
import type { CheckinTarget } from "../bindings/CheckinTarget";
import type { CheckinInput } from "../bindings/CheckinInput";
import type { Evaluation } from "../bindings/Evaluation";
import type { DueBoard } from "../bindings/DueBoard";
import type { Reminder } from "../bindings/Reminder";
import type { Lead } from "../bindings/Lead";
import type { PersonOverview } from "../bindings/PersonOverview";
import type { SheetFormat } from "../bindings/SheetFormat";
import type { BackgroundSettings } from "../bindings/BackgroundSettings";
import type { SecurityState } from "../bindings/SecurityState";
import type { BackupInfo } from "../bindings/BackupInfo";
import type { DeviceInfo } from "../bindings/DeviceInfo";
import type { PairedDevice } from "../bindings/PairedDevice";
import type { PendingDevice } from "../bindings/PendingDevice";
import type { ImportReport } from "../bindings/ImportReport";
import type { Take } from "../bindings/Take";
import type { FolderState } from "../bindings/FolderState";
import type { SyncReport } from "../bindings/SyncReport";

export class IpcError extends Error {
  readonly code: ErrorCode;
  readonly field: Field | null;

  constructor(error: CommandError) {
    super(error.message);
    this.name = "IpcError";
    this.code = error.code;
    this.field = error.field;
  }
}

function isCommandError(value: unknown): value is CommandError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as CommandError).code === "string" &&
    typeof (value as CommandError).message === "string"
  );
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    if (isCommandError(error)) throw new IpcError({ ...error, field: error.field ?? null });
    throw new IpcError({ code: "Internal", message: String(error), field: null });
  }
}

export const ipc = {
  getAppState: () => call<AppState>("get_app_state"),
  completeOnboarding: (input: OnboardingInput) => call<AppState>("complete_onboarding", { input }),
  updateSettings: (input: SettingsInput) => call<AppState>("update_settings", { input }),
  saveMyProfile: (input: PersonInput) => call<Person>("save_my_profile", { input }),
  receivedShare: () => call<ReceivedShare | null>("received_share"),
  listPeople: (query: PeopleQuery) => call<PersonSummary[]>("list_people", { query }),
  getPerson: (id: string) => call<Person>("get_person", { id }),
  createPerson: (input: PersonInput) => call<Person>("create_person", { input }),
  updatePerson: (id: string, input: PersonInput) => call<Person>("update_person", { id, input }),
  markPersonLeft: (id: string, leftOn: string | null = null, reason: LeaveReason | null = null) =>
    call<Person>("mark_person_left", { id, leftOn, reason }),
  newClause: (input: ClauseInput) => call<ClauseView>("new_clause", { input }),
  personClauses: (personId: string) => call<ClauseView[]>("person_clauses", { personId }),
  /** One party signs a study-cost clause; the clause with its signatures afterwards. */
  signClause: (id: string, input: SignInput) => call<ClauseView>("sign_clause", { id, input }),
  stopClause: (id: string, on: string, note: string | null) => call<ClauseView>("stop_clause", { id, on, note }),
  clauseThreshold: () => call<number | null>("clause_threshold"),
  setClauseThreshold: (cents: number | null) => call<number | null>("set_clause_threshold", { cents }),
  exportClausePdf: (id: string, path: string) => call<null>("export_clause_pdf", { id, path }),
  getDirection: () => call<Direction>("get_direction"),
  addTeamGoal: (input: TeamGoalInput) => call<Direction>("add_team_goal", { input }),
  updateTeamGoal: (id: string, input: TeamGoalInput) => call<Direction>("update_team_goal", { id, input }),
  removeTeamGoal: (id: string) => call<Direction>("remove_team_goal", { id }),
  addDevelopment: (input: DevelopmentInput) => call<Direction>("add_development", { input }),
  removeDevelopment: (id: string) => call<Direction>("remove_development", { id }),
  exportDirectionPdf: (path: string) => call<null>("export_direction_pdf", { path }),
  linkGoal: (planId: string, goalId: string, teamGoalId: string | null) =>
    call<GoalLink[]>("link_goal", { planId, goalId, teamGoalId }),
  planLinks: (planId: string) => call<GoalLink[]>("plan_links", { planId }),
  feedbackRequest: (planId: string, goalId: string, measureId: string) =>
    call<FeedbackRequest>("feedback_request", { planId, goalId, measureId }),
  exportFeedbackForm: (planId: string, goalId: string, measureId: string, path: string) =>
    call<null>("export_feedback_form", { planId, goalId, measureId, path }),
  recordFeedback: (planId: string, goalId: string, measureId: string, input: FeedbackInput) =>
    call<FeedbackView[]>("record_feedback", { planId, goalId, measureId, input }),
  planFeedback: (planId: string) => call<FeedbackView[]>("plan_feedback", { planId }),
  checkinFeedback: (planId: string) => call<FeedbackView[]>("checkin_feedback", { planId }),
  teamResults: () => call<Results>("team_results"),
  exportResults: (format: SheetFormat, path: string) => call<null>("export_results", { format, path }),
  personSettlement: (personId: string, finalPayCents: number, protectedCents: number) =>
    call<Settlement>("person_settlement", { personId, finalPayCents, protectedCents }),
  markPersonActive: (id: string) => call<Person>("mark_person_active", { id }),
  listExamples: () => call<ExampleSummary[]>("list_examples"),
  listPlans: (personId: string | null = null) => call<PlanSummary[]>("list_plans", { personId }),
  getPlan: (id: string) => call<PlanView>("get_plan", { id }),
  createPlan: (input: NewPlanInput) => call<Plan>("create_plan", { input }),
  createPlanFromExample: (personId: string, slug: string, language: Language | null = null) =>
    call<Plan>("create_plan_from_example", { personId, slug, language }),
  budgetSchemes: () => call<Scheme[]>("budget_schemes"),
  setBudgetScheme: (scheme: Scheme) => call<Scheme[]>("set_budget_scheme", { scheme }),
  personBudget: (personId: string, at: string | null = null) => call<BudgetView>("person_budget", { personId, at }),
  /** A person's FTE from a day on (as typed, "0,8"); their budget afterwards. */
  changePersonFte: (personId: string, from: string, fte: string) =>
    call<BudgetView>("change_person_fte", { personId, from, fte }),
  retentionOverview: () => call<RetentionOverview>("retention_overview"),
  personRetention: (personId: string) => call<RetentionPerson | null>("person_retention", { personId }),
  setRetention: (kind: DataKind, months: number, reason: string | null) =>
    call<RetentionRule[]>("set_retention", { kind, months, reason }),
  setLegalHold: (personId: string, reason: string) => call<null>("set_legal_hold", { personId, reason }),
  liftLegalHold: (personId: string) => call<boolean>("lift_legal_hold", { personId }),
  exportPersonData: (personId: string, path: string) => call<null>("export_person_data", { personId, path }),
  erasePerson: (personId: string) => call<ErasureReport>("erase_person", { personId }),
  removeDueData: (personId: string, kind: DataKind, clauseId: string | null) => call<ErasureReport>("remove_due_data", { personId, kind, clauseId }),
  previewExample: (personId: string, slug: string, language: Language | null = null) =>
    call<PlanContent>("preview_example", { personId, slug, language }),
  savePlanContent: (id: string, content: PlanContent) =>
    call<PlanView>("save_plan_content", { id, content }),
  /** The editor's autosave: a bad field is kept back (named in `unsaved`), the rest saved. */
  autosavePlanContent: (id: string, content: PlanContent) =>
    call<PlanView>("save_plan_content", { id, content, partly: true }),
  setPlanStatus: (id: string, status: PlanStatus) => call<PlanView>("set_plan_status", { id, status }),
  deleteDraft: (id: string) => call<null>("delete_draft", { id }),
  undoDeleteDraft: () => call<string | null>("undo_delete_draft"),
  carryOver: (id: string) => call<Plan>("carry_over", { id }),
  applyGuideToPlan: (id: string) => call<PlanView>("apply_guide_to_plan", { id }),
  /** The OS save dialog; null when cancelled. */
  chooseSavePath: (title: string, fileName: string, kind: "pop" | "pdf" | "ics" | "csv" | "xlsx" | "zip") =>
    call<string | null>("choose_save_path", { title, fileName, kind }),
  /** The OS open dialog; null when cancelled. */
  chooseOpenPath: (title: string, kind: "pop" | "backup" = "pop") =>
    call<string | null>("choose_open_path", { title, kind }),
  /** The system print dialog for what the page's print styles show. */
  printPage: () => call<null>("print_page"),
  exportPlanPdf: (id: string, path: string) => call<null>("export_plan_pdf", { id, path }),
  preparationTexts: (id: string) => call<PreparationTexts>("preparation_texts", { id }),
  exportPreparationPdf: (id: string, path: string) =>
    call<null>("export_preparation_pdf", { id, path }),
  /** Opens a PDF the app wrote in the system's viewer. */
  openPdf: (path: string) => call<null>("open_pdf", { path }),
  addJournalEntry: (input: JournalInput) => call<JournalEntry>("add_journal_entry", { input }),
  journalMonth: (year: number, month: number) => call<JournalEntry[]>("journal_month", { year, month }),
  searchJournal: (query: string, offset = 0) => call<JournalPage>("search_journal", { query, offset }),
  journalGoals: (personId: string | null) => call<GoalOption[]>("journal_goals", { personId }),
  updateJournalEntry: (id: string, input: JournalInput) => call<JournalEntry>("update_journal_entry", { id, input }),
  deleteJournalEntry: (id: string) => call<JournalEntry>("delete_journal_entry", { id }),
  restoreJournalEntry: (entry: JournalEntry) => call<JournalEntry>("restore_journal_entry", { entry }),
  exportJournalPdf: (from: string, to: string, path: string) =>
    call<null>("export_journal_pdf", { from, to, path }),
  signPlan: (id: string, input: SignInput) => call<PlanView>("sign_plan", { id, input }),
  newVersion: (id: string, reason: string) => call<Plan>("new_version", { id, reason }),
  planHistory: (id: string) => call<VersionEntry[]>("plan_history", { id }),
  verifyFingerprint: (code: string) => call<VerifyMatch | null>("verify_fingerprint", { code }),
  exportPlanToFile: (id: string, path: string) => call<null>("export_plan_to_file", { id, path }),
  /** `pair`: the fingerprint the user compared; pairs the package's computer in the same
   * step (after a native confirmation). */
  importPlanFile: (
    path: string,
    personId: string | null,
    newPerson: boolean,
    take: Take | null,
    dryRun: boolean,
    pair: string | null = null,
  ) => call<ImportReport>("import_plan_file", { path, personId, newPerson, take, dryRun, pair }),
  deviceInfo: () => call<DeviceInfo>("device_info"),
  newDeviceKey: () => call<DeviceInfo>("new_device_key"),
  pairedDevices: () => call<PairedDevice[]>("paired_devices"),
  pendingDevices: () => call<PendingDevice[]>("pending_devices"),
  /** personId null: the employer's computer. */
  pairDevice: (fingerprint: string, personId: string | null) =>
    call<PairedDevice>("pair_device", { fingerprint, personId }),
  revokeDevice: (fingerprint: string) => call<PairedDevice>("revoke_device", { fingerprint }),
  /** A new plan that waits in an exchange folder: take it in, or refuse it (by file name). */
  acceptExchangeFile: (fileName: string) => call<ImportReport>("accept_exchange_file", { fileName }),
  refuseExchangeFile: (fileName: string) => call<FolderState>("refuse_exchange_file", { fileName }),
  touchActivity: () => call<null>("touch_activity"),
  /** The next plan file opened from outside (`groeikoers FILE`, a double-click, a second
   * launch), already allowed to be read; null when there is none. */
  takeOpenedFile: () => call<string | null>("take_opened_file"),
  exchangeFolderState: () => call<FolderState>("exchange_folder_state"),
  chooseExchangeFolder: (personId: string, title: string) =>
    call<FolderState>("choose_exchange_folder", { personId, title }),
  clearExchangeFolder: (personId: string) => call<FolderState>("clear_exchange_folder", { personId }),
  syncExchangeNow: () => call<SyncReport>("sync_exchange_now"),
  renameDevice: (name: string) => call<DeviceInfo>("rename_device", { name }),
  planRhythm: (id: string) => call<PlanRhythm>("plan_rhythm", { id }),
  moveCheckin: (id: string, target: CheckinTarget, date: string) =>
    call<PlanRhythm>("move_checkin", { id, target, date }),
  skipCheckin: (id: string, target: CheckinTarget, reason: string) =>
    call<PlanRhythm>("skip_checkin", { id, target, reason }),
  addCheckin: (id: string, date: string) => call<PlanRhythm>("add_checkin", { id, date }),
  recordCheckin: (id: string, input: CheckinInput) => call<PlanRhythm>("record_checkin", { id, input }),
  setFollowUpDone: (id: string, followUpId: string, done: boolean) =>
    call<PlanRhythm>("set_follow_up_done", { id, followUpId, done }),
  evaluatePlan: (id: string, evaluation: Evaluation) => call<PlanRhythm>("evaluate_plan", { id, evaluation }),
  /** A page of the board: the first `limit` items of each list, with each list's total. */
  dueBoard: (limit: number) => call<DueBoard>("due_board", { limit }),
  shownReminders: () => call<Reminder[]>("shown_reminders"),
  reminderLeads: () => call<Lead[]>("reminder_leads"),
  setReminderLeads: (leads: Lead[]) => call<Lead[]>("set_reminder_leads", { leads }),
  /** The plan's check-ins as ICS, or every current plan's when id is null. */
  exportIcs: (id: string | null, path: string) => call<null>("export_ics", { id, path }),
  exportEvaluationPdf: (id: string, path: string) =>
    call<null>("export_evaluation_pdf", { id, path }),
  ownerOverview: () => call<PersonOverview[]>("owner_overview"),
  exportOverview: (format: SheetFormat, path: string) => call<null>("export_overview", { format, path }),
  backgroundSettings: () => call<BackgroundSettings>("background_settings"),
  setBackgroundSettings: (runInTray: boolean, startAtLogin: boolean) =>
    call<BackgroundSettings>("set_background_settings", { runInTray, startAtLogin }),
  unlock: (passphrase: string) => call<AppState>("unlock", { passphrase }),
  /** Locks the app; false when there is no passphrase to lock with. */
  lockApp: () => call<boolean>("lock_app"),
  securityState: () => call<SecurityState>("security_state"),
  /** Encrypt (current null), change, or decrypt (next null) the data file. */
  setPassphrase: (current: string | null, next: string | null, repeat: string | null) =>
    call<SecurityState>("set_passphrase", { current, new: next, repeat }),
  setSecurityOptions: (backupKeep: number, lockMinutes: number) =>
    call<SecurityState>("set_security_options", { backupKeep, lockMinutes }),
  makeBackup: () => call<BackupInfo>("make_backup"),
  restoreBackup: (path: string, passphrase: string | null) =>
    call<SecurityState>("restore_backup", { path, passphrase }),
  /** Calls back when the tray menu asks for a screen; returns the unsubscribe function. */
  onNavigate: async (handler: (view: string) => void): Promise<() => void> => {
    const { listen } = await import("@tauri-apps/api/event");
    return listen<string>("navigate", (e) => handler(e.payload));
  },
  /** Calls back when a plan file was opened from outside while the app runs. */
  onFileOpened: async (handler: () => void): Promise<() => void> => {
    const { listen } = await import("@tauri-apps/api/event");
    return listen("file-opened", () => handler());
  },
  /** Calls back when the shell locked the app after the idle time. */
  onLocked: async (handler: () => void): Promise<() => void> => {
    const { listen } = await import("@tauri-apps/api/event");
    return listen("locked", () => handler());
  },
  /** Calls back when the app is about to close and pending edits must be written. */
  onFlush: async (handler: () => void): Promise<() => void> => {
    const { listen } = await import("@tauri-apps/api/event");
    return listen("flush", () => handler());
  },
  /** Calls back when the exchange folder brought or took something; returns the unsubscribe. */
  onExchange: async (handler: () => void): Promise<() => void> => {
    const { listen } = await import("@tauri-apps/api/event");
    return listen("exchange", () => handler());
  },
  /** Calls back whenever reminders fired in the app; returns the unsubscribe function. */
  onReminders: async (handler: (fired: Reminder[]) => void): Promise<() => void> => {
    const { listen } = await import("@tauri-apps/api/event");
    return listen<Reminder[]>("reminders", (e) => handler(e.payload));
  },
};

export type Ipc = typeof ipc;

/**
 * An event subscription as an `$effect` cleanup: `$effect(() => whileMounted(ipc.onX(...)))`.
 * It unsubscribes when the component goes, also when the subscription arrives only later.
 */
export function whileMounted(subscribing: Promise<() => void>): () => void {
  let stop: (() => void) | undefined;
  let gone = false;
  subscribing.then((unlisten) => (gone ? quietly(unlisten) : (stop = unlisten)), () => {});
  return () => {
    gone = true;
    if (stop) quietly(stop);
  };
}

/**
 * Unsubscribes without letting a failure escape: Tauri's unlisten is async, and when the
 * window's event bridge is already gone (the window closing, or a test's mocks cleared) it
 * rejects after the component has long been unmounted.
 */
function quietly(unlisten: () => unknown): void {
  try {
    Promise.resolve(unlisten()).catch(() => {});
  } catch {
    // Nothing left to unsubscribe from.
  }
}
