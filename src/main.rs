use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = styr::cli::Cli::parse();
    styr::i18n::set(cli.lang.unwrap_or_else(styr::i18n::Lang::from_env));
    match styr::cmd::run(cli) {
        Ok(styr::cmd::Outcome::Clean) => ExitCode::SUCCESS,
        Ok(styr::cmd::Outcome::Findings) => ExitCode::from(1),
        Err(fatal) => {
            eprintln!("{fatal}");
            ExitCode::from(2)
        }
    }
}
