//! Building the graph from a corpus.

use std::collections::HashSet;

use super::{CitationEdge, CitationGraph, ListedInfo, NodeDiscovery, PaperNode, twins};
use crate::model::Corpus;
use crate::paper_list::PaperList;

/// What building the graph skipped, for the run summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BuildReport {
    /// Citations whose other end has no metadata in the corpus.
    pub edges_without_paper: usize,
    /// Citations that fell away because both ends are one paper after merging.
    pub self_citations: usize,
    /// S2 records merged into another node (same DOI or arXiv id).
    pub merged_records: usize,
    /// Preprint/published twins merged into one node (see [`super::twins`]).
    pub twins_merged: usize,
}

impl CitationGraph {
    /// The graph of a corpus: listed papers first (in list order), then every other paper in
    /// id order, then every citation. The same corpus always gives the same node order.
    pub fn from_corpus(list: &PaperList, corpus: &Corpus) -> (CitationGraph, BuildReport) {
        let mut graph = CitationGraph::new();
        let mut report = BuildReport::default();
        let listed_ids: Vec<(usize, &str)> =
            corpus.listed.iter().filter_map(|e| e.paper_id().map(|id| (e.list_index, id))).collect();
        for &(list_index, paper_id) in &listed_ids {
            let Some(meta) = corpus.papers.get(paper_id) else { continue };
            let before = graph.node_count();
            let node = graph.add_paper(PaperNode::from_meta(meta));
            report.merged_records += usize::from(graph.node_count() == before);
            let paper = &list.papers[list_index];
            graph.mark_listed(node, ListedInfo { list_index, section: paper.section.clone(), tag: paper.tag.clone() });
        }
        let listed_set: HashSet<&str> = listed_ids.iter().map(|&(_, id)| id).collect();
        let twins = twins::twins(&corpus.papers, &listed_set);
        for meta in corpus.papers.values() {
            if graph.find(&meta.paper_id).is_some() {
                continue;
            }
            if let Some(into) = twins.get(&meta.paper_id) {
                let node = match graph.find(into) {
                    Some(node) => node,
                    None => graph.add_paper(PaperNode::from_meta(&corpus.papers[into])),
                };
                graph.add_twin(node, PaperNode::from_meta(meta));
                report.twins_merged += 1;
                continue;
            }
            let before = graph.node_count();
            graph.add_paper(PaperNode::from_meta(meta));
            report.merged_records += usize::from(graph.node_count() == before);
        }
        for citation in &corpus.citations {
            let (Some(citing), Some(cited)) = (graph.find(&citation.citing), graph.find(&citation.cited)) else {
                report.edges_without_paper += 1;
                continue;
            };
            if citing == cited {
                report.self_citations += 1;
                continue;
            }
            graph.add_citation(citing, cited, CitationEdge::from_citation(citation));
        }
        let discovery = NodeDiscovery::of(&graph, corpus);
        graph.set_discovery(discovery);
        (graph, report)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::{Citation, ExternalIds, ListedEntry, PaperMeta, Resolution, ResolvedVia};
    use crate::paper_list::{ListSource, parse_markdown};

    fn meta(id: &str, title: &str, doi: Option<&str>, arxiv: Option<&str>, cites: Option<u64>) -> PaperMeta {
        PaperMeta {
            paper_id: id.into(),
            title: title.into(),
            citation_count: cites,
            external_ids: ExternalIds {
                doi: doi.map(Into::into),
                arxiv: arxiv.map(Into::into),
                ..ExternalIds::default()
            },
            ..PaperMeta::default()
        }
    }

    fn cite(a: &str, b: &str, influential: Option<bool>) -> Citation {
        Citation { citing: a.into(), cited: b.into(), is_influential: influential, intents: vec![] }
    }

    fn corpus(papers: Vec<PaperMeta>, citations: Vec<Citation>, listed: &[&str]) -> Corpus {
        Corpus {
            fetched_at: None,
            listed: listed
                .iter()
                .enumerate()
                .map(|(i, id)| ListedEntry {
                    list_index: i,
                    resolution: Resolution::Resolved { paper_id: (*id).into(), via: ResolvedVia::Id },
                    references: None,
                    citations: None,
                })
                .collect(),
            papers: papers.into_iter().map(|p| (p.paper_id.clone(), p)).collect::<BTreeMap<_, _>>(),
            citations,
            discovery: Default::default(),
        }
    }

    fn two_paper_list() -> PaperList {
        parse_markdown(
            ListSource::Stdin,
            "## A\n1. [arXiv 23] [L1](https://arxiv.org/abs/2301.00001)\n## B\n1. [L2](https://arxiv.org/abs/2301.00002)\n",
        )
    }

    #[test]
    fn records_sharing_a_doi_in_any_case_or_an_arxiv_id_are_one_node() {
        let c = corpus(
            vec![
                meta("l1", "L1", None, Some("2301.00001"), Some(5)),
                meta("l2", "L2", None, Some("2301.00002"), Some(5)),
                meta("x", "X", Some("10.1/ABC"), None, Some(10)),
                meta("y", "X (duplicate record)", Some("10.1/abc"), None, Some(12)),
                meta("z", "Z", None, Some("2301.00009"), None),
                meta("zz", "Z again", None, Some("2301.00009v2"), Some(3)),
            ],
            vec![
                cite("l1", "x", Some(false)),
                cite("l2", "y", Some(true)),
                cite("z", "l1", None),
                cite("zz", "l1", Some(true)),
            ],
            &["l1", "l2"],
        );
        let (g, report) = CitationGraph::from_corpus(&two_paper_list(), &c);
        assert_eq!(g.node_count(), 4, "l1, l2, x=y, z=zz");
        assert_eq!(report.merged_records, 2);
        assert_eq!(g.find("x"), g.find("y"));
        let x = g.node(g.find("y").unwrap());
        assert_eq!(x.title, "X");
        assert_eq!(x.citation_count, Some(12), "the larger count wins");
        assert_eq!(g.edge_count(), 3, "z->l1 and zz->l1 are one citation");
        let z = g.find("zz").unwrap();
        let l1 = g.find("l1").unwrap();
        let e = g.graph().find_edge(z, l1).unwrap();
        assert_eq!(g.graph()[e].is_influential, Some(true), "influential if either record says so");
    }

    #[test]
    fn listed_papers_come_first_with_their_sections() {
        let c = corpus(
            vec![
                meta("a0", "Other", None, None, None),
                meta("l2", "L2", None, None, None),
                meta("l1", "L1", None, None, None),
            ],
            vec![cite("a0", "l1", None), cite("a0", "missing", None), cite("l1", "l1", None)],
            &["l1", "l2"],
        );
        let (g, report) = CitationGraph::from_corpus(&two_paper_list(), &c);
        let order: Vec<&str> = g.graph().node_indices().map(|n| g.node(n).paper_id.as_str()).collect();
        assert_eq!(order, ["l1", "l2", "a0"]);
        let sections: Vec<&str> = g.listed().map(|n| g.node(n).listed.as_ref().unwrap().section.as_str()).collect();
        assert_eq!(sections, ["A", "B"]);
        assert_eq!(report.edges_without_paper, 1);
        assert_eq!(report.self_citations, 1);
        assert_eq!(g.edge_count(), 1);
    }
}
