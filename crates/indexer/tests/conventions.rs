//! Each way the booklets print speech, on small hand-written snippets in the
//! style of each booklet (never the booklets' own text): what the extractor
//! must take as a quote, where it starts and ends, and who said it.

use citater_indexer::extraction::extract;
use citater_indexer::repair::Lexicon;
use citater_indexer::vocabulary::Vocabulary;
use citater_indexer::{Level, Publication, Quote};

fn vocabulary() -> Vocabulary {
    Vocabulary::parse(include_str!("../../../corpus/roles.toml")).unwrap()
}

/// Extracts from `text` with a publication whose conventions are `toml`.
fn quotes(conventions: &str, text: &str) -> Vec<Quote> {
    let publication: Publication = toml::from_str(&format!(
        "id = \"test\"\nfile = \"test.txt\"\ntitle = \"Test\"\npublisher = \"Væksthus for Ledelse\"\n{conventions}"
    ))
    .expect("valid test metadata");
    let lexicon = Lexicon::from_texts([text, "flere ledere gjorde det"]);
    extract(
        &publication,
        "corpus/test.txt",
        text,
        &lexicon,
        &vocabulary(),
    )
    .expect("extraction runs")
    .into_iter()
    .map(|e| e.quote)
    .collect()
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

1. At lede mennesker
Mange oplever noget nyt i rollen:

“Jeg bruger meget tid på det relationelle, og det har over-
rasket mig i starten,” siger en kommunal leder.

Andre har en anden erfaring.
";
    let q = quotes(MARKS_BY_CHAPTER, text);
    assert_eq!(q.len(), 1, "{q:#?}");
    assert_eq!(
        q[0].text,
        "Jeg bruger meget tid på det relationelle, og det har overrasket mig i starten"
    );
    assert_eq!(
        (q[0].speaker.as_str(), q[0].role.as_str()),
        ("en kommunal leder", "leder")
    );
    assert_eq!(q[0].level, Level::Leder);
    assert_eq!(
        (q[0].theme.as_str(), q[0].subtheme.as_deref()),
        ("At blive leder", Some("At lede mennesker"))
    );
    assert_eq!((q[0].source.line_start, q[0].source.line_end), (6, 7));
}

#[test]
fn the_chapter_decides_the_level_whatever_the_title() {
    let text = "\
 At blive chef

“Jeg brugte tre andre skoleledere, da vi skulle fortolke reformen,” siger en skoleleder.
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

“Politisk tæft er helt afgørende for os.”

En leder fortæller, hvordan hun har arbejdet med en medarbejder.

“Det er virkelig tilfredsstillende at se det lykkes,” forklarer hun.
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

En chef kalder det “at falde i ledergryden”, når man løser småopgaver.
De fleste husker “den første gang” med glæde.
";
    assert!(quotes(MARKS_BY_CHAPTER, text).is_empty());
}

#[test]
fn an_unattributed_quote_gets_the_role_its_chapter_gives_and_no_speaker() {
    let text = "\
 At blive leder

Det er derfor en del af opgaven at lære dem, hvordan de skal bruge en:

“De vil gerne bruge mig til alt muligt – også konflikter.”
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
pattern = '^(?P<title>Den politiske livsledsager)$'
"#;

#[test]
fn dash_paragraphs_with_the_attribution_at_the_end_or_inserted() {
    let text = "\
 Den politiske livsledsager

– Udfordringen er bare, påpeger samme politikers direktør, at 

der ikke findes nogen facitliste for, hvornår noget er politisk.

– Hos os har vi det princip, at jeg tager mig af driften, siger 

en direktør.

Flere af direktørerne anslår, at sparringen fylder meget.
";
    let q = quotes(DASH, text);
    assert_eq!(q.len(), 2, "{q:#?}");
    assert_eq!(
        q[0].text,
        "Udfordringen er bare, at der ikke findes nogen facitliste for, hvornår noget er politisk."
    );
    assert_eq!(q[0].speaker, "samme politikers direktør");
    assert_eq!(
        (q[1].text.as_str(), q[1].speaker.as_str()),
        (
            "Hos os har vi det princip, at jeg tager mig af driften",
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
 Den politiske livsledsager

– Som direktør kan det være en stor udfordring at forklare det politiske 

spil. Nogle gange kan jeg se det i deres øjne, når de tænker over det. 

I det hele taget vurderer mange politikere og direktører, at embedsmænd 

kan have svært ved at forstå politikerne.
";
    let q = quotes(DASH, text);
    assert_eq!(q.len(), 1, "{q:#?}");
    assert!(
        q[0].text.ends_with("når de tænker over det."),
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
 Den politiske livsledsager

– Vi har holdt mange borgermøder, og her prøver jeg altid tingene af, fortæller 

en borgmester.
";
    let q = quotes(DASH, text);
    assert_eq!(
        (q[0].role.as_str(), q[0].level),
        ("borgmester", Level::Politiker)
    );
}

/// The Markdown-like extraction of "Kære chef! Kære ledere!".
const WISHES: &str = r#"
level_from = "role"
quote_styles = ["marks", "lone_mark", "bold", "italic", "set_apart"]
[[headings]]
level = "theme"
pattern = '^(?P<title>du .+)$'
[[headings]]
level = "subtheme"
pattern = '^(?P<title>Kære chef)! Vi har brug for, at \.\.\.$'
role = "leder"
[[headings]]
level = "subtheme"
pattern = '^(?P<title>Kære ledere)! Jeg forstår jeres behov for\b.+$'
role = "chef"
"#;

#[test]
fn lone_marks_bold_and_set_apart_paragraphs_by_side() {
    let text = "\
*Kære chef! Vi har brug for, at ...*

## ... du viser os tillid

- At du uddelegerer opgaver.

”

Når vi sidder blandt mine medarbejdere, forventer jeg, at min chef bakker mig op.

## Kære ledere! Jeg forstår jeres behov for tillid

- At give jer plads til at være ledere.



**Lederne skal have sparring, når de har brug for det, og ellers have ro.**



Når noget ikke fungerer, bliver jeg mere kontrollerende som chef over for dem.
";
    let q = quotes(WISHES, text);
    assert_eq!(q.len(), 3, "{q:#?}");
    assert_eq!(
        (q[0].role.as_str(), q[0].level, q[0].subtheme.as_deref()),
        ("leder", Level::Leder, Some("Kære chef"))
    );
    assert_eq!(q[0].theme, "du viser os tillid");
    assert_eq!(
        q[1].text,
        "Lederne skal have sparring, når de har brug for det, og ellers have ro."
    );
    assert_eq!(
        (q[1].role.as_str(), q[1].subtheme.as_deref()),
        ("chef", Some("Kære ledere"))
    );
    assert_eq!((q[2].role.as_str(), q[2].level), ("chef", Level::Chef));
}

#[test]
fn italic_speech_after_an_introduction() {
    let text = "\
## ... du viser os tillid

Ledelse af ledere handler om ledelsesrummet. En chef siger:

*Det er vigtigt at give plads til, at den enkelte leder kan udøve sin egen ledelse.*
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
pattern = '^(?P<title>Idéen med chefgruppen)$'
"#;

#[test]
fn labelled_boxes_and_their_pull_quote_repeats() {
    let text = "\
 Idéen med chefgruppen

“Ofte er det summen af det, vi hver især 

ved, som gør beslutningerne gode.”

Chef

Cheferne er enige om det meste, men direktionen er mere tøvende:

“I direktionen er vi blevet bedre til at vise, at vi ikke altid 

er enige. Det giver en tryghed i hele chefgruppen.”

 I direktionen er vi 

blevet bedre til at vise, 

at vi ikke altid er enige.

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
furniture = ['^Parternes roller – kort fortalt$']
sidebars = ['^DIREKTØREN$']
[[headings]]
level = "theme"
pattern = '^\d\. (?P<title>At .+)$'
"#;

#[test]
fn a_quote_resumes_after_the_sidebar_printed_into_it() {
    let text = "\
 1. At hjælpe hinanden

Om dette siger en chef:

“Der er mange problemer i hverdagen, jeg ikke taler med 
direktøren om. Her orienterer jeg først, når sagen er 
 Det værste er, hvis 
folk går og putter 
med et eller andet.

Parternes roller – kort fortalt

DIREKTØREN 
Som direktør har man behov for at angive nogle 
principper for, hvornår man vil orienteres.

afsluttet. Det værste er, hvis folk går og putter med et eller andet.”
";
    let q = quotes(SIDEBARS, text);
    assert_eq!(q.len(), 1, "{q:#?}");
    assert_eq!(
        q[0].text,
        "Der er mange problemer i hverdagen, jeg ikke taler med direktøren om. Her orienterer jeg \
         først, når sagen er afsluttet. Det værste er, hvis folk går og putter med et eller andet."
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
 1. At hjælpe hinanden

“Jeg forventer, at mine chefer tænker i f lere vinkler, og det g jorde de,” siger en direktør.
";
    let q = quotes(SIDEBARS, text);
    assert_eq!(
        q[0].text,
        "Jeg forventer, at mine chefer tænker i flere vinkler, og det gjorde de"
    );
}

#[test]
fn a_quotation_from_a_document_is_no_interview_quote() {
    let text = "\
 1. At hjælpe hinanden

Om dette skriver Kodeks for god offentlig topledelse blandt andet således:

“Du har et særligt ansvar for at sikre en fælles forståelse af jeres samspil.”

…

“Du afklarer dit ledelsesrum med din politiske leder.”
";
    assert!(quotes(SIDEBARS, text).is_empty());
}

#[test]
fn an_unattributable_quote_is_unknown_never_a_guess() {
    let text = "\
 1. At hjælpe hinanden

Mange politikere og direktører understreger, at forholdet er professionelt:

“Vi spørger aldrig om ting, der kan sætte den anden i forlegenhed.”
";
    let q = quotes(SIDEBARS, text);
    assert_eq!((q[0].role.as_str(), q[0].level), ("ukendt", Level::Ukendt));
}
