"""Reproducible installs: pypdf is pinned to versions with decompression limits, and a lock
file (``constraints.txt``) pins every package that ``scripts/setup.sh`` installs (issue 14)."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parent.parent


def _requirements() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    listed = project["dependencies"] + project["optional-dependencies"]["dev"]
    return [Requirement(line) for line in listed]


def _pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (REPO / "constraints.txt").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"not an exact pin: {line!r}"
            pins[canonicalize_name(name)] = version
    return pins


def test_pypdf_requirement_excludes_versions_without_decompression_limits():
    pypdf = next(r for r in _requirements() if r.name == "pypdf")
    for old in ("5.0.0", "5.9.0", "6.0.0", "6.4.2", "6.10.1"):
        assert not pypdf.specifier.contains(old), old
    assert pypdf.specifier.contains("6.10.2") and pypdf.specifier.contains("7.1.1")


def test_every_dependency_is_pinned_in_the_lock_file_within_its_requirement():
    pins = _pins()
    for requirement in _requirements():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not pinned in constraints.txt"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{requirement.name}=={pins[name]} does not satisfy {requirement}")


def test_setup_installs_through_the_lock_file():
    script = (REPO / "scripts" / "setup.sh").read_text()
    installs = [line for line in script.splitlines() if " -e " in line
                and ("pip install" in line or line.strip().startswith("install "))]
    assert installs and all("-c constraints.txt" in line for line in installs)


def test_the_environment_matches_the_lock_file():
    pins = _pins()
    for requirement in _requirements():
        installed = metadata.version(requirement.name)
        assert installed == pins[canonicalize_name(requirement.name)], requirement.name
