//! Where the cursor was in each article, kept per user between sessions,
//! so that reopening an article goes back there.
//!
//! It lives in the XDG state directory (`$XDG_STATE_HOME/sayso/places.json`,
//! by default `~/.local/state/sayso/places.json`), never in the sidecar: the
//! sidecar is shared, and where one editor stopped says nothing to the
//! next. The file is a convenience, so it never stands in the way: one
//! that cannot be read or parsed is taken as empty (and written afresh),
//! one that cannot be written is left as it is, and the annotator opens as
//! it would without it. It is written atomically, merged with what another
//! sayso wrote meanwhile, and keeps the latest [`KEPT`] articles.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use sayso_core::article::{Article, graphemes};
use sayso_core::store;

/// How many articles the file remembers; the ones seen longest ago go.
const KEPT: usize = 1000;

/// The file's name in the state directory.
const FILE: &str = "places.json";

/// The file as stored.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    places: Vec<Place>,
}

/// Where the cursor was in one article.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Place {
    /// The article's path, links resolved.
    article: String,
    /// The cursor, in chars from the start of the text.
    cursor: usize,
    /// When the editor left it, in seconds since 1970.
    seen: u64,
}

/// The places read at the start, and those this session leaves.
#[derive(Debug, Default)]
pub struct Resume {
    /// `None`: there is no state directory to keep them in.
    file: Option<PathBuf>,
    places: HashMap<String, Place>,
    left: HashMap<String, Place>,
}

impl Resume {
    /// The places kept in `file`.
    pub fn at(file: Option<PathBuf>) -> Resume {
        let stored = file.as_deref().map(read).unwrap_or_default();
        Resume {
            places: stored
                .places
                .into_iter()
                .map(|p| (p.article.clone(), p))
                .collect(),
            file,
            left: HashMap::new(),
        }
    }

    /// Where the cursor was in the article at `path`: a byte offset of
    /// `article`'s text on a grapheme boundary inside a paragraph, whatever
    /// the article became since.
    pub fn cursor(&self, path: &Path, article: &Article) -> Option<usize> {
        let key = key(path)?;
        let place = self.left.get(&key).or_else(|| self.places.get(&key))?;
        let byte = article
            .byte_offset(place.cursor)
            .unwrap_or(article.text().len());
        let paragraph = article.paragraphs().get(article.paragraph_at(byte)?)?;
        let byte = byte.clamp(paragraph.start, paragraph.end);
        Some(graphemes::floor_boundary(article.text(), byte))
    }

    /// The cursor at `cursor` (a byte offset of `article`) as the editor
    /// leaves the article at `path`.
    pub fn remember(&mut self, path: &Path, article: &Article, cursor: usize) {
        if let Some(key) = key(path) {
            let place = Place {
                article: key.clone(),
                cursor: article.char_offset(cursor),
                seen: now(),
            };
            self.left.insert(key, place);
        }
    }

    /// Writes the places left in this session into the file, over what it
    /// holds now (another sayso may have written since).
    pub fn save(&self) -> Result<(), store::StoreError> {
        let Some(file) = &self.file else {
            return Ok(());
        };
        if self.left.is_empty() {
            return Ok(());
        }
        let mut places: HashMap<String, Place> = read(file)
            .places
            .into_iter()
            .map(|p| (p.article.clone(), p))
            .collect();
        places.extend(self.left.clone());
        let mut places: Vec<Place> = places.into_values().collect();
        places.sort_by(|a, b| b.seen.cmp(&a.seen).then(a.article.cmp(&b.article)));
        places.truncate(KEPT);
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).map_err(|source| store::StoreError::Io {
                action: "create",
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let text = serde_json::to_string_pretty(&Stored { places })
            .unwrap_or_else(|_| String::from("{\"places\":[]}"));
        store::save(file, &text)
    }
}

/// `$XDG_STATE_HOME/sayso/places.json`, else `$HOME/.local/state/sayso/…`;
/// `None` without either (a relative `XDG_STATE_HOME` does not count, as
/// the XDG specification says).
pub fn state_file() -> Option<PathBuf> {
    let absolute = |var: &str| {
        std::env::var_os(var)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let dir =
        absolute("XDG_STATE_HOME").or_else(|| absolute("HOME").map(|h| h.join(".local/state")))?;
    Some(dir.join("sayso").join(FILE))
}

/// What `file` holds; nothing when it cannot be read or parsed.
fn read(file: &Path) -> Stored {
    std::fs::read(file)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// The key of the article at `path`: its path with links resolved, so the
/// same file is found however it was named; `None` for a path that is not
/// UTF-8 (it could not be told apart from another) or not there.
fn key(path: &Path) -> Option<String> {
    let resolved = std::fs::canonicalize(path).ok()?;
    resolved.to_str().map(String::from)
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Zoë 👩‍👩‍👧 said:\r\n\r\n“東京 is near”, שלום.\n";

    fn article_in(dir: &Path) -> (PathBuf, Article) {
        let path = dir.join("a «é».txt");
        std::fs::write(&path, TEXT).expect("an article");
        (path, Article::from_text(TEXT.into()))
    }

    #[test]
    fn a_cursor_left_is_found_again_by_the_next_session_through_a_link_too() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (path, article) = article_in(dir.path());
        let file = dir.path().join("state/sayso/places.json");
        let at = TEXT.find("東京").expect("in the text");
        let mut resume = Resume::at(Some(file.clone()));
        assert_eq!(resume.cursor(&path, &article), None);
        resume.remember(&path, &article, at);
        resume.save().expect("saved");

        let again = Resume::at(Some(file));
        assert_eq!(again.cursor(&path, &article), Some(at));
        #[cfg(unix)]
        {
            let link = dir.path().join("link.txt");
            std::os::unix::fs::symlink(&path, &link).expect("a link");
            assert_eq!(again.cursor(&link, &article), Some(at));
        }
    }

    #[test]
    fn a_broken_or_unwritable_file_stands_in_no_way() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (path, article) = article_in(dir.path());
        let file = dir.path().join("places.json");
        std::fs::write(&file, "{\"places\": [oops").expect("a broken file");
        let mut resume = Resume::at(Some(file.clone()));
        assert_eq!(resume.cursor(&path, &article), None);
        resume.remember(&path, &article, 0);
        resume.save().expect("written afresh");
        assert!(Resume::at(Some(file)).cursor(&path, &article).is_some());

        let blocked = dir.path().join("a-file");
        std::fs::write(&blocked, "x").expect("a file");
        let mut resume = Resume::at(Some(blocked.join("places.json")));
        resume.remember(&path, &article, 0);
        assert!(
            resume.save().is_err(),
            "a folder that is a file cannot be written"
        );
    }

    #[test]
    fn a_cursor_past_a_shortened_article_lands_inside_its_last_paragraph() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (path, long) = article_in(dir.path());
        let file = dir.path().join("places.json");
        let mut resume = Resume::at(Some(file));
        resume.remember(&path, &long, TEXT.find("שלום").expect("in the text"));
        let short = Article::from_text("Zoë 👩‍👩‍👧\r\n".into());
        let cursor = resume.cursor(&path, &short).expect("a place");
        assert!(cursor <= short.paragraphs()[0].end, "{cursor}");
        assert!(graphemes::is_boundary(short.text(), cursor));
    }

    #[test]
    fn only_the_latest_articles_are_kept() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let file = dir.path().join("places.json");
        let places = (0..KEPT + 5)
            .map(|i| Place {
                article: format!("/nowhere/{i}.txt"),
                cursor: i,
                seen: i as u64,
            })
            .collect();
        let text = serde_json::to_string(&Stored { places }).expect("json");
        std::fs::write(&file, text).expect("a state file");
        let (path, article) = article_in(dir.path());
        let mut resume = Resume::at(Some(file.clone()));
        resume.remember(&path, &article, 0);
        resume.save().expect("saved");
        let kept = read(&file).places;
        assert_eq!(kept.len(), KEPT);
        assert!(kept.iter().all(|p| p.article != "/nowhere/0.txt"));
        assert!(kept.iter().any(|p| p.article.ends_with("a «é».txt")));
    }
}
