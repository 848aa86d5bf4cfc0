//! Tests of placing annotations again on a changed article: the sample with
//! a typo fixed, paragraphs moved, deleted, split and merged, a quote
//! edited, the same quote twice, ties, joined annotations, and a property
//! over random edits.

use std::ops::Range;
use std::path::Path;

use proptest::prelude::*;

use super::format_tests::{annotation, byte_range, load_text, render_all};
use super::{Sidecar, load};
use crate::annotation::{Annotation, Status};
use crate::article::Article;

/// The sidecar of `annotations` on `before`, loaded against `after`.
fn reloaded(before: &str, annotations: &[Annotation], after: &str) -> Sidecar {
    let old = Article::from_text(before.to_string());
    let contents = render_all(&old, annotations, &[]);
    loaded(&Article::from_text(after.to_string()), &contents)
}

/// The sidecar `contents` loaded against `article`.
fn loaded(article: &Article, contents: &str) -> Sidecar {
    match load_text(article, contents) {
        Ok(Some(sidecar)) => sidecar,
        other => panic!("expected a sidecar, got {other:?}"),
    }
}

/// The text each annotation covers now, by id.
fn texts<'t>(sidecar: &Sidecar, after: &'t str) -> Vec<(u64, Vec<&'t str>)> {
    let mut all: Vec<(u64, Vec<&str>)> = sidecar
        .annotations
        .iter()
        .map(|a| (a.id, a.spans.iter().map(|s| &after[s.clone()]).collect()))
        .collect();
    all.sort();
    all
}

fn find(sidecar: &Sidecar, id: u64) -> &Annotation {
    sidecar
        .annotations
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("annotation {id} is placed: {sidecar:#?}"))
}

fn nth_range(text: &str, needle: &str, nth: usize) -> Range<usize> {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("{needle:?} is in the text {} times", nth + 1));
    start..start + needle.len()
}

const STORY: &str = "Williamson says inquiry is a 'shabby and discredited witch hunt'\n\n\
    He was fired as Defence Secretary after the leak. Credit: PA\n\n\
    Former defence secretary Gavin Williamson described the inquiry as a \"shabby and discredited witch hunt\" and called for a \"proper, full and impartial\" investigation.\n\n\
    Police said \"no crime has been committed\" and the matter is closed, according to Neil Basu.\n\n\
    Theresa May said she was handed \"compelling evidence\" he was behind the leak, which he denies.\n";

/// Annotations on [`STORY`]: the quote in the headline and its twin in the
/// third paragraph, and one quote in each later paragraph.
fn story_annotations() -> Vec<Annotation> {
    vec![
        annotation(
            1,
            "quote",
            vec![nth_range(STORY, "shabby and discredited witch hunt", 0)],
        ),
        annotation(
            2,
            "quote",
            vec![nth_range(STORY, "shabby and discredited witch hunt", 1)],
        ),
        annotation(
            3,
            "quote",
            vec![byte_range(STORY, "proper, full and impartial")],
        ),
        annotation(
            4,
            "quote",
            vec![byte_range(STORY, "no crime has been committed")],
        ),
        annotation(5, "quote", vec![byte_range(STORY, "compelling evidence")]),
        annotation(
            6,
            "claim",
            vec![byte_range(
                STORY,
                "He was fired as Defence Secretary after the leak.",
            )],
        ),
    ]
}

fn paragraphs(text: &str) -> Vec<&str> {
    text.trim_end().split("\n\n").collect()
}

#[test]
fn an_unchanged_article_places_nothing() {
    let sidecar = reloaded(STORY, &story_annotations(), STORY);
    assert!(!sidecar.article_changed);
    assert_eq!(
        sidecar.reanchored.counts(),
        "6 kept, 0 moved, 0 changed, 0 detached"
    );
    assert!(!sidecar.reanchored.anything_placed());
}

#[test]
fn a_char_inserted_at_the_start_moves_every_annotation_by_one() {
    let after = format!("B{STORY}");
    let sidecar = reloaded(STORY, &story_annotations(), &after);
    assert!(sidecar.article_changed);
    assert_eq!(
        sidecar.reanchored.counts(),
        "0 kept, 6 moved, 0 changed, 0 detached"
    );
    for a in &sidecar.annotations {
        assert_eq!(a.status, Status::Accepted);
        assert_eq!(a.note, None);
    }
    let before = reloaded(STORY, &story_annotations(), STORY);
    for (a, b) in sidecar.annotations.iter().zip(&before.annotations) {
        assert_eq!(
            a.spans[0],
            b.spans[0].start + 1..b.spans[0].end + 1,
            "#{}",
            a.id
        );
    }
}

#[test]
fn the_same_quote_twice_keeps_each_copy_in_its_place() {
    // The headline is rewritten around its quote and a paragraph is added
    // before the third: each copy follows its own surroundings.
    let after = STORY
        .replace(
            "Williamson says inquiry is a '",
            "Inquiry a 'shabby and discredited witch hunt', and worse: '",
        )
        .replace("Former defence", "A new paragraph here.\n\nFormer defence");
    let sidecar = reloaded(STORY, &story_annotations(), &after);
    assert_eq!(sidecar.reanchored.detached, vec![]);
    let one = find(&sidecar, 1).spans[0].clone();
    let two = find(&sidecar, 2).spans[0].clone();
    assert_eq!(
        one,
        nth_range(&after, "shabby and discredited witch hunt", 1)
    );
    assert_eq!(
        two,
        nth_range(&after, "shabby and discredited witch hunt", 2)
    );
    assert_eq!(find(&sidecar, 2).status, Status::Accepted);
}

#[test]
fn a_moved_paragraph_takes_its_annotations_along() {
    let p = paragraphs(STORY);
    let after = format!("{}\n\n{}\n\n{}\n\n{}\n\n{}\n", p[0], p[4], p[1], p[2], p[3]);
    let sidecar = reloaded(STORY, &story_annotations(), &after);
    assert_eq!(
        sidecar.reanchored.counts(),
        "1 kept, 5 moved, 0 changed, 0 detached"
    );
    assert_eq!(
        texts(&sidecar, &after),
        vec![
            (1, vec!["shabby and discredited witch hunt"]),
            (2, vec!["shabby and discredited witch hunt"]),
            (3, vec!["proper, full and impartial"]),
            (4, vec!["no crime has been committed"]),
            (5, vec!["compelling evidence"]),
            (6, vec!["He was fired as Defence Secretary after the leak."]),
        ]
    );
    assert_eq!(
        find(&sidecar, 2).spans[0],
        nth_range(&after, "shabby and discredited witch hunt", 1)
    );
}

#[test]
fn a_deleted_paragraph_detaches_its_annotations_and_says_its_twin_is_elsewhere() {
    let p = paragraphs(STORY);
    let after = format!("{}\n\n{}\n\n{}\n\n{}\n", p[0], p[1], p[3], p[4]);
    let sidecar = reloaded(STORY, &story_annotations(), &after);
    assert_eq!(
        sidecar.reanchored.counts(),
        "2 kept, 2 moved, 0 changed, 2 detached"
    );
    let detached: Vec<u64> = sidecar.detached.iter().map(|r| r.id).collect();
    assert_eq!(detached, vec![2, 3]);
    let why: Vec<&str> = sidecar
        .reanchored
        .detached
        .iter()
        .map(|c| c.why.as_str())
        .collect();
    assert_eq!(
        why,
        vec![
            "its text is in the article once, but in surroundings unlike its own",
            "its text is not in the article any more, nor anything close to it in surroundings like its own",
        ]
    );
    // The headline's quote stays its own, not doubled by its lost twin.
    assert_eq!(
        find(&sidecar, 1).spans[0],
        nth_range(&after, "shabby", 0).start..nth_range(&after, "hunt", 0).end
    );
}

#[test]
fn a_split_paragraph_moves_what_is_whole_and_flags_what_the_break_cut() {
    let claim = "He was fired as Defence Secretary after the leak.";
    let after = STORY
        .replace("Secretary after", "Secretary\n\nafter")
        .replace(
            "committed\" and the matter",
            "committed\"\n\nand the matter",
        );
    let sidecar = reloaded(STORY, &story_annotations(), &after);
    assert_eq!(
        sidecar.reanchored.counts(),
        "1 kept, 4 moved, 1 changed, 0 detached"
    );
    let fired = find(&sidecar, 6);
    assert_eq!(
        &after[fired.spans[0].clone()],
        claim.replace("Secretary after", "Secretary\n\nafter")
    );
    assert_eq!(fired.status, Status::Pending);
    assert_eq!(
        fired.note.as_deref(),
        Some(
            "re-anchored: the text was “…Defence Secretary after the…”, now “…Defence Secretary↵↵after the…”"
        )
    );
    assert_eq!(
        &after[find(&sidecar, 4).spans[0].clone()],
        "no crime has been committed"
    );
}

#[test]
fn merged_paragraphs_move_their_annotations() {
    let after = STORY.replace("Credit: PA\n\nFormer", "Credit: PA Former");
    let sidecar = reloaded(STORY, &story_annotations(), &after);
    assert_eq!(
        sidecar.reanchored.counts(),
        "2 kept, 4 moved, 0 changed, 0 detached"
    );
    assert_eq!(
        sidecar
            .annotations
            .iter()
            .filter(|a| a.status == Status::Pending)
            .count(),
        0
    );
}

#[test]
fn one_word_changed_in_a_quote_is_pending_and_says_what_changed() {
    let after = STORY.replace("compelling evidence", "convincing evidence");
    let mut annotations = story_annotations();
    annotations[4].note = Some("check the date".into());
    let sidecar = reloaded(STORY, &annotations, &after);
    assert_eq!(
        sidecar.reanchored.counts(),
        "5 kept, 0 moved, 1 changed, 0 detached"
    );
    let quote = find(&sidecar, 5);
    assert_eq!(&after[quote.spans[0].clone()], "convincing evidence");
    assert_eq!(quote.status, Status::Pending);
    assert_eq!(
        quote.note.as_deref(),
        Some(
            "check the date · re-anchored: the text was “compelling evidence”, now “convincing evidence”"
        )
    );
    assert_eq!(sidecar.reanchored.changed[0].id, 5);
}

#[test]
fn a_tie_takes_the_place_nearer_the_old_one_and_says_so() {
    // The last paragraph is moved up and also pasted before the fourth: its
    // quote, context and all, is in both copies.
    let p = paragraphs(STORY);
    let after = format!(
        "{}\n\n{}\n\n{}\n\n{}\n\n{}\n\n{}\n",
        p[0], p[4], p[1], p[2], p[4], p[3]
    );
    let sidecar = reloaded(STORY, &story_annotations(), &after);
    let quote = find(&sidecar, 5);
    // Where its neighbours went (past the end) the second copy is nearer.
    assert_eq!(quote.spans[0], nth_range(&after, "compelling evidence", 1));
    assert_eq!(quote.status, Status::Pending);
    let first = nth_range(&after, "compelling evidence", 0).start;
    let note = quote.note.clone().unwrap_or_default();
    assert_eq!(
        note,
        format!(
            "re-anchored: its text in surroundings as like its own is also at char {}: of the two equally good places, the one nearer its old place was taken",
            after[..first].chars().count()
        )
    );
    assert_eq!(sidecar.reanchored.changed.len(), 1);
}

/// Quote 1, joined from `parts` of `text`.
fn joined_quote(text: &str, parts: &[&str]) -> Annotation {
    let spans = parts.iter().map(|part| byte_range(text, part)).collect();
    annotation(1, "quote", spans)
}

#[test]
fn joined_spans_are_placed_one_by_one_and_stay_one_annotation() {
    let before = "Intro.\n\n\"We will fight,\" she said, \"and we will win.\"\n\nEnd.\n";
    let joined = joined_quote(before, &["We will fight,", "and we will win."]);
    let after = "Intro, longer now.\n\n\"We will fight,\" the minister said, \"and we shall win.\"\n\nEnd.\n";
    let sidecar = reloaded(before, &[joined], after);
    assert_eq!(
        sidecar.reanchored.counts(),
        "0 kept, 0 moved, 1 changed, 0 detached"
    );
    assert_eq!(
        texts(&sidecar, after),
        vec![(1, vec!["We will fight,", "and we shall win."])]
    );
    let note = find(&sidecar, 1).note.clone().unwrap_or_default();
    assert!(
        note.starts_with("re-anchored: span 2 of 2: the text was"),
        "{note}"
    );
}

#[test]
fn a_joined_annotation_with_a_lost_span_stays_detached_whole() {
    let before =
        "\"We will fight,\" she said.\n\nA caption.\n\n\"And we will win the vote,\" she added.\n";
    let joined = joined_quote(before, &["We will fight,", "And we will win the vote,"]);
    let after = "\"We will fight,\" she said.\n\nA caption.\n\nShe then left.\n";
    let sidecar = reloaded(before, &[joined], after);
    assert_eq!(sidecar.annotations, vec![]);
    assert_eq!(sidecar.detached.len(), 1);
    assert!(
        sidecar.reanchored.detached[0]
            .why
            .starts_with("span 2 of 2: "),
        "{:?}",
        sidecar.reanchored
    );
}

#[test]
fn unicode_around_and_inside_spans_is_placed_on_grapheme_boundaries() {
    let before = "e\u{301}té 👩\u{200d}👩\u{200d}👧 🇫🇷 said «中文的报道» and\tשלום עולם\r\n\r\nBell\u{7} rang.\n";
    let quote = annotation(1, "quote", vec![byte_range(before, "中文的报道")]);
    let name = annotation(2, "claim", vec![byte_range(before, "שלום עולם")]);
    let after = format!("\u{1b}[31m🇩🇪 {before}").replace("中文的报道", "中文报道");
    let sidecar = reloaded(before, &[quote, name], &after);
    assert_eq!(
        sidecar.reanchored.counts(),
        "0 kept, 1 moved, 1 changed, 0 detached"
    );
    assert_eq!(
        texts(&sidecar, &after),
        vec![(1, vec!["中文报道"]), (2, vec!["שלום עולם"])]
    );
}

#[test]
fn a_record_left_detached_by_an_older_sayso_is_placed_when_read() {
    // The article changed and was saved with its new hash while the record
    // stayed at its old offsets: the hashes agree, the offsets do not.
    let after = format!("B{STORY}");
    let new = Article::from_text(after.clone());
    let old = Article::from_text(STORY.to_string());
    let contents = render_all(&old, &story_annotations(), &[]);
    let stale = contents.replace(old.blake3_hex(), new.blake3_hex());
    let sidecar = loaded(&new, &stale);
    assert!(!sidecar.article_changed);
    assert_eq!(
        sidecar.reanchored.counts(),
        "0 kept, 6 moved, 0 changed, 0 detached"
    );
}

#[test]
fn a_record_placed_where_the_same_annotation_already_is_stays_detached() {
    // Tagged again by hand after it detached: placing the old record would
    // make the same annotation twice.
    let after = format!("B{STORY}");
    let new = Article::from_text(after.clone());
    let retagged = annotation(9, "quote", vec![byte_range(&after, "compelling evidence")]);
    let old = Article::from_text(STORY.to_string());
    let old_quote = annotation(5, "quote", vec![byte_range(STORY, "compelling evidence")]);
    let record_text = render_all(&old, &[old_quote], &[]);
    let record = loaded(&Article::from_text("x".into()), &record_text).detached;
    let contents = render_all(&new, &[retagged], &record);
    let sidecar = loaded(&new, &contents);
    assert_eq!(sidecar.annotations.len(), 1);
    assert_eq!(sidecar.detached.len(), 1);
    assert!(
        sidecar.reanchored.detached[0]
            .why
            .contains("already holds another quote")
    );
}

#[test]
fn the_sample_with_a_typo_fixed_keeps_every_annotation() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../annotations");
    let text = std::fs::read_to_string(dir.join("huawei-leak.txt")).expect("the sample");
    let fixed = text.replacen("do an criminal", "do a criminal", 1);
    assert_ne!(fixed, text);
    let dir_copy = tempfile::tempdir().expect("temporary directory");
    let sidecar_path = dir_copy.path().join("huawei-leak.ann.ron");
    std::fs::copy(dir.join("huawei-leak.ann.ron"), &sidecar_path).expect("copy");
    let article = Article::from_text(fixed.clone());
    let sidecar = load(&article, &sidecar_path).ok().flatten().expect("loads");
    let r = &sidecar.reanchored;
    assert_eq!(r.detached, vec![]);
    assert_eq!(r.changed.len(), 1, "{r:?}");
    assert_eq!(r.changed[0].id, 4);
    assert_eq!(
        r.changed[0].why,
        "the text was “…do an criminal…”, now “…do a criminal…”"
    );
    assert_eq!(r.kept + r.moved + 1, sidecar.annotations.len());
    let before = load(
        &Article::from_text(text.clone()),
        &dir.join("huawei-leak.ann.ron"),
    )
    .ok()
    .flatten()
    .expect("loads");
    assert_eq!(r.kept + r.moved + 1, before.annotations.len());
    // Every other annotation covers the same words as before.
    for a in &sidecar.annotations {
        let b = before
            .annotations
            .iter()
            .find(|b| b.id == a.id)
            .expect("same ids");
        let now: Vec<&str> = a.spans.iter().map(|s| &fixed[s.clone()]).collect();
        let was: Vec<&str> = b.spans.iter().map(|s| &text[s.clone()]).collect();
        if a.id != 4 {
            assert_eq!(now, was, "#{}", a.id);
            assert_eq!(a.status, b.status);
        }
    }
}

/// Words for the property: common enough to repeat, with Unicode in them.
const WORDS: [&str; 16] = [
    "the",
    "minister",
    "said",
    "“no”",
    "Zoë",
    "中文",
    "🇫🇷",
    "e\u{301}lan",
    "police",
    "leak",
    "inquiry",
    "שלום",
    "report",
    "would",
    "not",
    "comment",
];

fn words() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS.to_vec()), 40..160).prop_map(|w| {
        let mut text = String::new();
        for (i, word) in w.iter().enumerate() {
            if i > 0 {
                text.push_str(if i % 11 == 0 { ".\n\n" } else { " " });
            }
            text.push_str(word);
        }
        text.push('\n');
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// An edit outside every annotation's text and context never detaches
    /// one nor moves it off its words.
    #[test]
    fn an_edit_away_from_every_annotation_moves_each_exactly(
        text in words(),
        picks in prop::collection::vec((0.0f64..1.0, 1usize..5), 1..4),
        edit_at in 0.0f64..1.0,
        removed in 0usize..6,
        inserted in "[a-zé中 ]{0,6}",
    ) {
        let starts: Vec<usize> = text.match_indices(' ').map(|(i, _)| i + 1).collect();
        prop_assume!(starts.len() > 8);
        let mut annotations = Vec::new();
        for (id, (at, len)) in picks.iter().enumerate() {
            let first = (at * (starts.len() - len) as f64) as usize;
            let start = starts[first];
            let end = starts[first + len] - 1;
            annotations.push(annotation(id as u64 + 1, "quote", vec![Range { start, end }]));
        }
        // Annotations at the same place would be one: keep the first. Two
        // picks can land on the same words with another between them.
        annotations.sort_by_key(|a| (a.start(), a.id));
        annotations.dedup_by(|a, b| a.spans == b.spans);
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let at = (edit_at * chars.len() as f64) as usize;
        let from = chars.get(at).map_or(text.len(), |c| c.0);
        let to = chars.get(at + removed).map_or(text.len(), |c| c.0);
        // Outside the text and the 32 chars of context on each side.
        let clear = annotations.iter().all(|a| {
            let start = text[..a.start()].chars().count();
            let end = text[..a.end()].chars().count();
            let (edit_from, edit_to) = (at, at + removed);
            edit_to + 32 < start || edit_from > end + 32
        });
        prop_assume!(clear);
        let after = format!("{}{}{}", &text[..from], inserted, &text[to..]);
        let sidecar = reloaded(&text, &annotations, &after);
        prop_assert_eq!(sidecar.detached.len(), 0);
        prop_assert_eq!(sidecar.reanchored.changed.len(), 0);
        let shift = after.len() as isize - text.len() as isize;
        for a in &annotations {
            let placed = find(&sidecar, a.id);
            let expected = if a.start() >= to {
                (a.start() as isize + shift) as usize..(a.end() as isize + shift) as usize
            } else {
                a.spans[0].clone()
            };
            prop_assert_eq!(&placed.spans[0], &expected, "#{} in {:?} -> {:?}", a.id, text, after);
        }
    }
}
