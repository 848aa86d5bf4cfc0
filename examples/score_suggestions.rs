//! Scores `sayso suggest`'s rules against quotations other people tagged.
//!
//! ```sh
//! cargo run --release --example score_suggestions -- CORPUS... [--errors]
//! ```
//!
//! Each CORPUS is one of:
//!
//! - a folder of brat files with `Source`, `Cue` and `Content` spans tied by
//!   `E` lines (PolNeAR): the gold direct quotations are the contents with
//!   quotation marks in or right around them (two or more double marks);
//! - a folder with `quotes.jsonl` (one line per article: `article`, and
//!   `quotes` with `type`, `quote` and `speaker` spans in chars and
//!   `speaker_text`), as the German news quotation corpus has it: the gold
//!   direct quotations are those of type `Direct`;
//! - a sayso article with its sidecar: its accepted annotations are the
//!   gold, and every label is scored.
//!
//! For direct quotes it prints precision (suggested quotes with at least
//! half their text inside an attributed content of any kind), recall (gold
//! direct quotations that a suggested quote overlaps by at least half the
//! shorter of the two), F1, and speaker accuracy: of the gold quotations
//! found whose source is a name, how many got a speaker that names it (a
//! name word in common, and no other first name). For a sayso article, the
//! same overlap decides, label by label. `--errors` lists what was missed,
//! what was wrong and the wrong speakers.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use sayso_core::annotation::{AnnotationSet, Status};
use sayso_core::article::Article;
use sayso_core::store;
use sayso_core::suggest::{self, Suggestion};
use serde::Deserialize;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let errors = args.iter().any(|a| a == "--errors");
    if let Some(at) = args.iter().position(|a| a == "--show") {
        for path in &args[at + 1..] {
            show(Path::new(path));
        }
        return;
    }
    let corpora: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if corpora.is_empty() {
        eprintln!("usage: score_suggestions CORPUS... [--errors]");
        std::process::exit(2);
    }
    for corpus in corpora {
        let path = Path::new(corpus);
        if path.is_file() {
            score_sample(path, errors);
            continue;
        }
        let documents = if path.join("quotes.jsonl").is_file() {
            read_jsonl_corpus(path)
        } else {
            read_brat_corpus(path)
        };
        let mut tally = Tally::default();
        for document in &documents {
            tally.add(document, errors);
        }
        tally.print(corpus);
    }
}

/// Prints what the rules suggest for the article at `path`.
fn show(path: &Path) {
    let text = std::fs::read_to_string(path).expect("a UTF-8 article");
    let article = Article::from_text(text);
    for s in suggest::suggest(&article, &AnnotationSet::default()) {
        let pieces: Vec<&str> = s.spans.iter().map(|r| &article.text()[r.clone()]).collect();
        println!(
            "{:6} {:30} {}",
            s.label,
            s.speaker.unwrap_or_default(),
            cut(&pieces.join(" ¶ "))
        );
    }
}

/// One gold quotation.
struct Gold {
    /// Char ranges of the quotation.
    spans: Vec<Range<usize>>,
    direct: bool,
    /// The source as written, when the gold names one.
    source: Option<String>,
}

struct Document {
    name: String,
    text: String,
    gold: Vec<Gold>,
}

#[derive(Default)]
struct Tally {
    articles: usize,
    gold_direct: usize,
    found: usize,
    suggested: usize,
    correct: usize,
    named: usize,
    named_right: usize,
    with_speaker: usize,
}

impl Tally {
    fn add(&mut self, document: &Document, errors: bool) {
        self.articles += 1;
        let article = Article::from_text(document.text.clone());
        let quotes: Vec<Suggestion> = suggest::suggest(&article, &AnnotationSet::default())
            .into_iter()
            .filter(|s| s.label == suggest::QUOTE)
            .collect();
        let chars = |s: &Suggestion| -> Vec<Range<usize>> {
            s.spans
                .iter()
                .map(|r| article.char_offset(r.start)..article.char_offset(r.end))
                .collect()
        };
        let suggested: Vec<Vec<Range<usize>>> = quotes.iter().map(chars).collect();
        let content: Vec<Range<usize>> =
            document.gold.iter().flat_map(|g| g.spans.clone()).collect();
        let show = |spans: &[Range<usize>]| -> String {
            let text: Vec<char> = document.text.chars().collect();
            spans
                .iter()
                .map(|r| text[r.clone()].iter().collect::<String>())
                .collect::<Vec<_>>()
                .join(" ¶ ")
        };
        for (s, q) in suggested.iter().zip(&quotes) {
            self.suggested += 1;
            let inside = overlap(s, &content);
            if inside * 2 >= length(s) {
                self.correct += 1;
            } else if errors {
                println!("FP  {} {:?}  «{}»", document.name, q.speaker, cut(&show(s)));
            }
        }
        for g in document.gold.iter().filter(|g| g.direct) {
            self.gold_direct += 1;
            let best = suggested
                .iter()
                .enumerate()
                .map(|(i, s)| (overlap(s, &g.spans), i))
                .filter(|&(o, i)| o > 0 && o * 2 >= length(&g.spans).min(length(&suggested[i])))
                .max();
            let Some((_, i)) = best else {
                if errors {
                    println!("FN  {}  «{}»", document.name, cut(&show(&g.spans)));
                }
                continue;
            };
            self.found += 1;
            let Some(source) = g.source.as_deref().filter(|s| is_name(s, &document.text)) else {
                continue;
            };
            self.named += 1;
            let speaker = quotes[i].speaker.as_deref();
            if speaker.is_some() {
                self.with_speaker += 1;
            }
            if speaker.is_some_and(|s| names_same(s, source)) {
                self.named_right += 1;
            } else if errors {
                println!(
                    "SPK {}  gold {source:?} got {speaker:?}  «{}»",
                    document.name,
                    cut(&show(&g.spans))
                );
            }
        }
    }

    fn print(&self, corpus: &str) {
        let p = ratio(self.correct, self.suggested);
        let r = ratio(self.found, self.gold_direct);
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        println!("{corpus}: {} articles", self.articles);
        println!(
            "  direct quotes: gold {}, suggested {}, precision {:.3} ({}/{}), recall {:.3} ({}/{}), F1 {:.3}",
            self.gold_direct,
            self.suggested,
            p,
            self.correct,
            self.suggested,
            r,
            self.found,
            self.gold_direct,
            f1
        );
        println!(
            "  speaker right: {:.3} ({}/{} found quotes whose source is a name; {} with a speaker)",
            ratio(self.named_right, self.named),
            self.named_right,
            self.named,
            self.with_speaker
        );
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn cut(text: &str) -> String {
    let text = text.replace('\n', " ");
    if text.chars().count() > 110 {
        text.chars().take(110).collect::<String>() + "…"
    } else {
        text
    }
}

fn length(spans: &[Range<usize>]) -> usize {
    spans.iter().map(|r| r.len()).sum()
}

/// Chars of `a` inside any of `b` (ranges of `b` may overlap each other).
fn overlap(a: &[Range<usize>], b: &[Range<usize>]) -> usize {
    a.iter()
        .map(|r| {
            r.clone()
                .filter(|&c| b.iter().any(|g| g.contains(&c)))
                .count()
        })
        .sum()
}

/// Words that make no name: pronouns, articles, common openers.
const NOT_NAME: &[&str] = &[
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "you",
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "this",
    "that",
    "these",
    "those",
    "who",
    "which",
    "er",
    "sie",
    "es",
    "wir",
    "ich",
    "man",
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
    "einer",
    "eines",
    "einem",
    "einen",
    "demnach",
    "dies",
    "diese",
    "dieser",
    "darin",
    "dort",
    "hier",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "rep",
    "gov",
    "president",
    "herr",
    "frau",
];

/// Whether a gold source names someone: a capitalised word that is neither
/// a pronoun nor an article, nor (opening the source) a word the article
/// also writes in lower case or, in German, after an article.
fn is_name(source: &str, text: &str) -> bool {
    let words: Vec<&str> = source
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let Some(first) = words.first() else {
        return false;
    };
    let first_lower = first.to_lowercase();
    if !first.starts_with(char::is_uppercase) && !first.starts_with(char::is_numeric) {
        // `jüngsten Untersuchungen`, `many readers`.
        return words.iter().skip(1).any(|w| capital_name(w, text));
    }
    if NOT_NAME.contains(&first_lower.as_str()) {
        return words.iter().skip(1).any(|w| capital_name(w, text));
    }
    words.iter().any(|w| capital_name(w, text))
}

/// A capitalised word that is not a common word of the article.
fn capital_name(word: &str, text: &str) -> bool {
    let lower = word.to_lowercase();
    word.starts_with(char::is_uppercase)
        && !NOT_NAME.contains(&lower.as_str())
        && !contains_word(text, &lower)
        && !after_article(text, word)
}

fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// A German noun: written somewhere right after an article.
fn after_article(text: &str, word: &str) -> bool {
    [
        "der ", "die ", "das ", "den ", "dem ", "des ", "ein ", "eine ", "einen ", "einem ",
        "einer ",
    ]
    .iter()
    .any(|a| text.contains(&format!("{a}{word}")))
}

/// The name words of a source or speaker: capitalised, not titles or
/// articles.
fn name_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| w.chars().count() >= 2 && w.starts_with(char::is_uppercase))
        .map(|w| w.trim_end_matches("s").to_lowercase())
        .filter(|w| !NOT_NAME.contains(&w.as_str()))
        .collect()
}

/// Whether a speaker names the same one as a gold source: a name word in
/// common, and not two different words right before it (`Bill Clinton`
/// and `Hillary Clinton`).
fn names_same(speaker: &str, source: &str) -> bool {
    let ours = name_words(speaker);
    let theirs = name_words(source);
    ours.iter().enumerate().any(|(i, w)| {
        let Some(j) = theirs.iter().position(|t| t == w) else {
            return false;
        };
        match (
            i.checked_sub(1).map(|k| &ours[k]),
            j.checked_sub(1).map(|k| &theirs[k]),
        ) {
            (Some(a), Some(b)) => a == b || !theirs.contains(a),
            _ => true,
        }
    })
}

/// PolNeAR: brat `.ann` beside each `.txt`.
fn read_brat_corpus(dir: &Path) -> Vec<Document> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ann"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|ann| {
            let text = std::fs::read_to_string(ann.with_extension("txt")).expect("the text");
            let source = std::fs::read_to_string(&ann).expect("the .ann");
            Document {
                name: ann
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                gold: brat_gold(&source, &text),
                text,
            }
        })
        .collect()
}

fn brat_gold(ann: &str, text: &str) -> Vec<Gold> {
    let chars: Vec<char> = text.chars().collect();
    let mut spans: HashMap<&str, (&str, Vec<Range<usize>>)> = HashMap::new();
    let mut events = Vec::new();
    for line in ann.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.first().and_then(|f| f.chars().next()) {
            Some('T') if fields.len() >= 2 => {
                let (kind, offsets) = fields[1].split_once(' ').unwrap_or((fields[1], ""));
                let ranges = offsets
                    .split(';')
                    .filter_map(|f| {
                        let (s, e) = f.trim().split_once(' ')?;
                        Some(s.parse().ok()?..e.parse().ok()?)
                    })
                    .collect();
                spans.insert(fields[0], (kind, ranges));
            }
            Some('E') if fields.len() >= 2 => events.push(fields[1]),
            _ => {}
        }
    }
    let mut source_of: HashMap<&str, &str> = HashMap::new();
    for event in events {
        let parts: HashMap<&str, &str> = event
            .split(' ')
            .filter_map(|p| p.split_once(':'))
            .map(|(role, id)| (role.trim_end_matches(char::is_numeric), id))
            .collect();
        if let (Some(content), Some(source)) = (parts.get("Content"), parts.get("Source")) {
            source_of.insert(content, source);
        }
    }
    let mut gold = Vec::new();
    let mut seen = HashSet::new();
    for (id, (kind, ranges)) in &spans {
        if *kind != "Content" || !seen.insert(ranges.clone()) {
            continue;
        }
        let around: String = ranges
            .iter()
            .map(|r| {
                chars[r.start.saturating_sub(2)..(r.end + 2).min(chars.len())]
                    .iter()
                    .collect::<String>()
            })
            .collect();
        let marks = around.matches(['“', '”', '"']).count() + around.matches("''").count();
        let source = source_of.get(id).and_then(|s| spans.get(s)).map(|(_, r)| {
            r.iter()
                .map(|r| chars[r.clone()].iter().collect::<String>())
                .collect::<Vec<_>>()
                .join(" ")
        });
        gold.push(Gold {
            spans: ranges.clone(),
            direct: marks >= 2,
            source,
        });
    }
    gold
}

#[derive(Deserialize)]
struct JsonlArticle {
    article: String,
    quotes: Vec<JsonlQuote>,
}

#[derive(Deserialize)]
struct JsonlQuote {
    #[serde(rename = "type")]
    kind: String,
    quote: Vec<(usize, usize)>,
    #[serde(default)]
    speaker_text: String,
}

/// The German corpus: `quotes.jsonl` and the articles it names.
fn read_jsonl_corpus(dir: &Path) -> Vec<Document> {
    let index = std::fs::read_to_string(dir.join("quotes.jsonl")).expect("quotes.jsonl");
    index
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let entry: JsonlArticle = serde_json::from_str(line).expect("a quotes.jsonl line");
            let text = std::fs::read_to_string(dir.join(&entry.article)).expect("the article");
            let gold = entry
                .quotes
                .into_iter()
                .map(|q| Gold {
                    spans: q.quote.into_iter().map(|(s, e)| s..e).collect(),
                    direct: q.kind == "Direct",
                    source: (!q.speaker_text.is_empty()).then_some(q.speaker_text),
                })
                .collect();
            Document {
                name: entry.article,
                text,
                gold,
            }
        })
        .collect()
}

/// A sayso article: its accepted annotations against the suggestions, label
/// by label, by overlap.
fn score_sample(path: &Path, errors: bool) {
    let bytes = std::fs::read(path).expect("the article");
    let article = Article::from_bytes(bytes).expect("a UTF-8 article");
    let sidecar = store::load(&article, &store::sidecar_path(path))
        .expect("a sidecar that parses")
        .expect("the article's sidecar");
    let gold: Vec<_> = sidecar
        .annotations
        .iter()
        .filter(|a| a.status == Status::Accepted)
        .collect();
    let found = suggest::suggest(&article, &AnnotationSet::default());
    println!("{}:", path.display());
    for label in [suggest::QUOTE, suggest::DENIAL, suggest::CLAIM] {
        let ours: Vec<&Suggestion> = found.iter().filter(|s| s.label == label).collect();
        let theirs: Vec<_> = gold.iter().filter(|a| a.label == label).collect();
        let overlaps = |a: &[Range<usize>], b: &[Range<usize>]| {
            a.iter()
                .any(|x| b.iter().any(|y| x.start < y.end && y.start < x.end))
        };
        let recalled = theirs
            .iter()
            .filter(|g| ours.iter().any(|s| overlaps(&s.spans, &g.spans)))
            .count();
        let precise = ours
            .iter()
            .filter(|s| theirs.iter().any(|g| overlaps(&s.spans, &g.spans)))
            .count();
        println!(
            "  {label:7} gold {:2}, suggested {:2}, recall {:.3} ({recalled}/{}), precision {:.3} ({precise}/{})",
            theirs.len(),
            ours.len(),
            ratio(recalled, theirs.len()),
            theirs.len(),
            ratio(precise, ours.len()),
            ours.len()
        );
        if errors {
            for g in theirs
                .iter()
                .filter(|g| !ours.iter().any(|s| overlaps(&s.spans, &g.spans)))
            {
                println!("    missed {}", cut(&article.text()[g.start()..g.end()]));
            }
            for s in ours
                .iter()
                .filter(|s| !theirs.iter().any(|g| overlaps(&s.spans, &g.spans)))
            {
                let (a, b) = (s.spans[0].start, s.spans[s.spans.len() - 1].end);
                println!("    extra  {}", cut(&article.text()[a..b]));
            }
        }
    }
}
