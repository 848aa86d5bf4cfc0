//! A synthetic newsroom article of any size, with annotations spread over it,
//! shared by the benchmarks and `examples/open_large.rs`.

use std::ops::Range;

use sayso_core::annotation::Annotation;
use sayso_core::annotation::testing::annotation;

/// Sentences with straight and curly quotes, combining marks, emoji, CJK and
/// right-to-left names, so that offsets, graphemes and widths all get work.
const SENTENCES: [&str; 10] = [
    "The minister said the review would report before the summer.",
    "“We will not comment on leaks,” a spokesperson for Downing Street said.",
    "Officials in 北京 denied the report, calling it \"baseless and irresponsible\".",
    "Zoë Ångström, who chairs the committee, said: \"The evidence is compelling.\"",
    "Critics called the plan naïve and said it would fail 👎🏽 within a year.",
    "José Martí said the figures were \"simply not true\" and demanded a correction.",
    "The café owner (who asked not to be named) said trade had fallen by a third.",
    "Police said no crime had been committed and the matter was closed.",
    "שלום עליכם, the ambassador said, before declining further questions.",
    "A family of four 👨‍👩‍👧‍👦 waited at the border for 12 hours, the charity said.",
];

/// Labels given to the annotations in turn.
const LABELS: [&str; 3] = ["quote", "claim", "denial"];

/// An article's text and annotations on some of its sentences.
pub struct Corpus {
    pub text: String,
    pub annotations: Vec<Annotation>,
}

/// A small deterministic generator: the same corpus on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

impl Corpus {
    /// About `bytes` of text in paragraphs of three to eight sentences, and
    /// up to `annotations` annotations, each on a whole sentence (so on word
    /// and grapheme boundaries), spread evenly over the text.
    pub fn new(bytes: usize, annotations: usize) -> Corpus {
        let mut rng = Lcg(0x5a7_5050);
        let mut text = String::with_capacity(bytes + 256);
        let mut sentences: Vec<Range<usize>> = Vec::new();
        while text.len() < bytes {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            for i in 0..3 + rng.below(6) {
                if i > 0 {
                    text.push(' ');
                }
                let start = text.len();
                text.push_str(SENTENCES[rng.below(SENTENCES.len())]);
                sentences.push(start..text.len());
            }
        }
        text.push('\n');
        let step = (sentences.len() / annotations.max(1)).max(1);
        let annotations = sentences
            .into_iter()
            .step_by(step)
            .take(annotations)
            .enumerate()
            .map(|(i, span)| Annotation {
                speaker: (i % 4 == 0).then(|| "Zoë Ångström".into()),
                author: "bench".into(),
                ..annotation(i as u64 + 1, LABELS[i % LABELS.len()], vec![span])
            })
            .collect();
        Corpus { text, annotations }
    }
}
