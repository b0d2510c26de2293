"""The concept graph for graph tools: GraphML (networkx reads it) and a node-link JSON."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from tutor.course import Course
from tutor.export.summary import ExportSummary


def concept_graph(course: Course) -> nx.DiGraph:
    """Nodes are concepts, edges go from a prerequisite to the concept that needs it."""
    graph = nx.DiGraph(title=course.title)
    for concept in course.concepts:
        graph.add_node(
            concept.id,
            name=concept.name,
            definition=concept.definition,
            citations="; ".join(c.label() for c in concept.citations),
            section=concept.section,
            exercises=len(course.exercises_for(concept.id)),
        )
    for edge in course.prerequisites:
        graph.add_edge(edge.prerequisite, edge.concept, weight=edge.weight,
                       rationale=edge.rationale)
    return graph


def export_graphml(course: Course, out: Path) -> ExportSummary:
    graph = concept_graph(course)
    out.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(graph, out)
    return ExportSummary(format="graphml", path=out, items=graph.number_of_nodes(),
                         detail={"nodes": graph.number_of_nodes(),
                                 "edges": graph.number_of_edges()})


def export_json(course: Course, out: Path) -> ExportSummary:
    graph = concept_graph(course)
    data = {
        "title": course.title,
        "nodes": [
            {"id": c.id, "name": c.name, "definition": c.definition,
             "citations": [cit.model_dump() for cit in c.citations], "section": c.section}
            for c in course.concepts
        ],
        "edges": [
            {"source": e.prerequisite, "target": e.concept, "weight": e.weight,
             "rationale": e.rationale}
            for e in course.prerequisites
        ],
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return ExportSummary(format="json", path=out, items=graph.number_of_nodes(),
                         detail={"nodes": graph.number_of_nodes(),
                                 "edges": graph.number_of_edges()})
