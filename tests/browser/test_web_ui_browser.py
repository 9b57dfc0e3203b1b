"""The web UI in a real browser (headless Chromium) against the real server
over the seeds: the dashboard's map, timeline and list follow the filters,
the event page marks the extracted spans inside the Arabic evidence, the
document page marks every mention, and a hostile article's markup stays text.
Every test also fails on any dialog, script error or request leaving the
server (fixture `watched`)."""
from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from web_ui_documents import HOSTILE_ACTOR, HOSTILE_DOC_ID, illustrative_reports
from web_ui_server import wait_until

ALHURRA = "001_b0b29bad66fbc341.txt"
ISKP = "islamic-state-khorasan-province"
# elements a hostile article would create if its text were parsed as HTML
INJECTED = 'img[src="x"], svg[onload], iframe, [onerror], [onclick], [onmouseover], a[href^="javascript:"]'


def api(watched, path: str):
    r = watched.page.request.get(watched.base + path)
    assert r.ok, (path, r.status)
    return json.loads(r.text())


def open_dashboard(watched, query: str = "") -> None:
    watched.page.goto(watched.base + "/" + query)
    watched.page.wait_for_selector('body[data-loading="0"]')
    watched.page.wait_for_selector('#map[data-outlines="loaded"]')


def list_ids(page) -> list[str]:
    return page.eval_on_selector_all("#events tbody tr", "rows => rows.map(r => r.dataset.eventId)")


def point_ids(page) -> list[str]:
    return page.eval_on_selector_all("path.event-point", "ps => ps.map(p => p.getAttribute('data-event-id'))")


def test_dashboard_filters_drive_map_timeline_and_list(watched, seeds_dir):
    page = watched.page
    everything = api(watched, "/api/events?limit=500")
    open_dashboard(watched)
    assert sorted(point_ids(page)) == sorted(e["event_id"] for e in everything["events"] if e["latitude"] is not None)
    assert sorted(list_ids(page)) == sorted(e["event_id"] for e in everything["events"])
    assert page.get_attribute("#count-events", "data-value") == str(everything["total"])
    assert int(page.get_attribute("#timeline", "data-weeks")) > 100  # 2021..2024 week by week
    assert page.locator("#timeline canvas").count() >= 1
    watched.shot("dashboard")

    # one country: map, list, counts and the export links follow
    page.select_option("select[name=country]", "IR")
    wait_until(page, "document.querySelectorAll('#events tbody tr').length === 1")
    page.wait_for_selector('body[data-loading="0"]')
    iran = api(watched, "/api/events?country=IR")
    assert [e["location"] for e in iran["events"]] == ["Kerman"]
    assert list_ids(page) == point_ids(page) == [iran["events"][0]["event_id"]]
    assert page.get_attribute("#count-events", "data-value") == "1" and "Iran" in page.text_content("#events tbody")
    assert "country=IR" in page.url and "country=IR" in page.get_attribute("a.export[data-format=jsonl]", "href")
    watched.shot("dashboard-iran")

    # the export links carry the filters
    exported = page.request.get(page.eval_on_selector("a.export[data-format=jsonl]", "a => a.href"))
    assert exported.ok and exported.headers["x-event-count"] == "1"
    assert json.loads(exported.text().splitlines()[0])["event_id"] == iran["events"][0]["event_id"]

    # clicking a point opens its event page
    page.click(f'path.event-point[data-event-id="{iran["events"][0]["event_id"]}"]', force=True)
    page.wait_for_url("**/events/" + iran["events"][0]["event_id"])

    # the filter set is a link: loading it gives the same view; the text query narrows too
    open_dashboard(watched, "?country=IR&q=" + quote("كرمان"))
    assert list_ids(page) == [iran["events"][0]["event_id"]]
    open_dashboard(watched, "?q=" + quote("كلمةلاتوجد"))
    assert list_ids(page) == [] and point_ids(page) == []


def test_timeline_drag_and_map_view_filter_the_events(watched, seeds_dir):
    page = watched.page
    open_dashboard(watched)
    before = len(list_ids(page))
    # drag across the right half of the timeline: those weeks become the date filter
    box = page.locator("#timeline .u-over").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.98, y, steps=8)
    page.mouse.up()
    wait_until(page, "new URL(location.href).searchParams.has('from')")
    page.wait_for_selector('body[data-loading="0"]')
    chosen_from, chosen_to = page.input_value("input[name=from]"), page.input_value("input[name=to]")
    assert chosen_from < chosen_to
    dated = api(watched, f"/api/events?from={chosen_from}&to={chosen_to}&limit=500")
    assert sorted(list_ids(page)) == sorted(e["event_id"] for e in dated["events"])
    assert 0 < len(list_ids(page)) < before

    # only what the map shows: a view of Kerman province keeps the Kerman event alone
    open_dashboard(watched, "?center=30.28,57.08&zoom=8")
    page.check("input[name=inview]")
    wait_until(page, "document.querySelectorAll('#events tbody tr').length === 1")
    assert "Kerman" in page.text_content("#events tbody")


def test_a_list_item_opens_the_event_with_marked_evidence(watched, seeds_dir):
    page = watched.page
    open_dashboard(watched, "?country=IR")
    event_id = list_ids(page)[0]
    page.click(f'#events tbody tr[data-event-id="{event_id}"] td.num')
    page.wait_for_url("**/events/" + event_id)
    page.wait_for_selector('body[data-ready="1"]')
    event = api(watched, "/api/events/" + event_id)

    # the fused figures and the disagreement between outlets
    assert page.text_content('[data-figure="fatalities_low"]') == "84"
    assert page.text_content('[data-figure="fatalities_high"]') == "90"
    disagreement = page.text_content('.contradiction[data-field="fatalities"]')
    assert "84" in disagreement and "90" in disagreement and "Alhurra" in disagreement and "24.ae" in disagreement
    assert page.locator('table.compare tr[data-field="fatalities"] td.disagree').count() == 2
    assert page.locator('table.compare tr[data-field="actor1"] td.disagree').count() == 0

    # evidence: Arabic, right to left, the marks are pieces of the report's own evidence text
    quotes = page.locator("blockquote.evidence")
    assert quotes.count() == sum(len(r["evidence"]) for r in event["reports"])
    evidence = {r["report_id"]: [e["text"] for e in r["evidence"]] for r in event["reports"]}
    marked = 0
    for i in range(quotes.count()):
        q = quotes.nth(i)
        assert q.get_attribute("dir") == "rtl" and q.get_attribute("lang") == "ar"
        texts = evidence[q.get_attribute("data-report")]
        assert q.text_content() in texts
        for mark in q.locator("mark").all_text_contents():
            assert mark and any(mark in t for t in texts)
            marked += 1
    assert marked >= 3
    # the figure each outlet's fatalities were read from is marked as such
    used = page.eval_on_selector_all("mark.used[data-supports~=fatalities]", "ms => ms.map(m => m.textContent)")
    assert any("84" in m for m in used) and any("90" in m for m in used)
    watched.shot("event-kerman")

    # each evidence sentence links to its place in the document
    page.click(f'.report[data-report="{event["reports"][0]["report_id"]}"] a[href*="#span-"]')
    page.wait_for_selector('body[data-ready="1"]')
    assert "/docs/" in page.url and "#span-" in page.url


def test_two_outlets_disagreeing_are_shown_side_by_side(watched):
    """Our two illustrative reports of one incident: 12 killed and 20 injured
    in one, 15 and 26 in the other."""
    page = watched.page
    a, b = (d.doc_id for d in illustrative_reports())
    event_id = api(watched, "/api/docs/" + a)["events"][0]["event_id"]
    assert api(watched, "/api/docs/" + b)["events"][0]["event_id"] == event_id
    page.goto(watched.base + "/events/" + event_id)
    page.wait_for_selector('body[data-ready="1"]')
    for field, values in (("fatalities", ("12", "15")), ("injuries", ("20", "26"))):
        cells = page.locator(f'table.compare tr[data-field="{field}"] td.disagree').all_text_contents()
        assert sorted(cells) == list(values)
        text = page.text_content(f'.contradiction[data-field="{field}"]')
        assert all(v in text for v in values) and "Example Wire" in text and "Example Daily" in text
    used = page.eval_on_selector_all("mark.used[data-supports~=fatalities]", "ms => ms.map(m => m.textContent)")
    assert any("12" in m for m in used) and any("15" in m for m in used)
    assert page.locator('blockquote.evidence[dir="rtl"] mark.m-place').count() >= 2
    watched.shot("event-illustrative")


def test_document_page_marks_every_mention_and_shows_the_removed_text(watched, seeds_dir):
    page = watched.page
    doc = api(watched, "/api/docs/" + quote(ALHURRA, safe=""))
    page.goto(watched.base + "/docs/" + quote(ALHURRA, safe=""))
    page.wait_for_selector('body[data-ready="1"]')
    article = page.locator("#article")
    assert article.get_attribute("dir") == "rtl"
    assert article.text_content() == doc["text"]  # the marks cut the text, they never change it
    marks = page.eval_on_selector_all("#article mark", "ms => ms.map(m => [m.dataset.kind, m.textContent])")
    by_kind = {}
    for kind, text in marks:
        by_kind.setdefault(kind, []).append(text)
    assert {"actor", "place", "date", "number"} <= set(by_kind)
    expected = {(m["kind"], m["text"]) for m in doc["mentions"]}
    assert {(k, t) for k, t in marks} <= expected and len(marks) >= 0.9 * len(doc["mentions"])
    # actors link to their page, places to the map
    actor_links = page.eval_on_selector_all("#article a:has(mark.m-actor)", "as => as.map(a => a.pathname)")
    assert actor_links and all(p.startswith("/actors/") for p in actor_links)
    place_links = page.eval_on_selector_all("#article a:has(mark.m-place)", "as => as.map(a => a.search)")
    assert place_links and all("center=" in s for s in place_links)
    # the boilerplate cleaning removed, muted, with its kind
    kinds = page.eval_on_selector_all("#removed .block", "bs => bs.map(b => b.dataset.kind)")
    assert kinds == [b["kind"] for b in doc["removed"]] and kinds
    # hiding one kind un-marks it
    page.uncheck('#kinds input[data-kind="place"]')
    assert "hide-place" in article.get_attribute("class")
    watched.shot("document")

    # following an actor mention opens the actor page
    page.click("#article a:has(mark.m-actor) >> nth=0")
    page.wait_for_url("**/actors/**")
    page.wait_for_selector('body[data-ready="1"]')
    assert page.locator("#aliases-ar li").count() >= 1


def test_actor_page_shows_names_map_timeline_and_search(watched, seeds_dir):
    page = watched.page
    actor = api(watched, "/api/actors/" + ISKP)
    page.goto(watched.base + "/actors/" + ISKP)
    page.wait_for_selector('body[data-ready="1"]')
    assert page.text_content("#title").startswith(actor["name"])
    assert page.locator("#aliases-ar li").count() >= len(actor["aliases_ar"]) >= 1
    assert page.get_attribute("#aliases-ar", "dir") == "rtl"
    assert sorted(page.eval_on_selector_all("#events tbody tr", "rs => rs.map(r => r.dataset.eventId)")) == \
        sorted(e["event_id"] for e in actor["event_list"])
    assert page.locator("#actor-map path.event-point").count() == sum(
        1 for e in api(watched, "/api/map?actor=" + quote(actor["name"]))["points"])
    assert page.locator("#timeline canvas").count() >= 1
    profile = actor.get("profile")  # present once marsad.profiles (issue #8) is installed
    if profile is not None:
        assert profile["facts"], "the seeds say things about ISKP"
        for kind, facts in profile["facts"].items():
            items = page.locator(f'#facts ul[data-kind="{kind}"] > li')
            assert items.count() == len(facts)
            assert items.nth(0).locator("a").evaluate("a => a.pathname") == "/docs/" + quote(facts[0]["doc_id"], safe="")
        assert page.is_visible("#profile")
    watched.shot("actor")
    # /actors/ lists the actors with events, most first; the search finds one by an Arabic name
    page.click("header a[href='/actors/']")
    page.wait_for_selector('body[data-ready="1"]')
    listed = page.locator("#actor-results li a").all_text_contents()
    assert listed[0] == api(watched, "/api/actors")["actors"][0]["name"] and actor["name"] in listed
    assert not page.is_visible("#actor-map")
    page.fill("#actor-search input[name=q]", "طالبان")
    page.click("#actor-search button")
    wait_until(page, "document.querySelectorAll('#actor-results li a').length < %d" % len(listed))
    found = page.locator("#actor-results li a").all_text_contents()
    assert "Taliban" in found and "Islamic State" not in found


def test_a_hostile_article_stays_text_everywhere(watched):
    page = watched.page
    doc = api(watched, "/api/docs/" + quote(HOSTILE_DOC_ID, safe=""))
    event_id = doc["events"][0]["event_id"]
    assert event_id

    page.goto(watched.base + "/docs/" + quote(HOSTILE_DOC_ID, safe=""))
    page.wait_for_selector('body[data-ready="1"]')
    assert page.locator(INJECTED).count() == 0
    assert page.locator("script:not([src])").count() == 0
    assert page.text_content("#article") == doc["text"]  # shown, as text
    assert "<script>" in page.text_content("#title") and "<img src=x" in page.text_content("#removed")
    assert page.eval_on_selector("#source-url", "e => e.tagName") == "SPAN"  # a javascript: url is no link
    # the outlet's right-to-left override is isolated: the date after it is not reversed
    assert page.evaluate("[...document.querySelectorAll('bdi')].map(b => b.textContent)") == [doc["outlet"]]
    assert page.locator("#article mark").count() >= 2  # the Arabic around the markup is still analysed
    watched.shot("hostile-document")

    page.goto(watched.base + "/events/" + event_id)
    page.wait_for_selector('body[data-ready="1"]')
    assert page.locator(INJECTED).count() == 0
    assert page.text_content("blockquote.evidence") == doc["text"]
    assert "<script>" in page.text_content("#fields")

    open_dashboard(watched, "?country=IQ")
    assert event_id in list_ids(page)
    # the event itself, even where another point is drawn over it (a pointer hover would hit that one)
    page.dispatch_event(f'path.event-point[data-event-id="{event_id}"]', "mouseover")
    page.wait_for_selector(".leaflet-tooltip")
    assert "<img src=x" in page.text_content(".leaflet-tooltip")
    assert page.locator(INJECTED).count() == 0

    # an id full of markup is echoed nowhere as markup either
    page.goto(watched.base + "/actors/" + quote(HOSTILE_ACTOR, safe=""))
    page.wait_for_selector("#errors .error")
    page.goto(watched.base + "/events/" + quote('<img src=x onerror=alert("id")>', safe=""))
    page.wait_for_selector("#errors .error")
    assert page.locator(INJECTED).count() == 0
    for path in ("/docs/%E0%A4%A", "/events/%ZZ", "/actors/%"):  # a malformed escape: an error, not a blank page
        page.goto(watched.base + path)
        page.wait_for_selector("#errors .error")


def test_highlight_counts_code_points_like_the_api(watched):
    """Offsets from Python count code points; an emoji before a mention must
    not shift the mark (JavaScript strings count UTF-16 units)."""
    page = watched.page
    page.goto(watched.base + "/docs/none")
    page.wait_for_selector("#errors .error")
    got = page.evaluate("""() => {
        const text = "😀 قصف على بغداد 😀 أمس";
        const spans = [{kind: "place", start: 10, end: 15}, {kind: "date", start: 18, end: 21}];
        const box = document.createElement("div");
        box.append(M.highlight(text, spans, (m, s) => M.el("mark", {}, s)));
        return [box.textContent === text, [...box.querySelectorAll("mark")].map(m => m.textContent)];
    }""")
    assert got == [True, ["بغداد", "أمس"]]


def test_unsafe_hrefs_are_dropped(watched):
    page = watched.page
    page.goto(watched.base + "/docs/none")
    page.wait_for_selector("#errors .error")
    for bad in ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,<b>x",
                "vbscript:x"]:
        assert page.evaluate("bad => [M.safeHref(bad), M.el('a', {href: bad}).hasAttribute('href')]", bad) \
            == [None, False], bad
    assert page.evaluate("() => M.el('img', {src: 'javascript:alert(1)'}).hasAttribute('src')") is False
    assert page.evaluate("() => M.safeHref('https://example.org/a')") == "https://example.org/a"
    assert page.evaluate("() => M.safeHref('/events/ev_1')") == watched.base + "/events/ev_1"
    with pytest.raises(Exception, match="refused attribute"):
        page.evaluate("() => M.el('img', {onerror: 'alert(1)'})")
