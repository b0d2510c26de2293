"""Regenerate the web app screenshots in docs/screenshots/ (learn, course map, progress, author).

Runs the real-browser test (chromium + playwright against `streamlit run app.py` on the sample
course) with TUTOR_SCREENSHOTS pointing at docs/screenshots:

    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    target = REPO / "docs" / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, TUTOR_SCREENSHOTS=str(target), ANONYMIZED_TELEMETRY="False",
               STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    code = subprocess.call(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/test_browser.py"],
        cwd=REPO, env=env,
    )
    if code == 0:
        for png in sorted(target.glob("*.png")):
            print(png.relative_to(REPO))
    return code


if __name__ == "__main__":
    sys.exit(main())
