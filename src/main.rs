//! The `briefing` binary: with no arguments it opens the desktop window, otherwise it runs
//! the command-line subcommands. All the work lives in the library.

fn main() -> std::process::ExitCode {
    briefing::cli::main()
}
