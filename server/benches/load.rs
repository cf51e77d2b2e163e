//! How long `load()` takes, and how much memory it needs, on a large content tree:
//! 5,000 generated articles of about 800 words (headings, lists, tables, footnotes,
//! links to each other and to the glossary) and a 60-term glossary.
//!
//!     cargo bench -p server --bench load
//!
//! Set `PATHWAYS_BENCH_ARTICLES` / `PATHWAYS_BENCH_TERMS` to change the number of
//! articles / glossary terms.

use app::content::Library;
use server::content::load::{ArticleCache, load, load_cached};
use server::content::search_index::SearchIndex;
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

const RUNS: usize = 3;
const PARADIGMS: usize = 10;

/// A small deterministic generator (xorshift64*), so every run sees the same tree.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "therapy",
    "client",
    "therapist",
    "session",
    "feelings",
    "thoughts",
    "people",
    "often",
    "together",
    "practice",
    "change",
    "pattern",
    "relationship",
    "listen",
    "week",
    "goal",
    "notice",
    "small",
    "steps",
    "safe",
    "the",
    "a",
    "and",
    "of",
    "to",
    "in",
    "with",
    "that",
    "is",
    "for",
    "you",
    "your",
    "may",
    "can",
    "about",
    "what",
    "how",
    "when",
    "some",
    "work",
    "helps",
    "explore",
    "understand",
    "family",
    "past",
    "present",
    "skills",
    "between",
    "approach",
    "research",
    "evidence",
    "support",
    "anxiety",
    "mood",
    "body",
    "meaning",
    "choice",
    "culture",
    "values",
    "stress",
    "worry",
    "trust",
    "pace",
    "structure",
    "plan",
];

fn sentence(rng: &mut Rng, terms: &[String]) -> String {
    let n = 8 + rng.below(12);
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        if rng.below(40) == 0 {
            // Mention a glossary term: the loader links its first mention.
            s.push_str(&terms[rng.below(terms.len())].to_lowercase());
        } else {
            s.push_str(rng.pick(WORDS));
        }
    }
    let mut c = s.chars();
    let first = c
        .next()
        .map(|f| f.to_uppercase().collect::<String>())
        .unwrap_or_default();
    format!("{first}{}.", c.as_str())
}

fn slug(i: usize) -> String {
    if i < PARADIGMS {
        format!("paradigm-{i}")
    } else {
        format!("article-{i}")
    }
}

/// The sections every therapy article must have (`content/README.md`).
const THERAPY_SECTIONS: [&str; 5] = [
    "How it works",
    "What it can help with",
    "Risks and downsides",
    "Alternatives",
    "What is still uncertain",
];

/// One article of about 800 words.
fn article(i: usize, n: usize, rng: &mut Rng, terms: &[String]) -> String {
    let mut out = String::with_capacity(7000);
    let paradigm = i < PARADIGMS;
    let _ = writeln!(out, "---");
    let _ = writeln!(out, "title: Generated article number {i}");
    let _ = writeln!(
        out,
        "summary: A generated article used to measure how long loading a large content tree takes."
    );
    if paradigm {
        let _ = writeln!(out, "tags: [paradigm, topic-{}]", i % 50);
    } else {
        let _ = writeln!(out, "paradigm: {}", slug(i % PARADIGMS));
        // `modality` is a broad tag (thousands of articles); `topic-*` are narrow.
        let _ = writeln!(
            out,
            "tags: [modality, topic-{}, topic-{}]",
            i % 50,
            (i * 7) % 50
        );
    }
    let _ = writeln!(out, "updated: 2026-0{}-1{}", 1 + i % 9, i % 10);
    let _ = writeln!(out, "reviewed: 2026-0{}-1{}", 1 + i % 9, i % 10);
    let _ = writeln!(out, "next_review: 2027-0{}-1{}", 1 + i % 9, i % 10);
    let _ = writeln!(out, "order: {}", i % 200);
    let _ = writeln!(out, "sources:");
    for s in 0..3 {
        let _ = writeln!(
            out,
            "  - \"Author, A. ({}). A book about approach {i}, part {s}. Publisher.\"",
            1990 + (i + s) % 35
        );
    }
    let _ = writeln!(out, "---\n");
    let mut words = 0;
    let mut section = 0;
    // A therapy article (tagged `modality`) must answer the five questions of the
    // health-content standard under their headings, whatever its length.
    let required: &[&str] = if paradigm { &[] } else { &THERAPY_SECTIONS };
    while words < 690 || section < required.len() {
        section += 1;
        match required.get(section - 1) {
            Some(heading) => {
                let _ = writeln!(out, "## {heading}\n");
            }
            None => {
                let _ = writeln!(out, "## Section {section} about {}\n", rng.pick(WORDS));
            }
        }
        for sub in 0..2 {
            if sub == 1 {
                let _ = writeln!(out, "### Part {section}.{sub}\n");
            }
            // A paragraph of 4–6 sentences with a link to another article.
            let mut para = Vec::new();
            for _ in 0..4 + rng.below(3) {
                para.push(sentence(rng, terms));
            }
            let target = slug(rng.below(n));
            para.push(format!(
                "Read more in [the article on {}]({target}).",
                rng.pick(WORDS)
            ));
            let p = para.join(" ");
            words += p.split_whitespace().count();
            let _ = writeln!(out, "{p}\n");
        }
        match section % 3 {
            0 => {
                for _ in 0..3 {
                    let s = sentence(rng, terms);
                    words += s.split_whitespace().count();
                    let _ = writeln!(out, "- {s}");
                }
                out.push('\n');
            }
            1 => {
                let _ = writeln!(
                    out,
                    "| step | what happens |\n|---|---|\n| 1 | {} |\n| 2 | {} |\n",
                    rng.pick(WORDS),
                    rng.pick(WORDS)
                );
                words += 8;
            }
            _ => {
                let _ = writeln!(
                    out,
                    "A note on method.[^{section}]\n\n[^{section}]: {}\n",
                    sentence(rng, terms)
                );
                words += 12;
            }
        }
    }
    out
}

fn glossary(terms: &[String], n: usize) -> String {
    let mut out = String::from("terms:\n");
    for (i, t) in terms.iter().enumerate() {
        let _ = writeln!(
            out,
            "  - term: {t}\n    definition: A generated definition for the term {t}, long enough to read like a real one.\n    see: [{}]",
            slug(i % n)
        );
    }
    out
}

pub(crate) fn generate(root: &Path, n: usize, n_terms: usize) -> u64 {
    std::fs::create_dir_all(root.join("articles")).unwrap();
    let mut terms: Vec<String> = (0..n_terms)
        .map(|i| format!("Term{} {}", i, WORDS[i % WORDS.len()]))
        .collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut bytes = 0u64;
    let mentions = if terms.is_empty() {
        vec!["plain".to_string()]
    } else {
        terms.clone()
    };
    for i in 0..n {
        let a = article(i, n, &mut rng, &mentions);
        bytes += a.len() as u64;
        std::fs::write(root.join("articles").join(format!("{}.md", slug(i))), a).unwrap();
    }
    if !terms.is_empty() {
        let g = glossary(&terms, n);
        bytes += g.len() as u64;
        std::fs::write(root.join("glossary.yaml"), g).unwrap();
    }
    terms.clear();
    bytes
}

/// (VmRSS, VmHWM) in KiB, from /proc/self/status.
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Reset VmHWM to the current RSS (Linux ≥ 4.0), so each step's peak is its own.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

struct Row {
    step: String,
    time: Duration,
    rss_before: u64,
    rss_after: u64,
    peak: u64,
}

/// Run `f` `RUNS` times; keep the best time, the first run's memory, and the result
/// of the last run (dropped by the caller when it is done with it).
fn measure<T>(step: &str, mut f: impl FnMut() -> T) -> (Row, T) {
    let mut best = Duration::MAX;
    let mut row = None;
    let mut last = None;
    for _ in 0..RUNS {
        drop(last.take());
        let (rss_before, _) = memory();
        reset_peak();
        let start = Instant::now();
        let value = f();
        let time = start.elapsed();
        let (rss_after, peak) = memory();
        best = best.min(time);
        row.get_or_insert(Row {
            step: step.to_string(),
            time,
            rss_before,
            rss_after,
            peak,
        });
        last = Some(value);
    }
    let mut row = row.unwrap();
    row.time = best;
    (row, last.unwrap())
}

fn main() {
    // `cargo bench` passes `--bench`; ignore arguments.
    let n: usize = std::env::var("PATHWAYS_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000);
    let n_terms: usize = std::env::var("PATHWAYS_BENCH_TERMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let dir = tempfile::tempdir().expect("tempdir");
    // PATHWAYS_BENCH_DIR=<empty folder> keeps the generated tree, e.g. to measure a
    // running server: `PATHWAYS_CONTENT_DIR=<folder> target/release/server`.
    let kept = std::env::var_os("PATHWAYS_BENCH_DIR").map(std::path::PathBuf::from);
    let root = kept.as_deref().unwrap_or(dir.path());

    let (rss_start, hwm_start) = memory();
    let t = Instant::now();
    let bytes = generate(root, n, n_terms);
    println!(
        "generated {n} articles ({:.1} MiB of Markdown) and {n_terms} glossary terms in {:.0?}",
        bytes as f64 / 1024.0 / 1024.0,
        t.elapsed()
    );
    if !reset_peak() {
        println!("note: /proc/self/clear_refs not writable; VmHWM is the process's peak so far");
    }
    println!(
        "memory before loading: VmRSS {}, VmHWM {}",
        mib(rss_start),
        mib(hwm_start)
    );

    let mut rows = Vec::new();
    let (row, first) = measure("load(root, None)", || load(root, None));
    assert!(
        first.errors.is_empty(),
        "generated tree has problems:\n{}",
        first
            .errors
            .iter()
            .take(5)
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(first.library.articles.len(), n);
    rows.push(row);
    let library: Library = first.library;
    let words: usize = library.articles.values().map(|a| a.words).sum();
    let html: usize = library
        .articles
        .values()
        .map(|a| a.html.len() + a.text.len())
        .sum();
    println!(
        "loaded: {} articles, {} words each on average (Article.words), {:.1} MiB of HTML + plain text",
        library.articles.len(),
        words / n,
        html as f64 / 1024.0 / 1024.0
    );

    let (row, again) = measure("load(root, Some(prev)) (reload)", || {
        load(root, Some(&library))
    });
    rows.push(row);
    drop(again);

    // What the server's watcher does: the cache is filled by the first load, then an
    // editor changes one file and only that one is parsed again.
    let mut cache = ArticleCache::default();
    drop(load_cached(root, None, &mut cache));
    let edited = root.join("articles").join(format!("{}.md", slug(n / 2)));
    let original = std::fs::read_to_string(&edited).expect("article");
    let mut run = 0;
    let (row, again) = measure("reload, one file edited (cached)", || {
        run += 1;
        std::fs::write(&edited, format!("{original}\nEdited, run {run}.\n")).expect("write");
        load_cached(root, Some(&library), &mut cache)
    });
    assert!(again.errors.is_empty());
    rows.push(row);
    drop(again);
    drop(cache);

    let (row, index) = measure("SearchIndex::build (first load)", || {
        SearchIndex::build(&library).expect("index")
    });
    rows.push(row);

    // What a reload does to the index: one article edited, only it indexed again.
    let mut edited_library = library.clone();
    if let Some(a) = edited_library.articles.values_mut().nth(n / 2) {
        let mut changed = (**a).clone();
        changed.text.push_str(" Edited.");
        *a = std::sync::Arc::new(changed);
    }
    let (row, updated) = measure("SearchIndex::update (one edited)", || {
        index.update(&library, &edited_library).expect("update")
    });
    rows.push(row);
    drop(updated);
    drop(index);
    drop(edited_library);

    let (rss_end, hwm_end) = memory();
    println!();
    println!(
        "{:<36} {:>10} {:>14} {:>14} {:>14}",
        format!("step (best of {RUNS})"),
        "time",
        "VmRSS before",
        "VmRSS after",
        "VmHWM (peak)"
    );
    for r in &rows {
        println!(
            "{:<36} {:>10} {:>14} {:>14} {:>14}",
            r.step,
            format!("{:.0} ms", r.time.as_secs_f64() * 1e3),
            mib(r.rss_before),
            mib(r.rss_after),
            mib(r.peak)
        );
    }
    println!();
    println!(
        "per article: {:.0} µs to load; library held: ~{} (VmRSS after first load minus before)",
        rows[0].time.as_secs_f64() * 1e6 / n as f64,
        mib(rows[0].rss_after.saturating_sub(rows[0].rss_before))
    );
    println!(
        "memory at the end (library alive): VmRSS {}, VmHWM {}",
        mib(rss_end),
        mib(hwm_end)
    );
}
