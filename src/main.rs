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
                    eprintln!("{}", bimtek::report::visible_lines(&text));
                }
                return ExitCode::from(2);
            }
            // clap's own error repeats the argument as typed: shown as text.
            None if e.use_stderr() => {
                #[allow(clippy::print_stderr)]
                {
                    eprint!("{}", bimtek::report::visible_lines(&e.render().to_string()));
                }
                return ExitCode::from(2);
            }
            None => e.exit(),
        },
    };
    let lang = bimtek::settings::lang(cli.lang);
    match bimtek::run(cli) {
        Ok(ran) => {
            // The process ends here, and the OS takes the check's outcome
            // back whole: freed one by one it took a tenth of a second at
            // 100k innovations in a release build (d0be0c9), and 34-55 ms
            // at 10k in a debug build (2026-12-06; 0.2-0.4 % of that run,
            // whose checking a debug build slows far more than freeing).
            std::mem::forget(ran.outcome);
            ExitCode::from(ran.code)
        }
        Err(e) if bimtek::report::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!(
                    "bimtek: {}",
                    bimtek::report::visible_lines(&bimtek::diag::error_text(&e, lang))
                );
            }
            ExitCode::from(2)
        }
    }
}
