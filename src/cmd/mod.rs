//! One module per subcommand; the only place that wires stages together.

pub mod check;
pub mod explain;
pub mod show;
