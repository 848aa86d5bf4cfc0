//! What one article of a corpus holds, in a line: for `sayso list` and the
//! annotator's list of articles.

use std::collections::BTreeMap;

use crate::annotation::{Finished, Status};
use crate::article::Article;
use crate::store::Sidecar;

/// The counts of one article and its sidecar.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub paragraphs: usize,
    /// Annotations per label; detached ones are not among them.
    pub labels: BTreeMap<String, usize>,
    /// Annotations waiting for review.
    pub pending: usize,
    /// Annotations whose text no longer matches the article.
    pub detached: usize,
    /// Who marked the article finished, and when.
    pub finished: Option<Finished>,
}

impl Counts {
    /// The counts of `article` with what its sidecar holds (`None`: none yet).
    pub fn of(article: &Article, sidecar: Option<&Sidecar>) -> Counts {
        let mut counts = Counts {
            paragraphs: article.paragraphs().len(),
            ..Counts::default()
        };
        if let Some(sidecar) = sidecar {
            for a in &sidecar.annotations {
                *counts.labels.entry(a.label.clone()).or_default() += 1;
                counts.pending += usize::from(a.status == Status::Pending);
            }
            counts.detached = sidecar.detached.len();
            counts.finished.clone_from(&sidecar.finished);
        }
        counts
    }

    /// How many annotations there are, detached ones left out.
    pub fn annotations(&self) -> usize {
        self.labels.values().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::testing::{annotation, span_of};

    #[test]
    fn counts_labels_pending_and_the_finished_mark() {
        let text = "Zoë said “東京 👩‍👩‍👧”.\n\nשלום said no.\n";
        let article = Article::from_text(text.into());
        let mut pending = annotation(2, "quote", vec![span_of(text, "שלום")]);
        pending.status = Status::Pending;
        let sidecar = Sidecar {
            annotations: vec![
                annotation(1, "quote", vec![span_of(text, "東京")]),
                pending,
                annotation(3, "denial", vec![span_of(text, "said no")]),
            ],
            finished: Some(Finished {
                by: "ed".into(),
                at: "2026-11-24T05:40:00Z".into(),
            }),
            ..Sidecar::default()
        };
        let counts = Counts::of(&article, Some(&sidecar));
        assert_eq!(counts.paragraphs, 2);
        assert_eq!(
            counts.labels,
            BTreeMap::from([("denial".into(), 1), ("quote".into(), 2)])
        );
        assert_eq!((counts.pending, counts.annotations()), (1, 3));
        assert_eq!(counts.finished.map(|f| f.by), Some("ed".into()));
        assert_eq!(Counts::of(&article, None).annotations(), 0);
    }
}
