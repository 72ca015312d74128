//! One module per subcommand; the only place that wires stages together.

pub mod check;
pub mod explain;
pub mod export;
pub mod history;
pub mod show;
pub mod template;
