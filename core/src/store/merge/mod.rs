//! Three-way merge of sidecars.

/// Whether `source` holds a line git writes around a conflict.
pub(super) fn has_conflict_markers(source: &str) -> bool {
    first_marker_line(source) > 0
}

/// The 1-based line of the first conflict marker, 0 when there is none.
pub(super) fn first_marker_line(source: &str) -> usize {
    source
        .lines()
        .position(|l| l.starts_with("<<<<<<<"))
        .map_or(0, |i| i + 1)
}
