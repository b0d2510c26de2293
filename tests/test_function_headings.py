"""A section whose heading names a function by its call ("3.7.2 Pde()", "Border(),
buildmesh(), polygon()") is devoted to that function: the function is a concept of the map,
however short, common or code-like its name."""

from __future__ import annotations

from tests.factories import manual_pages
from tutor.engine.offline.concepts.extract import extract_concepts

_INTRO = ("Programs are made of statements. A mesh is a set of triangles covering the domain "
          "of the problem, and the solution of an equation is computed on the mesh. ")


def _names(*pages: tuple[str, str]) -> set[str]:
    return {d.name.lower() for d in extract_concepts(manual_pages(*pages))}


def test_a_heading_naming_a_function_makes_it_a_concept() -> None:
    names = _names(
        ("3.1 Programs", _INTRO * 2),
        ("3.7.2 Pde()", "The syntax for pde is pde(u) -laplace(u) = f. It declares the "
         "equation to be solved for u, and solve(u) then computes u on the mesh."),
        ("3.7.3 Solve()", "After the equation is declared, solve(u) computes the solution "
         "u on the current mesh and stores it for plotting."),
        ("3.8 Results", "Results are displayed with plot(u) once solve(u) has computed u; "
         "pde(u) may be declared again for a second problem."),
    )
    assert {"pde", "solve"} <= names


def test_a_heading_naming_several_functions_makes_each_a_concept() -> None:
    names = _names(
        ("3.1 Programs", _INTRO * 2),
        ("3.3.2 Border(), buildmesh()", "The keyword border declares a curve of the "
         "boundary, border a(t=0,1) {x=t; y=0}. buildmesh(a(10)) then builds the mesh from "
         "the borders, with ten points on a."),
        ("3.4 Functions", "Functions are defined on the mesh built by buildmesh; each border "
         "keeps its number for boundary conditions."),
    )
    assert {"border", "buildmesh"} <= names


def test_the_same_names_without_a_heading_of_their_own_are_no_concepts() -> None:
    names = _names(
        ("3.1 Programs", _INTRO * 2),
        ("3.7 Solving", "The syntax for pde is pde(u) -laplace(u) = f. It declares the "
         "equation to be solved for u, and solve(u) then computes u on the mesh."),
        ("3.8 Results", "Results are displayed with plot(u) once solve(u) has computed u; "
         "pde(u) may be declared again for a second problem."),
    )
    assert not {"pde", "solve"} & names
