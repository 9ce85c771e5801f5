//! Citations (placeholder until the citation module lands).

use citater_indexer::{Publication, Quote};

/// Knows every publication, to cite a quote.
pub struct Citations {
    publications: Vec<Publication>,
}

impl Citations {
    pub fn new(publications: &[Publication]) -> Citations {
        Citations {
            publications: publications.to_vec(),
        }
    }

    /// The `citation` field every quote carries.
    pub fn citation_field(&self, quote: &Quote) -> String {
        let p = self.publications.iter().find(|p| p.id == quote.publication.id);
        let year = p.and_then(|p| p.year).map(|y| y.to_string()).unwrap_or_else(|| "u.å.".into());
        format!("Væksthus for Ledelse. ({year}). {}. Afsnit: {}.", quote.publication.title, quote.theme)
    }
}

/// Citation styles a user can ask for (placeholder).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Apa,
    Ris,
    Bibtex,
    CslJson,
}

impl std::str::FromStr for Style {
    type Err = String;

    fn from_str(s: &str) -> Result<Style, String> {
        match s.to_lowercase().as_str() {
            "apa" => Ok(Style::Apa),
            "ris" => Ok(Style::Ris),
            "bibtex" => Ok(Style::Bibtex),
            "csl-json" => Ok(Style::CslJson),
            _ => Err(format!("unknown citation style '{s}'; valid styles are: apa, ris, bibtex, csl-json")),
        }
    }
}

impl Citations {
    pub fn format(&self, quote: &Quote, _style: Style) -> String {
        self.citation_field(quote)
    }

    pub fn format_many(&self, quotes: &[Quote], style: Style) -> String {
        quotes.iter().map(|q| self.format(q, style) + "\n").collect()
    }

    pub fn in_text(&self, quote: &Quote) -> String {
        format!("(Væksthus for Ledelse, {})", quote.publication.year.map(|y| y.to_string()).unwrap_or("u.å.".into()))
    }
}
