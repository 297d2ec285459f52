//! Destructive and irreversible acts (encrypting, changing or removing the passphrase,
//! pruning backups, restoring one, erasing a person or their data) are confirmed in a native
//! dialog raised here, by the app itself: a page that calls the command from script alone
//! (a compromised web view) cannot answer it.

use pop_core::domain::Language;
use pop_core::{CommandError, ErrorCode};
use tauri::AppHandle;
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};

/// What is about to happen, in words for the dialog.
pub enum Act<'a> {
    Encrypt,
    ChangePassphrase,
    Decrypt,
    Prune {
        keep: usize,
        removed: usize,
    },
    Restore,
    Erase {
        name: &'a str,
    },
    RemoveData,
    /// Trust another computer's key from now on.
    Pair {
        fingerprint: &'a str,
    },
    /// Stop trusting a paired computer's key.
    Revoke {
        fingerprint: &'a str,
    },
    /// A new key pair for this device.
    NewKey,
}

fn words(act: &Act, lang: Language) -> (String, String, String) {
    use Language::*;
    let (title, body, ok) = match (act, lang) {
        (Act::Encrypt, Nl) => ("Gegevens versleutelen?".into(), "Vanaf nu opent Groeikoers deze gegevens alleen met de wachtwoordzin, ook de reservekopieën. Vergeet je hem, dan kan niemand ze nog lezen.".into(), "Versleutelen"),
        (Act::Encrypt, En) => ("Encrypt the data?".into(), "From now on Groeikoers opens this data, and its backups, only with the passphrase. Forget it and nobody can read them again.".into(), "Encrypt"),
        (Act::ChangePassphrase, Nl) => ("Wachtwoordzin wijzigen?".into(), "De gegevens en alle reservekopieën krijgen de nieuwe wachtwoordzin; de oude opent ze daarna niet meer.".into(), "Wijzigen"),
        (Act::ChangePassphrase, En) => ("Change the passphrase?".into(), "The data and every backup get the new passphrase; the old one no longer opens them.".into(), "Change"),
        (Act::Decrypt, Nl) => ("Versleuteling uitzetten?".into(), "De gegevens en de reservekopieën worden weer zonder wachtwoordzin bewaard: wie bij deze computer kan, kan ze lezen.".into(), "Uitzetten"),
        (Act::Decrypt, En) => ("Turn encryption off?".into(), "The data and the backups are stored without a passphrase again: anyone with access to this computer can read them.".into(), "Turn off"),
        (Act::Prune { keep, removed }, Nl) => ("Oudere reservekopieën verwijderen?".into(), format!("Er blijven er {keep} bewaard; {removed} oudere worden nu verwijderd."), "Verwijderen"),
        (Act::Prune { keep, removed }, En) => ("Delete older backups?".into(), format!("{keep} are kept; {removed} older ones are deleted now."), "Delete"),
        (Act::Restore, Nl) => ("Deze reservekopie terugzetten?".into(), "De huidige gegevens worden eerst als reservekopie bewaard en dan vervangen door deze.".into(), "Terugzetten"),
        (Act::Restore, En) => ("Restore this backup?".into(), "The current data is kept as a backup first, then replaced by this one.".into(), "Restore"),
        (Act::Erase { name }, Nl) => (format!("{name} wissen?"), format!("Alles wat over {name} is vastgelegd wordt onherroepelijk verwijderd."), "Wissen"),
        (Act::Erase { name }, En) => (format!("Erase {name}?"), format!("Everything recorded about {name} is removed for good."), "Erase"),
        (Act::RemoveData, Nl) => ("Deze gegevens nu verwijderen?".into(), "Dit kan niet ongedaan worden gemaakt.".into(), "Verwijderen"),
        (Act::RemoveData, En) => ("Remove this data now?".into(), "This cannot be undone.".into(), "Remove"),
        (Act::Pair { fingerprint }, Nl) => (format!("Computer {fingerprint} koppelen?"), format!("Koppel alleen als de andere computer onder Instellingen → Dit apparaat precies {fingerprint} toont. Daarna neemt deze computer zijn handtekeningen en plannen aan."), "Koppelen"),
        (Act::Pair { fingerprint }, En) => (format!("Pair computer {fingerprint}?"), format!("Pair only if the other computer shows exactly {fingerprint} under Settings → This device. From then on this computer accepts its signatures and plans."), "Pair"),
        (Act::NewKey, Nl) => ("Nieuwe sleutel maken?".into(), "Wat met de oude sleutel is ondertekend, blijft geldig. De andere computer moet deze computer daarna opnieuw koppelen met de nieuwe code.".into(), "Nieuwe sleutel"),
        (Act::NewKey, En) => ("Make a new key?".into(), "What the old key signed stays valid. The other computer must then pair this computer again with the new code.".into(), "New key"),
        (Act::Revoke { fingerprint }, Nl) => (format!("Koppeling met {fingerprint} intrekken?"), "Wat deze computer eerder ondertekende blijft geldig; wat hij vanaf nu stuurt, wordt geweigerd.".into(), "Intrekken"),
        (Act::Revoke { fingerprint }, En) => (format!("Revoke the pairing with {fingerprint}?"), "What this computer signed before stays valid; what it sends from now on is refused.".into(), "Revoke"),
    };
    (title, body, ok.to_owned())
}

/// Asks in a native dialog; `Err` (nothing happens) when the user does not confirm.
pub fn confirm(app: &AppHandle, lang: Language, act: Act) -> Result<(), CommandError> {
    let confirmed = match crate::e2e_hook!("GROEIKOERS_E2E_CONFIRM") {
        Some(answer) => answer == "yes",
        None => {
            let (title, body, ok) = words(&act, lang);
            let cancel = match lang {
                Language::Nl => "Annuleren",
                Language::En => "Cancel",
            };
            app.dialog()
                .message(body)
                .title(title)
                .kind(MessageDialogKind::Warning)
                .buttons(MessageDialogButtons::OkCancelCustom(ok, cancel.into()))
                .blocking_show()
        }
    };
    if confirmed {
        Ok(())
    } else {
        Err(CommandError {
            code: ErrorCode::Validation,
            message: match lang {
                Language::Nl => "Niet bevestigd: er is niets veranderd.".into(),
                Language::En => "Not confirmed: nothing was changed.".into(),
            },
            field: None,
        })
    }
}
