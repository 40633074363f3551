#!/usr/bin/env python3
"""Opens every page of the rendered course site in headless Chromium and fails on what a reader would trip over.

    docs/check-site.py                         checks docs/target/site (render it first: mvn -pl docs verify)
    docs/check-site.py --site DIR --shots DIR  another site folder; screenshots elsewhere
    docs/check-site.py --chapter stage02-resp-parser   the chapter to take screenshots of (default: the newest)

It serves the site on a free loopback port, drives Debian's Chromium over the DevTools protocol (on a pipe, so
nothing but the standard library is needed), and visits every .html file. A page fails on:
  - a link to a page or file of the site that does not exist, or to an anchor (#id) its target page does not have;
  - an image that does not load, or any request of the page that fails or answers 4xx/5xx;
  - "Unresolved directive" (Asciidoctor's text for an include it could not do) or an attribute left as {name};
  - a backtick in the text outside code (a monospace that did not close: `name`'s needs ``name``'s);
  - an empty code block;
  - a section heading that repeats a sibling's (two sections of the same title under the same parent);
  - a chapter without an "Exercises" section, or without its "What changed since the previous stage" section;
  - an Exercises section with no numbered exercise, or an exercise without its folded "Hint" block;
  - a page that no other page links to.
It saves screenshots of the index, the overview, the workshop page and one chapter (its top, its numbers, its diff)
under docs/target/site-check.
Chromium runs with a fresh profile and without background networking, sync or component updates.
"""
import argparse
import select
import base64
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

ROOT = Path(__file__).resolve().parent.parent
PAGE_SECONDS = 30
# Every chapter ends with this section, generated from the stages' sources.
DIFF_SECTION = "what-changed-since-the-previous-stage"
# Every chapter has exercises, under this heading.
EXERCISES_SECTION = "exercises"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
         "--disable-extensions", "--mute-audio", "--hide-scrollbars", "--remote-debugging-pipe"]

# Runs in the page: everything the checks need, as one JSON string.
INSPECT = r"""
(() => {
  const inCode = n => n.parentElement && n.parentElement.closest('pre, code, script, style');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const attributes = new Set();
  const backticks = [];
  for (let n; (n = walker.nextNode());) {
    if (inCode(n)) continue;
    for (const m of n.textContent.matchAll(/\{[a-z][a-z0-9_-]*\}/g)) attributes.add(m[0]);
    const tick = n.textContent.indexOf('`');
    if (tick >= 0) backticks.push(n.textContent.slice(Math.max(0, tick - 30), tick + 30).replace(/\s+/g, ' '));
  }
  return JSON.stringify({
    title: document.title,
    ids: Array.from(document.querySelectorAll('[id]'), e => e.id),
    links: Array.from(document.querySelectorAll('a[href]'),
                      a => ({href: a.getAttribute('href'), url: a.href, text: a.textContent.trim().slice(0, 50)})),
    images: Array.from(document.images,
                       i => ({src: i.getAttribute('src'), loaded: i.complete && i.naturalWidth > 0})),
    unresolved: (document.body.textContent.match(/Unresolved directive[^\n]*/g) || []).slice(0, 3),
    attributes: Array.from(attributes).slice(0, 5),
    backticks: backticks.slice(0, 3),
    code: document.querySelectorAll('pre').length,
    headings: Array.from(document.querySelectorAll('#content h2, #content h3, #content h4, #content h5, #content h6'),
      h => { const section = h.parentElement;
             const parent = section && section.parentElement &&
                            section.parentElement.closest('.sect1, .sect2, .sect3, .sect4, .sect5');
             const parentHeading = parent && parent.querySelector(':scope > h2, :scope > h3, :scope > h4, :scope > h5');
             return {level: h.tagName, text: h.textContent.trim(),
                     parent: parentHeading ? parentHeading.textContent.trim() : ''}; }),
    exercises: (() => {
      const heading = document.getElementById('exercises');
      if (!heading) return [];
      return Array.from(heading.parentElement.querySelectorAll(':scope > .sectionbody > .olist > ol > li'),
        li => ({text: li.textContent.trim().replace(/\s+/g, ' ').slice(0, 50),
                hint: Array.from(li.querySelectorAll(':scope > details > summary'))
                           .some(s => s.textContent.trim() === 'Hint')}));
    })(),
    emptyCode: Array.from(document.querySelectorAll('pre'))
      .filter(p => p.textContent.trim() === '')
      .map(p => { const b = p.closest('.listingblock, .literalblock');
                  const t = b && b.querySelector('.title'); return t ? t.textContent : '(untitled)'; }),
  });
})()
"""


class Browser:
    """Chromium driven over --remote-debugging-pipe: JSON messages separated by NUL bytes on fds 3 and 4."""

    def __init__(self, executable):
        self.profile = tempfile.mkdtemp(prefix="site-check-")
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def wire():
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)
        self.process = subprocess.Popen([executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                                        preexec_fn=wire, pass_fds=(3, 4), stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.next_id = 0
        self.buffer = b""
        self.events = []
        self.session = None

    def send(self, method, params=None, session=True, timeout=PAGE_SECONDS):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self.receive(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            self.events.append(reply)

    def receive(self, deadline):
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not answer in time")

            ready, _, _ = select.select([self.from_chrome], [], [], 0.5)
            if ready:
                chunk = os.read(self.from_chrome, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_for(self, method, timeout=PAGE_SECONDS):
        deadline = time.monotonic() + timeout
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(i)
            self.events.append(self.receive(deadline))

    def open_tab(self):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 session=False)["sessionId"]
        for domain in ("Page", "Network", "Runtime"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": 1280, "height": 1000, "deviceScaleFactor": 1, "mobile": False})

    def visit(self, url):
        """Loads the page; returns (inspection, failed requests)."""
        self.events.clear()
        self.send("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")
        self.send("Runtime.evaluate", {"expression": "new Promise(r => setTimeout(r, 200))", "awaitPromise": True})
        result = self.send("Runtime.evaluate", {"expression": INSPECT, "returnByValue": True})
        requests, failures = {}, []
        for event in self.events:
            params = event.get("params", {})
            if event.get("method") == "Network.requestWillBeSent":
                requests[params["requestId"]] = params["request"]["url"]
            elif event.get("method") == "Network.responseReceived" and params["response"]["status"] >= 400:
                failures.append(f"{params['response']['status']} {params['response']['url']}")
            elif event.get("method") == "Network.loadingFailed" and not params.get("canceled"):
                failures.append(f"{params.get('errorText')} {requests.get(params['requestId'], '?')}")
            elif event.get("method") == "Runtime.exceptionThrown":
                failures.append(f"script error: {params['exceptionDetails'].get('text')}")
        return json.loads(result["result"]["value"]), failures

    def screenshot(self, path, selector=None, open_details=False):
        """The viewport, or the element matched by selector scrolled to the top (with its <details> opened)."""
        params = {"format": "png"}
        if selector:
            script = (f"(() => {{ const e = document.querySelector({json.dumps(selector)}); if (!e) return null;"
                      f"{'e.querySelectorAll(`details`).forEach(d => d.open = true); if (e.tagName == `DETAILS`) e.open = true;' if open_details else ''}"
                      "e.scrollIntoView(); const r = e.getBoundingClientRect();"
                      "return JSON.stringify({x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height}); })()")
            box = self.send("Runtime.evaluate", {"expression": script, "returnByValue": True})["result"].get("value")
            if not box:
                return False
            box = json.loads(box)
            params.update(captureBeyondViewport=True, clip={"x": max(box["x"] - 16, 0), "y": max(box["y"] - 16, 0),
                                                            "width": min(box["w"] + 32, 1280),
                                                            "height": min(box["h"] + 32, 2400), "scale": 1})
        data = self.send("Page.captureScreenshot", params)["data"]
        Path(path).write_bytes(base64.b64decode(data))
        return True

    def close(self):
        try:
            self.send("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def duplicated_headings(headings):
    """Sections that share their title with a sibling: a reader cannot tell them apart in the contents."""
    seen, problems = set(), []
    for heading in headings:
        key = (heading["parent"], heading["level"], heading["text"])
        if key in seen:
            under = f" under '{heading['parent']}'" if heading["parent"] else ""
            problems.append(f"duplicated section heading: '{heading['text']}'{under}")
        seen.add(key)
    return problems


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit("No Chromium found: apt-get install chromium (.ci/run installs it)")


def main():
    parser = argparse.ArgumentParser(description="Checks the rendered site in headless Chromium.")
    parser.add_argument("--site", default=str(ROOT / "docs" / "target" / "site"))
    parser.add_argument("--shots", default=str(ROOT / "docs" / "target" / "site-check"))
    parser.add_argument("--chapter", help="the chapter to take screenshots of (default: the newest)")
    args = parser.parse_args()
    site = Path(args.site).resolve()
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    if "index.html" not in pages:
        raise SystemExit(f"No index.html in {site}: render the site first (mvn -pl docs verify)")
    shots = Path(args.shots)
    shots.mkdir(parents=True, exist_ok=True)
    chapters = [p for p in pages if re.fullmatch(r"stage\d\d-[a-z0-9-]+\.html", p)]
    chapter = (args.chapter + ".html") if args.chapter else (chapters[-1] if chapters else None)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    browser = Browser(find_chromium())
    problems = {p: [] for p in pages}
    seen = {}
    try:
        browser.open_tab()
        for page in pages:
            found, failures = browser.visit(base + page)
            seen[page] = found
            problems[page] += [f"failed request: {f}" for f in failures]
            problems[page] += [f"image does not load: {i['src']}" for i in found["images"] if not i["loaded"]]
            problems[page] += [f"unresolved include: {u}" for u in found["unresolved"]]
            problems[page] += [f"attribute not replaced: {a}" for a in found["attributes"]]
            problems[page] += [f"backtick outside code: ...{b}..." for b in found["backticks"]]
            problems[page] += [f"empty code block: {t}" for t in found["emptyCode"]]
            if re.fullmatch(r"stage\d\d-[a-z0-9-]+\.html", page) and DIFF_SECTION not in found["ids"]:
                problems[page].append(f"no section #{DIFF_SECTION}: end the chapter with '== What changed since the "
                                      f"previous stage' and include::{{generateddir}}/diff/{page[:-5]}.adoc[]")
            if re.fullmatch(r"stage\d\d-[a-z0-9-]+\.html", page) and EXERCISES_SECTION not in found["ids"]:
                problems[page].append(f"no section #{EXERCISES_SECTION}: every chapter ends with '== Exercises' "
                                      f"before its diff")
            if re.fullmatch(r"stage\d\d-[a-z0-9-]+\.html", page) and EXERCISES_SECTION in found["ids"]:
                if not found["exercises"]:
                    problems[page].append(f"no exercise: #{EXERCISES_SECTION} holds no numbered list")
                problems[page] += [f"exercise without a hint (a '.Hint' block, [%collapsible]): {e['text']}..."
                                   for e in found["exercises"] if not e["hint"]]
            problems[page] += duplicated_headings(found["headings"])
            if page in ("index.html", "overview.html", "workshop.html"):
                browser.screenshot(shots / page.replace(".html", ".png"))
            if page == chapter:
                name = page[:-5]
                browser.screenshot(shots / f"{name}.png")
                browser.screenshot(shots / f"{name}-numbers.png", "img[src$='-throughput.svg']")
                browser.screenshot(shots / f"{name}-diff.png", "#content details", open_details=True)
    finally:
        browser.close()
        server.shutdown()

    # Links, now that every page's anchors are known.
    linked = {"index.html"}
    external = 0
    for page, found in seen.items():
        for link in found["links"]:
            url, fragment = urldefrag(link["url"])
            if not url.startswith(base):
                external += 1
                if urlparse(url).scheme == "file":
                    problems[page].append(f"link to a local file: {link['href']}")
                continue
            target = unquote(url[len(base):]) or "index.html"
            if target.endswith("/"):
                target += "index.html"
            if target.endswith(".html"):
                if target not in seen:
                    problems[page].append(f"broken link: {link['href']} ({link['text']!r})")
                    continue
                if target != page:
                    linked.add(target)
                if fragment and fragment not in seen[target]["ids"]:
                    problems[page].append(f"broken anchor: {link['href']} ({link['text']!r})")
            elif not (site / target).is_file():
                problems[page].append(f"broken link: {link['href']} ({link['text']!r})")
    for page in pages:
        if page not in linked:
            problems[page].append("no page links to it")

    failed = 0
    for page in pages:
        found = seen.get(page, {})
        if problems[page]:
            failed += 1
            print(f"FAIL {page}")
            for p in problems[page]:
                print(f"     {p}")
        else:
            print(f"ok   {page}: {len(found.get('links', []))} links, {len(found.get('images', []))} images, "
                  f"{found.get('code', 0)} code blocks")
    print(f"Screenshots in {shots}; {external} links to other sites not followed (no network here).")
    print(f"pages: {len(pages) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
