//! Peak memory of a session on a 10 MB article with 50,000 annotations.
//!
//! `cargo run --release --example open_large` writes the article and its
//! sidecar to a temporary directory, then works on them in a fresh process
//! (so that generating them does not count): read the article, load the
//! sidecar through `store::load`, lay out and draw one 160×50 frame; then tag
//! a few sentences, each saved through the background saver as the annotator
//! does, with a redraw. It prints the time to the first frame and the peak
//! resident set size (`VmHWM` from `/proc/self/status`, Linux only) after the
//! first frame and at the end, and fails when the peak is over the budget of
//! three times the article's size plus 300 bytes per annotation. The peak is
//! a high-water mark: read at the end, it covers every moment of the session.

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result, bail, ensure};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sayso::tui::{Action, App, Keymap, Motion, NormalAction, Options, update, view};
use sayso_core::annotation::Label;
use sayso_core::article::Article;
use sayso_core::store;

const BYTES: usize = 10 << 20;
const ANNOTATIONS: usize = 50_000;
const BYTES_PER_ANNOTATION: u64 = 300;
/// Sentences tagged and saved after the first frame.
const TAGS: usize = 3;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => generate_then_open(),
        [flag, path] if flag == "--open" => open(Path::new(path)),
        _ => bail!("usage: open_large [--open ARTICLE]"),
    }
}

/// Writes the corpus and its sidecar, then measures opening them in a child.
fn generate_then_open() -> Result<()> {
    let dir = tempfile::TempDir::new()?;
    let path = dir.path().join("large.txt");
    {
        let corpus = corpus::Corpus::new(BYTES, ANNOTATIONS);
        std::fs::write(&path, &corpus.text)?;
        let article = Article::from_text(corpus.text);
        let annotations: Vec<_> = corpus.annotations.into_iter().map(Arc::new).collect();
        let sidecar = store::render(&article, "large.txt", &annotations, &[]);
        store::save(&store::sidecar_path(&path), &sidecar)?;
    }
    let status = Command::new(std::env::current_exe()?)
        .arg("--open")
        .arg(&path)
        .status()
        .context("cannot run the measuring process")?;
    ensure!(status.success(), "opening the large article failed");
    Ok(())
}

/// Opens `path` to its first frame, tags and saves, and reports time and
/// peak memory.
fn open(path: &Path) -> Result<()> {
    let started = Instant::now();
    let bytes = std::fs::read(path)?;
    let size = bytes.len() as u64;
    let article = Article::from_bytes(bytes)?;
    let sidecar =
        store::load(&article, &store::sidecar_path(path))?.context("the sidecar is missing")?;
    let count = sidecar.annotations.len() as u64;
    let labels = Label::defaults();
    let keymap = Keymap::new(&labels);
    let options = Options {
        file_name: "large.txt".into(),
        author: "bench".into(),
        read_only: false,
        color: true,
        labels,
    };
    let mut app = App::new(Arc::new(article), Some(sidecar), options);
    update(
        &mut app,
        Action::Resize {
            width: 160,
            height: 50,
        },
    );
    let mut terminal = Terminal::new(TestBackend::new(160, 50))?;
    terminal.draw(|frame| view(&app, &keymap, frame))?;
    let elapsed = started.elapsed();
    let at_first_frame = peak_rss()?;

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
    println!("first frame in:  {elapsed:.2?}");
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
