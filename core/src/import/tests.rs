//! Merging read documents into an article's annotations, on a text where a
//! byte or UTF-16 offset lands somewhere else than a char offset.

use proptest::prelude::*;

use super::merge::Stamp;
use super::*;
use crate::annotation::{AnnotationSet, Origin, Status, testing};
use crate::article::Article;
use crate::article::graphemes;

/// Combining marks, a ZWJ family, a flag pair, CJK, right-to-left, CRLF, a
/// tab and a control character.
const TEXT: &str = "Zoe\u{301} said \"👩\u{200d}👩\u{200d}👧 are 🇫🇷 fine\".\r\n\r\n漢字 said: «e\u{301}tat» שלום.\tbell\u{7}\n";

fn article() -> Article {
    Article::from_text(TEXT.to_string())
}

/// The char offsets of the first `needle`, as Python's `text.index`.
fn chars_of(text: &str, needle: &str) -> (usize, usize) {
    let byte = text.find(needle).unwrap_or_else(|| panic!("{needle:?}"));
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

/// The UTF-16 offsets of the first `needle`, as JavaScript's `indexOf`.
fn utf16_of(text: &str, needle: &str) -> (usize, usize) {
    let byte = text.find(needle).unwrap_or_else(|| panic!("{needle:?}"));
    let start = text[..byte].encode_utf16().count();
    (start, start + needle.encode_utf16().count())
}

fn span(line: usize, (start, end): (usize, usize), text: Option<&str>) -> IncomingSpan {
    IncomingSpan {
        line,
        start,
        end,
        text: text.map(str::to_string),
    }
}

fn incoming(line: usize, label: &str, spans: Vec<IncomingSpan>) -> Incoming {
    Incoming {
        line,
        label: label.into(),
        spans,
        joined_text: None,
        speaker: None,
        note: None,
        author: None,
        refused: None,
    }
}

fn document(offsets: Offsets, annotations: Vec<Incoming>) -> Document {
    Document {
        line: 1,
        article: None,
        text: None,
        offsets,
        counts_bom: false,
        annotations,
    }
}

fn run(article: &Article, set: &mut AnnotationSet, document: &Document) -> Merged {
    run_mapped(article, set, document, &LabelMap::default())
}

fn run_mapped(
    article: &Article,
    set: &mut AnnotationSet,
    document: &Document,
    labels: &LabelMap,
) -> Merged {
    let stamp = Stamp {
        labels,
        author: "importer",
        now: "2026-11-24T05:40:00Z",
        origin: Origin::Imported,
    };
    merge(article, set, document, &stamp)
}

/// The texts of the spans of the annotations in `set`, in order.
fn texts(article: &Article, set: &AnnotationSet) -> Vec<Vec<String>> {
    set.iter()
        .map(|a| {
            a.spans
                .iter()
                .map(|s| article.text()[s.clone()].to_string())
                .collect()
        })
        .collect()
}

const NEEDLES: [&str; 5] = [
    "👩\u{200d}👩\u{200d}👧",
    "🇫🇷 fine",
    "漢字",
    "e\u{301}tat",
    "שלום",
];

#[test]
fn char_offsets_find_every_kind_of_text() {
    let article = article();
    let annotations = NEEDLES
        .iter()
        .enumerate()
        .map(|(i, n)| {
            incoming(
                i + 1,
                "quote",
                vec![span(i + 1, chars_of(TEXT, n), Some(n))],
            )
        })
        .collect();
    let mut set = AnnotationSet::default();
    let merged = run(&article, &mut set, &document(Offsets::Chars, annotations));
    assert_eq!(merged.refusals, []);
    assert_eq!(merged.added.len(), 5);
    let mut expected: Vec<Vec<String>> = NEEDLES.iter().map(|n| vec![n.to_string()]).collect();
    expected.sort_by_key(|t| TEXT.find(t[0].as_str()));
    assert_eq!(texts(&article, &set), expected);
    for a in set.iter() {
        assert_eq!(
            (a.status, a.origin, a.author.as_str()),
            (Status::Pending, Origin::Imported, "importer")
        );
    }
}

#[test]
fn utf16_offsets_find_the_same_text_without_one() {
    let article = article();
    let annotations = NEEDLES
        .iter()
        .map(|n| incoming(1, "PER", vec![span(1, utf16_of(TEXT, n), None)]))
        .collect();
    let mut set = AnnotationSet::default();
    let merged = run(&article, &mut set, &document(Offsets::Utf16, annotations));
    assert_eq!(merged.refusals, []);
    let found: Vec<String> = texts(&article, &set).concat();
    let mut expected: Vec<&str> = NEEDLES.to_vec();
    expected.sort_by_key(|n| TEXT.find(n));
    assert_eq!(found, expected);
    // After the emoji, UTF-16 and chars differ: the same offsets read as chars
    // land elsewhere.
    assert_ne!(utf16_of(TEXT, "漢字"), chars_of(TEXT, "漢字"));
}

#[test]
fn a_utf16_offset_read_as_chars_is_refused_with_both_texts() {
    let article = article();
    let (start, end) = utf16_of(TEXT, "漢字");
    let doc = document(
        Offsets::Chars,
        vec![incoming(
            7,
            "quote",
            vec![span(7, (start, end), Some("漢字"))],
        )],
    );
    let mut set = AnnotationSet::default();
    let merged = run(&article, &mut set, &doc);
    assert!(set.is_empty());
    assert_eq!(merged.refused, 1);
    let [refusal] = &merged.refusals[..] else {
        panic!("{:?}", merged.refusals)
    };
    assert_eq!(refusal.line, 7);
    let wrong: String = TEXT.chars().skip(start).take(end - start).collect();
    assert!(
        refusal.message.contains("should read \"漢字\"")
            && refusal.message.contains(&format!("{wrong:?}"))
            && refusal.message.contains(&format!("{start}..{end}")),
        "{}",
        refusal.message
    );
}

#[test]
fn label_studio_offsets_are_chars_or_else_utf16_when_only_that_reads_the_text() {
    let article = article();
    let doc = document(
        Offsets::CharsOrUtf16,
        vec![
            incoming(1, "a", vec![span(1, chars_of(TEXT, "漢字"), Some("漢字"))]),
            incoming(2, "b", vec![span(2, utf16_of(TEXT, "שלום"), Some("שלום"))]),
            incoming(3, "c", vec![span(3, utf16_of(TEXT, "שלום"), Some("nope"))]),
        ],
    );
    let mut set = AnnotationSet::default();
    let merged = run(&article, &mut set, &doc);
    assert_eq!(texts(&article, &set), [["漢字"], ["שלום"]]);
    assert_eq!(merged.refusals.len(), 1);
    assert_eq!(merged.refusals[0].line, 3);
}

#[test]
fn byte_offsets_are_refused() {
    let article = article();
    let byte = TEXT.find("漢字").unwrap_or_default();
    let doc = document(
        Offsets::Chars,
        vec![incoming(
            1,
            "q",
            vec![span(1, (byte, byte + 6), Some("漢字"))],
        )],
    );
    let mut set = AnnotationSet::default();
    assert_eq!(run(&article, &mut set, &doc).refused, 1);
    assert!(set.is_empty());
}

#[test]
fn spans_that_split_a_cluster_are_refused() {
    let article = article();
    let family = chars_of(TEXT, "👩\u{200d}👩\u{200d}👧");
    let flags = chars_of(TEXT, "🇫🇷");
    let accent = chars_of(TEXT, "e\u{301}tat");
    let cases = [
        // The family without its last person, the first regional indicator
        // alone, the "e" without its accent, the accent without its "e".
        (family.0, family.1 - 2),
        (flags.0, flags.0 + 1),
        (accent.0, accent.0 + 1),
        (accent.0 + 1, accent.1),
    ];
    for (start, end) in cases {
        let text: String = TEXT.chars().skip(start).take(end - start).collect();
        let doc = document(
            Offsets::Chars,
            vec![incoming(4, "q", vec![span(4, (start, end), Some(&text))])],
        );
        let mut set = AnnotationSet::default();
        let merged = run(&article, &mut set, &doc);
        assert!(set.is_empty(), "{text:?} was imported");
        let message = &merged.refusals[0].message;
        assert!(message.contains("one character on screen"), "{message}");
    }
}

#[test]
fn offsets_past_the_end_or_backwards_are_refused() {
    let article = article();
    let length = TEXT.chars().count();
    let units = TEXT.encode_utf16().count();
    for (offsets, start, end) in [
        (Offsets::Chars, length - 1, length + 1),
        (Offsets::Utf16, units - 1, units + 3),
        (Offsets::Chars, 5, 5),
        (Offsets::Chars, 6, 2),
    ] {
        let doc = document(
            offsets,
            vec![incoming(2, "q", vec![span(2, (start, end), None)])],
        );
        let mut set = AnnotationSet::default();
        let merged = run(&article, &mut set, &doc);
        assert_eq!(merged.refused, 1, "{start}..{end}");
        let message = &merged.refusals[0].message;
        assert!(
            message.contains("past the end") || message.contains("empty"),
            "{message}"
        );
    }
    // Between the two halves of an emoji counted in UTF-16.
    let (start, _) = utf16_of(TEXT, "🇫🇷");
    let doc = document(
        Offsets::Utf16,
        vec![incoming(
            2,
            "q",
            vec![span(2, (start + 1, start + 4), None)],
        )],
    );
    let merged = run(&article, &mut AnnotationSet::default(), &doc);
    assert!(
        merged.refusals[0].message.contains("two halves"),
        "{:?}",
        merged.refusals
    );
}

#[test]
fn a_joined_annotation_with_one_bad_span_is_refused_whole() {
    let article = article();
    let doc = document(
        Offsets::Chars,
        vec![incoming(
            1,
            "quote",
            vec![
                span(1, chars_of(TEXT, "漢字"), Some("漢字")),
                span(2, chars_of(TEXT, "שלום"), Some("shalom")),
            ],
        )],
    );
    let mut set = AnnotationSet::default();
    let merged = run(&article, &mut set, &doc);
    assert!(set.is_empty());
    assert_eq!(merged.refused, 1);
    assert_eq!(merged.refusals.len(), 1);
    assert_eq!(merged.refusals[0].line, 2);
}

#[test]
fn spans_are_sorted_deduplicated_trimmed_and_must_not_overlap() {
    let article = article();
    let (s, e) = chars_of(TEXT, " are ");
    let shalom = chars_of(TEXT, "שלום");
    let doc = document(
        Offsets::Chars,
        vec![
            incoming(
                1,
                "quote",
                vec![
                    span(1, shalom, None),
                    span(1, (s, e), Some(" are ")),
                    span(2, shalom, None),
                ],
            ),
            incoming(
                3,
                "claim",
                vec![span(3, (s, e), None), span(3, (s + 2, e + 2), None)],
            ),
            incoming(4, "claim", vec![span(4, chars_of(TEXT, "\r\n\r\n"), None)]),
        ],
    );
    let mut set = AnnotationSet::default();
    let merged = run(&article, &mut set, &doc);
    assert_eq!(texts(&article, &set), [["are", "שלום"]]);
    let lines: Vec<usize> = merged.refusals.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 4]);
    assert!(merged.refusals[0].message.contains("overlap"));
    assert!(merged.refusals[1].message.contains("white space"));
}

#[test]
fn importing_twice_adds_nothing_and_labels_are_mapped() {
    let article = article();
    let per = incoming(1, "PER", vec![span(1, chars_of(TEXT, "Zoe\u{301}"), None)]);
    let quote = incoming(2, "quote", vec![span(2, chars_of(TEXT, "漢字"), None)]);
    let doc = document(Offsets::Chars, vec![per.clone(), quote, per]);
    let labels = LabelMap::new([("PER".to_string(), "speaker".to_string())]);
    let mut set = AnnotationSet::default();
    let first = run_mapped(&article, &mut set, &doc, &labels);
    assert_eq!((first.added.len(), first.already_there), (2, 1));
    let labels_now: Vec<&str> = set.iter().map(|a| a.label.as_str()).collect();
    assert_eq!(labels_now, ["speaker", "quote"]);
    let second = run_mapped(&article, &mut set, &doc, &labels);
    assert_eq!((second.added.len(), second.already_there), (0, 3));
    assert_eq!(set.len(), 2);
    // Unmapped, the same span is another annotation.
    let third = run(&article, &mut set, &doc);
    assert_eq!((third.added.len(), third.already_there), (1, 2));
}

#[test]
fn new_ids_stay_above_existing_and_reserved_ones() {
    let article = article();
    let zoe = TEXT.find("Zoe").unwrap_or_default()..TEXT.find(" said").unwrap_or_default();
    let spans = vec![zoe];
    let mut set = AnnotationSet::new(vec![testing::annotation(4, "quote", spans)]);
    set.reserve_ids([9]);
    let doc = document(
        Offsets::Chars,
        vec![
            incoming(
                1,
                "quote",
                vec![span(1, chars_of(TEXT, "Zoe\u{301}"), None)],
            ),
            incoming(
                2,
                "claim",
                vec![span(2, chars_of(TEXT, "Zoe\u{301}"), None)],
            ),
        ],
    );
    let merged = run(&article, &mut set, &doc);
    assert_eq!(merged.already_there, 1);
    assert_eq!(merged.added, [10]);
    let untouched = set.get(4).map(|a| (a.status, a.origin));
    assert_eq!(untouched, Some((Status::Accepted, Origin::Manual)));
}

#[test]
fn a_bom_counted_by_the_file_is_taken_off() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(TEXT.as_bytes());
    let Ok(article) = Article::from_bytes(bytes) else {
        panic!("the text is UTF-8")
    };
    let (start, end) = chars_of(TEXT, "漢字");
    let mut doc = document(
        Offsets::Chars,
        vec![
            incoming(1, "q", vec![span(1, (start + 1, end + 1), Some("漢字"))]),
            incoming(2, "q", vec![span(2, (0, 3), None)]),
        ],
    );
    doc.counts_bom = true;
    let mut set = AnnotationSet::default();
    let merged = run(&article, &mut set, &doc);
    assert_eq!(texts(&article, &set), [["漢字"]]);
    assert!(merged.refusals[0].message.contains("byte-order mark"));
}

#[test]
fn a_documents_own_text_gives_the_expected_text_of_spans_without_one() {
    let article = article();
    // The file's text has one more char at the head than the article.
    let own = format!("x{TEXT}");
    let mut doc = document(
        Offsets::Chars,
        vec![
            incoming(1, "q", vec![span(1, chars_of(TEXT, "漢字"), None)]),
            incoming(2, "q", vec![span(2, chars_of(&own, "漢字"), None)]),
        ],
    );
    doc.text = Some(own);
    let mut set = AnnotationSet::default();
    let merged = run(&article, &mut set, &doc);
    assert_eq!(set.len(), 0);
    assert_eq!(merged.refused, 2);
    assert!(merged.refusals[1].message.contains("should read \"漢字\""));
}

#[test]
fn brat_text_is_the_fragments_joined_by_a_space_with_line_breaks_as_spaces() {
    let article = article();
    let (s1, e1) = chars_of(TEXT, "fine\".\r\n\r\n漢字");
    let (s2, e2) = chars_of(TEXT, "שלום");
    let mut joined = incoming(
        1,
        "quote",
        vec![span(1, (s1, e1), None), span(1, (s2, e2), None)],
    );
    joined.joined_text = Some("fine\".    漢字 שלום".into());
    let mut wrong = joined.clone();
    wrong.line = 2;
    wrong.joined_text = Some("fine\".    漢字שלום".into());
    let doc = document(Offsets::Chars, vec![joined, wrong]);
    let mut set = AnnotationSet::default();
    let merged = run(&article, &mut set, &doc);
    assert_eq!(set.len(), 1);
    assert_eq!(merged.refusals.len(), 1);
    assert_eq!(merged.refusals[0].line, 2);
}

#[test]
fn speaker_note_and_author_come_from_the_file() {
    let article = article();
    let mut quote = incoming(1, "quote", vec![span(1, chars_of(TEXT, "漢字"), None)]);
    quote.speaker = Some("Zoé".into());
    quote.note = Some("second\nline".into());
    quote.author = Some("ed".into());
    let mut set = AnnotationSet::default();
    run(&article, &mut set, &document(Offsets::Chars, vec![quote]));
    let a = set
        .nth(0)
        .map(|a| (a.speaker.clone(), a.note.clone(), a.author.clone()));
    assert_eq!(
        a,
        Some((Some("Zoé".into()), Some("second\nline".into()), "ed".into()))
    );
}

proptest! {
    /// Whatever offsets a file holds, what is added sits on grapheme
    /// boundaries inside the text, holds no outer white space, and every
    /// annotation is accounted for: added, already there or refused.
    #[test]
    fn whatever_is_added_fits_the_article(
        offsets in prop::collection::vec((0usize..80, 0usize..80, any::<bool>()), 1..12),
        utf16 in any::<bool>(),
    ) {
        let article = article();
        let count = |c: char| if utf16 { c.len_utf16() } else { 1 };
        let units: Vec<char> = TEXT.chars().collect();
        let annotations: Vec<Incoming> = offsets
            .iter()
            .enumerate()
            .map(|(i, &(start, end, with_text))| {
                // The text as a tool would record it when the offsets are chars.
                let text = (with_text && !utf16 && start < end && end <= units.len())
                    .then(|| units[start..end].iter().collect::<String>());
                incoming(i + 1, "quote", vec![span(i + 1, (start, end), text.as_deref())])
            })
            .collect();
        let offsets_kind = if utf16 { Offsets::Utf16 } else { Offsets::Chars };
        let mut set = AnnotationSet::default();
        let merged = run(&article, &mut set, &document(offsets_kind, annotations));
        prop_assert_eq!(
            merged.added.len() + merged.already_there + merged.refused,
            offsets.len()
        );
        prop_assert_eq!(set.len(), merged.added.len());
        let total: usize = TEXT.chars().map(count).sum();
        for a in set.iter() {
            for s in &a.spans {
                prop_assert!(s.start < s.end && s.end <= TEXT.len());
                prop_assert!(graphemes::is_boundary(TEXT, s.start));
                prop_assert!(graphemes::is_boundary(TEXT, s.end));
                let text = &TEXT[s.clone()];
                prop_assert_eq!(text.trim(), text);
            }
        }
        // An offset past the end refuses its annotation.
        let past_end = offsets.iter().filter(|&&(start, end, _)| start < end && end > total).count();
        prop_assert!(merged.refused >= past_end);
    }
}

/// The grapheme-cluster offsets of the first `needle`, as a doccano project
/// set to count grapheme clusters gives them.
fn graphemes_of(text: &str, needle: &str) -> (usize, usize) {
    use unicode_segmentation::UnicodeSegmentation;
    let byte = text.find(needle).unwrap_or_else(|| panic!("{needle:?}"));
    let start = text[..byte].graphemes(true).count();
    (start, start + needle.graphemes(true).count())
}

/// A story where an emoji family comes before what editors tag: chars,
/// UTF-16 code units and grapheme clusters all count differently after it.
const STORY: &str = "The 👩\u{200d}👩\u{200d}👧 family of Zoë arrived. \
    Her naïve résumé, she said, was true. The mayor denied it.";

#[test]
fn a_file_sayso_wrote_and_doccano_exported_again_is_decided_span_by_span() {
    let article = Article::from_text(STORY.to_string());
    // The sidecar already holds the claim sayso wrote (in chars); an editor
    // drew "she said" in doccano's browser (in UTF-16 code units).
    let claim = chars_of(STORY, "The mayor denied it.");
    let byte = STORY.find("The mayor").unwrap_or_default();
    let mut set = AnnotationSet::new(vec![testing::annotation(
        1,
        "claim",
        std::iter::once(byte..STORY.len()).collect(),
    )]);
    let drawn = utf16_of(STORY, "she said");
    assert_ne!(
        drawn,
        chars_of(STORY, "she said"),
        "read as chars, it is misplaced"
    );
    let doc = document(
        Offsets::SaysoThroughDoccano,
        vec![
            incoming(1, "claim", vec![span(1, claim, None)]),
            incoming(1, "PER", vec![span(1, drawn, None)]),
        ],
    );
    let merged = run(&article, &mut set, &doc);
    assert_eq!(merged.refusals, []);
    assert_eq!(merged.already_there, 1, "sayso's own claim, in chars");
    assert_eq!(
        texts(&article, &set),
        [
            vec!["she said".to_string()],
            vec!["The mayor denied it.".to_string()]
        ]
    );
}

#[test]
fn a_span_that_reads_well_two_ways_is_refused_not_guessed() {
    // "cd" in chars; in UTF-16 code units the same offsets give "ab" (three
    // emoji count three units more): both are whole words, and the file
    // says nothing more.
    let text = "😀😀😀 ab cd ef";
    let article2 = Article::from_text(text.to_string());
    let chars = chars_of(text, "cd");
    let doc = document(
        Offsets::SaysoThroughDoccano,
        vec![incoming(4, "claim", vec![span(4, chars, None)])],
    );
    let mut set = AnnotationSet::default();
    let merged = run(&article2, &mut set, &doc);
    assert!(set.is_empty(), "{:?}", texts(&article2, &set));
    let [refusal] = &merged.refusals[..] else {
        panic!("{:?}", merged.refusals)
    };
    assert_eq!(refusal.line, 4);
    assert!(
        refusal.message.contains("does not say which"),
        "{}",
        refusal.message
    );
    assert!(
        refusal
            .message
            .contains("reads \"cd\" counted in chars, \"ab\" counted in UTF-16 code units"),
        "{}",
        refusal.message
    );
    assert!(
        refusal
            .message
            .ends_with("--offsets chars or --offsets utf16"),
        "{}",
        refusal.message
    );
    // Said on the command line, it is read as said.
    let doc = document(
        Offsets::Chars,
        vec![incoming(4, "claim", vec![span(4, chars, None)])],
    );
    let merged = run(&article2, &mut set, &doc);
    assert_eq!(merged.refusals, []);
    assert_eq!(texts(&article2, &set), [vec!["cd".to_string()]]);
}

#[test]
fn a_doccano_project_that_counts_grapheme_clusters_is_told_by_its_spans() {
    let article = Article::from_text(STORY.to_string());
    let doc = document(
        Offsets::Doccano,
        vec![
            // In UTF-16 this one would start inside "résumé": it tells.
            incoming(1, "PER", vec![span(1, graphemes_of(STORY, "Zoë"), None)]),
            incoming(
                1,
                "PER",
                vec![span(1, graphemes_of(STORY, "she said"), None)],
            ),
            incoming(
                1,
                "CLAIM",
                vec![span(1, graphemes_of(STORY, "The mayor denied it."), None)],
            ),
        ],
    );
    let mut set = AnnotationSet::default();
    let merged = run(&article, &mut set, &doc);
    assert_eq!(merged.refusals, []);
    assert_eq!(
        texts(&article, &set).concat(),
        ["Zoë", "she said", "The mayor denied it."]
    );
    // And `--offsets graphemes` reads them so without asking the spans.
    let doc = Document {
        offsets: Offsets::Graphemes,
        ..doc
    };
    let mut set = AnnotationSet::default();
    assert_eq!(run(&article, &mut set, &doc).refusals, []);
    assert_eq!(set.len(), 3);
}

#[test]
fn doccano_utf16_files_still_read_as_utf16() {
    let article = Article::from_text(STORY.to_string());
    let doc = document(
        Offsets::Doccano,
        ["Zoë", "naïve résumé", "she said", "The mayor"]
            .iter()
            .map(|n| incoming(1, "X", vec![span(1, utf16_of(STORY, n), None)]))
            .collect(),
    );
    let mut set = AnnotationSet::default();
    let merged = run(&article, &mut set, &doc);
    assert_eq!(merged.refusals, []);
    assert_eq!(
        texts(&article, &set).concat(),
        ["Zoë", "naïve résumé", "she said", "The mayor"]
    );
}
