use std::process::ExitCode;

use clap::Parser;

/// mimalloc: collect allocates many small values (cells, ids, findings) across threads, where
/// it is markedly cheaper than the system allocator. The benchmarks use it too.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = styr::cmd::cli::Cli::parse();
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
