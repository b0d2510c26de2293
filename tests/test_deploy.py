"""``deploy/compose.yaml``: it parses, its replicas and proxy agree, and every tutor setting it
passes is one :class:`tutor.context.TutorContext` reads. (Docker is not run here.)"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tutor.context import TutorContext

REPO = Path(__file__).resolve().parent.parent
DEPLOY = REPO / "deploy"


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def settings_read_by_the_context() -> set[str]:
    source = (REPO / "tutor" / "context.py").read_text(encoding="utf-8")
    return set(re.findall(r'env\.get\("(TUTOR_[A-Z_]+)"', source))


def test_two_app_replicas_with_the_same_settings_behind_one_port() -> None:
    services = compose()["services"]
    apps = {name: s for name, s in services.items() if name.startswith("app-")}
    assert sorted(apps) == ["app-1", "app-2"]
    assert apps["app-1"]["environment"] == apps["app-2"]["environment"]
    assert apps["app-1"]["volumes"] == apps["app-2"]["volumes"]
    assert {"postgres", "chroma", "proxy"} <= set(services)
    assert [p for s in services.values() for p in s.get("ports", [])] == ["8080:80"]
    upstream = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    assert re.findall(r"server (app-\d):8501", upstream) == ["app-1", "app-2"]
    assert all(a["command"][-3:] == ["8501", "--address", "0.0.0.0"] for a in apps.values())
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert "-c constraints.txt" in dockerfile


def test_the_tutor_settings_are_the_ones_the_context_reads(monkeypatch) -> None:
    environment = compose()["services"]["app-1"]["environment"]
    tutor_names = {name for name in environment if name.startswith("TUTOR_")}
    known = settings_read_by_the_context() | {"TUTOR_HOME", "TUTOR_DATA"}
    assert tutor_names - known == set()
    assert {"TUTOR_DATABASE_URL", "TUTOR_CHROMA_URL"} <= tutor_names
    for name in ("TUTOR_DATABASE_URL", "TUTOR_CHROMA_URL"):
        monkeypatch.setenv(name, environment[name].replace("${TUTOR_DB_PASSWORD:?set "
                                                           "TUTOR_DB_PASSWORD}", "pw"))
    context = TutorContext.from_env()
    assert context.database_url == "postgresql://tutor:pw@postgres:5432/tutor"
    assert context.chroma_url == "http://chroma:8000"


def test_the_chroma_server_image_matches_the_pinned_client() -> None:
    pinned = re.search(r"^chromadb==(\S+)$", (REPO / "constraints.txt").read_text(),
                       re.MULTILINE)
    assert pinned is not None
    assert compose()["services"]["chroma"]["image"] == f"chromadb/chroma:{pinned.group(1)}"
