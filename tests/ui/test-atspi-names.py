#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Walk the whole AT-SPI tree of the real curator process, as a screen
reader sees it, and fail on names it should not say: a mnemonic underscore
("_Cancel"), a name said twice ("ID ID"), a widget type name ("GtkImage"),
or an interactive node (button, toggle, entry, switch, spin button, combo,
menu item) with no name at all.

The window is walked with every group of its form expanded, wide and
narrow, and so is every dialog it opens.

    test-atspi-names.py CURATOR_BINARY DATA_FILE     (TAP output)
"""
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import curator_atspi as at  # noqa: E402

pyatspi = at.require_session()

binary, data = sys.argv[1], sys.argv[2]

# The seed item, plus what it lacks: a list of maps (items named by their
# own title field), acronyms in keys, an empty string next to a null.
EXTRA_FIELDS = """hdoTypes:
- Short Term Acute Care
facilityId: '010092'
measures:
- measureName: Communication with nurses
  score: 87
- measureName: Communication with doctors
  score: 91
footnote: null
"""


def make_document(workdir):
    with open(data, encoding="utf-8") as f:
        text = f.read()
    head, sep, body = text.partition("\n---\n")
    path = os.path.join(workdir, "item.md")
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + "\n" + EXTRA_FIELDS.rstrip("\n") + sep + body)
    return path


def toplevel(app_node, what):
    """The application's window named @what, or holding a node named so
    (a message dialog says its heading, not its title)."""
    for child in at.children(app_node):
        try:
            if what in (child.name or "") or at.find(child, lambda n: n.name == what):
                return child
        except Exception:
            continue
    return None


def main_window(app_node):
    children = at.children(app_node)
    return children[0] if children else None


def has_action(node, name):
    try:
        action = node.queryAction()
    except NotImplementedError:
        return False
    return any(action.getName(i) == name for i in range(action.nActions))


def do_action(node, name):
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) == name:
            return action.doAction(i)
    raise AssertionError(f"{at.describe(node)} has no action {name}")


def extents(node):
    return node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)


def is_collapsed(node):
    state = node.getState()
    return state.contains(pyatspi.STATE_EXPANDABLE) and not state.contains(pyatspi.STATE_EXPANDED)


def expander_of(header):
    """The expander row a group header belongs to (libadwaita 1.2: header
    row < list < box < expander row)."""
    node = header
    for _ in range(3):
        node = node.parent if node is not None else None
    return node


def expand_form(app, window):
    """Clicks every collapsed group header of the form, scrolling with the
    wheel to reach it, until none is left: the form fully expanded."""
    title = at.wait_for("an input named Title",
                        lambda: at.find(window, lambda n: n.name == "Title" and n.getRole() == pyatspi.ROLE_TEXT))
    scroller = title
    while scroller is not None and scroller.getRole() != pyatspi.ROLE_SCROLL_PANE:
        scroller = scroller.parent
    if scroller is None:
        raise AssertionError("the form is not in a scroll pane")
    sx, sy, sw, sh = extents(scroller)

    def collapsed_under(node):
        return at.find_all(node, lambda n: n.getRole() == pyatspi.ROLE_LIST_ITEM and is_collapsed(n))

    todo = collapsed_under(scroller)
    clicked = 0
    steps = 0
    while todo:
        steps += 1
        if steps > 1000:
            raise AssertionError("the form did not finish expanding after 1000 steps")
        header = todo[0]
        x, y, w, h = extents(header)
        if y < sy or y + h > sy + sh:
            # The wheel, over the form, towards the header.
            app.xtest.scroll(sx + sw // 2, sy + sh // 2, down=y > sy)
            at.wait_for("the form to scroll", lambda: extents(header)[1] != y)
            continue
        app.xtest.click(x + min(w // 2, 40), y + h // 2)
        at.wait_for(f"the group {header.name!r} to expand after a click", lambda: not is_collapsed(header))
        clicked += 1
        todo = collapsed_under(expander_of(header)) + todo[1:]
    return clicked


class Tap:
    def __init__(self, plan):
        self.n = 0
        self.failed = 0
        print(f"1..{plan}", flush=True)

    def result(self, what, problems):
        self.n += 1
        if problems:
            self.failed += 1
            print(f"not ok {self.n} - {what}: {len(problems)} bad names")
            for path, problem in problems[:40]:
                print(f"# {problem}: {path}")
        else:
            print(f"ok {self.n} - {what}")
        sys.stdout.flush()

    def error(self, what, error):
        self.n += 1
        self.failed += 1
        print(f"not ok {self.n} - {what}: {error}", flush=True)


def walk(tap, what, root):
    tap.result(what, at.name_problems(pyatspi, root))


def expanded_window(tap, path, layout, window_width):
    app = at.App(binary, [path], window_width=window_width)
    try:
        node = app.node(pyatspi)
        window = at.wait_for("the window", lambda: main_window(node))
        at.wait_for("the last field of the form",
                    lambda: at.find(window, lambda n: n.name == "Measures"))
        if window_width is not None:
            at.wait_for("the narrow header's Show the Body toggle",
                        lambda: at.find(window, lambda n: n.name == "Show the Body"))
        n = expand_form(app, window)
        if at.find(window, lambda n: n.name == "File name" and n.getRole() == pyatspi.ROLE_TEXT) is None:
            raise AssertionError(f"{n} groups expanded, yet featuredImage.wpAttachment.fileName is not shown")
        walk(tap, f"{layout} window, form expanded ({n} groups opened)", node)
    except (at.Timeout, AssertionError, RuntimeError) as error:
        tap.error(f"{layout} window", error)
    finally:
        app.close()


def dialogs(tap, path):
    app = at.App(binary, [path])
    try:
        node = app.node(pyatspi)
        window = at.wait_for("the window", lambda: main_window(node))
        at.wait_for("an input named Title", lambda: at.find(window, lambda n: n.name == "Title"))

        def opened(what):
            return at.wait_for(f"a window named {what!r}", lambda: toplevel(node, what))

        def close(what):
            do_action(toplevel(node, what), "window.close")
            at.wait_for(f"{what!r} to close", lambda: toplevel(node, what) is None)

        # The main menu, open.
        menu_button = at.find(window, lambda n: n.name == "Main Menu" and has_action(n, "click"))
        do_action(menu_button, "click")
        about = at.wait_for("the main menu's About item",
                            lambda: at.find(node, lambda n: (n.name or "").startswith("About")
                                            and has_action(n, "click")))
        walk(tap, "main menu", node)
        do_action(about, "click")
        walk(tap, "About window", opened("About"))
        close("About")

        for action, what in (("win.show-help-overlay", "Keyboard Shortcuts"),
                             ("win.open", "Open Content Files"),
                             ("win.save-as", "Save As")):
            do_action(window, action)
            walk(tap, f"{what} window", opened(what))
            close(what)

        # Unsaved changes, then closing the window.
        title = at.find(window, lambda n: n.name == "Title" and n.getRole() == pyatspi.ROLE_TEXT)
        title.queryEditableText().setTextContents("Another title")
        do_action(window, "win.close")
        walk(tap, "Save Changes dialog", opened("Save Changes?"))
        close("Save Changes?")

        # Saving over a file another program changed.
        with open(path, "a", encoding="utf-8") as f:
            f.write("<p>Changed elsewhere</p>\n")
        do_action(window, "win.save")
        walk(tap, "File Changed on Disk dialog", opened("The File Changed on Disk"))
        close("The File Changed on Disk")

        # Last: the Add Field dialog.
        do_action(window, "win.add-field")
        walk(tap, "Add Field dialog", opened("Add Field"))
    except (at.Timeout, AssertionError, RuntimeError) as error:
        tap.error("dialogs", error)
    finally:
        app.close()


def other_windows(tap, workdir):
    """The window with nothing open, and with a file it cannot show as a
    form."""
    files = {}
    for name, text in (("refused.md", "---\ntitle: Twice\ntags:\n- a\ntags:\n- b\n---\n<p>Body</p>\n"),
                       ("plain.md", "<p>No front matter</p>\n"),
                       ("hugo.md", "+++\ntitle = \"Hugo\"\n+++\n<p>Body</p>\n")):
        files[name] = os.path.join(workdir, name)
        with open(files[name], "w", encoding="utf-8") as f:
            f.write(text)
    for what, args, ready in (("empty window", [], "Open a Content File"),
                              ("refused document window", [files["refused.md"]], "Front matter text"),
                              ("window of a file without front matter", [files["plain.md"]], "Add Front Matter"),
                              ("window of a TOML front matter", [files["hugo.md"]], "TOML Front Matter")):
        app = at.App(binary, args)
        try:
            node = app.node(pyatspi)
            window = at.wait_for("the window", lambda: main_window(node))
            at.wait_for(f"a node named {ready!r}", lambda: at.find(window, lambda n: n.name == ready))
            walk(tap, what, node)
        except (at.Timeout, AssertionError, RuntimeError) as error:
            tap.error(what, error)
        finally:
            app.close()


def main():
    tap = Tap(14)
    workdir = __import__("tempfile").mkdtemp(prefix="curator-atspi-names-")
    try:
        path = make_document(workdir)
        expanded_window(tap, path, "wide", None)
        expanded_window(tap, path, "narrow", 400)
        dialogs(tap, path)
        other_windows(tap, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    while tap.n < 14:
        tap.error("not reached", "an earlier step failed")
    return 1 if tap.failed else 0


sys.exit(main())
