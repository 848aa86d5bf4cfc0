//! Time to the first frame and peak memory of a session on a 10 MB article
//! with 50,000 annotations.
//!
//! `cargo run --release --example open_large` writes the article and its
//! sidecar to a temporary directory, then works on them in a fresh process
//! (so that generating them does not count), as the annotator does: read the
//! article, start reading the sidecar on its own thread, lay out and draw
//! one 160×50 frame; take the annotations in as they arrive, a redraw for
//! each batch; then tag a few sentences, each saved through the background
//! saver, with a redraw. It prints the time to the first frame and to the
//! last annotation, and the peak resident set size (`VmHWM` from
//! `/proc/self/status`, Linux only) after the first frame and at the end. It
//! fails when the first frame takes longer than 50 ms, or the peak is over
//! the budget of three times the article's size plus 300 bytes per
//! annotation. The peak is a high-water mark: read at the end, it covers
//! every moment of the session.
//!
//! `open_large --write DIR` only writes `DIR/large.txt` and its sidecar, to
//! open in the annotator (`sayso DIR/large.txt`).

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sayso::tui::{Action, App, Keymap, Loader, Motion, NormalAction, Options, update, view};
use sayso_core::annotation::Label;
use sayso_core::article::Article;
use sayso_core::store;

const BYTES: usize = 10 << 20;
const ANNOTATIONS: usize = 50_000;
const BYTES_PER_ANNOTATION: u64 = 300;
/// Sentences tagged and saved after the first frame.
const TAGS: usize = 3;
/// The goal for the first frame: the article drawn, the annotations not
/// waited for.
const FIRST_FRAME: Duration = Duration::from_millis(50);

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => generate_then_open(),
        [flag, path] if flag == "--open" => open(Path::new(path)),
        [flag, dir] if flag == "--write" => write(Path::new(dir)).map(|path| {
            println!("wrote {} and its sidecar", path.display());
        }),
        _ => bail!("usage: open_large [--open ARTICLE | --write DIR]"),
    }
}

/// Writes the corpus and its sidecar, then measures opening them in a child.
fn generate_then_open() -> Result<()> {
    let dir = tempfile::TempDir::new()?;
    let path = write(dir.path())?;
    let status = Command::new(std::env::current_exe()?)
        .arg("--open")
        .arg(&path)
        .status()
        .context("cannot run the measuring process")?;
    ensure!(status.success(), "opening the large article failed");
    Ok(())
}

/// Writes the article `dir/large.txt` and its sidecar; the article's path.
fn write(dir: &Path) -> Result<PathBuf> {
    let path = dir.join("large.txt");
    let corpus = corpus::Corpus::new(BYTES, ANNOTATIONS);
    std::fs::write(&path, &corpus.text)?;
    let article = Article::from_text(corpus.text);
    let annotations: Vec<_> = corpus.annotations.into_iter().map(Arc::new).collect();
    let sidecar = store::render(&article, "large.txt", &annotations, &[], None);
    store::save(&store::sidecar_path(&path), &sidecar)?;
    Ok(path)
}

/// Opens `path` to its first frame, takes its annotations in, tags and
/// saves, and reports time and peak memory.
fn open(path: &Path) -> Result<()> {
    let started = Instant::now();
    let bytes = std::fs::read(path)?;
    let size = bytes.len() as u64;
    let article = Arc::new(Article::from_bytes(bytes)?);
    let loader = Loader::spawn(Arc::clone(&article), store::sidecar_path(path), None)?;
    let labels = Label::defaults();
    let keymap = Keymap::new(&labels);
    let options = Options {
        file_name: "large.txt".into(),
        author: "bench".into(),
        read_only: false,
        color: true,
        labels,
    };
    let mut app = App::opening(article, options);
    update(
        &mut app,
        Action::Resize {
            width: 160,
            height: 50,
        },
    );
    let mut terminal = Terminal::new(TestBackend::new(160, 50))?;
    terminal.draw(|frame| view(&app, &keymap, frame))?;
    let first_frame = started.elapsed();
    let at_first_frame = peak_rss()?;
    let mut batches = 0;
    while app.loading.is_some() {
        update(&mut app, Action::Arrived(loader.next()?));
        terminal.draw(|frame| view(&app, &keymap, frame))?;
        batches += 1;
    }
    let all_in = started.elapsed();
    let count = app.annotations.len() as u64;
    ensure!(
        count == ANNOTATIONS as u64,
        "{count} annotations read, not {ANNOTATIONS}"
    );

    let saver = store::Saver::spawn(
        Arc::clone(&app.article),
        store::sidecar_path(path),
        "large.txt".into(),
    );
    for _ in 0..TAGS {
        update(&mut app, NormalAction::Move(Motion::NextParagraph));
        update(&mut app, NormalAction::Tag(1));
        saver.submit(app.snapshot());
        terminal.draw(|frame| view(&app, &keymap, frame))?;
        saver.flush().context("saving the tags")?;
    }
    drop(saver);
    let at_end = peak_rss()?;

    let budget = 3 * size + BYTES_PER_ANNOTATION * count;
    let mb = |b: u64| b as f64 / (1 << 20) as f64;
    println!("article:         {:.1} MB, {count} annotations", mb(size));
    println!("first frame in:  {first_frame:.2?} (goal {FIRST_FRAME:?}), before the annotations");
    println!("all in after:    {all_in:.2?}, in {batches} batches, each redrawn");
    println!(
        "peak RSS:        {:.1} MB at the first frame",
        mb(at_first_frame)
    );
    println!(
        "                 {:.1} MB after tagging and saving {TAGS} times",
        mb(at_end)
    );
    println!(
        "budget:          {:.1} MB (3 × size + {BYTES_PER_ANNOTATION} B/annotation)",
        mb(budget)
    );
    ensure!(
        at_end <= budget,
        "the peak RSS ({:.1} MB) is over the budget",
        mb(at_end)
    );
    ensure!(
        first_frame <= FIRST_FRAME,
        "the first frame ({first_frame:.2?}) is over its goal"
    );
    Ok(())
}

/// The peak resident set size of this process, in bytes.
fn peak_rss() -> Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .context("no VmHWM in /proc/self/status")?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse::<u64>()?;
    Ok(kb * 1024)
}
