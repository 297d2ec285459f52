//! The store behind a mutex, and the one place where use-case errors become `CommandError`s
//! in the user's language.

use pop_core::domain::{Clock, Language, SystemClock};
use pop_core::{settings, CommandError, CoreError, ErrorCode, Store};
use std::sync::Mutex;

pub struct AppStore {
    store: Mutex<Store>,
    clock: SystemClock,
}

impl AppStore {
    pub fn new(store: Store) -> Self {
        Self {
            store: Mutex::new(store),
            clock: SystemClock,
        }
    }

    /// Runs one use case with exclusive access to the store.
    pub fn run<T>(
        &self,
        f: impl FnOnce(&mut Store, &dyn Clock) -> Result<T, CoreError>,
    ) -> Result<T, CommandError> {
        let mut store = self.store.lock().map_err(|_| CommandError {
            code: ErrorCode::Internal,
            message: "Internal error: the store is unavailable. Restart Groeikoers.".into(),
            field: None,
        })?;
        f(&mut store, &self.clock).map_err(|e| e.to_command_error(settings::language(&store)))
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
}
