//! What can be wrong with input, as data: the message is chosen later in the user's language.

use serde::Serialize;
use ts_rs::TS;

/// The input field a problem is about. The UI uses it to put the message next to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Field {
    FullName,
    Role,
    Manager,
    StartDate,
    LeftOn,
    Email,
    OrganisationName,
    Language,
    Mode,
    Person,
    PlanTitle,
    PlanRole,
    ManagerName,
    Ambition,
    Focus,
    StartingSituation,
    Reflection,
    RhythmNotes,
    Rhythm,
    PeriodStart,
    PeriodEnd,
    Goals,
    GoalTitle,
    GoalWhy,
    Actions,
    ActionDescription,
    ActionOwner,
    /// The hours an action takes.
    ActionHours,
    Measures,
    MeasureSignal,
    MeasureObserver,
    Support,
    SupportFrom,
    SupportWhat,
    Cost,
    Example,
    Guide,
    JournalText,
    Tags,
    SignatureName,
    Consent,
    SignedOn,
    Strokes,
    Party,
    Preparation,
    Status,
    File,
    Grow,
    Progress,
    FollowUp,
    FollowUpOwner,
    FollowUpDue,
    CheckinDate,
    SkipReason,
    Checkin,
    Leads,
    At,
    Passphrase,
    NewPassphrase,
    BackupKeep,
    LockMinutes,
    VersionReason,
    DeviceName,
    /// Another computer's key fingerprint (pairing).
    DeviceKey,
    Package,
    JournalDate,
    RangeFrom,
    RangeTo,
    Outcome,
    Findings,
    /// Why a training is followed (required, necessary, regulated, voluntary).
    TrainingKind,
    /// The period of a study-cost clause.
    ClauseMonths,
    /// The sliding scale of a study-cost clause.
    Scale,
    Fte,
    /// The first day of a new part-time factor.
    FteFrom,
    /// The day a training starts.
    TrainingStart,
    /// The day the employee stopped a training a clause covers.
    StoppedOn,
    /// Why the training stopped, in the owner's words.
    StoppedNote,
    LeaveReason,
    /// An amount of the personal budget.
    Budget,
    /// The budget scheme.
    Scheme,
    /// The training a clause is about.
    Course,
    /// How long a kind of data is kept after someone leaves.
    Retention,
    /// A legal hold: the reason data is kept beyond its retention.
    Hold,
    /// Erasing all of a person's data.
    Erasure,
    /// Removing one kind of a person's data after its retention.
    Removal,
    TeamGoalTitle,
    TeamGoalWhy,
    TeamGoalUntil,
    TeamGoalRoles,
    /// A team goal chosen for a plan's goal.
    TeamGoal,
    /// A development the owner sees coming.
    Development,
    DevelopmentOn,
    /// A goal of a plan, by its number.
    Goal,
    /// A measure point of a goal, by its number.
    Measure,
    FeedbackFrom,
    FeedbackSeen,
    FeedbackScore,
    FeedbackOn,
    FeedbackNote,
    /// What spending from the budget was for.
    SpendFor,
    /// Why the budget is corrected.
    CorrectionReason,
    /// The day a line of the budget is booked on (spending or a correction).
    BookedOn,
    /// Hours from the personal budget (spent or corrected).
    BudgetHours,
    /// The final pay a settlement sets off against.
    FinalPay,
    /// The protected part of the final pay (the statutory minimum wage or more).
    ProtectedPay,
    /// The day the training a clause covers ends.
    TrainingEnd,
    /// One item of a clause's costs (tuition, materials, exam, re-exam, travel).
    CostItem,
    /// The owner's threshold below which no study-cost clause is agreed.
    ClauseThreshold,
    /// The first day of a budget scheme.
    SchemeFrom,
    /// Euros per full-time year of a budget scheme.
    SchemeEuro,
    /// Hours per full-time year of a budget scheme.
    SchemeHours,
    /// How a budget scheme credits: yearly, monthly or per block of years.
    SchemeCredit,
    /// The years of a block a budget scheme credits at once.
    SchemeBlockYears,
    /// The months after which a scheme's credit lapses.
    SchemeExpiry,
    /// The most a budget's balance grows to.
    SchemeCap,
}

/// What is wrong with the value of a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
        actual: usize,
    },
    ControlCharacters,
    InvalidDate,
    /// Not a date and time as `yyyy-mm-ddThh:mm`.
    InvalidMoment,
    DateOutOfRange,
    LeftBeforeStart,
    InvalidEmail,
    UnknownManager,
    SelfManager,
    ManagerCycle,
    ManagerHasLeft,
    EndBeforeStart,
    OutOfRange {
        min: i64,
        max: i64,
    },
    TooMany {
        max: usize,
    },
    /// Shorter than `min` characters.
    TooShort {
        min: usize,
    },
    /// The two entries of a new passphrase differ.
    Mismatch,
    /// The current passphrase given does not match.
    WrongPassphrase,
    UnknownPerson,
    /// No device with this fingerprint sent a package here (or was paired).
    UnknownDevice,
    /// This computer's own key cannot be paired with itself.
    OwnDevice,
    /// The fingerprint given is not the one of the device that made the package.
    FingerprintMismatch,
    UnknownExample,
    NotEditable,
    InvalidTransition,
    AlreadySigned,
    NotAParty,
    BeforeCheckin,
    OutsidePeriod,
    AlreadyDone,
    UnknownCheckin,
    /// The store is not encrypted (there is no passphrase to remove).
    NotEncrypted,
    /// The folder is already shared with someone else.
    SharedFolder,
    /// Not `N=achieved`, `N=partly` or `N=not`.
    UnknownOutcome,
    /// A plan someone signed is never deleted.
    SignedKept,
    /// A draft with check-ins, agreements or an evaluation: close it instead of deleting.
    HasRecords,
    /// A draft that was already exchanged with another computer: close it instead.
    AlreadyShared,
    /// The POP-check finds errors and signing them was not confirmed.
    ErrorsNotConfirmed {
        count: usize,
    },
    /// Training required by law or the CAO, or necessary for the job, is free for the
    /// employee (art. 7:611a BW): no study-cost clause, not from the personal budget.
    FreeByLaw,
    /// A sliding scale that rises somewhere, is empty or goes above 100 %.
    ScaleRises,
    /// More than the budget's balance on that day.
    OverBudget {
        available_cents: i64,
    },
    /// Not one of the reasons an employment ends.
    UnknownReason,
    /// A part-time factor outside 0.1–1.0.
    FteOutOfRange,
    /// A day after the person left.
    AfterLeaving,
    /// A study-cost clause signed after its training started.
    SignedAfterTrainingStart,
    /// Before the training a clause covers had started.
    BeforeTrainingStart,
    /// Recorded once; a second time is refused.
    AlreadyRecorded,
    /// Costs below the threshold the owner set for study-cost clauses.
    BelowClauseThreshold {
        threshold_cents: i64,
    },
    /// A clause's cost differs from the sum of its items.
    NotTheSumOfItems {
        items_cents: i64,
    },
    /// Not one of the kinds of data with a retention period.
    UnknownDataKind,
    /// A legal hold keeps this person's data: nothing is erased until it is lifted.
    UnderLegalHold,
    /// This kind of data may not be removed yet: its retention runs until `due_on` (none: a
    /// clause not settled yet), or the person has not left.
    NotDueYet {
        due_on: Option<chrono::NaiveDate>,
    },
    /// Nothing of this kind is kept for the person.
    NothingToRemove,
    /// A date after today for something that has already happened.
    InFuture,
    /// A number (goal 3, measure point 2) that the list does not have.
    NoSuchNumber {
        count: usize,
    },
    /// Not one of the firm's team goals (any more).
    UnknownTeamGoal,
    /// An amount of money outside `min_cents`–`max_cents` (or not an amount at all).
    MoneyOutOfRange {
        min_cents: i64,
        max_cents: i64,
    },
    /// More hours than the budget's balance on that day.
    OverHours {
        available_minutes: i64,
    },
    /// A day the person was not employed.
    NotEmployed,
    /// A range longer than `max_days` days.
    RangeTooLong {
        max_days: i64,
    },
    /// A sliding scale with more steps (`steps`) than the clause's period has months (`max`).
    ScaleTooLong {
        steps: usize,
        max: u32,
    },
    /// A day before the person started (on `started`).
    BeforeStarted {
        started: chrono::NaiveDate,
    },
    /// More than `years` years before the training a clause covers starts.
    LongBeforeTraining {
        years: u32,
    },
    /// A file name that does not end in one of `allowed` (".csv", ".xlsx").
    WrongEnding {
        allowed: Vec<&'static str>,
    },
    /// Not `yearly`, `monthly` or `block:YEARS`.
    UnknownCredit,
    /// A budget scheme with neither euros nor hours per year.
    NeedsEuroOrHours,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    pub field: Field,
    pub problem: Problem,
}

impl ValidationError {
    pub fn new(field: Field, problem: Problem) -> Self {
        Self { field, problem }
    }
}

impl std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {:?}", self.field, self.problem)
    }
}

impl std::error::Error for ValidationError {}
