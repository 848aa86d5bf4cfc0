//! The quotation finder, on the sample article and on small texts.
use super::*;
use crate::article::graphemes::is_boundary;
use proptest::prelude::*;

const SAMPLE: &str = include_str!("../../../../annotations/huawei-leak.txt");

fn sample() -> Article {
    Article::from_text(SAMPLE.to_string())
}

/// The spans' texts for a cursor on the first `needle` of paragraph
/// `index`, `offset` bytes into it.
fn quoted_at<'a>(
    article: &'a Article,
    index: usize,
    needle: &str,
    offset: usize,
) -> Option<Vec<&'a str>> {
    let para = article.paragraph_text(index);
    let at = para.find(needle).map(|i| i + offset);
    assert!(at.is_some(), "{needle:?} is not in paragraph {index}");
    let byte = article.paragraphs()[index].start + at.unwrap_or(0);
    quotation_at(article, byte).map(|spans| spans.into_iter().map(|r| &article.text()[r]).collect())
}

fn quoted<'a>(article: &'a Article, index: usize, needle: &str) -> Option<Vec<&'a str>> {
    quoted_at(article, index, needle, 0)
}

/// The quotation in a one-paragraph text, cursor on the first `needle`.
fn quoted_in(text: &str, needle: &str) -> Option<Vec<String>> {
    let article = Article::from_text(text.to_string());
    let at = text.find(needle);
    assert!(at.is_some(), "{needle:?} is not in {text:?}");
    quotation_at(&article, at.unwrap_or(0))
        .map(|spans| spans.into_iter().map(|r| text[r].to_string()).collect())
}

#[test]
fn the_sample_has_the_paragraphs_the_tests_expect() {
    let article = sample();
    assert_eq!(article.paragraphs().len(), 23);
    assert!(article.paragraph_text(12).starts_with("Asst Comm Basu"));
    assert!(article.paragraph_text(15).starts_with("Sir Mark Sedwill"));
    assert!(article.paragraph_text(19).starts_with("\"It would be"));
}

#[test]
fn single_quotes_in_the_headline() {
    let article = sample();
    let expected = Some(vec!["shabby and discredited witch hunt"]);
    assert_eq!(quoted(&article, 0, "discredited"), expected);
    // On the opening and on the closing mark.
    assert_eq!(quoted(&article, 0, "'"), expected);
    assert_eq!(quoted_at(&article, 0, "hunt'", 4), expected);
    assert_eq!(quoted(&article, 0, "Huawei"), None);
}

#[test]
fn two_quotations_in_one_paragraph() {
    let article = sample();
    assert_eq!(
        quoted(&article, 2, "witch"),
        Some(vec!["shabby and discredited witch hunt"])
    );
    assert_eq!(
        quoted(&article, 2, "impartial"),
        Some(vec!["proper, full and impartial"])
    );
    // Between the two quotations: outside both.
    assert_eq!(quoted(&article, 2, "called"), None);
    assert_eq!(quoted(&article, 2, "investigation into it"), None);
}

#[test]
fn a_long_quotation_after_a_colon() {
    let article = sample();
    let found = quoted(&article, 3, "Metropolitan");
    let text = found
        .as_ref()
        .and_then(|spans| spans.first().copied())
        .unwrap_or_default();
    assert_eq!(found.as_ref().map(Vec::len), Some(1));
    assert!(text.starts_with("With the Metropolitan Police"), "{text:?}");
    assert!(text.ends_with("Mark Sedwill."), "{text:?}");
    assert_eq!(quoted(&article, 3, "Scotland Yard"), None);
}

#[test]
fn doubled_single_quotes_are_one_mark() {
    let article = sample();
    assert_eq!(quoted(&article, 22, "right"), Some(vec!["right decision"]));
    assert_eq!(
        quoted(&article, 22, "''right"),
        Some(vec!["right decision"])
    );
    assert_eq!(
        quoted_at(&article, 22, "decision''", 9),
        Some(vec!["right decision"])
    );
}

#[test]
fn apostrophes_are_not_marks() {
    let article = sample();
    assert_eq!(quoted(&article, 22, "she'd"), None);
    assert_eq!(quoted(&article, 20, "UK's"), None);
    assert_eq!(quoted(&article, 21, "government's"), None);
    // Met's sits before the quotation of paragraph 13 opens.
    assert_eq!(quoted(&article, 12, "Met's"), None);
    assert_eq!(quoted_at(&article, 12, "Met's", 3), None);
}

fn the_long_quote(article: &Article) -> Vec<&str> {
    [12, 13, 14, 16, 17, 18, 19]
        .iter()
        .map(|&i| {
            let para = article.paragraph_text(i);
            let inner = para.split_once('"').map_or(para, |(_, rest)| rest);
            inner.strip_suffix('"').unwrap_or(inner)
        })
        .collect()
}

#[test]
fn a_quotation_over_paragraphs_with_a_caption_inside() {
    let article = sample();
    let expected = the_long_quote(&article);
    assert!(expected[0].starts_with("I have spoken to the Cabinet Office"));
    assert!(expected[6].ends_with("in these circumstances."));
    for (index, needle) in [
        (12, "I have spoken"),
        (12, "\"I have"),
        (13, "outcome"),
        (14, "No crime"),
        (16, "Any organisation"),
        (17, "Gateway"),
        (18, "\"No crime"),
        (19, "circumstances"),
    ] {
        assert_eq!(
            quoted(&article, index, needle),
            Some(expected.clone()),
            "from {needle:?} in {index}"
        );
    }
    assert_eq!(
        quoted_at(&article, 19, "circumstances.\"", 14),
        Some(expected.clone())
    );
    // Just after the closing mark: outside.
    assert_eq!(quoted_at(&article, 19, "circumstances.\"", 15), None);
    // The caption and the attribution are not quoted.
    assert_eq!(quoted(&article, 15, "Sedwill"), None);
    assert_eq!(quoted(&article, 12, "Asst"), None);
}

#[test]
fn unquoted_text_and_gaps_give_none() {
    let article = sample();
    assert_eq!(quoted(&article, 9, "prosecuted"), None);
    assert_eq!(quoted(&article, 1, "Credit"), None);
    let gap = article.paragraphs()[0].end + 1;
    assert_eq!(quotation_at(&article, gap), None);
    assert_eq!(quotation_at(&article, article.text().len() + 10), None);
    assert_eq!(quotation_at(&Article::from_text(String::new()), 0), None);
}

#[test]
fn a_single_quote_inside_a_double_one() {
    let text = "He said: \"They called it 'a witch hunt' today.\"";
    assert_eq!(
        quoted_in(text, "witch"),
        Some(vec!["a witch hunt".to_string()])
    );
    assert_eq!(
        quoted_in(text, "'a"),
        Some(vec!["a witch hunt".to_string()])
    );
    assert_eq!(
        quoted_in(text, "called"),
        Some(vec!["They called it 'a witch hunt' today.".to_string()])
    );
    assert_eq!(quoted_in(text, "He said"), None);
}

#[test]
fn curly_quotes_and_guillemets() {
    let text = "Il a dit « c’est fini » et “don’t stop” puis ‘alors’.";
    assert_eq!(
        quoted_in(text, "fini"),
        Some(vec!["c’est fini".to_string()])
    );
    assert_eq!(
        quoted_in(text, "stop"),
        Some(vec!["don’t stop".to_string()])
    );
    assert_eq!(quoted_in(text, "alors"), Some(vec!["alors".to_string()]));
    assert_eq!(quoted_in(text, "puis"), None);
}

#[test]
fn plural_possessives_and_inch_marks_are_not_marks() {
    assert_eq!(
        quoted_in("the students' books and 'more' here", "books"),
        None
    );
    assert_eq!(
        quoted_in("the students' books and 'more' here", "more"),
        Some(vec!["more".to_string()])
    );
    assert_eq!(quoted_in("he is 5'10\" tall", "tall"), None);
    assert_eq!(
        quoted_in("\"The '90s were good,\" she said", "good"),
        Some(vec!["The '90s were good,".to_string()])
    );
}

#[test]
fn a_lone_single_mark_open_at_the_end_is_an_elision() {
    assert_eq!(quoted_in("Back in the '90s it was fine.", "fine"), None);
    assert_eq!(quoted_in("Let 'em go.", "go"), None);
    // An unclosed double mark still quotes to the end of the paragraph.
    assert_eq!(
        quoted_in("He said: \"it was fine.", "fine"),
        Some(vec!["it was fine.".to_string()])
    );
    // A single-quoted quotation over paragraphs is not an elision.
    let text = "He said: 'One.\n\n'Two.'";
    let article = Article::from_text(text.to_string());
    assert_eq!(quotation_at(&article, 10).map(|s| s.len()), Some(2));
}

#[test]
fn unicode_inside_the_marks() {
    for inner in [
        "漢字のテキスト",
        "👩‍👩‍👧 and 🇫🇷",
        "cafe\u{301} noir",
        "שלום עולם",
        "مرحبا بالعالم",
        "tab\there",
        "bell\u{7} and esc\u{1b}",
    ] {
        for (open, close) in [("“", "”"), ("\"", "\""), ("«", "»"), ("‘", "’")] {
            let text = format!("Before {open}{inner}{close} after.");
            assert_eq!(
                quoted_in(&text, inner),
                Some(vec![inner.to_string()]),
                "{text:?}"
            );
        }
    }
    // Hebrew gershayim between letters is not a mark.
    assert_eq!(quoted_in("צה\"ל אמר", "אמר"), None);
    // Double-width CJK marks inside and a combining mark at the end.
    assert_eq!(
        quoted_in("说：“你好 e\u{301}”。", "你"),
        Some(vec!["你好 e\u{301}".to_string()])
    );
}

#[test]
fn continuation_over_crlf_paragraphs() {
    let text = "He said: \"One.\r\n\r\n\"Two.\r\n\r\n\"Three.\"\r\n\r\nAfter.";
    let article = Article::from_text(text.to_string());
    let at = text.find("Two").unwrap_or(0);
    let spans =
        quotation_at(&article, at).map(|s| s.into_iter().map(|r| &text[r]).collect::<Vec<_>>());
    assert_eq!(spans, Some(vec!["One.", "Two.", "Three."]));
    let after = text.find("After").unwrap_or(0);
    assert_eq!(quotation_at(&article, after), None);
}

#[test]
fn more_than_two_interruptions_end_the_quotation() {
    let text = "\"One.\n\nA.\n\nB.\n\nC.\n\n\"Two.\"";
    let article = Article::from_text(text.to_string());
    let one = quotation_at(&article, 2).map(|s| s.len());
    assert_eq!(one, Some(1));
    let two = text.find("Two").unwrap_or(0);
    assert_eq!(quotation_at(&article, two).map(|s| s.len()), Some(1));
    let near = "\"One.\n\nA.\n\nB.\n\n\"Two.\"";
    let article = Article::from_text(near.to_string());
    assert_eq!(quotation_at(&article, 2).map(|s| s.len()), Some(2));
}

#[test]
fn a_paragraph_that_opens_and_closes_its_own_quote_is_not_a_continuation() {
    let text = "\"Open.\n\nCaption.\n\n\"Closed.\" he said.\n\n\"Later.";
    let article = Article::from_text(text.to_string());
    let at = text.find("Later").unwrap_or(0);
    assert_eq!(quotation_at(&article, at).map(|s| s.len()), Some(1));
    let first =
        quotation_at(&article, 2).map(|s| s.into_iter().map(|r| &text[r]).collect::<Vec<_>>());
    assert_eq!(first, Some(vec!["Open.", "Closed."]));
}

#[test]
fn an_empty_quotation_gives_none() {
    assert_eq!(quoted_in("say \"\" now", "\""), None);
    assert_eq!(quoted_in("say \" \" now", "\""), None);
}

/// Random articles of a few paragraphs, rich in marks and in Unicode.
fn quoted_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Met's",
        "students'",
        " ",
        " ",
        "\t",
        "\"",
        "\"",
        "'",
        "''",
        "“",
        "”",
        "‘",
        "’",
        "«",
        "»",
        "„",
        "‚",
        "‹",
        "›",
        "「",
        "」",
        "`",
        "\u{a0}",
        ".",
        ",",
        ":",
        "(",
        ")",
        "—",
        "\n\n",
        "\r\n\r\n",
        "\n",
        "e\u{301}",
        " \u{301}",
        "👩‍👩‍👧",
        "🇫🇷",
        "漢字",
        "שלום",
        "مرحبا",
        "\u{1b}",
        "5",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn spans_are_clean_ordered_and_inside(text in quoted_text()) {
        let article = Article::from_text(text.clone());
        for byte in 0..=text.len() + 1 {
            let Some(spans) = quotation_at(&article, byte) else { continue };
            prop_assert!(!spans.is_empty());
            let mut last_paragraph = None;
            for span in &spans {
                prop_assert!(span.start < span.end && span.end <= text.len());
                prop_assert!(is_boundary(&text, span.start) && is_boundary(&text, span.end));
                let piece = &text[span.clone()];
                prop_assert_eq!(piece.trim(), piece);
                let paragraph = article.paragraph_at(span.start);
                prop_assert!(paragraph.is_some_and(|p| span.end <= article.paragraphs()[p].end));
                prop_assert!(paragraph > last_paragraph, "spans out of order: {:?}", spans);
                last_paragraph = paragraph;
            }
        }
    }
}

/// The texts of the quotation around the first `needle` of a text of
/// several paragraphs.
fn spans_in(text: &str, needle: &str) -> Option<Vec<String>> {
    let article = Article::from_text(text.to_string());
    let at = text.find(needle);
    assert!(at.is_some(), "{needle:?} is not in {text:?}");
    quotation_at(&article, at.unwrap_or(0))
        .map(|spans| spans.into_iter().map(|r| text[r].to_string()).collect())
}

fn one(text: &str) -> Option<Vec<String>> {
    Some(vec![text.to_string()])
}

#[test]
fn the_convention_is_inferred_from_the_marks_the_article_uses() {
    let english = Convention::infer("He said “yes” and ‘no’.");
    assert_eq!(english, Convention::default());
    let german = Convention::infer("Er sagte: „Ja.“ Dann: „Nein“, und ‚vielleicht‘.");
    assert!(german.low_opening && !german.inward_guillemets);
    // One German quotation in an English article does not turn it.
    let mixed = Convention::infer("“A” “B” “C” and the sign read „Ausgang“.");
    assert!(!mixed.low_opening);
    let french = Convention::infer("Il a dit « oui » puis «non».\n\n« Encore », dit-elle.");
    assert!(!french.inward_guillemets);
    let books = Convention::infer("»Komm«, sagte sie.\n\n»Nein«, sagte er, »nie.«");
    assert!(books.inward_guillemets);
    let danish = Convention::infer("»Det er slut,« sagde hun.");
    assert!(danish.inward_guillemets);
}

#[test]
fn german_low_marks_close_with_high_ones() {
    let text =
        "Der Minister sagte: „Wir werden das prüfen.“ Er fügte hinzu, es sei ‚nicht dringend‘.";
    assert_eq!(quoted_in(text, "prüfen"), one("Wir werden das prüfen."));
    assert_eq!(quoted_in(text, "dringend"), one("nicht dringend"));
    assert_eq!(quoted_in(text, "fügte"), None);
    // Polish and Romanian close low quotations with ”.
    let polish = "Powiedział: „To koniec” i wyszedł.";
    assert_eq!(quoted_in(polish, "koniec"), one("To koniec"));
    assert_eq!(quoted_in(polish, "wyszedł"), None);
}

#[test]
fn a_german_quotation_goes_on_in_a_paragraph_that_opens_low() {
    let text =
        "Sie sagte: „Das ist der erste Teil.\n\n„Und das ist der zweite.“\n\nDanach ging sie.";
    assert_eq!(
        spans_in(text, "zweite"),
        Some(vec![
            "Das ist der erste Teil.".to_string(),
            "Und das ist der zweite.".to_string()
        ])
    );
    assert_eq!(spans_in(text, "Danach"), None);
}

#[test]
fn french_guillemets_with_and_without_spaces() {
    let text = "Le ministre a déclaré : « Nous ne céderons pas » avant de partir.";
    assert_eq!(quoted_in(text, "céderons"), one("Nous ne céderons pas"));
    assert_eq!(quoted_in(text, "partir"), None);
    let narrow = "Elle a dit\u{a0}: «\u{202f}C’est fini\u{202f}» hier.";
    assert_eq!(quoted_in(narrow, "fini"), one("C’est fini"));
    let tight = "Он сказал: «Мы победим» и ушёл.";
    assert_eq!(quoted_in(tight, "победим"), one("Мы победим"));
    assert_eq!(quoted_in(tight, "ушёл"), None);
}

#[test]
fn a_french_quotation_goes_on_after_a_continuation_guillemet() {
    let text = "Il a dit : « Premier paragraphe.\n\n» Second paragraphe. »\n\nFin.";
    assert_eq!(
        spans_in(text, "Second"),
        Some(vec![
            "Premier paragraphe.".to_string(),
            "Second paragraphe.".to_string()
        ])
    );
    assert_eq!(spans_in(text, "Fin"), None);
}

#[test]
fn inward_guillemets_as_german_and_danish_books_print_them() {
    let text = "»Komm herein«, sagte sie. »Es ist kalt.«\n\nEr blieb.";
    assert_eq!(spans_in(text, "herein"), one("Komm herein"));
    assert_eq!(spans_in(text, "kalt"), one("Es ist kalt."));
    assert_eq!(spans_in(text, "sagte"), None);
    let single = "»Er sagte ›nie‹, ich weiß es.«";
    assert_eq!(spans_in(single, "nie"), one("nie"));
}

#[test]
fn corner_brackets() {
    let text = "彼は「明日は『晴れ』だ」と言った。";
    assert_eq!(quoted_in(text, "明日"), one("明日は『晴れ』だ"));
    assert_eq!(quoted_in(text, "晴れ"), one("晴れ"));
    assert_eq!(quoted_in(text, "言った"), None);
}

#[test]
fn typeset_and_treebank_english() {
    let typeset = "He called it ''a fine day,'' and left.";
    assert_eq!(quoted_in(typeset, "fine"), one("a fine day,"));
    assert_eq!(quoted_in(typeset, "left"), None);
    let treebank = "She said ``we won'' and ``it was `close', he said'' then.";
    assert_eq!(quoted_in(treebank, "won"), one("we won"));
    assert_eq!(quoted_in(treebank, "close"), one("close"));
    assert_eq!(quoted_in(treebank, "then"), None);
}

#[test]
fn a_mark_typed_the_wrong_way_round_still_pairs() {
    // An opening mark typed for the closing one.
    let slip = "They rated it “Mostly False.“ The campaign said “no.”";
    assert_eq!(quoted_in(slip, "Mostly"), one("Mostly False."));
    assert_eq!(quoted_in(slip, "campaign"), None);
    assert_eq!(quoted_in(slip, "no."), one("no."));
    // Swedish and Finnish use the same mark at both ends.
    let swedish = "Hon sa: ”Vi kommer i morgon” och gick.";
    assert_eq!(quoted_in(swedish, "morgon"), one("Vi kommer i morgon"));
    assert_eq!(quoted_in(swedish, "gick"), None);
    let finnish = "Hän sanoi »tulen huomenna» ja lähti.";
    assert_eq!(quoted_in(finnish, "huomenna"), one("tulen huomenna"));
}

#[test]
fn unbalanced_marks_stop_at_the_paragraph() {
    let text = "He said “this never closes.\n\nThe next paragraph is plain.\n\nSo is this “one”.";
    assert_eq!(spans_in(text, "never"), one("this never closes."));
    assert_eq!(spans_in(text, "plain"), None);
    let other_kind = "He said “this never closes.\n\n‘A single quote.’";
    assert_eq!(spans_in(other_kind, "never"), one("this never closes."));
    let german = "Er sagte „das endet nie.\n\nNormaler Text.";
    assert_eq!(spans_in(german, "endet"), one("das endet nie."));
    assert_eq!(spans_in(german, "Normaler"), None);
}

#[test]
fn every_quotation_of_an_article() {
    let text = "He said: \"A 'b' c.\n\n\"D.\"\n\nShe said «e» and „f“.";
    let article = Article::from_text(text.to_string());
    let found = quotations(&article);
    let texts: Vec<(Vec<&str>, usize)> = found
        .iter()
        .map(|q| (q.spans.iter().map(|r| &text[r.clone()]).collect(), q.depth))
        .collect();
    assert_eq!(
        texts,
        vec![
            (vec!["A 'b' c.", "D."], 0),
            (vec!["b"], 1),
            (vec!["e"], 0),
            (vec!["f"], 0),
        ]
    );
    assert_eq!(&text[found[0].opening.clone()], "\"");
    let closing = found[0].closing.clone().map(|r| text[r].to_string());
    assert_eq!(closing.as_deref(), Some("\""));
    assert!(
        found[0]
            .closing
            .as_ref()
            .is_some_and(|c| c.start > text.find("D.").unwrap_or(0))
    );
    assert!(found[1].single && !found[0].single);
}

#[test]
fn stray_marks_are_trimmed_from_the_edges() {
    let trimmed = |text: &str| {
        let range = without_stray_marks(text, 0..text.len());
        text[range].to_string()
    };
    // The opening mark of a quotation that goes on past the range.
    assert_eq!(trimmed("\"It is fine."), "It is fine.");
    // The closing mark of one that began before it.
    assert_eq!(trimmed("We will go.\""), "We will go.");
    assert_eq!(trimmed("Wir gehen.“"), "Wir gehen.");
    assert_eq!(trimmed("« Nous partons."), "Nous partons.");
    // Exactly one quotation: inside its marks.
    assert_eq!(trimmed("\"It would be wrong.\""), "It would be wrong.");
    assert_eq!(trimmed("„Es wäre falsch.“"), "Es wäre falsch.");
    // A quotation wholly inside keeps its marks.
    assert_eq!(
        trimmed("\"Shabby\" was his word."),
        "\"Shabby\" was his word."
    );
    assert_eq!(
        trimmed("He called it \"shabby\""),
        "He called it \"shabby\""
    );
    assert_eq!(trimmed("„Ja“, sagte er, „gut.“"), "„Ja“, sagte er, „gut.“");
    // A plural possessive at the end stays.
    assert_eq!(
        trimmed("the books of the students'"),
        "the books of the students'"
    );
    // Nothing but a mark: kept as it is.
    assert_eq!(trimmed("\""), "\"");
    assert_eq!(trimmed("e\u{301} 👩‍👩‍👧 🇫🇷 漢字.\""), "e\u{301} 👩‍👩‍👧 🇫🇷 漢字.");
}

proptest! {
    #[test]
    fn every_quotation_is_the_one_found_from_inside_it(text in quoted_text()) {
        let article = Article::from_text(text.clone());
        let all = quotations(&article);
        for byte in 0..=text.len() + 1 {
            if let Some(spans) = quotation_at(&article, byte) {
                prop_assert!(all.iter().any(|q| q.spans == spans), "{:?} at {} not among {:?}", spans, byte, all);
            }
        }
        for q in &all {
            prop_assert_eq!(quotation_at(&article, q.opening.start), Some(q.spans.clone()));
        }
    }
}

#[test]
fn a_long_paragraph_is_read_around_the_cursor_only() {
    let filler = "word ".repeat(3 * local::WINDOW / 5);
    let text = format!("{filler}He said \"no crime\" then. {filler}\n\n\"Next.\"");
    let article = Article::from_text(text.clone());
    let at = text.find("crime").unwrap_or_default();
    let found =
        quotation_at(&article, at).map(|s| s.into_iter().map(|r| &text[r]).collect::<Vec<_>>());
    assert_eq!(found, Some(vec!["no crime"]));
    // A mark one window away is not read: here it opens nothing.
    let far = format!("\"{filler}{filler}no crime\"");
    let article = Article::from_text(far.clone());
    assert_eq!(
        quotation_at(&article, far.find("crime").unwrap_or_default()),
        None
    );
    // A quotation left open at the end of a long paragraph stops at the window.
    let open = format!("{filler}\"no crime {filler}\n\n\"goes on.\"");
    let article = Article::from_text(open.clone());
    let spans = quotation_at(&article, open.find("crime").unwrap_or_default());
    assert_eq!(spans.as_ref().map(Vec::len), Some(1), "{spans:?}");
    // Nor does one go on from a long paragraph into the next.
    let found = quotations(&article);
    assert!(found.iter().all(|q| q.spans.len() == 1), "{found:?}");
}
