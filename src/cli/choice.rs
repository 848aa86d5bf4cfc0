//! Options that take one of a library enum's values (`--format jsonl`):
//! the enum says its names and what each means, clap lists them in
//! `--help` and refuses any other.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use sayso_core::annotation::Status;
use sayso_core::{export, import};

/// A value an option can take, named as the option takes it.
pub trait Choice: Copy + Send + Sync + 'static {
    /// The values offered, in the order help lists them.
    fn offered() -> &'static [Self];
    fn name(self) -> &'static str;
    fn about(self) -> &'static str;
}

/// The parser of an option that takes a `T`.
pub fn parser<T: Choice>() -> impl TypedValueParser<Value = T> {
    let values = T::offered()
        .iter()
        .map(|c| PossibleValue::new(c.name()).help(c.about()));
    PossibleValuesParser::new(values).try_map(|name: String| {
        T::offered()
            .iter()
            .copied()
            .find(|c| c.name() == name)
            .ok_or("not a value this option takes")
    })
}

impl Choice for export::Format {
    fn offered() -> &'static [Self] {
        &export::Format::ALL
    }
    fn name(self) -> &'static str {
        export::Format::name(self)
    }
    fn about(self) -> &'static str {
        export::Format::about(self)
    }
}

impl Choice for import::Format {
    fn offered() -> &'static [Self] {
        &import::Format::ALL
    }
    fn name(self) -> &'static str {
        import::Format::name(self)
    }
    fn about(self) -> &'static str {
        import::Format::about(self)
    }
}

impl Choice for import::Offsets {
    fn offered() -> &'static [Self] {
        &import::Offsets::CHOICES
    }
    fn name(self) -> &'static str {
        import::Offsets::name(self)
    }
    fn about(self) -> &'static str {
        import::Offsets::about(self)
    }
}

impl Choice for Status {
    fn offered() -> &'static [Self] {
        &Status::ALL
    }
    fn name(self) -> &'static str {
        Status::name(self)
    }
    fn about(self) -> &'static str {
        match self {
            Status::Pending => "not reviewed yet (imports and suggestions start here)",
            Status::Accepted => "accepted by an editor (what an editor tags)",
            Status::Rejected => "rejected by an editor",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each value's name reads back as that value, so no name is listed that
    /// parses to another.
    fn names_round_trip<T: Choice + PartialEq + std::fmt::Debug>() {
        let command = clap::Command::new("t").arg(clap::Arg::new("v").value_parser(parser::<T>()));
        for &value in T::offered() {
            let matches = command
                .clone()
                .try_get_matches_from(["t", value.name()])
                .expect("an offered name parses");
            assert_eq!(matches.get_one::<T>("v"), Some(&value));
        }
        assert!(
            command.try_get_matches_from(["t", "nonsense"]).is_err(),
            "a name not offered is refused"
        );
    }

    #[test]
    fn every_offered_name_parses_to_its_value_and_no_other_name_does() {
        names_round_trip::<export::Format>();
        names_round_trip::<import::Format>();
        names_round_trip::<import::Offsets>();
        names_round_trip::<Status>();
    }

    #[test]
    fn offsets_for_the_command_line_leave_out_the_guessing_unit() {
        assert!(!import::Offsets::CHOICES.contains(&import::Offsets::CharsOrUtf16));
    }
}
