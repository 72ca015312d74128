//! The thin binary: parse arguments, run, turn the result into an exit code.

use std::process::ExitCode;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match bimtek::cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => match bimtek::cli::error_text(&e, &args) {
            Some(text) => {
                #[allow(clippy::print_stderr)]
                {
                    eprintln!("{text}");
                }
                return ExitCode::from(2);
            }
            None => e.exit(),
        },
    };
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
