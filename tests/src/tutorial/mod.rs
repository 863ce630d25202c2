//! The runner of `docs/tutorial.md`: it reads the page's fenced blocks and replays them in
//! order, as an author following the page would, so that a tutorial step that no longer fits
//! the templates fails with the line of the page that broke.
//!
//! What each block does is said by its info string (the words after the opening fence); the
//! page's last section documents them for its readers:
//!
//! | info string | what the runner does |
//! |---|---|
//! | `sh` | runs the block with bash (`set -eo pipefail`) |
//! | `sh no-run` | nothing: setup the runner does itself (connector-new on `PATH`, `$TUTORIAL`, a working directory) |
//! | `sh background` | starts the one command in it and keeps it running to the end (the sample app) |
//! | `console` | runs each `$ command` and compares its standard output with the lines below it ([snapbox] wildcards: `[..]` in a line, `...` for lines) |
//! | `<lang> file=PATH` | writes the block as the whole file `PATH` |
//! | `rust file=PATH replace` | each item of the block replaces the item of the same name in `PATH`; methods inside `impl Type { }` replace that type's methods |
//! | `rust file=PATH add` | the items are added: `use` items after the file's last `use`, methods at the end of the type's `impl`, the rest at the end of the file |
//! | `text file=PATH remove` | the items named one per line (`Name` or `Type::method`) are deleted |
//!
//! Shell blocks share one terminal session: the working directory and exported variables of
//! one block carry over to the next. Once the sample app runs, its address replaces the
//! page's `127.0.0.1:8765` everywhere (commands, files, expected output), and the sample app
//! itself is started with `--port 0`, so that runs never collide on a port.

#![allow(
    clippy::panic,
    reason = "test support: a session that cannot even make its temp dir stops the test"
)]

mod edit;
mod markdown;
mod session;

pub use markdown::{blocks, Block};
pub use session::Session;
