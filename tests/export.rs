//! `sayso export` as a user meets it: every span of every format checked
//! against the article text on a Unicode set where byte or UTF-16 offsets
//! would be wrong, filters, output files and folders, exit codes, and a
//! corpus with broken files in it.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use common::{
    ARTICLE, BOM, chars, expected_spans, sayso, stderr_of, stdout_of, unicode_corpus,
    write_annotated,
};
use serde_json::Value;
use tempfile::TempDir;

/// Exports the Unicode article in `format` (with `extra` arguments) and gives
/// stdout; the run must succeed without a word on stderr.
fn export(dir: &Path, format: &str, extra: &[&str]) -> String {
    let mut args = vec!["export", "news/unicode.txt", "--format", format];
    args.extend_from_slice(extra);
    let output = sayso(dir, &args);
    assert!(
        output.status.success() && output.stderr.is_empty(),
        "sayso {args:?}: {}",
        stderr_of(&output)
    );
    stdout_of(&output)
}

/// The spans (text, start, end, label) every format must give for the
/// default filter, as a set to compare with.
fn default_spans() -> BTreeSet<(String, usize, usize, String)> {
    expected_spans()
        .into_iter()
        .filter(|e| e.status != "rejected")
        .map(|e| (e.text, e.start, e.end, e.label))
        .collect()
}

#[test]
fn the_unicode_set_needs_char_offsets() {
    // Were any span's byte or UTF-16 offsets the same as its char offsets,
    // a format that wrote the wrong unit could still pass the checks below.
    let text = ARTICLE.strip_prefix('\u{feff}').unwrap();
    let wrong = expected_spans()
        .iter()
        .filter(|e| {
            let byte = text.char_indices().nth(e.start).map(|(b, _)| b).unwrap();
            let utf16: usize = text.chars().take(e.start).map(char::len_utf16).sum();
            byte != e.start && utf16 != e.start
        })
        .count();
    assert_eq!(wrong, expected_spans().len());
    assert!(ARTICLE.starts_with(BOM));
    assert!(ARTICLE.contains("\r\n"));
}

#[test]
fn jsonl_rows_index_the_text() {
    let dir = unicode_corpus();
    let out = export(dir.path(), "jsonl", &[]);
    let mut seen = BTreeSet::new();
    for line in out.lines() {
        let row: Value = serde_json::from_str(line).unwrap();
        assert_eq!(row.as_object().unwrap().len(), 13, "{line}");
        // The keys in this order (their first places in the line: nested
        // keys come after the top-level ones).
        let places: Vec<usize> = [
            "article",
            "id",
            "label",
            "start",
            "end",
            "text",
            "speaker",
            "note",
            "status",
            "author",
            "paragraph",
            "other_spans",
            "origin",
        ]
        .iter()
        .map(|key| line.find(&format!("\"{key}\":")).unwrap())
        .collect();
        assert!(places.is_sorted(), "{line}");
        let (start, end) = (row["start"].as_u64().unwrap(), row["end"].as_u64().unwrap());
        let text = row["text"].as_str().unwrap();
        assert_eq!(chars(start as usize, end as usize), text, "{line}");
        for other in row["other_spans"].as_array().unwrap() {
            let (s, e) = (
                other["start"].as_u64().unwrap(),
                other["end"].as_u64().unwrap(),
            );
            assert_eq!(
                chars(s as usize, e as usize),
                other["text"].as_str().unwrap()
            );
        }
        assert_eq!(row["article"], "news/unicode.txt");
        seen.insert((
            text.to_string(),
            start as usize,
            end as usize,
            row["label"].as_str().unwrap().to_string(),
        ));
    }
    assert_eq!(seen, default_spans());
}

#[test]
fn jsonl_carries_every_field() {
    let dir = unicode_corpus();
    let out = export(dir.path(), "jsonl", &[]);
    let rows: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let by_id = |id: u64| -> Vec<&Value> { rows.iter().filter(|r| r["id"] == id).collect() };
    let quote = by_id(1)[0];
    assert_eq!(quote["speaker"], "Zoë Ångström");
    assert_eq!(quote["note"], Value::Null);
    assert_eq!(quote["status"], "accepted");
    assert_eq!(quote["author"], "ed");
    assert_eq!(quote["origin"], "manual");
    assert_eq!(quote["paragraph"], 1);
    assert_eq!(quote["other_spans"], serde_json::json!([]));
    assert_eq!(by_id(3)[0]["status"], "pending");
    assert_eq!(by_id(3)[0]["paragraph"], 2);
    // The joined annotation: one row per span, each naming the other.
    let joined = by_id(4);
    assert_eq!(joined.len(), 2);
    assert_eq!(joined[0]["paragraph"], 3);
    assert_eq!(joined[1]["paragraph"], 4);
    assert_eq!(joined[0]["other_spans"][0]["start"], joined[1]["start"]);
    assert_eq!(joined[1]["other_spans"][0]["text"], joined[0]["text"]);
    assert!(by_id(5).is_empty(), "a rejected annotation was exported");
}

#[test]
fn csv_rows_index_the_text_once_neutralised_cells_lose_their_quote_mark() {
    let dir = unicode_corpus();
    let out = export(dir.path(), "csv", &[]);
    assert!(out.contains("\r\n"), "RFC 4180 rows end with CRLF");
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header[..6],
        ["article", "id", "label", "start", "end", "text"]
    );
    let mut seen = BTreeSet::new();
    let mut neutralised = 0;
    for record in reader.records() {
        let record = record.unwrap();
        let (start, end): (usize, usize) = (record[3].parse().unwrap(), record[4].parse().unwrap());
        let cell = &record[5];
        let text = if cell.starts_with("'") && !chars(start, end).starts_with('\'') {
            neutralised += 1;
            assert!(cell[1..].starts_with(['=', '+', '-', '@']), "{cell}");
            &cell[1..]
        } else {
            cell
        };
        assert_eq!(chars(start, end), text);
        for field in record.iter() {
            assert!(
                !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell a spreadsheet would run: {field:?}"
            );
        }
        seen.insert((text.to_string(), start, end, record[2].to_string()));
    }
    assert_eq!(neutralised, 1, "only the -1 quote starts like a formula");
    assert_eq!(seen, default_spans());
    assert!(
        out.contains("'=line one"),
        "the note is neutralised:\n{out}"
    );
}

#[test]
fn doccano_lines_index_their_text() {
    let dir = unicode_corpus();
    let out = export(dir.path(), "doccano", &[]);
    let line: Value = serde_json::from_str(out.trim_end()).unwrap();
    let text = line["text"].as_str().unwrap();
    assert_eq!(
        text,
        ARTICLE.strip_prefix(BOM).unwrap(),
        "the text has no BOM"
    );
    assert_eq!(line["article"], "news/unicode.txt");
    let mut seen = BTreeSet::new();
    for entry in line["label"].as_array().unwrap() {
        let (s, e) = (
            entry[0].as_u64().unwrap() as usize,
            entry[1].as_u64().unwrap() as usize,
        );
        seen.insert((chars(s, e), s, e, entry[2].as_str().unwrap().to_string()));
    }
    assert_eq!(seen, default_spans());
}

#[test]
fn label_studio_results_index_the_task_text() {
    let dir = unicode_corpus();
    let out = export(dir.path(), "label-studio", &[]);
    let tasks: Value = serde_json::from_str(&out).unwrap();
    let task = &tasks.as_array().unwrap()[0];
    let text: Vec<char> = task["data"]["text"].as_str().unwrap().chars().collect();
    assert_eq!(task["data"]["article"], "news/unicode.txt");
    let mut seen = BTreeSet::new();
    for region in task["annotations"][0]["result"].as_array().unwrap() {
        assert_eq!(region["from_name"], "label");
        assert_eq!(region["to_name"], "text");
        assert_eq!(region["type"], "labels");
        let value = &region["value"];
        let (s, e) = (
            value["start"].as_u64().unwrap() as usize,
            value["end"].as_u64().unwrap() as usize,
        );
        let span: String = text[s..e].iter().collect();
        assert_eq!(span, value["text"].as_str().unwrap());
        seen.insert((span, s, e, value["labels"][0].as_str().unwrap().to_string()));
    }
    assert_eq!(seen, default_spans());
}

#[test]
fn w3c_selectors_agree_with_the_text() {
    let dir = unicode_corpus();
    let out = export(dir.path(), "w3c", &[]);
    let annotations: Value = serde_json::from_str(&out).unwrap();
    let text = ARTICLE.strip_prefix(BOM).unwrap();
    let total = text.chars().count();
    let mut seen = BTreeSet::new();
    for annotation in annotations.as_array().unwrap() {
        assert_eq!(annotation["@context"], "http://www.w3.org/ns/anno.jsonld");
        assert_eq!(annotation["type"], "Annotation");
        let label = annotation["body"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["purpose"] == "classifying")
            .unwrap()["value"]
            .as_str()
            .unwrap();
        for target in annotation["target"].as_array().unwrap() {
            let real = fs::canonicalize(dir.path().join("news/unicode.txt")).unwrap();
            assert_eq!(target["source"], format!("file://{}", real.display()));
            let quote = &target["selector"][0];
            let position = &target["selector"][1];
            assert_eq!(quote["type"], "TextQuoteSelector");
            assert_eq!(position["type"], "TextPositionSelector");
            let (s, e) = (
                position["start"].as_u64().unwrap() as usize,
                position["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(chars(s, e), quote["exact"].as_str().unwrap());
            assert_eq!(
                chars(s.saturating_sub(32), s),
                quote["prefix"].as_str().unwrap()
            );
            assert_eq!(
                chars(e, (e + 32).min(total)),
                quote["suffix"].as_str().unwrap()
            );
            seen.insert((chars(s, e), s, e, label.to_string()));
        }
    }
    assert_eq!(seen, default_spans());
    let speaker = annotations[0]["body"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["purpose"] == "describing");
    assert_eq!(speaker.unwrap()["value"], "Zoë Ångström");
}

/// The `T` lines of a brat `.ann` file checked the way brat's loader checks
/// them: offsets in chars of the `.txt`, fragments in order and apart, the
/// text after the second tab the fragments joined by one space, no line break
/// that Python would split the line at. Gives (fragments, label) per `T`.
fn brat_spans(ann: &str, txt: &str) -> BTreeMap<String, (Vec<(usize, usize)>, String)> {
    let text: Vec<char> = txt.chars().collect();
    let python_breaks = [
        '\n', '\r', '\u{b}', '\u{c}', '\u{1c}', '\u{1d}', '\u{1e}', '\u{85}', '\u{2028}',
        '\u{2029}',
    ];
    let mut found = BTreeMap::new();
    let mut ids = BTreeSet::new();
    for line in ann.split_inclusive('\n') {
        let line = line.strip_suffix('\n').unwrap();
        assert!(
            !line.contains(python_breaks),
            "a line break inside a line: {line:?}"
        );
        let (id, rest) = line.split_once('\t').unwrap();
        ids.insert(id.to_string());
        match id.chars().next().unwrap() {
            'T' => {
                let (data, tail) = rest.split_once('\t').unwrap();
                let (label, offsets) = data.split_once(' ').unwrap();
                let fragments: Vec<(usize, usize)> = offsets
                    .split(';')
                    .map(|f| {
                        let (s, e) = f.split_once(' ').unwrap();
                        (s.parse().unwrap(), e.parse().unwrap())
                    })
                    .collect();
                for pair in fragments.windows(2) {
                    assert!(pair[0].1 < pair[1].0, "fragments overlap or touch: {line}");
                }
                let joined: Vec<String> = fragments
                    .iter()
                    .map(|&(s, e)| text[s..e].iter().collect())
                    .collect();
                assert_eq!(joined.join(" "), tail, "{line}");
                found.insert(id.to_string(), (fragments, label.to_string()));
            }
            'A' => {
                let parts: Vec<&str> = rest.split(' ').collect();
                assert_eq!(parts.len(), 3, "{line}");
                assert_eq!(parts[0], "Status");
                assert!(ids.contains(parts[1]), "{line} names no T before it");
                assert!(["Pending", "Accepted", "Rejected"].contains(&parts[2]));
            }
            '#' => {
                let (data, note) = rest.split_once('\t').unwrap();
                let parts: Vec<&str> = data.split_whitespace().collect();
                assert_eq!(parts.len(), 2, "{line}");
                assert_eq!(parts[0], "AnnotatorNotes");
                assert!(ids.contains(parts[1]), "{line} names no T before it");
                assert!(note.starts_with("speaker: ") || note.starts_with("note: "));
            }
            _ => panic!("an unexpected line: {line}"),
        }
    }
    found
}

#[test]
fn brat_files_pass_brats_own_checks() {
    let dir = unicode_corpus();
    let output = sayso(
        dir.path(),
        &["export", "news", "--format", "brat", "-o", "out"],
    );
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(output.stdout.is_empty());
    let txt = fs::read_to_string(dir.path().join("out/unicode.txt")).unwrap();
    assert_eq!(
        txt,
        ARTICLE.strip_prefix(BOM).unwrap(),
        "the copy has no BOM"
    );
    let ann = fs::read_to_string(dir.path().join("out/unicode.ann")).unwrap();
    let spans = brat_spans(&ann, &txt);
    // The quote over a line break is two fragments: the break is not in a
    // T line, and the fragments together cover the span but the break.
    let (fragments, label) = &spans["T3"];
    assert_eq!(label, "quote");
    let quote = expected_spans().into_iter().find(|e| e.id == 3).unwrap();
    assert_eq!(fragments.len(), 2);
    assert_eq!(fragments[0].0, quote.start);
    assert_eq!(fragments[1].1, quote.end);
    assert_eq!(chars(fragments[0].1, fragments[1].0), "\r\n");
    // The joined annotation keeps its two spans; every other T is its span.
    assert_eq!(spans["T4"].0.len(), 2);
    for e in expected_spans()
        .iter()
        .filter(|e| e.status != "rejected" && e.id != 3 && e.id != 4)
    {
        let (fragments, label) = &spans[&format!("T{}", e.id)];
        assert_eq!(fragments, &[(e.start, e.end)]);
        assert_eq!(label, &e.label.replace(' ', "_"));
    }
    assert!(
        ann.contains("\tAnnotatorNotes T2\tnote: =line one line two\n"),
        "{ann}"
    );
    assert!(ann.contains("\tStatus T3 Pending\n"), "{ann}");
    let conf = fs::read_to_string(dir.path().join("out/annotation.conf")).unwrap();
    assert!(
        conf.contains("[entities]\nclaim\ndenial\nhot_take\nquote\n"),
        "{conf}"
    );
}

#[test]
fn conll_tokens_index_the_text_and_tag_whole_spans() {
    let dir = unicode_corpus();
    let out = export(dir.path(), "conll", &["--labels", "quote"]);
    assert!(out.starts_with("# article = news/unicode.txt\n\n"), "{out}");
    // Runs of B- and I- tokens, each from its B's start to its last I's end.
    let mut runs: Vec<(usize, usize, String)> = Vec::new();
    for line in out.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "{line:?}");
        let (s, e): (usize, usize) = (cols[1].parse().unwrap(), cols[2].parse().unwrap());
        assert_eq!(chars(s, e), cols[0], "{line:?}");
        assert!(!cols[0].chars().any(char::is_whitespace), "{line:?}");
        if let Some(label) = cols[3].strip_prefix("B-") {
            runs.push((s, e, label.to_string()));
        } else if let Some(label) = cols[3].strip_prefix("I-") {
            let run = runs.last_mut().unwrap();
            assert_eq!(run.2, label);
            run.1 = e;
        } else {
            assert_eq!(cols[3], "O");
        }
    }
    let runs: BTreeSet<(String, usize, usize, String)> = runs
        .into_iter()
        .map(|(s, e, l)| (chars(s, e), s, e, l))
        .collect();
    let quotes: BTreeSet<_> = default_spans()
        .into_iter()
        .filter(|s| s.3 == "quote")
        .collect();
    assert_eq!(runs, quotes);
}

#[test]
fn conll_reports_overlaps_it_leaves_out() {
    let dir = unicode_corpus();
    let output = sayso(
        dir.path(),
        &[
            "export",
            "news",
            "--format",
            "conll",
            "--labels",
            "denial,claim",
        ],
    );
    assert!(output.status.success());
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("1 span(s) overlapping a longer one were left out"),
        "{stderr}"
    );
    let out = stdout_of(&output);
    // Han ideographs are words of one char each.
    for han in ["北\t", "京\t"] {
        let nested = out.lines().find(|l| l.starts_with(han)).unwrap();
        assert!(nested.ends_with("\tI-denial"), "{out}");
    }
}

/// The text of an HTML export's article and, per annotation id, the text its
/// marks cover, read back from the page.
fn html_text(page: &str) -> (String, BTreeMap<u64, String>) {
    let body = page.split("<div class=\"text\">").nth(1).unwrap();
    let body = body.split("</div>").next().unwrap();
    let mut text = String::new();
    let mut marks: BTreeMap<u64, String> = BTreeMap::new();
    let mut open: Vec<Option<u64>> = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('<') {
            let (tag, tail) = after.split_once('>').unwrap();
            if tag.starts_with("mark") {
                let id = tag
                    .split("data-id=\"")
                    .nth(1)
                    .map(|s| s.split('"').next().unwrap().parse().unwrap());
                open.push(id);
            } else if tag == "/mark" {
                open.pop();
            }
            rest = tail;
            continue;
        }
        let end = rest.find('<').unwrap_or(rest.len());
        let piece = unescape(&rest[..end]);
        text.push_str(&piece);
        for id in open.iter().flatten() {
            marks.entry(*id).or_default().push_str(&piece);
        }
        rest = &rest[end..];
    }
    (text, marks)
}

fn unescape(html: &str) -> String {
    let text = html
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    // Control characters are shown as their pictures (U+2400 and on).
    text.chars()
        .map(|c| match c as u32 {
            0x2400..=0x241f => char::from_u32(c as u32 - 0x2400).unwrap(),
            _ => c,
        })
        .collect()
}

#[test]
fn html_marks_cover_exactly_the_spans_and_the_text_is_escaped() {
    let dir = unicode_corpus();
    let page = export(dir.path(), "html", &[]);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.trim_end().ends_with("</html>"));
    assert!(
        !page.contains("<script") && !page.contains("src="),
        "not self-contained"
    );
    let (text, marks) = html_text(&page);
    assert_eq!(text, ARTICLE.strip_prefix(BOM).unwrap());
    assert!(
        !page.contains('\u{1b}') && !page.contains('\u{7}'),
        "a raw control character"
    );
    assert!(
        page.contains("&lt;b&gt;"),
        "the article's markup is escaped"
    );
    let mut expected: BTreeMap<u64, String> = BTreeMap::new();
    for e in expected_spans().iter().filter(|e| e.status != "rejected") {
        expected.entry(e.id).or_default().push_str(&e.text);
    }
    assert_eq!(marks, expected);
    assert!(
        page.contains("title=\"quote 1 · Zoë Ångström · accepted\""),
        "the speaker on hover"
    );
    assert!(page.contains("class=\"legend\""));
}

#[test]
fn rejected_annotations_only_when_asked_and_labels_filter() {
    let dir = unicode_corpus();
    let ids = |out: &str| -> BTreeSet<u64> {
        out.lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["id"]
                    .as_u64()
                    .unwrap()
            })
            .collect()
    };
    let all: BTreeSet<u64> = expected_spans().iter().map(|e| e.id).collect();
    let default = ids(&export(dir.path(), "jsonl", &[]));
    assert_eq!(default, all.iter().copied().filter(|&id| id != 5).collect());
    assert_eq!(
        ids(&export(dir.path(), "jsonl", &["--status", "rejected"])),
        BTreeSet::from([5])
    );
    assert_eq!(
        ids(&export(
            dir.path(),
            "jsonl",
            &["--status", "pending,rejected"]
        )),
        BTreeSet::from([3, 5])
    );
    assert_eq!(
        ids(&export(
            dir.path(),
            "jsonl",
            &["--labels", "denial,hot take"]
        )),
        BTreeSet::from([2, 9])
    );
    let bad = sayso(dir.path(), &["export", "news", "--status", "maybe"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_label_no_article_has_is_an_error_that_names_the_labels_there_are() {
    let dir = unicode_corpus();
    let output = sayso(dir.path(), &["export", "news", "--labels", "quotes,denial"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("no article has the label quotes"),
        "{stderr}"
    );
    assert!(stderr.contains("quote"), "{stderr}");
    assert!(
        stdout_of(&output).contains("\"label\":\"denial\""),
        "the labels there are are still exported"
    );
    // A label some article has, with nothing of it passing the status
    // filter, is no error.
    let output = sayso(
        dir.path(),
        &[
            "export", "news", "--labels", "quote", "--status", "rejected",
        ],
    );
    assert!(output.status.success(), "{}", stderr_of(&output));
    // With -o, the misspelling leaves an earlier file as it was.
    fs::write(dir.path().join("spans.jsonl"), "earlier\n").unwrap();
    let output = sayso(
        dir.path(),
        &["export", "news", "--labels", "quotes", "-o", "spans.jsonl"],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    assert_eq!(
        fs::read_to_string(dir.path().join("spans.jsonl")).unwrap(),
        "earlier\n"
    );
}

#[test]
fn output_goes_to_the_file_given() {
    let dir = unicode_corpus();
    let output = sayso(dir.path(), &["export", "news", "-o", "spans.jsonl"]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(output.stdout.is_empty());
    let written = fs::read_to_string(dir.path().join("spans.jsonl")).unwrap();
    assert_eq!(written, export(dir.path(), "jsonl", &[]));
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "a temporary file was left: {leftovers:?}"
    );
}

#[test]
fn bad_usage_exits_2_and_bad_targets_exit_1() {
    let dir = unicode_corpus();
    for args in [
        &["export", "news", "--format", "pdf"][..],
        &["export", "news", "--format", "brat"][..],
        &["export", "news", "--format", "conll"][..],
        &["export"][..],
    ] {
        let output = sayso(dir.path(), args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "sayso {args:?}: {}",
            stderr_of(&output)
        );
        assert!(output.stdout.is_empty());
    }
    let to_folder = sayso(dir.path(), &["export", "news", "-o", "news"]);
    assert_eq!(to_folder.status.code(), Some(1));
    assert!(
        stderr_of(&to_folder).contains("news is a folder"),
        "{}",
        stderr_of(&to_folder)
    );
    fs::write(dir.path().join("file"), "x").unwrap();
    let brat_to_file = sayso(
        dir.path(),
        &["export", "news", "--format", "brat", "-o", "file"],
    );
    assert_eq!(brat_to_file.status.code(), Some(1));
    assert!(stderr_of(&brat_to_file).contains("file is a file"));
}

#[test]
fn brat_refuses_to_overwrite_the_articles() {
    let dir = unicode_corpus();
    let output = sayso(
        dir.path(),
        &["export", "news", "--format", "brat", "-o", "news"],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(stderr.contains("would overwrite the article"), "{stderr}");
    let article = fs::read(dir.path().join("news/unicode.txt")).unwrap();
    assert_eq!(article, ARTICLE.as_bytes(), "the article was changed");
}

/// A corpus of two good articles around a bad sidecar, an article that is
/// not UTF-8 and a sidecar without its article.
fn broken_corpus() -> TempDir {
    let dir = TempDir::new().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir_all(corpus.join("b")).unwrap();
    write_annotated(
        &corpus.join("a.txt"),
        "First “quote” here.\n",
        &[(1, "quote", "quote")],
    );
    write_annotated(
        &corpus.join("c.txt"),
        "Last “words” here.\n",
        &[(1, "quote", "words")],
    );
    fs::write(corpus.join("b/bad.txt"), "Some text.\n").unwrap();
    fs::write(
        corpus.join("b/bad.ann.ron"),
        "(\n    format: 1,\n    source: oops\n",
    )
    .unwrap();
    fs::write(corpus.join("b/latin1.txt"), b"caf\xe9\n").unwrap();
    fs::write(corpus.join("b/latin1.ann.ron"), "()").unwrap();
    fs::write(corpus.join("b/orphan.ann.ron"), "()").unwrap();
    dir
}

#[test]
fn a_broken_file_is_reported_and_skipped_and_the_rest_is_written() {
    let dir = broken_corpus();
    let output = sayso(dir.path(), &["export", "corpus"]);
    assert_eq!(output.status.code(), Some(1), "something was skipped");
    let out = stdout_of(&output);
    let texts: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(texts, ["quote", "words"]);
    let stderr = stderr_of(&output);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    assert!(
        lines[0].starts_with("sayso: skipped: ") && lines[0].contains("b/bad.ann.ron:"),
        "{stderr}"
    );
    assert!(lines[1].contains("b/latin1.txt is not UTF-8"), "{stderr}");
    assert!(
        lines[2].contains("b/orphan.ann.ron has no article beside it"),
        "{stderr}"
    );
    assert!(
        lines[3].contains("left out what the 3 messages above name"),
        "{stderr}"
    );
}

#[test]
fn strict_stops_at_the_first_broken_file_and_writes_no_file() {
    let dir = broken_corpus();
    let output = sayso(
        dir.path(),
        &["export", "corpus", "--strict", "-o", "out.jsonl"],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("bad.ann.ron") && stderr.contains("--strict"),
        "{stderr}"
    );
    assert!(!dir.path().join("out.jsonl").exists());
    let leftovers = fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "only the corpus folder is left");

    let to_stdout = sayso(dir.path(), &["export", "corpus", "--strict"]);
    assert_eq!(to_stdout.status.code(), Some(1));
    assert_eq!(
        stdout_of(&to_stdout).lines().count(),
        1,
        "only the article before it"
    );
}

#[test]
fn a_missing_path_is_skipped_like_a_broken_file() {
    let dir = broken_corpus();
    let output = sayso(dir.path(), &["export", "missing.txt", "corpus/a.txt"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout_of(&output).lines().count(), 1);
    let stderr = stderr_of(&output);
    assert!(
        stderr.starts_with("sayso: skipped: cannot open missing.txt"),
        "{stderr}"
    );
}

#[test]
fn nothing_to_export_is_an_error() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("empty")).unwrap();
    let output = sayso(dir.path(), &["export", "empty"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).contains("no annotated articles found"));
    let output = sayso(dir.path(), &["export", "gone.txt"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(
        stderr.ends_with("sayso: nothing was exported: what the message above names\n"),
        "{stderr}"
    );
}

#[test]
fn annotations_that_no_longer_match_are_reported_not_exported() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("x.txt");
    write_annotated(
        &path,
        "He said “yes” and “no”.\n",
        &[(1, "quote", "yes"), (2, "quote", "no")],
    );
    fs::write(&path, "He said “yes” and “never”.\n").unwrap();
    let output = sayso(dir.path(), &["export", "x.txt"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout_of(&output).lines().count(), 1);
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("1 annotation(s) in x.ann.ron no longer match x.txt"),
        "{stderr}"
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // A page far larger than a pipe's buffer, so sayso is still writing when
    // the reader goes away.
    let dir = TempDir::new().unwrap();
    let text = "He said “this is a long story” again.\n\n".repeat(20_000);
    write_annotated(
        &dir.path().join("long.txt"),
        &text,
        &[(1, "quote", "this is a long story")],
    );
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("sayso"))
        .current_dir(dir.path())
        .args(["export", "long.txt", "--format", "html"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert!(stderr_of(&output).is_empty(), "{}", stderr_of(&output));
}
