"""Neo4j Browser, as served by ``scripts/neo4j.sh``, runs a cypher/ file in headless Chromium.

Needs Debian's ``chromium`` and ``chromium-driver`` and the ``selenium`` package; skipped
without them, except under CI (``CI=true``), where that is a failure. A screenshot of the
result is kept in ``artifacts/neo4j-browser.png``.
"""

from __future__ import annotations

import os
import shutil
import urllib.request

import pytest

from kgraph.query.cypher_files import read_cypher_file

from ..conftest import CHROMIUM_FLAGS, missing
from .conftest import EXAMPLES, ROOT, kgraph

pytestmark = pytest.mark.browser

BROWSER_URL = os.environ.get("NEO4J_BROWSER_URL", "http://127.0.0.1:7474/browser/")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SCREENSHOT = ROOT / "artifacts" / "neo4j-browser.png"


@pytest.fixture
def chrome(tmp_path):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    for tool in (CHROMIUM, CHROMEDRIVER):
        if not os.access(tool, os.X_OK):
            missing(f"{tool} not installed (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        *CHROMIUM_FLAGS,
        f"--user-data-dir={tmp_path / 'chromium'}",
        "--window-size=1400,1000",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def browser_statements(path) -> list[str]:
    """The file as a user pastes it into Browser: ``:param`` lines uncommented."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("// :param"):
            lines.append(line.removeprefix("// "))
        elif not line.startswith("//"):
            lines.append(line)
    return lines


def test_browser_runs_a_library_query(neo4j_store, neo4j_settings, chrome):
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import Select, WebDriverWait

    try:
        urllib.request.urlopen(BROWSER_URL, timeout=5).close()
    except OSError as exc:
        missing(f"Neo4j Browser is not served at {BROWSER_URL}: {exc}")
    result = kgraph("ingest", str(EXAMPLES), "--store", "neo4j", "--quiet", "--workers", "1")
    assert result.returncode == 0, result.stderr

    wait = WebDriverWait(chrome, 60)

    def visible(testid: str):
        return wait.until(
            EC.visibility_of_element_located((By.CSS_SELECTOR, f"[data-testid={testid}]"))
        )

    def connect() -> None:
        chrome.get(BROWSER_URL)
        wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid=connect]")))
        scheme, address = neo4j_settings.uri.split("://", 1)
        Select(visible("bolt-scheme-select")).select_by_visible_text(f"{scheme}://")
        field = visible("boltaddress")
        field.send_keys(Keys.CONTROL, "a")  # clear() does not empty Browser's React inputs
        field.send_keys(Keys.DELETE, address)
        visible("username").send_keys(neo4j_settings.username)
        visible("password").send_keys(neo4j_settings.password)
        visible("connect").click()
        wait.until(
            lambda d: "You are connected as user" in d.find_element(By.TAG_NAME, "body").text
        )

    for attempt in range(3):  # the form re-renders while Browser starts: try again
        try:
            connect()
            break
        except WebDriverException:
            if attempt == 2:
                raise

    def run(lines: list[str]) -> None:
        visible("activeEditor").click()
        actions = ActionChains(chrome)
        for i, line in enumerate(lines):
            if i:
                actions.key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT)
            actions.send_keys(line)
        actions.perform()
        visible("editor-Run").click()

    # The whole file with its :param lines, as Browser's multi-statement editor takes it...
    statements = browser_statements(ROOT / "cypher" / "co-mentioned.cypher")
    run(statements)

    def top_frame(driver) -> str:
        frames = driver.find_elements(By.CSS_SELECTOR, "[data-testid=frame]")
        return frames[0].text if frames else ""

    wait.until(lambda d: ":param limit" in top_frame(d) and "MATCH (x:Entity)" in top_frame(d))
    # ...then the query alone (the parameters stay set), which shows its table.
    run([line for line in statements if not line.startswith(":param")])

    query = read_cypher_file(ROOT / "cypher" / "co-mentioned.cypher")
    expected = neo4j_store.run(query.text, query.bind({}))
    done = f"Started streaming {len(expected)} records"

    def table_shown(driver) -> str:
        text = top_frame(driver)
        return text if done in text and ":param" not in text else ""

    SCREENSHOT.parent.mkdir(exist_ok=True)
    try:
        shown = wait.until(table_shown)
    finally:
        chrome.save_screenshot(str(SCREENSHOT))
    shown_ids = [row["id"] for row in expected if f'"{row["id"]}"' in shown]
    assert len(shown_ids) >= 5  # the rows in view (the table renders lazily)
    assert "ERROR" not in chrome.find_element(By.CSS_SELECTOR, "[data-testid=stream]").text

    # No usage reporting: the server sets client.allow_telemetry=false, so Browser never
    # shows its "we collect information on product usage" banner.
    assert "product usage" not in chrome.find_element(By.TAG_NAME, "body").text
    config = neo4j_store.run("CALL dbms.clientConfig() YIELD name, value RETURN name, value", {})
    settings = {row["name"]: row["value"] for row in config}
    assert settings["client.allow_telemetry"] == "false"
    assert settings["browser.remote_content_hostname_whitelist"] == "localhost"
