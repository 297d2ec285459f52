//! The store behind a mutex, and the one place where use-case errors become `CommandError`s
//! in the user's language. An encrypted store starts locked (no store open until the
//! passphrase is given) and can be locked again: the connection, and with it the key, is
//! then closed.

use pop_core::domain::{Clock, Language, SystemClock};
use pop_core::{messages, settings, CommandError, CoreError, ErrorCode, Store};
use std::path::PathBuf;
use std::sync::Mutex;

struct Inner {
    store: Option<Store>,
    /// The language last read from the store, for messages while it is locked.
    lang: Language,
}

pub struct AppStore {
    inner: Mutex<Inner>,
    path: PathBuf,
    clock: SystemClock,
    /// When the user last touched the window (keys, pointer), for the idle lock.
    activity: Mutex<std::time::Instant>,
}

/// A command that failed inside (a bug): reported as an error, the store stays usable.
fn internal_error(lang: Language) -> CommandError {
    CommandError {
        code: ErrorCode::Internal,
        message: match lang {
            Language::Nl => "Er ging iets mis in Groeikoers; deze handeling is niet uitgevoerd. Je gegevens zijn niet veranderd. Probeer het opnieuw.".into(),
            Language::En => "Something went wrong inside Groeikoers; this action was not carried out. Your data did not change. Please try again.".into(),
        },
        field: None,
    }
}

fn locked_error(lang: Language) -> CommandError {
    CommandError {
        code: ErrorCode::Passphrase,
        message: match lang {
            Language::Nl => "Groeikoers is vergrendeld. Voer je wachtwoordzin in.".into(),
            Language::En => "Groeikoers is locked. Enter your passphrase.".into(),
        },
        field: None,
    }
}

impl AppStore {
    /// An open store.
    pub fn new(store: Store) -> Self {
        let path = store.path().map(PathBuf::from).unwrap_or_default();
        let lang = settings::language(&store);
        Self {
            inner: Mutex::new(Inner {
                store: Some(store),
                lang,
            }),
            path,
            clock: SystemClock,
            activity: Mutex::new(std::time::Instant::now()),
        }
    }

    /// An encrypted store that waits for its passphrase.
    pub fn locked(path: PathBuf, lang: Language) -> Self {
        Self {
            inner: Mutex::new(Inner { store: None, lang }),
            path,
            clock: SystemClock,
            activity: Mutex::new(std::time::Instant::now()),
        }
    }

    /// The store, also after a command panicked while holding it (its transaction was rolled
    /// back while unwinding, so the store is whole).
    fn guard(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|poisoned| {
            self.inner.clear_poison();
            poisoned.into_inner()
        })
    }

    /// Runs one use case with exclusive access to the store.
    pub fn run<T>(
        &self,
        f: impl FnOnce(&mut Store, &dyn Clock) -> Result<T, CoreError>,
    ) -> Result<T, CommandError> {
        let mut inner = self.guard();
        let lang = inner.lang;
        let Some(store) = inner.store.as_mut() else {
            return Err(locked_error(lang));
        };
        // The language is read only for an error message (the success path stays one call).
        let result = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            f(&mut *store, &self.clock)
        })) {
            Ok(r) => r.map_err(|e| e.to_command_error(settings::language(store))),
            Err(_) => Err(internal_error(lang)),
        };
        // A swap of the file (restore, re-key) that could not reopen it leaves no file behind
        // the store: close it, so the next step opens the file again (the unlock screen).
        if store.path().is_none() && !self.path.as_os_str().is_empty() {
            inner.store = None;
        }
        result
    }

    /// Like [`AppStore::run`], with the user's language for texts the use case writes.
    pub fn run_lang<T>(
        &self,
        f: impl FnOnce(&mut Store, &dyn Clock, Language) -> Result<T, CoreError>,
    ) -> Result<T, CommandError> {
        self.run(|store, clock| {
            let lang = settings::language(store);
            f(store, clock, lang)
        })
    }

    /// Opens the encrypted store with `passphrase`. A wrong one is a clear message; the
    /// file is not touched.
    pub fn unlock(&self, passphrase: &str) -> Result<(), CommandError> {
        let mut inner = self.guard();
        if inner.store.is_some() {
            return Ok(());
        }
        match Store::open_with(&self.path, Some(passphrase)) {
            Ok(mut store) => {
                let _ = pop_core::signing::after_open(&mut store, &self.clock);
                // The idle time counts from the unlock.
                *self.activity.lock().unwrap_or_else(|p| p.into_inner()) =
                    std::time::Instant::now();
                inner.lang = settings::language(&store);
                inner.store = Some(store);
                Ok(())
            }
            Err(e) => {
                let code = match e {
                    pop_core::store::StoreError::WrongPassphrase { .. }
                    | pop_core::store::StoreError::NeedsPassphrase { .. } => ErrorCode::Passphrase,
                    _ => ErrorCode::Storage,
                };
                Err(CommandError {
                    code,
                    message: messages::store_message(&e, inner.lang),
                    field: None,
                })
            }
        }
    }

    /// The language messages are in while the store is locked.
    pub fn lang_while_locked(&self) -> Language {
        self.guard().lang
    }

    /// The user did something in the window.
    pub fn touch(&self) {
        *self.activity.lock().unwrap_or_else(|p| p.into_inner()) = std::time::Instant::now();
    }

    /// How long the user has done nothing in the window.
    pub fn idle_for(&self) -> std::time::Duration {
        self.activity
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .elapsed()
    }

    /// Minutes without use after which the store locks; none when it is not encrypted,
    /// already locked, or the setting is off.
    pub fn idle_lock_minutes(&self) -> Option<u32> {
        let inner = self.guard();
        let store = inner.store.as_ref().filter(|s| s.is_encrypted())?;
        Some(pop_core::security::lock_minutes(store)).filter(|m| *m > 0)
    }

    /// Closes an encrypted store; it opens again only with the passphrase. A store without
    /// a passphrase stays open (there is nothing to lock it with).
    pub fn lock(&self) -> Result<bool, CommandError> {
        let mut inner = self.guard();
        match &inner.store {
            Some(s) if s.is_encrypted() => {
                // Messages while locked speak the language chosen last.
                inner.lang = settings::language(s);
                inner.store = None;
                Ok(true)
            }
            Some(_) => Ok(false),
            None => Ok(true),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_command_is_an_error_and_the_store_stays_usable() {
        let state = AppStore::new(Store::open_in_memory().unwrap());
        let err = state
            .run(|_, _| -> Result<(), CoreError> { panic!("a bug in a use case") })
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Internal);
        assert!(err.message.contains("niet veranderd"), "{}", err.message);
        let lang = state.run(|store, _| Ok(settings::language(store))).unwrap();
        assert_eq!(lang, Language::Nl, "the next command works");
    }
}
