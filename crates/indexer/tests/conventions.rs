//! Each way the booklets print speech, on small hand-written snippets: our
//! own sentences, set in the typography of each booklet as PDF extraction
//! left it (indents, trailing spaces, double spacing, marks, dashes), never
//! the booklets' own text. Each checks what the extractor must take as a
//! quote, where it starts and ends, and who said it. The snippets go through
//! the public API: a corpus directory holding one booklet.

use citater_indexer::{Corpus, Level, Quote};

/// Extracts from `text` as the one booklet of a corpus whose conventions
/// for it are `conventions` (the TOML of its `publications.toml` entry).
fn quotes(conventions: &str, text: &str) -> Vec<Quote> {
    let entry: toml::Table = toml::from_str(&format!(
        "id = \"test\"\nfile = \"test.txt\"\ntitle = \"Test\"\npublisher = \"Væksthus for Ledelse\"\n{conventions}"
    ))
    .expect("valid test metadata");
    let mut publications = toml::Table::new();
    publications.insert("publication".into(), vec![toml::Value::Table(entry)].into());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("publications.toml"),
        toml::to_string(&publications).unwrap(),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("roles.toml"),
        include_str!("../../../corpus/roles.toml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("test.txt"), text).unwrap();
    Corpus::load(dir.path())
        .expect("the corpus loads")
        .quotes()
        .expect("extraction runs")
}

/// Marks style with chapters "At blive …" filing quotes by chapter level.
const MARKS_BY_CHAPTER: &str = r#"
level_from = "theme"
quote_styles = ["marks"]
[[headings]]
level = "theme"
pattern = '^(?P<title>At blive (?:leder|chef|direktør))$'
[[headings]]
level = "subtheme"
pattern = '^\d\. (?P<title>.+)$'
"#;

#[test]
fn marks_with_the_attribution_after() {
    let text = "\
 At blive leder

1. Det første år
Mange møder noget nyt i jobbet:

“Jeg hører langt mere på medarbejderne end før, og det har over-
rasket mig en hel del,” siger en kommunal leder.

Andre ser det anderledes.
";
    let q = quotes(MARKS_BY_CHAPTER, text);
    assert_eq!(q.len(), 1, "{q:#?}");
    assert_eq!(
        q[0].text,
        "Jeg hører langt mere på medarbejderne end før, og det har overrasket mig en hel del"
    );
    assert_eq!(
        (q[0].speaker.as_str(), q[0].role.as_str()),
        ("en kommunal leder", "leder")
    );
    assert_eq!(q[0].level, Level::Leder);
    assert_eq!(
        (q[0].theme.as_str(), q[0].subtheme.as_deref()),
        ("At blive leder", Some("Det første år"))
    );
    assert_eq!((q[0].source.line_start, q[0].source.line_end), (6, 7));
}

#[test]
fn the_chapter_decides_the_level_whatever_the_title() {
    let text = "\
 At blive chef

“Jeg spurgte to andre skoleledere til råds, før vi lagde den nye plan,” siger en skoleleder.
";
    let q = quotes(MARKS_BY_CHAPTER, text);
    assert_eq!(
        (q[0].role.as_str(), q[0].level),
        ("skoleleder", Level::Chef)
    );
}

#[test]
fn an_introducing_sentence_names_the_speaker_and_pronouns_resolve() {
    let text = "\
 At blive direktør

En direktør forklarer:

“Et godt overblik er helt afgørende for os.”

En leder fortæller, hvordan hun har hjulpet en ny kollega.

“Det glæder mig hver gang, det lykkes,” forklarer hun.
";
    let q = quotes(MARKS_BY_CHAPTER, text);
    assert_eq!(q.len(), 2, "{q:#?}");
    assert_eq!(q[0].speaker, "en direktør");
    assert_eq!(q[1].speaker, "en leder");
    assert_eq!(q[1].role, "leder");
}

#[test]
fn words_in_quotation_marks_inside_narration_are_no_quote() {
    let text = "\
 At blive chef

En chef kalder det “at sidde i to stole”, når man både leder og udfører.
De fleste husker “det første møde” med glæde.
";
    assert!(quotes(MARKS_BY_CHAPTER, text).is_empty());
}

#[test]
fn an_unattributed_quote_gets_the_role_its_chapter_gives_and_no_speaker() {
    let text = "\
 At blive leder

Derfor er det vigtigt at vise dem, hvad de kan bruge en til:

“De spørger mig om alt muligt – også om konflikter.”
";
    let q = quotes(MARKS_BY_CHAPTER, text);
    assert_eq!((q[0].speaker.as_str(), q[0].role.as_str()), ("", "leder"));
}

/// The journalistic dash style, double-spaced as PDF extraction left it.
const DASH: &str = r#"
level_from = "role"
quote_styles = ["dash", "marks"]
[[headings]]
level = "theme"
pattern = '^(?P<title>Det politiske makkerpar)$'
"#;

#[test]
fn dash_paragraphs_with_the_attribution_at_the_end_or_inserted() {
    let text = "\
 Det politiske makkerpar

– Problemet er blot, påpeger samme politikers direktør, at 

der sjældent er et klart svar på, hvad der er politik.

– Hos os har vi den aftale, at jeg passer driften, siger 

en direktør.

Flere af direktørerne anslår, at samtalerne tager meget tid.
";
    let q = quotes(DASH, text);
    assert_eq!(q.len(), 2, "{q:#?}");
    assert_eq!(
        q[0].text,
        "Problemet er blot, at der sjældent er et klart svar på, hvad der er politik."
    );
    assert_eq!(q[0].speaker, "samme politikers direktør");
    assert_eq!(
        (q[1].text.as_str(), q[1].speaker.as_str()),
        (
            "Hos os har vi den aftale, at jeg passer driften",
            "en direktør"
        )
    );
    assert_eq!(
        (q[1].role.as_str(), q[1].level),
        ("direktør", Level::Direktor)
    );
}

#[test]
fn an_unattributed_dash_speech_ends_where_the_narration_resumes() {
    let text = "\
 Det politiske makkerpar

– Som direktør er det ofte svært at oversætte det politiske 

spil. Af og til kan jeg mærke, at de undrer sig over det. 

Generelt mener mange politikere og direktører, at embedsmænd 

sjældent ser hele billedet.
";
    let q = quotes(DASH, text);
    assert_eq!(q.len(), 1, "{q:#?}");
    assert!(
        q[0].text.ends_with("at de undrer sig over det."),
        "{}",
        q[0].text
    );
    assert_eq!(
        (q[0].speaker.as_str(), q[0].role.as_str()),
        ("", "direktør")
    );
}

#[test]
fn politicians_are_politicians() {
    let text = "\
 Det politiske makkerpar

– Vi inviterer ofte borgerne til åbne møder, og der lærer jeg rigtig meget, fortæller 

en borgmester.
";
    let q = quotes(DASH, text);
    assert_eq!(
        (q[0].role.as_str(), q[0].level),
        ("borgmester", Level::Politiker)
    );
}

/// A Markdown-like extraction: letters between levels, with bold, italic,
/// lone-mark and set-apart speech.
const WISHES: &str = r#"
level_from = "role"
quote_styles = ["marks", "lone_mark", "bold", "italic", "set_apart"]
[[headings]]
level = "theme"
pattern = '^(?P<title>du .+)$'
[[headings]]
level = "subtheme"
pattern = '^(?P<title>Til chefen)! Vi ønsker, at \.\.\.$'
role = "leder"
[[headings]]
level = "subtheme"
pattern = '^(?P<title>Til lederne)! Jeg ser jeres ønske om\b.+$'
role = "chef"
"#;

#[test]
fn lone_marks_bold_and_set_apart_paragraphs_by_side() {
    let text = "\
*Til chefen! Vi ønsker, at ...*

## ... du giver os plads

- At du lader os tage beslutninger.

”

Når jeg står over for mine medarbejdere, regner jeg med, at min chef står bag mig.

## Til lederne! Jeg ser jeres ønske om frihed

- At I får rum til at lede selv.



**Lederne skal have hjælp, når de beder om det, og ellers have fred.**



Når tingene går skævt, griber jeg mere ind som chef, end jeg egentlig ønsker.
";
    let q = quotes(WISHES, text);
    assert_eq!(q.len(), 3, "{q:#?}");
    assert_eq!(
        (q[0].role.as_str(), q[0].level, q[0].subtheme.as_deref()),
        ("leder", Level::Leder, Some("Til chefen"))
    );
    assert_eq!(q[0].theme, "du giver os plads");
    assert_eq!(
        q[1].text,
        "Lederne skal have hjælp, når de beder om det, og ellers have fred."
    );
    assert_eq!(
        (q[1].role.as_str(), q[1].subtheme.as_deref()),
        ("chef", Some("Til lederne"))
    );
    assert_eq!((q[2].role.as_str(), q[2].level), ("chef", Level::Chef));
}

#[test]
fn italic_speech_after_an_introduction() {
    let text = "\
## ... du giver os plads

Ledelse af ledere handler om at give plads. En chef siger:

*Det er afgørende, at den enkelte leder selv får lov at finde sin vej.*
";
    let q = quotes(WISHES, text);
    assert_eq!(q.len(), 1, "{q:#?}");
    assert_eq!(
        (q[0].speaker.as_str(), q[0].role.as_str()),
        ("en chef", "chef")
    );
}

/// Quote boxes whose speech is followed by a line naming the speaker.
const BOXES: &str = r#"
level_from = "role"
quote_styles = ["marks", "labelled"]
labels = { "Chef" = "chef", "Direktør" = "direktør" }
[[headings]]
level = "theme"
pattern = '^(?P<title>Hvorfor en chefgruppe)$'
"#;

#[test]
fn labelled_boxes_and_their_pull_quote_repeats() {
    let text = "\
 Hvorfor en chefgruppe

“Det er den samlede viden i gruppen, der 

gør vores beslutninger bedre.”

Chef

Cheferne deler ofte synspunkter, mens direktionen er mere forsigtig:

“I direktionen har vi lært at vise, at vi også kan være 

uenige. Det gør hele chefgruppen mere tryg.”

 I direktionen har vi 

lært at vise, at vi 

også kan være uenige.

Direktør
";
    let q = quotes(BOXES, text);
    assert_eq!(q.len(), 2, "the repeat is no quote of its own: {q:#?}");
    assert_eq!(
        (q[0].role.as_str(), q[0].speaker.as_str()),
        ("chef", "chef")
    );
    assert!(!q[0].pullquote_only);
    assert_eq!(
        q[1].role, "direktør",
        "the pull-quote's label names the running quote's speaker"
    );
}

/// Single-spaced text with sidebars and pull-quotes printed into quotes.
const SIDEBARS: &str = r#"
level_from = "role"
level_overrides = { chef = "strategisk chef" }
quote_styles = ["marks"]
furniture = ['^Roller i korte træk$']
sidebars = ['^DIREKTØREN$']
[[headings]]
level = "theme"
pattern = '^\d\. (?P<title>At .+)$'
"#;

#[test]
fn a_quote_resumes_after_the_sidebar_printed_into_it() {
    let text = "\
 1. At støtte hinanden

Om dette siger en chef:

“Mange små sager i dagligdagen tager jeg ikke op med 
direktøren. Dem nævner jeg først, når de er 
 Det dårligste er, 
når man holder 
ting for sig selv.

Roller i korte træk

DIREKTØREN 
Som direktør har man brug for at aftale nogle 
spilleregler for, hvornår man vil høre om tingene.

løst. Det dårligste er, når man holder ting for sig selv.”
";
    let q = quotes(SIDEBARS, text);
    assert_eq!(q.len(), 1, "{q:#?}");
    assert_eq!(
        q[0].text,
        "Mange små sager i dagligdagen tager jeg ikke op med direktøren. Dem nævner jeg først, når \
         de er løst. Det dårligste er, når man holder ting for sig selv."
    );
    assert_eq!(
        (q[0].role.as_str(), q[0].level),
        ("chef", Level::StrategiskChef)
    );
    assert_eq!((q[0].source.line_start, q[0].source.line_end), (5, 17));
}

#[test]
fn split_ligatures_are_repaired_in_quotes() {
    let text = "\
 1. At støtte hinanden

“Jeg beder mine chefer om at se sagen fra f lere sider, og det g jorde de,” siger en direktør.
";
    let q = quotes(SIDEBARS, text);
    assert_eq!(
        q[0].text,
        "Jeg beder mine chefer om at se sagen fra flere sider, og det gjorde de"
    );
}

#[test]
fn a_quotation_from_a_document_is_no_interview_quote() {
    let text = "\
 1. At støtte hinanden

Om dette skriver Kodeks for god ledelse blandt andet således:

“Du sørger for, at alle forstår, hvordan I arbejder sammen.”

…

“Du aftaler rammerne for din ledelse med din politiske leder.”
";
    assert!(quotes(SIDEBARS, text).is_empty());
}

#[test]
fn an_unattributable_quote_is_unknown_never_a_guess() {
    let text = "\
 1. At støtte hinanden

Mange politikere og direktører fremhæver, at samarbejdet er sagligt:

“Vi blander aldrig private forhold ind i arbejdet med hinanden.”
";
    let q = quotes(SIDEBARS, text);
    assert_eq!((q[0].role.as_str(), q[0].level), ("ukendt", Level::Ukendt));
}
