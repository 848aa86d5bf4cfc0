//! Loads an article with its sidecar through the library and prints its quotes
//! with their speakers and char offsets.
//!
//! ```sh
//! cargo run --example print_quotes -- annotations/huawei-leak.txt
//! ```

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use sayso_core::article::Article;
use sayso_core::store::{self, sidecar_path};

fn main() -> Result<()> {
    let Some(path) = std::env::args_os().nth(1).map(PathBuf::from) else {
        bail!("usage: print_quotes ARTICLE");
    };
    let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let article = Article::from_bytes(bytes)?;
    let sidecar = sidecar_path(&path);
    let Some(loaded) = store::load(&article, &sidecar)? else {
        bail!(
            "{} has no annotations yet ({} does not exist)",
            path.display(),
            sidecar.display()
        );
    };
    for quote in loaded.annotations.iter().filter(|a| a.label == "quote") {
        let speaker = quote.speaker.as_deref().unwrap_or("unknown speaker");
        for span in &quote.spans {
            let (start, end) = (
                article.char_offset(span.start),
                article.char_offset(span.end),
            );
            println!(
                "{speaker} [{start}..{end}]: {}",
                &article.text()[span.clone()]
            );
        }
    }
    Ok(())
}
