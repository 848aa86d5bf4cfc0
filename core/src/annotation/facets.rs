//! What a filter looks at in each annotation (its place, label, speaker and
//! status), kept in one compact array beside the annotations.
//!
//! The annotations live behind pointers, each with its strings elsewhere on
//! the heap: a walk that compares labels follows two or three pointers per
//! annotation, a cache miss each, and on 50,000 annotations that is
//! milliseconds. A [`Facet`] is a few machine words with the label and the
//! speaker as small numbers ([`NameId`]), so the same walk reads one
//! contiguous array and costs a tenth of a millisecond.

use std::collections::HashMap;

use super::{Annotation, Status};

/// A label or a speaker's name, as a small number: the same name always has
/// the same number within one [`Names`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NameId(u32);

impl NameId {
    /// The number, to index a table of per-name flags.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The names an [`AnnotationSet`](super::AnnotationSet) has seen, each once.
///
/// A name stays when its last annotation goes: the table holds the distinct
/// labels and speakers an article ever had, which are few, and a number once
/// given never changes meaning.
#[derive(Debug, Clone, Default)]
pub struct Names {
    names: Vec<String>,
    ids: HashMap<String, NameId>,
}

impl Names {
    /// The number of `name`, given it the first time it is seen.
    pub fn intern(&mut self, name: &str) -> NameId {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = NameId(u32::try_from(self.names.len()).unwrap_or(u32::MAX));
        self.names.push(name.to_string());
        self.ids.insert(name.to_string(), id);
        id
    }

    /// The number of `name`, if it was ever seen.
    pub fn id(&self, name: &str) -> Option<NameId> {
        self.ids.get(name).copied()
    }

    /// The name of `id`.
    pub fn name(&self, id: NameId) -> &str {
        self.names.get(id.index()).map_or("", String::as_str)
    }

    /// How many names there are: every [`NameId::index`] is below it.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// One annotation as a filter sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facet {
    /// The annotation's [`Annotation::order_key`]: its start and id.
    pub key: (usize, u64),
    pub label: NameId,
    pub speaker: Option<NameId>,
    pub status: Status,
}

impl Facet {
    /// The facet of `a`, its names numbered in `names`.
    pub fn of(a: &Annotation, names: &mut Names) -> Facet {
        Facet {
            key: a.order_key(),
            label: names.intern(&a.label),
            speaker: a.speaker.as_deref().map(|s| names.intern(s)),
            status: a.status,
        }
    }

    /// The annotation's id.
    pub fn id(&self) -> u64 {
        self.key.1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_keeps_its_number_and_others_get_their_own() {
        let mut names = Names::default();
        let quote = names.intern("quote");
        let speaker = names.intern("Zoë Ångström");
        let kanji = names.intern("習近平");
        assert_eq!(names.intern("quote"), quote);
        assert_ne!(quote, speaker);
        assert_ne!(speaker, kanji);
        assert_eq!(names.name(speaker), "Zoë Ångström");
        assert_eq!(names.id("習近平"), Some(kanji));
        assert_eq!(names.id("Zoe Angstrom"), None);
        assert_eq!(names.len(), 3);
        assert!(
            [quote, speaker, kanji]
                .iter()
                .all(|id| id.index() < names.len())
        );
    }
}
