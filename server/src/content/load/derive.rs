//! Indexes derived once per load: reading order, quiz order, tag lists and related
//! articles.

use app::content::{Article, Library, Quiz};
use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Tags with more articles than this are too broad to make two articles related.
const BROAD_TAG: usize = 200;

/// Reading order, quiz order, tag lists and related articles, computed once per load.
pub(super) fn derive_indexes(library: &mut Library) {
    let mut sorted: Vec<&Article> = library.articles.values().map(Arc::as_ref).collect();
    sorted.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.title.cmp(&b.title)));
    let order: Vec<String> = sorted.iter().map(|a| a.slug.clone()).collect();
    let mut quizzes: Vec<&Quiz> = library.quizzes.values().collect();
    quizzes.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.title.cmp(&b.title)));
    let quiz_order: Vec<String> = quizzes.iter().map(|q| q.id.clone()).collect();
    let mut tags: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for a in &sorted {
        for t in &a.tags {
            tags.entry(t.clone()).or_default().push(a.slug.clone());
        }
    }
    let related = related(&sorted);
    library.order = order;
    library.quiz_order = quiz_order;
    library.tags = tags;
    library.related = related;
}

/// Scores summed per article, reset after each article through the list of those touched.
struct Scores {
    score: Vec<usize>,
    touched: Vec<usize>,
}

impl Scores {
    fn bump(&mut self, j: usize, by: usize) {
        if self.score[j] == 0 {
            self.touched.push(j);
        }
        self.score[j] += by;
    }

    /// The best three other than `i` (highest score, then earliest), and a reset.
    fn take_best(&mut self, i: usize) -> Vec<usize> {
        let mut best: Vec<(Reverse<usize>, usize)> = self
            .touched
            .iter()
            .filter(|&&j| j != i)
            .map(|&j| (Reverse(self.score[j]), j))
            .collect();
        if best.len() > 3 {
            best.select_nth_unstable(2);
            best.truncate(3);
        }
        best.sort_unstable();
        for &j in &self.touched {
            self.score[j] = 0;
        }
        self.touched.clear();
        best.into_iter().map(|(_, j)| j).collect()
    }
}

/// Related articles, computed on positions in reading order (a position is also the
/// tie-break: earlier first) with one reused score array, so that a large tree costs
/// milliseconds rather than a second of string hashing.
fn related(sorted: &[&Article]) -> BTreeMap<String, Vec<String>> {
    let position: HashMap<&str, usize> = sorted
        .iter()
        .enumerate()
        .map(|(i, a)| (a.slug.as_str(), i))
        .collect();
    let mut members: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut children: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, a) in sorted.iter().enumerate() {
        for t in &a.tags {
            members.entry(t.as_str()).or_default().push(i);
        }
        if let Some(p) = &a.paradigm {
            children.entry(p.as_str()).or_default().push(i);
        }
    }
    let mut scores = Scores {
        score: vec![0; sorted.len()],
        touched: Vec::new(),
    };
    let mut related = BTreeMap::new();
    for (i, a) in sorted.iter().enumerate() {
        for t in &a.tags {
            let list = &members[t.as_str()];
            if list.len() > BROAD_TAG {
                continue;
            }
            for &m in list {
                scores.bump(m, 1);
            }
        }
        // Same family: the paradigm, its other approaches, or an approach of this paradigm.
        if let Some(p) = &a.paradigm {
            if let Some(&at) = position.get(p.as_str()) {
                scores.bump(at, 3);
            }
            for &sibling in children.get(p.as_str()).into_iter().flatten() {
                scores.bump(sibling, 2);
            }
        }
        for &child in children.get(a.slug.as_str()).into_iter().flatten() {
            scores.bump(child, 3);
        }
        let top = scores.take_best(i);
        let top: Vec<String> = top.iter().map(|&j| sorted[j].slug.clone()).collect();
        related.insert(a.slug.clone(), top);
    }
    related
}
