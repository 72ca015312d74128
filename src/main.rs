//! The thin binary: parse arguments, run, turn the result into an exit code.

use clap::Parser;
use std::process::ExitCode;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = bimtek::cli::Cli::parse();
    match bimtek::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) if bimtek::report::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("bimtek: {e:#}");
            }
            ExitCode::from(2)
        }
    }
}
