use super::*;
use crate::annotation::testing::{TEXT, annotation};

#[test]
fn the_default_filter_leaves_out_rejected_annotations_only() {
    let filter = Filter::default();
    assert!(filter.accepts("quote", Status::Accepted));
    assert!(filter.accepts("anything", Status::Pending));
    assert!(!filter.accepts("quote", Status::Rejected));
    let labels = Filter {
        labels: Some(["quote".to_string()].into()),
        statuses: vec![Status::Rejected],
    };
    assert!(labels.accepts("quote", Status::Rejected));
    assert!(!labels.accepts("claim", Status::Rejected));
    assert!(!labels.accepts("quote", Status::Accepted));
}

#[test]
fn char_spans_count_chars_not_bytes() {
    let article = Article::from_text(TEXT.to_string());
    let flag = TEXT.find("🇫🇷").unwrap_or(0);
    let cjk = TEXT.find("中文").unwrap_or(0);
    let a = annotation(
        1,
        "quote",
        vec![flag..flag + "🇫🇷🇩🇪".len(), cjk..cjk + "中文".len()],
    );
    let spans = char_spans(&article, &a);
    let chars: Vec<char> = TEXT.chars().collect();
    for span in &spans {
        let text: String = chars[span.start..span.end].iter().collect();
        assert_eq!(text, span.text);
        assert_eq!(&TEXT[span.bytes.clone()], span.text);
        assert_ne!(span.start, span.bytes.start);
    }
    assert_eq!(spans[0].end - spans[0].start, 4);
}

#[test]
fn json_arrays_are_written_element_by_element() {
    let mut out = Vec::new();
    let mut array = JsonArray::new(&mut out);
    array.finish().unwrap_or_default();
    assert_eq!(out, b"[]\n");
    let mut out = Vec::new();
    let mut array = JsonArray::new(&mut out);
    for n in [1, 2] {
        array.push(&n).unwrap_or_default();
    }
    array.finish().unwrap_or_default();
    assert_eq!(String::from_utf8_lossy(&out), "[\n1,\n2\n]\n");
}

#[test]
fn labels_become_one_word() {
    assert_eq!(one_word("hot take"), "hot_take");
    assert_eq!(one_word("a\tb\u{3000}c"), "a_b_c");
    assert_eq!(one_word("引用"), "引用");
}
