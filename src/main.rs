use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = styr::cmd::cli::Cli::parse();
    match styr::cmd::run(cli) {
        Ok(styr::cmd::Outcome::Clean) => ExitCode::SUCCESS,
        Ok(styr::cmd::Outcome::Findings) => ExitCode::from(1),
        Err(fatal) => {
            eprintln!("{fatal}");
            ExitCode::from(2)
        }
    }
}
