//! Catching a panic quietly: a panic that bimtek turns into a finding (a
//! file's reader failing, F001) or a trouble (a workbook that cannot be
//! written) is said once, in bimtek's words, without the default panic
//! message on stderr too. Only this thread's panics inside [`quietly`] are
//! kept quiet; every other panic is printed as ever.

use std::any::Any;
use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

/// What a panic carries.
pub type Payload = Box<dyn Any + Send>;

thread_local! {
    /// Set while this thread runs inside [`quietly`] (and not in [`aloud`]
    /// within it).
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Run `f`, catching a panic on this thread without its default message:
/// the panic's payload.
pub fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, Payload> {
    catching(true, f)
}

/// Run `f` from inside [`quietly`] as if outside it: a panic in it is
/// printed, and caught here for the caller to pass on.
pub fn aloud<T>(f: impl FnOnce() -> T) -> Result<T, Payload> {
    catching(false, f)
}

/// Whether this thread is inside [`quietly`] (and not in [`aloud`]).
pub fn is_quiet() -> bool {
    QUIET.with(Cell::get)
}

/// The text a panic was raised with, when it was raised with one.
pub fn message(payload: &Payload) -> Option<&str> {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
}

fn catching<T>(quiet: bool, f: impl FnOnce() -> T) -> Result<T, Payload> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !is_quiet() {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(quiet));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_caught_with_its_message_and_the_flag_put_back() {
        let caught = quietly::<()>(|| panic!("bad {}", 1)).unwrap_err();
        assert_eq!(message(&caught), Some("bad 1"));
        assert!(!is_quiet());
        let inner = quietly(|| {
            assert!(is_quiet());
            let aloud = aloud(is_quiet).unwrap();
            (aloud, is_quiet())
        });
        assert_eq!(inner.unwrap(), (false, true));
        assert_eq!(quietly(|| 7).unwrap(), 7);
    }
}
