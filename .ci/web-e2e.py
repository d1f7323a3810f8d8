#!/usr/bin/env python3
"""The web companion in a real browser: headless Chromium (selenium + chromedriver) against the
real `gavel run --serve` driven in tmux.

Checks: `gavel links` prints the running server's links and its speaker QR code scans (zbarimg)
as that link, which opens the page; the speaker link shows the running countdown, within a second of the chair's terminal, even
on a device whose clock is 40 s off; the chair presses `n` and the page shows the next topic; a
note typed in the notes page appears in the chair's terminal; the XSS note shows as text (no image
element, no alert); a note typed while the network is down is sent once it is back, exactly once;
a wrong token shows nothing; the chair remote's +1 min reaches the terminal. Saves screenshots of the speaker page at phone and projector sizes
into the log folder and prints its path.

Usage: web-e2e.py PATH/TO/gavel LOG_FOLDER
"""
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

GAVEL = os.path.abspath(sys.argv[1])
LOG = os.path.abspath(sys.argv[2])
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = tempfile.mkdtemp(prefix="gavel-web-e2e.")
SOCKET = "gavel-web-e2e-%d" % os.getpid()
TMUX = ["tmux", "-L", SOCKET, "-f", "/dev/null"]
START = time.monotonic()
driver = None


def log(message):
    print("web-e2e: %5.1fs %s" % (time.monotonic() - START, message), flush=True)


def screen():
    return subprocess.run(TMUX + ["capture-pane", "-p", "-t", "e2e"], capture_output=True, text=True).stdout


def fail(message):
    print("web-e2e: FAIL: " + message, file=sys.stderr)
    print("---- chair's screen ----\n" + screen() + "------------------------", file=sys.stderr)
    if driver is not None:
        try:
            driver.save_screenshot(os.path.join(LOG, "failure.png"))
            print("browser at failure: " + os.path.join(LOG, "failure.png"), file=sys.stderr)
            print("page text: " + driver.find_element(By.TAG_NAME, "body").text[:2000], file=sys.stderr)
        except WebDriverException:
            pass
    sys.exit(1)


def wait(what, predicate, limit=5.0):
    """Polls `predicate` until it returns something true; returns it and the seconds it took."""
    began = time.monotonic()
    while True:
        try:
            value = predicate()
        except WebDriverException:
            value = None
        if value:
            return value, time.monotonic() - began
        if time.monotonic() - began > limit:
            fail("%s: not within %.1f s" % (what, limit))
        time.sleep(0.02)


def text(element_id):
    return driver.find_element(By.ID, element_id).text


def terminal_clock(title):
    """The countdown on the chair's agenda line of `title`, in seconds."""
    for line in screen().splitlines():
        if title[:30] in line:
            m = re.search(r"(\d\d):(\d\d)\s*$", line.rstrip())
            if m:
                return int(m.group(1)) * 60 + int(m.group(2))
    return None


def page_clock():
    m = re.fullmatch(r"(\d\d):(\d\d)", text("clock").strip())
    return int(m.group(1)) * 60 + int(m.group(2)) if m else None


def qr_link(output, role):
    """Decodes the QR code `gavel links` drew for `role` (half blocks: light modules drawn) with
    zbarimg, as a phone's camera would read it."""
    lines = output.split("\n")
    start = next((i for i, l in enumerate(lines) if l.startswith(role + ": ")), None)
    if start is None:
        fail("gavel links drew no QR code for " + role)
    rows = []
    for line in lines[start + 1:]:
        if not line.strip():
            break
        rows.append(line)
    return scan(rows, role)


def scan(rows, name):
    """Half-block rows (light modules drawn) to an image, read by zbarimg."""
    width = max(len(r) for r in rows)
    rows = [r.ljust(width) for r in rows]
    modules = []
    for line in rows:
        modules.append([ch in "█▀" for ch in line])
        modules.append([ch in "█▄" for ch in line])
    role = name
    scale = 6
    path = os.path.join(WORK, role + "-qr.pgm")
    with open(path, "wb") as f:
        f.write(b"P5 %d %d 255\n" % (len(modules[0]) * scale, len(modules) * scale))
        for row in modules:
            pixels = bytes(255 if light else 0 for light in row for _ in range(scale))
            for _ in range(scale):
                f.write(pixels)
    decoded = subprocess.run(["zbarimg", "-q", "--raw", path], capture_output=True, text=True).stdout.strip()
    if not decoded:
        fail("zbarimg could not read the %s QR code" % role)
    return decoded


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cleanup():
    if driver is not None:
        try:
            driver.quit()
        except WebDriverException:
            pass
    subprocess.run(TMUX + ["kill-server"], capture_output=True)
    time.sleep(0.2)
    if not os.environ.get("WEB_E2E_KEEP"):
        shutil.rmtree(WORK, ignore_errors=True)


def main():
    global driver
    os.makedirs(LOG, exist_ok=True)
    shutil.copy(os.path.join(ROOT, "examples", "lpc2012-virt.toml"), WORK)
    port = free_port()
    env = "env -i PATH=%s HOME=%s TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8" % (os.environ["PATH"], WORK)
    command = "cd %s && %s %s run lpc2012-virt.toml --by chair --start --serve 127.0.0.1:%d" % (WORK, env, GAVEL, port)
    subprocess.run(TMUX + ["new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30", command], check=True)
    subprocess.run(TMUX + ["set-option", "-t", "e2e", "status", "off"], capture_output=True)
    first = "AMD's new interrupt-virtualization hardware"
    second = "Intel's new interrupt-virtualization hardware"
    wait("the chair console", lambda: first in screen(), 15)
    log("chair console up, serving on 127.0.0.1:%d" % port)

    links = subprocess.run([GAVEL, "links", "lpc2012-virt.toml", "--no-qr"], cwd=WORK, capture_output=True, text=True)
    if links.returncode != 0:
        fail("gavel links: " + links.stderr)
    urls = dict(line.split()[:2] for line in links.stdout.splitlines() if re.match(r"^(speaker|notes|remote|feed) +http", line))
    base = "http://127.0.0.1:%d" % port
    for role in ("speaker", "notes", "remote", "feed"):
        if not urls.get(role, "").startswith(base + "/"):
            fail("gavel links did not print the running server's %s link: %s" % (role, links.stdout))
    log("gavel links printed the server's links")
    drawn = subprocess.run([GAVEL, "links", "lpc2012-virt.toml"], cwd=WORK, capture_output=True, text=True,
                           env=dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8"))
    scanned = qr_link(drawn.stdout, "speaker")
    if scanned.lower() != urls["speaker"].lower():
        fail("the speaker QR code holds %r, not the speaker link %r" % (scanned, urls["speaker"]))
    log("the speaker QR code scans (zbarimg) as the link: " + scanned)
    # The chair console's `w` draws the same codes over the screen: speaker, space, notes, a key closes.
    for role, key in (("speaker", "w"), ("notes", "Space")):
        subprocess.run(TMUX + ["send-keys", "-t", "e2e", key], check=True)
        wait("the chair's %s QR code" % role, lambda: "%s link (" % role in screen(), 5)
        rows = [l for l in screen().split("\n") if any(ch in l for ch in "█▀▄")]
        scanned = scan(rows, "chair-" + role)
        if scanned.lower() != urls[role].lower():
            fail("the chair console's %s QR code holds %r, not the link %r" % (role, scanned, urls[role]))
    subprocess.run(TMUX + ["send-keys", "-t", "e2e", "Escape"], check=True)
    wait("the chair console after the codes", lambda: first in screen() and "link (" not in screen(), 5)
    log("the chair console's w shows the speaker and notes QR codes; they scan as the links")

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=390,844",
                "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(arg)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium:
        options.binary_location = chromium
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    log("chromium started")
    driver.set_page_load_timeout(10)
    # This "phone" has its clock 40 s fast: the page must not care.
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
        (function () { var real = Date.now; var skew = 40000;
          Date.now = function () { return real() + skew; }; })();"""})

    # -- Speaker: the running countdown, the same second as the terminal.
    driver.get(urls["speaker"])
    log("speaker page loaded")
    wait("the speaker page's topic", lambda: text("title") == first)
    wait("a countdown on the speaker page", lambda: page_clock() is not None)
    a = page_clock()
    wait("the countdown running", lambda: page_clock() not in (None, a), 3)
    worst = 0
    for _ in range(5):
        t, p = terminal_clock(first), page_clock()
        if t is None or p is None:
            fail("no countdown to compare (terminal %r, page %r)" % (t, p))
        worst = max(worst, abs(t - p))
        time.sleep(0.23)
    if worst > 1:
        fail("the page's countdown is %d s from the terminal's on a device 40 s off" % worst)
    if text("words") not in ("",):
        fail("a running topic with time left shows no phase word, not %r" % text("words"))
    log("speaker page counts down with the terminal (at most %d s apart while a second turns), device clock 40 s off" % worst)

    for name, width, height, mobile in (("speaker-phone.png", 390, 844, True), ("speaker-projector.png", 1920, 1080, False)):
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
        time.sleep(0.3)
        driver.save_screenshot(os.path.join(LOG, name))
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    log("screenshots: speaker-phone.png (390x844), speaker-projector.png (1920x1080)")

    # -- The chair presses n: the page follows.
    subprocess.run(TMUX + ["send-keys", "-t", "e2e", "n"], check=True)
    _, took = wait("the next topic on the speaker page", lambda: text("title") == second, 3)
    log("chair pressed n: the speaker page showed the next topic after %.0f ms" % (took * 1000))

    # -- The link as the QR code holds it (capitals) opens the same page.
    driver.get(scanned)
    wait("the speaker page from the scanned QR code", lambda: text("title") == second)
    log("the scanned QR link opens the speaker page")

    # -- A wrong token shows nothing.
    driver.get(urls["speaker"].rsplit("/", 1)[0] + "/WRONGTOKENWRONGTOKENWRONGT")
    body = driver.find_element(By.TAG_NAME, "body").text.strip()
    if body != "not found" or driver.find_elements(By.ID, "clock"):
        fail("a wrong token showed %r" % body)
    log("wrong token: nothing but 'not found'")

    # -- Notes: typed in the page, shown in the chair's terminal.
    driver.get(urls["notes"])
    wait("the notes page's topic", lambda: text("title") == second)
    line = driver.find_element(By.ID, "text")
    line.send_keys("d: ship it from the browser", Keys.ENTER)
    _, took = wait("the browser's note in the chair's terminal", lambda: "ship it from the browser" in screen(), 3)
    wait("the note listed on the page", lambda: "ship it from the browser" in text("notes"))
    log("note typed in the browser reached the chair's terminal after %.0f ms" % (took * 1000))

    xss = "<img src=x onerror=alert(1)>"
    line.send_keys(xss, Keys.ENTER)
    wait("the XSS note listed as text", lambda: any(e.text == xss for e in driver.find_elements(By.CSS_SELECTOR, "#notes .text")))
    if driver.find_elements(By.CSS_SELECTOR, "#notes img"):
        fail("the XSS note became an image element")
    try:
        driver.switch_to.alert
        fail("the XSS note ran a script (an alert is open)")
    except NoAlertPresentException:
        pass
    wait("the XSS note in the chair's terminal", lambda: "<img src=x onerror=alert(1)>" in screen(), 3)
    log("XSS note shown as text in the page and in the terminal")
    driver.save_screenshot(os.path.join(LOG, "notes-phone.png"))

    # -- Offline: the note waits in the page and is sent once when the network is back.
    driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
    line.send_keys("q: typed while offline?", Keys.ENTER)
    wait("the offline note shown as waiting", lambda: "sending" in text("notes"))
    time.sleep(1.0)
    if "typed while offline" in screen():
        fail("an offline note reached the chair")
    driver.set_network_conditions(offline=False, latency=0, download_throughput=-1, upload_throughput=-1)
    _, took = wait("the offline note in the chair's terminal once back online", lambda: "typed while offline" in screen(), 10)
    time.sleep(1.0)
    db = sqlite3.connect(os.path.join(WORK, "lpc2012-virt.gavel"))
    count = db.execute("SELECT count(*) FROM event WHERE kind = 'noteAdded' AND text = 'q: typed while offline?'").fetchone()[0]
    db.close()
    if count != 1:
        rows = sqlite3.connect(os.path.join(WORK, "lpc2012-virt.gavel")).execute(
            "SELECT id, kind, note, text FROM event WHERE kind LIKE 'note%'").fetchall()
        fail("the offline note was recorded %d times: %r" % (count, rows))
    log("offline note sent %.1f s after the network came back, recorded exactly once" % took)

    # -- The chair remote: +1 min reaches the chair's terminal.
    driver.get(urls["remote"])
    wait("the remote page's topic", lambda: text("title") == second)
    before = terminal_clock(second)
    driver.find_element(By.ID, "plus").click()
    wait("+1 min from the remote in the chair's terminal",
         lambda: (terminal_clock(second) or 0) - (before or 0) >= 55, 3)
    driver.save_screenshot(os.path.join(LOG, "remote-phone.png"))
    log("the remote's +1 min reached the chair's countdown")

    subprocess.run(TMUX + ["send-keys", "-t", "e2e", "q"], check=True)
    time.sleep(0.3)
    subprocess.run(TMUX + ["send-keys", "-t", "e2e", "y"], check=True)
    log("screenshots in %s" % LOG)
    print("web-e2e: passed in %.1f s" % (time.monotonic() - START))


try:
    main()
finally:
    cleanup()
