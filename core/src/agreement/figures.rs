//! Precision, recall, F1 and Cohen's kappa, per label and overall.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::{Add, AddAssign, Range};

use super::{Item, Rule, common, matching};

/// Annotations of one label (or of all): how many each editor has, and how
/// many of them matched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub a: u64,
    pub b: u64,
    pub matched: u64,
}

impl Counts {
    /// The share of B's annotations that match one of A's; `None` when B has none.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.matched, self.b)
    }

    /// The share of A's annotations that match one of B's; `None` when A has none.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.matched, self.a)
    }

    /// `2m / (a + b)`: the harmonic mean of precision and recall, and 0 when
    /// nothing matched; `None` when neither editor has an annotation.
    pub fn f1(&self) -> Option<f64> {
        ratio(2 * self.matched, self.a + self.b)
    }
}

impl Add for Counts {
    type Output = Counts;
    fn add(self, other: Counts) -> Counts {
        Counts {
            a: self.a + other.a,
            b: self.b + other.b,
            matched: self.matched + other.matched,
        }
    }
}

fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Characters in or out of a label for each editor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CharTable {
    pub both: u64,
    pub only_a: u64,
    pub only_b: u64,
    pub neither: u64,
}

impl CharTable {
    /// Cohen's kappa of the table; `None` when chance agreement is certain
    /// (both editors mark nothing, or everything, or there are no chars).
    pub fn kappa(&self) -> Option<f64> {
        let (n11, n10, n01, n00) = (
            i128::from(self.both),
            i128::from(self.only_a),
            i128::from(self.only_b),
            i128::from(self.neither),
        );
        let numerator = 2 * (n11 * n00 - n10 * n01);
        let denominator = (n11 + n10) * (n10 + n00) + (n11 + n01) * (n01 + n00);
        (denominator != 0).then(|| numerator as f64 / denominator as f64)
    }

    /// How many chars the table counts.
    pub fn chars(&self) -> u64 {
        self.both + self.only_a + self.only_b + self.neither
    }
}

impl Add for CharTable {
    type Output = CharTable;
    fn add(self, other: CharTable) -> CharTable {
        CharTable {
            both: self.both + other.both,
            only_a: self.only_a + other.only_a,
            only_b: self.only_b + other.only_b,
            neither: self.neither + other.neither,
        }
    }
}

/// The figures of one label, or of all labels together.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    pub exact: Counts,
    pub overlap: Counts,
    pub chars: CharTable,
}

impl Add for Figures {
    type Output = Figures;
    fn add(self, other: Figures) -> Figures {
        Figures {
            exact: self.exact + other.exact,
            overlap: self.overlap + other.overlap,
            chars: self.chars + other.chars,
        }
    }
}

impl Figures {
    /// A label neither editor used in a text of `chars` characters.
    fn unused(chars: u64) -> Figures {
        Figures {
            chars: CharTable {
                neither: chars,
                ..CharTable::default()
            },
            ..Figures::default()
        }
    }
}

/// B against A over one or more articles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comparison {
    /// The characters of the articles compared.
    pub chars: u64,
    /// Every label either editor used, by name.
    pub labels: BTreeMap<String, Figures>,
}

impl Comparison {
    /// All labels together: counts and char tables added up.
    pub fn overall(&self) -> Figures {
        self.labels
            .values()
            .fold(Figures::default(), |sum, &f| sum + f)
    }
}

impl AddAssign<&Comparison> for Comparison {
    /// Adds another article's figures; a label one side lacks counts all of
    /// that side's chars as marked by neither editor.
    fn add_assign(&mut self, other: &Comparison) {
        let names: BTreeSet<String> = self
            .labels
            .keys()
            .chain(other.labels.keys())
            .cloned()
            .collect();
        for name in names {
            let mine = self
                .labels
                .get(&name)
                .copied()
                .unwrap_or_else(|| Figures::unused(self.chars));
            let theirs = other
                .labels
                .get(&name)
                .copied()
                .unwrap_or_else(|| Figures::unused(other.chars));
            self.labels.insert(name, mine + theirs);
        }
        self.chars += other.chars;
    }
}

/// B against A on one article of `chars` characters. Offsets at or past
/// `chars` are not counted in kappa.
pub fn compare(a: &[Item], b: &[Item], chars: usize) -> Comparison {
    let names: BTreeSet<&str> = a.iter().chain(b).map(|i| i.label.as_str()).collect();
    let exact = matching(a, b, Rule::Exact);
    let overlap = matching(a, b, Rule::Overlap);
    let labels = names
        .into_iter()
        .map(|name| {
            let of = |items: &[Item]| items.iter().filter(|i| i.label == name).count() as u64;
            let matched = |pairs: &[super::Pair]| {
                pairs.iter().filter(|p| a[p.a].label == name).count() as u64
            };
            let counts = |pairs: &[super::Pair]| Counts {
                a: of(a),
                b: of(b),
                matched: matched(pairs),
            };
            let figures = Figures {
                exact: counts(&exact),
                overlap: counts(&overlap),
                chars: char_table(a, b, name, chars),
            };
            (name.to_string(), figures)
        })
        .collect();
    Comparison {
        chars: chars as u64,
        labels,
    }
}

/// The 2×2 table of the article's chars for label `name`.
fn char_table(a: &[Item], b: &[Item], name: &str, chars: usize) -> CharTable {
    let in_a = coverage(a, name, chars);
    let in_b = coverage(b, name, chars);
    let length = |spans: &[Range<usize>]| spans.iter().map(|s| s.end - s.start).sum::<usize>();
    let both = common(&in_a, &in_b);
    let (only_a, only_b) = (length(&in_a) - both, length(&in_b) - both);
    CharTable {
        both: both as u64,
        only_a: only_a as u64,
        only_b: only_b as u64,
        neither: (chars - both - only_a - only_b) as u64,
    }
}

/// The offsets below `chars` that the items of label `name` cover, as
/// sorted, disjoint spans.
fn coverage(items: &[Item], name: &str, chars: usize) -> Vec<Range<usize>> {
    let spans = items
        .iter()
        .filter(|i| i.label == name)
        .flat_map(|i| i.spans.iter())
        .map(|s| s.start.min(chars)..s.end.min(chars));
    Item::new(0, name, spans).spans
}
