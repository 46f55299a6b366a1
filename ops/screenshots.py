"""Take the README's screenshots, on demo data: the contact alternance's pages (Vos dossiers, a tab, its
rémunération, Suivi - Info with and without the OPCO), the back office and the dashboard.

    .venv/bin/python ops/screenshots.py            # writes docs/images/*.png

A throw-away SQLite database gets the demo (`manage.py demo`) and 1,500 generated dossiers
(`generate_dossiers`), a local server runs on it, and Debian's chromium (Playwright) takes the
pictures at 1366×768 and 390×844. Nothing of the real database is touched.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
PYTHON = sys.executable
PASSWORD = "cactus-demo-2026"
ADVISOR = "conseillere@cfa.test"
CONTACT = "contact@entreprise.test"
VIEWPORTS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(*arguments: str, env: dict) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def main() -> None:
    directory = tempfile.mkdtemp(prefix="cactus-screenshots-")
    port = free_port()
    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{directory}/demo.sqlite3",
        "CACTUS_BASE_URL": f"http://127.0.0.1:{port}",
        "DEBUG": "true",
    }
    manage("migrate", "--noinput", "-v0", env=env)
    manage("createcachetable", env=env)
    manage("demo", env=env)
    manage("generate_dossiers", "--count", "1500", env=env)
    manage("collectstatic", "--noinput", "-v0", env=env)
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(port, server)
        take(base)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(directory, ignore_errors=True)


def wait_for(port: int, server: subprocess.Popen, seconds: int = 600) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"Le serveur de démonstration n'a pas démarré sur le port {port}.")


def log_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/compte/connexion/")
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Valider").click()
    page.wait_for_load_state()


def dossier_of(page, base: str, name: str) -> str:
    """The address of the contact's dossier of this alternant, from Vos dossiers: /dossiers/<pk>/."""
    page.goto(f"{base}/dossiers/?q={name.split()[0]}")
    href = page.get_by_role("link", name=re.compile(f"Modifier le dossier de .*{name}", re.I)).first
    return href.get_attribute("href").rsplit("/", 2)[0] + "/"


def take_contact(browser, base: str) -> None:
    """Vos dossiers and Suivi - Info on a laptop and a phone; a tab and its rémunération on a phone."""
    for name, viewport in VIEWPORTS.items():
        page = browser.new_context(viewport=viewport, device_scale_factor=1).new_page()
        log_in(page, base, CONTACT)
        validated, sent = dossier_of(page, base, "Blanc"), dossier_of(page, base, "MERCIER Théo")
        complete = dossier_of(page, base, "Roux")
        prefix = "phone-" if name == "phone" else ""
        page.goto(f"{base}/dossiers/")
        page.screenshot(path=IMAGES / f"{prefix}vos-dossiers.png")
        page.goto(f"{base}{validated}suivi/")
        if name == "phone":
            page.evaluate("document.querySelector('#etat').scrollIntoView()")
        page.screenshot(path=IMAGES / f"{prefix}suivi{'' if name == 'phone' else '-info'}.png")
        if name == "phone":
            page.goto(f"{base}{sent}suivi/")
            page.evaluate("document.querySelector('#etat').scrollIntoView()")
            page.screenshot(path=IMAGES / "phone-suivi-envoye.png")
            page.goto(f"{base}{complete}contract/")
            page.screenshot(path=IMAGES / "phone-onglet.png")
            page.evaluate("document.querySelector('table.remuneration').scrollIntoView()")
            page.screenshot(path=IMAGES / "phone-remuneration.png")


def take(base: str) -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
        )
        take_contact(browser, base)
        for name, viewport in VIEWPORTS.items():
            page = browser.new_context(viewport=viewport, device_scale_factor=1).new_page()
            log_in(page, base, ADVISOR)
            page.wait_for_url("**/dossiers/suivi/")
            page.goto(f"{base}/dossiers/suivi/?queue=late")
            if name == "phone":
                page.evaluate("document.querySelector('.selection').scrollIntoView()")
            page.screenshot(path=IMAGES / f"back-office-{name}.png")
            page.goto(f"{base}/tableau-de-bord/")
            page.wait_for_load_state("networkidle")
            if name == "phone":
                page.locator("#graphique-flux summary").click()
                page.evaluate("document.querySelector('#graphique-flux').scrollIntoView()")
            page.screenshot(path=IMAGES / f"dashboard-{name}.png", full_page=name == "desktop")
        browser.close()


if __name__ == "__main__":
    main()
