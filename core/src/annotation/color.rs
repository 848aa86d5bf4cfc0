//! The colour a label is drawn in: one of the sixteen colours every colour
//! terminal has, or an exact `#rrggbb`. Front ends map it to their own.

use std::str::FromStr;

/// A label's colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
    /// `#rrggbb`.
    Rgb(u8, u8, u8),
}

/// The colour names a schema may use, in the order [`Color::NAMED`] holds
/// them, as the error that refuses another one lists them.
pub const COLOR_NAMES: [&str; 16] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "dark-gray",
    "light-red",
    "light-green",
    "light-yellow",
    "light-blue",
    "light-magenta",
    "light-cyan",
    "white",
];

impl Color {
    /// The named colours, in the order of [`COLOR_NAMES`].
    pub const NAMED: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
}

/// A colour name or `#rrggbb` that is neither.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown colour {0:?}")]
pub struct UnknownColor(pub String);

impl FromStr for Color {
    type Err = UnknownColor;

    /// A name of [`COLOR_NAMES`] in any case, with or without `-`, `_` or a
    /// space (`Light-Red`, `lightred`, `light red`; `grey` for `gray`), or
    /// `#rrggbb`.
    fn from_str(text: &str) -> Result<Color, UnknownColor> {
        let unknown = || UnknownColor(text.to_string());
        let text = text.trim();
        if let Some(hex) = text.strip_prefix('#') {
            return rgb(hex).ok_or_else(unknown);
        }
        let folded: String = text
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .flat_map(char::to_lowercase)
            .collect::<String>()
            .replace("grey", "gray");
        COLOR_NAMES
            .iter()
            .position(|name| name.replace('-', "") == folded)
            .map(|i| Color::NAMED[i])
            .ok_or_else(unknown)
    }
}

/// `rrggbb` as a colour: six hex digits, nothing else.
fn rgb(hex: &str) -> Option<Color> {
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some(Color::Rgb(byte(0)?, byte(2)?, byte(4)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_name_reads_as_its_colour_in_any_spelling() {
        for (name, color) in COLOR_NAMES.iter().zip(Color::NAMED) {
            assert_eq!(name.parse(), Ok(color), "{name}");
            assert_eq!(name.to_uppercase().parse(), Ok(color), "{name}");
            assert_eq!(name.replace('-', " ").parse(), Ok(color), "{name}");
            assert_eq!(name.replace('-', "_").parse(), Ok(color), "{name}");
            assert_eq!(name.replace('-', "").parse(), Ok(color), "{name}");
        }
        assert_eq!("Dark Grey".parse(), Ok(Color::DarkGray));
    }

    #[test]
    fn hex_needs_exactly_six_digits() {
        assert_eq!("#d08770".parse(), Ok(Color::Rgb(0xd0, 0x87, 0x70)));
        assert_eq!(" #FFffFF ".parse(), Ok(Color::Rgb(255, 255, 255)));
        for bad in ["#12345", "#1234567", "#gg0000", "#é12345", "#", "d08770"] {
            assert_eq!(
                bad.parse::<Color>(),
                Err(UnknownColor(bad.to_string())),
                "{bad}"
            );
        }
    }

    #[test]
    fn other_words_and_palette_numbers_are_unknown() {
        for bad in ["cyna", "42", "reset", "", "light", "红"] {
            assert!(bad.parse::<Color>().is_err(), "{bad}");
        }
    }
}
