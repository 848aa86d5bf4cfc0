//! `sayso suggest PATH...`: add what the rules (or an outside program)
//! propose to each article's sidecar, as pending suggestions for an editor
//! to accept or reject.
//!
//! Each article is read, suggested for and saved on its own, several at a
//! time: an article that cannot be read, a sidecar that does not parse
//! (which is never written over), or an outside suggester that fails is
//! reported in one line and skipped, and the exit code says so at the end;
//! `--strict` stops at the first, taking the articles one by one.
//!
//! The rules run on as many threads as there are cores, and more threads
//! wait on the disk meanwhile (see `turns`). Each sidecar is written
//! whole and synced before it is renamed into place; the folders the
//! renames were made in are synced once at the end, before anything is
//! reported (see [`watch::replace_in`]).

mod outside;
mod turns;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::Args;

use super::paths::{SidecarsArg, file_name, make_tree_folder};
use super::progress::Bar;
use sayso_core::annotation::{Annotation, AnnotationSet, Origin, now_rfc3339};
use sayso_core::corpus::{self, Item, Problem, Progress};
use sayso_core::import::{self, Format, ImportError, LabelMap, merge::Stamp};
use sayso_core::store::{Snapshot, StoreError, watch};
use sayso_core::suggest;
use turns::Turns;

/// `sayso suggest`'s arguments.
#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// Articles, or directories whose `*.txt` files (with a sidecar or not) get suggestions.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// The author recorded in the suggestions.
    #[arg(long, value_name = "NAME", default_value = suggest::AUTHOR)]
    annotator: String,

    /// Ask this program instead of the built-in rules: it gets the article text on stdin and its
    /// path in SAYSO_ARTICLE, and prints JSONL lines with label, start and end (chars), and
    /// optionally text, speaker and note.
    #[arg(long = "with", value_name = "COMMAND")]
    with: Option<String>,

    /// How many seconds the program of --with may take for one article.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = seconds)]
    timeout: f64,

    /// Stop at the first article that cannot be done instead of reporting and skipping it.
    #[arg(long)]
    strict: bool,

    #[command(flatten)]
    sidecars: SidecarsArg,
}

/// `--timeout`: a positive number of seconds.
fn seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s > 0.0 && s.is_finite() && s < 1e9 => Ok(s),
        _ => Err("give a number of seconds above zero, e.g. --timeout 60".into()),
    }
}

/// What proposes the suggestions.
#[derive(Debug, Clone, Copy)]
enum Suggester<'a> {
    Rules,
    Outside { command: &'a str, timeout: Duration },
}

/// What was done for one article.
#[derive(Debug)]
enum Outcome {
    /// Suggestions added, by label.
    Added(BTreeMap<String, usize>),
    /// Why it was left out: one line each.
    Skipped(Vec<String>),
}

/// Suggests for every article `args` names; what was added goes to `out`,
/// problems to `err`, and a progress bar to stderr when it is a terminal.
pub fn run(args: &SuggestArgs, out: &mut impl Write, err: &mut impl Write) -> Result<()> {
    let bar = Bar::on_stderr();
    run_with(args, &bar, out, err)
}

/// [`run`], telling `progress` how far it has got.
pub fn run_with(
    args: &SuggestArgs,
    progress: &(dyn Progress + Sync),
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<()> {
    let suggester = match &args.with {
        Some(command) => Suggester::Outside {
            command,
            timeout: Duration::from_secs_f64(args.timeout),
        },
        None => Suggester::Rules,
    };
    let tree = args.sidecars.tree()?;
    let items = corpus::find_texts(&args.paths, tree.as_ref());
    if items.is_empty() {
        bail!(
            "no articles found under the given paths; give article files, or directories with *.txt files in them"
        );
    }
    progress.start(items.len());
    let now = now_rfc3339();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let turns = Turns::new(cores);
    let renamed = watch::Renamed::default();
    let job = Job {
        suggester,
        author: &args.annotator,
        now: &now,
        tree: tree.is_some(),
        turns: &turns,
        renamed: &renamed,
    };
    let outcomes = if args.strict {
        in_order_until_a_problem(&items, &job, progress)
    } else {
        in_parallel(&items, &job, in_hand(&items, cores), progress)
    };
    let synced = renamed.sync();
    progress.finish();
    let reported = report(&items, &outcomes, args.strict, out, err);
    synced.context(
        "the suggestions were written, but the disk did not confirm them: they may not survive a power cut",
    )?;
    reported
}

/// How many articles of news size may be in hand at once, most of them
/// waiting for their sidecar to reach the disk.
const WRITERS: usize = 16;

/// An article past this size is held by one thread per core at most: each
/// holds its text, its index and its suggestions (a 10 MB article's come to
/// more than 100 MB), and sixteen of them would take gigabytes.
const LARGE: u64 = 1 << 20;

/// How many threads take `items`: [`WRITERS`] (or one per core, when there
/// are more), but one per core when any article is [`LARGE`].
fn in_hand(items: &[Item], cores: usize) -> usize {
    let large = items.iter().any(|item| match item {
        Item::Article(found) => std::fs::metadata(&found.path).is_ok_and(|m| m.len() > LARGE),
        Item::Problem(_) => false,
    });
    if large { cores } else { cores.max(WRITERS) }
}

/// The settings every article is done with.
#[derive(Debug)]
struct Job<'a> {
    suggester: Suggester<'a>,
    author: &'a str,
    now: &'a str,
    /// The sidecars are in a tree of their own (`--sidecars`): an
    /// article's folder there is made when its sidecar is first written.
    tree: bool,
    /// Taken while the rules (or an outside suggester) run.
    turns: &'a Turns,
    /// Where sidecars were renamed into place, synced at the end.
    renamed: &'a watch::Renamed,
}

/// What the rules made of one version of a sidecar.
struct Proposal {
    /// The version it was made from.
    fingerprint: Option<watch::Fingerprint>,
    /// Suggestions added, by label.
    counts: BTreeMap<String, usize>,
    /// The sidecar with them, when there are any: written as it is
    /// rendered, never held whole as text.
    contents: Option<Snapshot>,
}

/// Does the articles one by one, stopping after the first that is
/// skipped.
fn in_order_until_a_problem(items: &[Item], job: &Job, progress: &dyn Progress) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    for item in items {
        let outcome = job.run(item);
        progress.step();
        let stop = matches!(outcome, Outcome::Skipped(_));
        outcomes.push(outcome);
        if stop {
            break;
        }
    }
    outcomes
}

/// Does the articles on `threads` threads, each taking the next article
/// when it is done with one; the outcomes are in the order of the
/// articles.
fn in_parallel(
    items: &[Item],
    job: &Job,
    threads: usize,
    progress: &(dyn Progress + Sync),
) -> Vec<Outcome> {
    let workers = threads.min(items.len());
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, Outcome)>> = Mutex::new(Vec::with_capacity(items.len()));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let outcome = job.run(item);
                    progress.step();
                    // A worker that panicked while holding the lock left
                    // the outcomes as they were; they are still good.
                    let mut done = done.lock().unwrap_or_else(|e| e.into_inner());
                    done.push((i, outcome));
                }
            });
        }
    });
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, o)| o).collect()
}

impl Job<'_> {
    fn run(&self, item: &Item) -> Outcome {
        let found = match item {
            Item::Article(found) => found,
            Item::Problem(problem) => return Outcome::Skipped(vec![problem.to_string()]),
        };
        match self.suggest_into(&found.path, &found.sidecar) {
            Ok(added) => Outcome::Added(added),
            Err(lines) => Outcome::Skipped(lines),
        }
    }

    /// Adds suggestions to `sidecar`, the sidecar of the article at `path`,
    /// and saves it, or says why not (and writes nothing).
    ///
    /// An annotator open on the article may save the sidecar meanwhile: the
    /// suggestions are written only over the version they were made for,
    /// and made again on the newer one otherwise (an outside suggester is
    /// asked once), so nothing the editor tagged is written over.
    fn suggest_into(
        &self,
        path: &Path,
        sidecar: &Path,
    ) -> Result<BTreeMap<String, usize>, Vec<String>> {
        let article = corpus::read_article(path).map_err(|p| vec![p.to_string()])?;
        let printed = match self.suggester {
            Suggester::Rules => None,
            Suggester::Outside { command, timeout } => {
                let _turn = self.turns.take();
                Some(
                    outside::run(command, path, article.text(), timeout)
                        .map_err(|e| vec![format!("{}: {e}", path.display())])?,
                )
            }
        };
        let mut attempts = 0;
        loop {
            attempts += 1;
            let proposal = {
                let _turn = self.turns.take();
                self.propose(path, sidecar, &article, printed.as_deref())?
            };
            let Some(contents) = proposal.contents else {
                return Ok(proposal.counts);
            };
            let file_name = file_name(path);
            let render = |out: &mut dyn Write| contents.write(out, &article, &file_name);
            let written = make_tree_folder(sidecar, self.tree).and_then(|()| {
                watch::replace_in_with(self.renamed, sidecar, render, proposal.fingerprint)
            });
            match written {
                Ok(_) => return Ok(proposal.counts),
                Err(StoreError::Changed { .. }) if attempts < watch::TRIES => {}
                Err(e) => return Err(vec![e.to_string()]),
            }
        }
    }

    /// Reads the sidecar as it is now and adds the suggestions to it: those
    /// of the rules, or what an outside suggester `printed`.
    fn propose(
        &self,
        path: &Path,
        sidecar: &Path,
        article: &sayso_core::article::Article,
        printed: Option<&str>,
    ) -> Result<Proposal, Vec<String>> {
        let read = watch::read(article, sidecar);
        let loaded = read
            .sidecar
            .map_err(|e| vec![Problem::from(e).to_string()])?;
        let (annotations, detached, finished) = match loaded {
            Some(s) => (s.annotations, s.detached, s.finished),
            None => (Vec::new(), Vec::new(), None),
        };
        let mut set = AnnotationSet::new(annotations.clone());
        set.reserve_ids(detached.iter().map(|r| r.id));
        let mut counts = BTreeMap::new();
        let mut count = |label: &str| match counts.get_mut(label) {
            Some(n) => *n += 1,
            None => drop(counts.insert(label.to_string(), 1)),
        };
        match printed {
            None => {
                let found = suggest::suggest(article, &set);
                found.iter().for_each(|s| count(&s.label));
                suggest::add(&mut set, found, self.author, self.now);
            }
            Some(printed) => {
                let added = self.merge_outside(path, article, &annotations, &mut set, printed)?;
                added
                    .iter()
                    .filter_map(|id| set.get(*id))
                    .for_each(|a| count(&a.label));
            }
        }
        let contents = (!counts.is_empty()).then(|| Snapshot {
            annotations: set.snapshot(),
            detached: Arc::new(detached),
            finished,
        });
        Ok(Proposal {
            fingerprint: read.fingerprint,
            counts,
            contents,
        })
    }

    /// Adds what an outside suggester printed, checked as `sayso import`
    /// checks a file: all of it, or, when a line is wrong, none of it.
    fn merge_outside(
        &self,
        path: &Path,
        article: &sayso_core::article::Article,
        existing: &[Annotation],
        set: &mut AnnotationSet,
        printed: &str,
    ) -> Result<Vec<u64>, Vec<String>> {
        let where_ =
            |line: usize| format!("{}: line {line} of the suggester's output", path.display());
        let parsed = import::parse(Format::Jsonl, printed, path).map_err(|e| match e {
            ImportError::Syntax { line, message, .. } => {
                vec![format!("{}: {message}", where_(line))]
            }
            other => vec![format!("{}: {other}", path.display())],
        })?;
        let labels = LabelMap::default();
        let stamp = Stamp {
            labels: &labels,
            author: self.author,
            now: self.now,
            origin: Origin::Suggested,
        };
        let mut added = Vec::new();
        let mut refusals = Vec::new();
        for document in &parsed.documents {
            let merged = import::merge(article, set, document, &stamp);
            refusals.extend(
                merged
                    .refusals
                    .iter()
                    .map(|r| format!("{}: {}", where_(r.line), r.message)),
            );
            added.extend(merged.added);
        }
        if !refusals.is_empty() {
            return Err(refusals);
        }
        // What an editor already has (or rejected) is not proposed again.
        let existing = AnnotationSet::new(existing.to_vec());
        added.retain(|&id| {
            let again = set
                .get(id)
                .is_some_and(|a| suggest::covered(&existing, &a.label, &a.spans));
            if again {
                set.remove(id);
            }
            !again
        });
        Ok(added)
    }
}

/// Prints each article's outcome in order, the total, and the problems;
/// fails when something was left out.
fn report(
    items: &[Item],
    outcomes: &[Outcome],
    strict: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<()> {
    let mut total: BTreeMap<String, usize> = BTreeMap::new();
    let mut articles = 0;
    let mut skipped = 0;
    for (item, outcome) in items.iter().zip(outcomes) {
        match outcome {
            Outcome::Added(counts) => {
                articles += 1;
                let path = match item {
                    Item::Article(found) => found.path.display().to_string(),
                    Item::Problem(_) => String::new(),
                };
                writeln!(out, "{path}: {}", added(counts))?;
                for (label, n) in counts {
                    *total.entry(label.clone()).or_insert(0) += n;
                }
            }
            Outcome::Skipped(lines) => {
                skipped += 1;
                for line in lines {
                    writeln!(err, "sayso: skipped: {line}")?;
                }
            }
        }
    }
    let plural = if articles == 1 { "" } else { "s" };
    writeln!(out, "{articles} article{plural}: {}", added(&total))?;
    match (skipped, strict) {
        (0, _) => Ok(()),
        (_, true) => bail!(
            "stopped at the article named above (--strict); the articles before it have their suggestions"
        ),
        (1, false) => bail!("left out the article named above; the others have their suggestions"),
        (n, false) => {
            bail!("left out the {n} articles named above; the others have their suggestions")
        }
    }
}

/// `3 suggestions added (2 quotes, 1 denial)`, or that there was nothing new.
fn added(counts: &BTreeMap<String, usize>) -> String {
    let all: usize = counts.values().sum();
    if all == 0 {
        return "nothing new to suggest".to_string();
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(label, n)| format!("{n} {label}{}", if *n == 1 { "" } else { "s" }))
        .collect();
    let plural = if all == 1 { "" } else { "s" };
    format!("{all} suggestion{plural} added ({})", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::File;

    fn found(path: PathBuf) -> Item {
        Item::Article(corpus::Found {
            relative: path.clone(),
            sidecar: path.with_extension("ann.ron"),
            path,
            annotated: false,
        })
    }

    #[test]
    fn a_large_article_keeps_one_thread_per_core() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let small = dir.path().join("Zoë «petit».txt");
        std::fs::write(&small, "“Short,” she said. 中文").expect("written");
        let large = dir.path().join("שלום.txt");
        File::create(&large)
            .and_then(|f| f.set_len(LARGE + 1))
            .expect("a large file");
        let gone = dir.path().join("gone.txt");
        assert_eq!(in_hand(&[found(small.clone()), found(gone)], 2), WRITERS);
        assert_eq!(in_hand(&[found(small.clone())], 32), 32);
        assert_eq!(in_hand(&[found(small), found(large)], 2), 2);
    }
}
