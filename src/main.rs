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
        Ok(code) => ExitCode::from(code),
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
