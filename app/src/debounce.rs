//! Wait for a pause: one pending job per owner, run once nothing new has been
//! scheduled for a while. Used by the search box (query after typing stops) and by
//! the islands that save as the reader types.
//!
//! Compiles on both sides: on the server nothing is ever scheduled, so the methods
//! do nothing and the islands need no `cfg` of their own.

#[cfg(feature = "browser")]
use leptos::prelude::*;

/// One pending job and one timer handle. A new job replaces the waiting one and
/// restarts the timer (the old `Timeout` is dropped, which cancels it), so typing
/// allocates no closure that outlives its keystroke.
#[derive(Clone, Copy)]
pub struct Debounce {
    #[cfg(feature = "browser")]
    state: StoredValue<State, LocalStorage>,
}

#[cfg(feature = "browser")]
struct State {
    delay_ms: u32,
    timer: Option<gloo::timers::callback::Timeout>,
    job: Option<Box<dyn FnOnce()>>,
}

impl Debounce {
    /// Jobs run after `delay_ms` milliseconds without a newer one.
    pub fn new(delay_ms: u32) -> Self {
        #[cfg(not(feature = "browser"))]
        let _ = delay_ms;
        Self {
            #[cfg(feature = "browser")]
            state: StoredValue::new_local(State {
                delay_ms,
                timer: None,
                job: None,
            }),
        }
    }

    /// Also run the waiting job when the reader leaves the page (`pagehide`), so
    /// the last keystrokes are not lost to the delay.
    pub fn flush_on_leave(self) -> Self {
        #[cfg(feature = "browser")]
        {
            // The island lives as long as the page: the listener is never removed.
            let _ = window_event_listener(leptos::ev::pagehide, move |_| self.flush());
        }
        self
    }

    /// Run `job` once the delay passes without another call; a job still waiting
    /// is dropped.
    pub fn schedule(self, job: impl FnOnce() + 'static) {
        #[cfg(feature = "browser")]
        self.state.try_update_value(|s| {
            s.job = Some(Box::new(job));
            // The timer's callback only takes the job (it never drops its own
            // timer); replacing the handle here cancels the previous timer.
            s.timer = Some(gloo::timers::callback::Timeout::new(
                s.delay_ms,
                move || self.flush(),
            ));
        });
        #[cfg(not(feature = "browser"))]
        drop(job);
    }

    /// Run the waiting job now, if there is one (on submit, on blur, on leaving).
    pub fn flush(self) {
        #[cfg(feature = "browser")]
        if let Some(job) = self.state.try_update_value(|s| s.job.take()).flatten() {
            job();
        }
    }

    /// Drop the waiting job without running it (before deleting what it would save).
    pub fn cancel(self) {
        #[cfg(feature = "browser")]
        self.state.try_update_value(|s| {
            s.job = None;
            s.timer = None;
        });
    }
}
