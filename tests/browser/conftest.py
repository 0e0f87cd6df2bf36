"""The demo server, its crawl and a headless Chromium, shared by the browser and crawler tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from . import crawler, demo_server

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> demo_server.DemoServer:
    """One server for the whole run, whichever xdist worker asks first; the main process stops it."""
    return demo_server.shared(shared_dir(tmp_path_factory))


@pytest.fixture(scope="session")
def crawl(demo, tmp_path_factory) -> crawler.Crawl:
    return demo_server.once(shared_dir(tmp_path_factory) / "crawl.pickle", lambda: crawler.crawl(demo))


def shared_dir(tmp_path_factory) -> Path:
    """The run's base temporary folder: xdist workers' folders sit inside it."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def browser():
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("Chromium và ChromeDriver chưa cài (Debian: apt-get install chromium chromium-driver)")
    if not AXE.exists():
        pytest.fail("axe-core chưa cài: chạy `npm ci` (make install làm việc này khi có npm)")
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(60)
    yield driver
    driver.quit()
